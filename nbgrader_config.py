"""nbgrader configuration of the course (embedded defaults: everything inside this folder).

Override with environment variables rather than editing this file:
DLGRADE_DB_URL (e.g. a PostgreSQL URL), DLGRADE_EXCHANGE (a shared exchange folder),
DLGRADE_COURSE_ID.
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = os.environ.get("DLGRADE_COURSE_ID", "dl-course")
c.CourseDirectory.root = here
c.CourseDirectory.db_url = os.environ.get("DLGRADE_DB_URL", "sqlite:///" + os.path.join(here, "gradebook.db"))
c.Exchange.root = os.environ.get("DLGRADE_EXCHANGE", os.path.join(here, "exchange"))
c.Exchange.path_includes_course = False

# Student folders only ever receive notebooks and the small helper files of a lab.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "datasets", "data", "*.h5"]
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
# Per-cell limit for stock `nbgrader autograde`; `dlgrade grade` adds per-notebook limits.
c.ExecutePreprocessor.timeout = 180
c.ClearOutput.enabled = True

# Feedback is rendered from autograded notebooks, where nbgrader has restored the hidden
# tests: strip them again before students see the HTML (`dlgrade feedback` also scans
# every file for hidden-test and solution text before releasing it; see autograder/leaks.py).
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]

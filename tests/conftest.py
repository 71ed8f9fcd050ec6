import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# nbgrader runs `alembic` beside the interpreter
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """One small class of the logistic-regression lab, graded and given feedback (see classroom.py)."""
    from classroom import make_graded_class

    return make_graded_class(tmp_path_factory.mktemp("graded-class") / "course")

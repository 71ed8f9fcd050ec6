"""nbgrader's cell-metadata validation, with each schema checked once: same verdicts, same errors."""

from __future__ import annotations

import jsonschema
import nbformat
import pytest
from nbgrader.nbgraderformat import common
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

from autograder.course import find_course_root
from autograder.nbgrader_api import _SchemaCheckedOnce, course_config

course_config(find_course_root())  # installs the once-checked validation, as grading does


def _cell(**meta) -> nbformat.NotebookNode:
    base = {"grade": True, "grade_id": "test-sigmoid", "locked": True, "points": 2, "schema_version": 3, "solution": False}
    base.update(meta)
    return nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": base})


def _stock_error(cell) -> str | None:
    try:
        jsonschema.validate(cell.metadata["nbgrader"], MetadataValidatorV3().schema)
    except jsonschema.ValidationError as error:
        return error.message
    return None


def test_grading_validates_through_the_once_checked_schema():
    assert isinstance(common.jsonschema, _SchemaCheckedOnce)


@pytest.mark.parametrize(
    "meta",
    [{"points": "ten"}, {"grade_id": 7}, {"locked": "yes"}, {"cell_type": 3}, {"grade": None}],
)
def test_bad_metadata_is_refused_with_jsonschemas_own_message(meta):
    cell = _cell(**meta)
    expected = _stock_error(cell)
    assert expected is not None
    with pytest.raises(jsonschema.ValidationError) as raised:
        MetadataValidatorV3().validate_cell(cell)
    assert raised.value.message == expected


def test_good_metadata_passes_and_a_changed_schema_is_checked_again():
    MetadataValidatorV3().validate_cell(_cell())
    wrapper = _SchemaCheckedOnce(jsonschema)
    with pytest.raises(jsonschema.SchemaError):
        wrapper.validate({}, {"type": "no-such-type"})

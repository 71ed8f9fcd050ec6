#!/usr/bin/env bash
# The whole test suite: lint, unit and lab tests, and the slow end-to-end
# groups (the CI contract grades a class with the engine and with stock nbgrader).
# Extra arguments go to pytest (e.g. -m "not slow" for the quick groups only).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/setup.sh"
cd "$here"
ruff check autograder solutions tests
exec python -m pytest -p no:cacheprovider --durations=15 "$@"

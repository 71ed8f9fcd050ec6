#!/usr/bin/env bash
# The end-to-end demo: a fresh course folder, every lab released through the
# nbgrader exchange, a simulated class of 13 students, grading, feedback, CSV.
# Extra arguments go to `dlgrade demo` (e.g. --dir /tmp/my-demo).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/setup.sh"
cd "$here"
exec dlgrade demo "$@"

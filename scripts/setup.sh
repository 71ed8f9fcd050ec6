#!/usr/bin/env bash
# Prepare this checkout: a virtual environment in .venv with the course package
# and its pinned dependencies (from the package registries only). Idempotent.
# Source it (". scripts/setup.sh") to get .venv/bin on PATH.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3}"

if [ ! -x "$here/.venv/bin/python" ]; then
    echo "setup: creating .venv with $("$python" --version)" >&2
    "$python" -m venv "$here/.venv"
fi
stamp="$here/.venv/.installed-$(sha1sum "$here/pyproject.toml" | cut -c1-12)"
if [ ! -f "$stamp" ]; then
    echo "setup: installing the course package and its dependencies (first run takes a few minutes)" >&2
    "$here/.venv/bin/python" -m pip install --quiet --upgrade pip
    "$here/.venv/bin/python" -m pip install --quiet -e "$here[test]"
    touch "$stamp"
fi
# bubblewrap isolates student code (used by the grading engine where present).
if ! command -v bwrap >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing bubblewrap" >&2
    (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null) || echo "setup: bubblewrap not installed; grading still works" >&2
fi
# Chromium (Debian's build): the browser tests drive it through Playwright; never `playwright install`.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium" >&2
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "setup: chromium not installed; the browser tests will be skipped" >&2
fi
# PostgreSQL: the tests start a throw-away server on loopback to prove the gradebook works on it.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing postgresql" >&2
    (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) || echo "setup: postgresql not installed; its tests will be skipped" >&2
fi
export PATH="$here/.venv/bin:$PATH"

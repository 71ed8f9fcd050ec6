"""A warm template inside the sandbox: import the heavy libraries once, fork per submission.

`python -m autograder.zygote` runs inside bubblewrap (see sandbox.py,
`WarmSandbox`).  It imports NumPy, IPython, matplotlib and, when asked,
TensorFlow/Keras (no TensorFlow op runs before a fork), then serves requests
on stdin, one at a time: fork a child that runs `autograder.runner` on the
named work folder under the resource limits, wait for it, then kill every
other process left in the sandbox and wipe its `/tmp`, so nothing of one
submission is there when the next one starts.  The template makes itself
non-dumpable, so a child (same unprivileged user, no capabilities) cannot
ptrace it or write its memory; a child that kills it only costs a restart.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import sys
from pathlib import Path

PR_SET_DUMPABLE = 4


def _preload(tensorflow: bool) -> None:
    import matplotlib
    import numpy  # noqa: F401
    from IPython.core import interactiveshell  # noqa: F401

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401

    from . import checks, compare, payload, runner  # noqa: F401

    if tensorflow:
        import keras  # noqa: F401
        import tensorflow  # noqa: F401


def _others() -> list[int]:
    me = os.getpid()
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]


def _clean_up() -> None:
    """Kill whatever the last child left behind and empty /tmp."""
    for _ in range(100):
        others = _others()
        if not others:
            break
        for pid in others:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in others:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
    for entry in Path("/tmp").iterdir():
        if os.path.ismount(entry):  # the work folder's scratch is bound here from outside
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _child(workdir: str, limits: dict, env: dict | None = None) -> None:
    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"], limits["memory_bytes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"], limits["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits["open_files"], limits["open_files"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.environ.update({**(env or {}), "HOME": workdir, "IPYTHONDIR": f"{workdir}/.ipython", "MPLCONFIGDIR": f"{workdir}/.matplotlib"})
    from .runner import run

    run(Path(workdir))


def serve(tensorflow: bool, outside_namespace: str) -> None:
    # Cleaning up kills every other process it can see and empties /tmp: that is
    # only right inside the sandbox's own PID namespace (and its private /tmp).
    if not outside_namespace or os.readlink("/proc/self/ns/pid") == outside_namespace:
        sys.exit("autograder.zygote runs only inside its sandbox (a PID namespace of its own)")
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    _preload(tensorflow)
    protocol.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                # The student's code must not reach the request and answer channels.
                os.close(protocol.fileno())
                os.dup2(devnull, 0)
                _child(request["workdir"], request["limits"], request.get("env"))
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        _clean_up()
        protocol.write(json.dumps({"id": request["id"], "code": os.waitstatus_to_exitcode(status)}) + "\n")


if __name__ == "__main__":
    outside = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--outside-pid-namespace=")), "")
    serve(tensorflow="--tensorflow" in sys.argv, outside_namespace=outside)

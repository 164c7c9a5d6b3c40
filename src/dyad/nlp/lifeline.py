"""Worker processes that die with their parent, whatever kills it.

A pool's worker outlives a parent killed with SIGKILL: nothing tells it (the pool's pipes stay open in the
other workers, and so does the resource tracker's), so the workers, a gigabyte of model each, and the
resource tracker keep running. Two guards: on Linux the kernel sends the worker SIGKILL when its parent
dies (``prctl(PR_SET_PDEATHSIG)``); everywhere a watchdog thread sees the parent id change (the worker
was re-parented) and ends the worker. With the workers gone, the resource tracker reads the end of its
pipe and exits by itself.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def tie_to_parent(parent: int) -> None:
    """End this process when process ``parent`` (the one that started it) dies; call it first thing in a
    worker."""
    if sys.platform.startswith("linux"):
        _arm_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="dyad-parent-watch", daemon=True).start()


def _arm_death_signal() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no usable libc: the watchdog alone guards


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)  # no cleanup to run: the parent owned the store and the results

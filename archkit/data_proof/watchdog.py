"""Removes a throwaway cluster when the process that started it dies without cleaning up
(SIGKILL, a crash of the interpreter): ``python -m archkit.data_proof.watchdog OWNER PID DIR``.

It runs in its own session so a signal to the owner's process group does not reach it; it
polls the owner, and when the owner is gone it stops the postmaster (SIGQUIT: immediate
shutdown) and deletes the folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time

POLL_S = 0.2


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


def main(owner: int, postmaster: int, folder: str) -> None:
    while _alive(owner) and os.path.isdir(folder):
        time.sleep(POLL_S)
    if _alive(postmaster):
        os.kill(postmaster, signal.SIGQUIT)
        deadline = time.monotonic() + 10
        while _alive(postmaster) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(postmaster):
            os.kill(postmaster, signal.SIGKILL)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])

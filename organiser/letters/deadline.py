"""A time bound on a piece of work (a letter's layout), so that no text holds a web worker for
long.

The work runs in a thread of its own while the caller waits at most `seconds`. Past that the
caller raises RenderTimeout in the work's thread (CPython's PyThreadState_SetAsyncExc), again
every RESEND seconds for up to GRACE seconds while it runs, and answers RenderTimeout itself:
the exception arrives between two Python steps, and WeasyPrint's layout is Python code calling
Pango for short stretches. RenderTimeout is a BaseException, so an `except Exception` in a
library does not swallow it. Only the work's own thread is ever interrupted, never the caller.
"""

import ctypes
import threading
from collections.abc import Callable
from typing import Any

RESEND = 0.05  # seconds between two interruptions, should one be swallowed
GRACE = 1.0  # how long the caller keeps interrupting before it answers anyway


class RenderTimeout(BaseException):  # noqa: N818 (reads as the event it is)
    """The work ran past its time bound and was stopped."""


def interrupt(thread: threading.Thread) -> None:
    """Raise RenderTimeout in that thread at its next Python step."""
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident), ctypes.py_object(RenderTimeout)
        )


def within(seconds: float, work: Callable[..., Any], *args: Any) -> Any:
    """work(*args), done in a thread of its own; RenderTimeout if not done within seconds."""
    outcome: dict[str, Any] = {}
    lock = threading.Lock()

    def run() -> None:
        try:
            value = work(*args)
        except BaseException as error:  # noqa: BLE001 (handed to the caller, whatever it is)
            with lock:
                if not outcome:
                    outcome["error"] = error
        else:
            with lock:
                if not outcome:
                    outcome["value"] = value

    thread = threading.Thread(target=run, name="letter-render", daemon=True)
    thread.start()
    thread.join(seconds)
    with lock:
        late = not outcome
        if late:
            outcome["error"] = RenderTimeout(f"not done within {seconds} s")
    waited = 0.0
    while late and thread.is_alive() and waited < GRACE:
        interrupt(thread)
        thread.join(RESEND)
        waited += RESEND
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]

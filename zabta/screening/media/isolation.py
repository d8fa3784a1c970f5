"""Run media analysis in a child process with a hard wall-clock limit.

The decoders check their deadline between frames; a crafted file can still make FFmpeg or a codec spin
inside one call. In a child process that call is killed when the limit passes, and the caller gets a
`DecodeTimeout` instead of a hung worker.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from zabta.screening.media.errors import DecodeTimeout

_GRACE_S = 30.0  # start-up of the child (imports) on top of the decode limit


def run_isolated[T](fn: Callable[..., T], *args: Any, timeout_s: float, what: str = "the file") -> T:
    """`fn(*args)` in a fresh process; DecodeTimeout after `timeout_s` (+ start-up grace), errors re-raised."""
    context = multiprocessing.get_context("spawn")  # no inherited threads, locks or database connections
    with context.Pool(1) as pool:
        pending = pool.apply_async(fn, args)
        try:
            return pending.get(timeout=timeout_s + _GRACE_S)
        except multiprocessing.TimeoutError as exc:
            pool.terminate()
            raise DecodeTimeout(f"{what}: analysis took longer than {timeout_s:.0f} s and was stopped") from exc

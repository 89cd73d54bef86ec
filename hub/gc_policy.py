"""Garbage-collector policy of the hub process.

A full (generation 2) collection walks every tracked object. After start that is mostly
long-lived data (validated configuration, automations, registries, compiled templates): with
1,000 automations one pass took 80-170 ms, long enough to push an automation's p99 latency
over 100 ms whenever one ran. So: no full collections while starting (young generations are
still collected), then the objects that survived start are frozen (`gc.freeze`), and later
full collections only scan what was made since. `Hub.run` uses both; tests that call
`Hub.start` directly are unaffected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

STARTUP_GEN2_THRESHOLD = 1_000_000  # effectively "never" for the few seconds of a start


@contextmanager
def starting() -> Iterator[None]:
    """Skip full collections for the duration (thresholds restored afterwards)."""
    gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(gen0, gen1, STARTUP_GEN2_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(gen0, gen1, gen2)


@contextmanager
def running() -> Iterator[None]:
    """Freeze everything alive now; unfrozen again when the block ends (stop or restart)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

"""Resuming a run after a restart at a delay, at any depth of sequence/choose/if nesting.

A delay's step path (`action/2/choose/0/sequence/1`) is its resume point: on resume each
enclosing step follows the recorded branch without re-checking conditions, the delay waits
for its original deadline, and the run continues normally from there. Delays inside `repeat`
or `parallel` and every `wait_*` step are not resumable (their loop counters, sibling branches
or listeners cannot be rebuilt soundly); such runs are dropped at shutdown with a warning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hub.context import Context

if TYPE_CHECKING:
    from .script import Script

_LOGGER = logging.getLogger(__name__)

# What may follow a step index for the delay below it to be resumable.
_NESTED = re.compile(r"(?:/(?:choose/\d+/sequence|default|then|else|sequence)/\d+)*")


@dataclass(frozen=True, slots=True)
class Resume:
    """Where a restored run picks up: the delay step's path and its deadline (POSIX s)."""

    path: str
    deadline: float

    def into(self, path: str) -> str | None:
        """The rest of the resume path below step `path` ('then/0', 'choose/1/sequence/0')."""
        if self.path.startswith(path + "/"):
            return self.path[len(path) + 1 :]
        return None


def resumable(root: str, path: str) -> bool:
    """Whether a delay at `path` can be resumed after a restart (cheap; called per delay)."""
    if not path.startswith(root + "/"):
        return False
    head, _, tail = path[len(root) + 1 :].partition("/")
    return head.isdigit() and (not tail or _NESTED.fullmatch("/" + tail) is not None)


def step_at(sequence: list[dict[str, Any]], root: str, path: str) -> dict[str, Any] | None:
    """The step a resumable path names in `sequence`, or None if the config no longer has it."""
    parts = path.split("/")
    if parts[0] != root:
        return None
    steps: Any = sequence
    i = 1
    while i < len(parts) and parts[i].isdigit() and isinstance(steps, list):
        index = int(parts[i])
        if index >= len(steps):
            return None
        step = steps[index]
        i += 1
        if i == len(parts):
            return step if isinstance(step, dict) else None
        key = parts[i]
        if key == "choose" and i + 2 < len(parts) and parts[i + 1].isdigit():
            options = step.get("choose") or []
            option = int(parts[i + 1])
            if option >= len(options) or parts[i + 2] != "sequence":
                return None
            steps, i = options[option].get("sequence"), i + 3
        elif key in ("then", "else", "default", "sequence"):
            steps, i = step.get(key), i + 1
        else:
            return None
    return None


def restore_runs(script: Script, this: Callable[[], Any], *, enabled: bool = True) -> None:
    """Start again, once the hub has started, every run of `script` saved in a delay."""
    host, prefix = script.host, script.pending_prefix
    if host.pending is None or prefix is None:
        return
    for key, entry in host.pending.with_prefix(prefix).items():
        host.pending.remove(key)
        if not enabled:
            continue
        data = entry.get("data") or {}
        # Version-1 entries saved only the top-level step index.
        path = str(data.get("path") or f"{script.root}/{int(data.get('step', 0))}")
        step = step_at(script.sequence, script.root, path)
        if step is None or "delay" not in step:
            _LOGGER.warning(
                "%s: the delay at %s saved before the restart is no longer in its "
                "configuration; that run is dropped",
                script.name,
                path,
            )
            continue
        resume = Resume(path, float(entry["deadline"]))
        saved = dict(data.get("variables") or {})

        def start(variables: dict[str, Any] = saved, resume: Resume = resume) -> None:
            context = Context()
            variables["this"] = this()
            variables["context"] = context
            trace = script.new_trace(context, variables, "resumed after restart")
            host.create_task(
                script.start(variables, context, trace, resume=resume),
                f"{script.domain}:{script.item_id}:resume",
            )

        host.when_started(start)

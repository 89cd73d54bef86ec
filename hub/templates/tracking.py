"""What a render read (entities, domains, all states, time), so callers re-render only on change.

The render in progress is held in a context variable: template helpers record what they read
into it without the compiled template or the shared environment carrying per-render state.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from .errors import TemplateError
from .limits import RenderBudget


@dataclass(slots=True)
class RenderInfo:
    """The outcome of one render and what it depended on."""

    template: str
    result: Any = None
    exception: TemplateError | None = None
    entities: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    all_states: bool = False
    has_time: bool = False

    def depends_on(self, entity_id: str) -> bool:
        """True when a change to `entity_id` could change this render's result."""
        return (
            self.all_states
            or entity_id in self.entities
            or entity_id.partition(".")[0] in self.domains
        )


class RenderRun:
    """Per-render scratch state: the work budget and the dependencies collected."""

    __slots__ = ("budget", "info")

    def __init__(self, budget: RenderBudget, info: RenderInfo | None) -> None:
        self.budget = budget
        self.info = info


current_run: ContextVar[RenderRun | None] = ContextVar("bastion_template_run", default=None)


def collect_entity(entity_id: str) -> None:
    """Record that the current render read `entity_id`."""
    run = current_run.get()
    if run is not None and run.info is not None:
        run.info.entities.add(entity_id)


def collect_domain(domain: str) -> None:
    """Record that the current render iterated every entity of `domain`."""
    run = current_run.get()
    if run is not None and run.info is not None:
        run.info.domains.add(domain)


def collect_all_states() -> None:
    """Record that the current render iterated every state."""
    run = current_run.get()
    if run is not None and run.info is not None:
        run.info.all_states = True


def collect_time() -> None:
    """Record that the current render read the clock (its result changes with time)."""
    run = current_run.get()
    if run is not None and run.info is not None:
        run.info.has_time = True


def tick() -> None:
    """Charge one unit of work to the current render, if any."""
    run = current_run.get()
    if run is not None:
        run.budget.tick()

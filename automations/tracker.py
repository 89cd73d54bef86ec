"""TemplateTracker: re-render a template only when an entity it read changes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from hub.events import Event
from hub.templates import RenderInfo, Template

from .host import Host, Unsubscribe

_LOGGER = logging.getLogger(__name__)

# on_result(info, event) is called after each render (event None for the first one).
ResultCallback = Callable[[RenderInfo, Event | None], None]


class TemplateTracker:
    """Renders `template`, listens to exactly what it read, and calls back on every re-render."""

    def __init__(
        self,
        host: Host,
        template: Template,
        variables: dict[str, Any],
        on_result: ResultCallback,
    ) -> None:
        self._host = host
        self._template = template
        self._variables = variables
        self._on_result = on_result
        self._unsubs: list[Unsubscribe] = []
        self._watched: tuple[frozenset[str], frozenset[str], bool] | None = None
        self.renders = 0

    def start(self) -> RenderInfo:
        return self._render(None)

    def _render(self, event: Event | None) -> RenderInfo:
        self.renders += 1
        info = self._template.render_info(self._variables)
        self._watch(info)
        self._on_result(info, event)
        return info

    def _watch(self, info: RenderInfo) -> None:
        wanted = (frozenset(info.entities), frozenset(info.domains), info.all_states)
        if wanted == self._watched:
            return
        self.stop()
        self._watched = wanted
        entities, domains, all_states = wanted
        if all_states or domains:

            def relevant(event: Event) -> bool:
                entity_id = event.data.get("entity_id", "")
                return (
                    all_states or entity_id.partition(".")[0] in domains or (entity_id in entities)
                )

            self._unsubs.append(
                self._host.listen("state_changed", self._changed, event_filter=relevant)
            )
        elif entities:
            self._unsubs.append(self._host.listen_state(entities, self._changed))

    def _changed(self, event: Event) -> None:
        self._host.stats.trigger_evaluations += 1
        self._render(event)

    def stop(self) -> None:
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        self._watched = None

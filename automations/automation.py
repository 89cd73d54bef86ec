"""Automation: triggers → conditions → a Script; its `automation.<id>` entity; enable/disable."""

from __future__ import annotations

import logging
from typing import Any

from hub.context import Context
from hub.entity import Entity
from hub.registry import slugify
from hub.templates import render_complex

from .actions import Script
from .actions.resume import restore_runs
from .conditions import check_all
from .host import Host, Unsubscribe
from .trace import DEFAULT_STORED_TRACES, TraceStore
from .triggers.attach import attach_triggers

_LOGGER = logging.getLogger(__name__)

DOMAIN = "automation"
EVENT_AUTOMATION_TRIGGERED = "automation_triggered"


class AutomationEntity(Entity):
    """`automation.<slug>`: on/off, with last_triggered, current runs, mode and id."""

    domain = DOMAIN
    restore = True

    def __init__(self, automation: Automation) -> None:
        super().__init__(automation.name, unique_id=automation.config.get("id"))
        self.suggested_object_id = slugify(automation.name)
        self.automation = automation

    @property
    def state(self) -> str:
        return "on" if self.automation.enabled else "off"

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        attrs: dict[str, Any] = {
            "last_triggered": self.automation.last_triggered,
            "mode": self.automation.script.mode.value,
            "current": self.automation.script.runs,
        }
        if self.automation.script.mode.value in ("queued", "parallel"):
            attrs["max"] = self.automation.script.max_runs
        if "id" in self.automation.config:
            attrs["id"] = self.automation.config["id"]
        attrs["friendly_name"] = self.automation.name
        return attrs

    async def restore_state(self, last: Any, extra: Any) -> None:
        if "initial_state" not in self.automation.config:
            self.automation.enabled = last.state == "on"
        self.automation.last_triggered = last.attributes.get("last_triggered")


class Automation:
    """One validated automation and its live attachment to the hub."""

    def __init__(self, host: Host, traces: TraceStore, config: dict[str, Any], index: int) -> None:
        self.host = host
        self.config = config
        self.name: str = config.get("alias") or config.get("id") or f"automation {index}"
        self.item_id: str = str(config.get("id") or slugify(self.name))
        self.enabled: bool = config.get("initial_state", config.get("enabled", True))
        self.last_triggered: str | None = None
        self.entity = AutomationEntity(self)
        self._detach: Unsubscribe | None = None
        self.script = Script(
            host,
            config["actions"],
            name=self.name,
            domain=DOMAIN,
            item_id=self.item_id,
            traces=traces,
            mode=config["mode"],
            max_runs=config["max"],
            max_exceeded=config["max_exceeded"],
            stored_traces=(config.get("trace") or {}).get("stored_traces", DEFAULT_STORED_TRACES),
            root="action",
            pending_prefix=f"delay/{self.item_id}/",
            on_change=self._write_state,
        )
        self.trigger_variables: dict[str, Any] = {}

    @property
    def entity_id(self) -> str:
        return self.entity.entity_id

    def _write_state(self) -> None:
        self.entity.write_state()

    # -- attachment ----------------------------------------------------------------------
    async def attach(self) -> None:
        """Attach the triggers (if enabled) and resume delays persisted before a restart."""
        if self.enabled and self._detach is None:
            raw = self.config.get("trigger_variables") or {}
            self.trigger_variables = render_complex(raw, {}, self.host.templates)
            self._detach = await attach_triggers(
                self.host,
                self.config["triggers"],
                self._on_trigger,
                name=self.name,
                item_id=self.item_id,
                variables=dict(self.trigger_variables),
            )
        self._resume_delays()

    def detach(self) -> None:
        if self._detach is not None:
            self._detach()
            self._detach = None

    async def turn_on(self) -> None:
        self.enabled = True
        await self.attach()
        self._write_state()

    async def turn_off(self, stop_actions: bool = True) -> None:
        self.enabled = False
        self.detach()
        if stop_actions:
            await self.script.stop()
        self._write_state()

    async def remove(self) -> None:
        self.detach()
        await self.script.stop()

    # -- running -------------------------------------------------------------------------
    def _on_trigger(self, payload: dict[str, Any], context: Context | None) -> None:
        # Eager: conditions and actions that need no waiting run now, inside the state
        # change that triggered them, instead of queueing one task per trigger.
        self.host.create_task(
            self.trigger(payload, context), f"automation:{self.item_id}", eager=True
        )

    async def trigger(
        self,
        payload: dict[str, Any],
        context: Context | None = None,
        *,
        skip_condition: bool = False,
    ) -> None:
        """Run for a trigger: child context, conditions, then the actions per the mode."""
        parent = context or Context()
        run_context = Context(user_id=parent.user_id, parent_id=parent.id)
        variables: dict[str, Any] = {"this": self.host.state(self.entity_id)}
        variables.update(self.trigger_variables)
        variables.update(payload)
        variables["context"] = run_context
        trigger = payload.get("trigger") or {}
        trace = self.script.new_trace(run_context, variables, trigger.get("description"))
        if self.config.get("variables"):
            try:
                variables.update(
                    render_complex(self.config["variables"], variables, self.host.templates)
                )
            except Exception as err:  # a template is user configuration
                message = trace.masker().text(str(err))  # it may echo a secret of the trigger
                _LOGGER.error("%s: variables failed to render: %s", self.name, message)
                trace.finish(self.host.now(), "error", message)
                self.script.traces.add(trace, self.script.stored_traces)
                return
        if not skip_condition and not check_all(
            self.host, self.config["conditions"], variables, trace.condition
        ):
            trace.finish(self.host.now(), "failed_conditions")
            self.script.traces.add(trace, self.script.stored_traces)
            return
        self.last_triggered = self.host.now().isoformat()
        self.host.fire(
            EVENT_AUTOMATION_TRIGGERED,
            {"name": self.name, "entity_id": self.entity_id, "source": trigger.get("description")},
            run_context,
        )
        await self.script.start(variables, run_context, trace)
        self._write_state()

    def _resume_delays(self) -> None:
        restore_runs(self.script, lambda: self.host.state(self.entity_id), enabled=self.enabled)

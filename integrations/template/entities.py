"""Template sensors and binary sensors: re-rendered only when an entity they read changes."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from automations.host import Host, Unsubscribe
from automations.tracker import TemplateTracker
from automations.triggers.attach import attach_triggers
from hub.context import Context
from hub.domains.binary_sensor import BinarySensorEntity
from hub.domains.sensor import SensorEntity
from hub.events import Event
from hub.templates import RenderInfo, render_complex, result_as_boolean

_LOGGER = logging.getLogger(__name__)


class TemplateMixin:
    """Shared rendering: `state`, `availability`, `icon`, `attributes` templates."""

    _thost: Host
    _config: dict[str, Any]
    _triggers: list[dict[str, Any]] | None
    _unsubs: list[Unsubscribe]
    _value: Any
    _attrs: dict[str, Any]
    _icon_value: str | None
    _ok: bool

    def setup_templates(self, host: Host, config: dict[str, Any], triggers: Any) -> None:
        self._thost = host
        self._config = config
        self._triggers = triggers
        self._unsubs = []
        self._value = None
        self._attrs = {}
        self._icon_value = None
        self._ok = True

    def _render_all(self, variables: dict[str, Any]) -> None:
        engine = self._thost.templates
        config = self._config
        try:
            if "availability" in config:
                self._ok = result_as_boolean(
                    self._thost.template(config["availability"]).render(variables)
                )
            if "state" in config:
                self._value = self._thost.template(config["state"]).render(variables)
            if "icon" in config:
                self._icon_value = str(self._thost.template(config["icon"]).render(variables))
            if "attributes" in config:
                self._attrs = render_complex(config["attributes"], variables, engine)
        except Exception as err:  # a template is user configuration
            _LOGGER.warning("%s: template failed: %s", self._config.get("name"), err)
            self._value = None
        self.publish()

    def publish(self) -> None:
        self.write_state()  # type: ignore[attr-defined]

    async def start_rendering(self) -> None:
        if self._triggers is None:
            # One tracker per template source; any of them changing re-renders everything.
            sources = [
                self._config[k] for k in ("state", "availability", "icon") if k in self._config
            ]
            sources += [v for v in (self._config.get("attributes") or {}).values()]

            def on_result(_info: RenderInfo, event: Event | None) -> None:
                if event is not None:
                    self._render_all({"this": self._thost.state(self.entity_id)})  # type: ignore[attr-defined]

            for source in sources:
                if isinstance(source, str):
                    tracker = TemplateTracker(
                        self._thost, self._thost.template(source), {}, on_result
                    )
                    tracker.start()
                    self._unsubs.append(tracker.stop)
            self._render_all({})
            return

        def fired(payload: dict[str, Any], _context: Context | None) -> None:
            self._render_all({**payload, "this": self._thost.state(self.entity_id)})  # type: ignore[attr-defined]

        detach = await attach_triggers(
            self._thost,
            self._triggers,
            fired,
            name=str(self._config.get("name")),
            item_id=f"template/{self._config.get('unique_id') or self._config.get('name')}",
            persist=False,
        )
        self._unsubs.append(detach)

    def stop_rendering(self) -> None:
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()


class TemplateSensor(TemplateMixin, SensorEntity):
    def __init__(self, host: Host, config: dict[str, Any], triggers: Any) -> None:
        SensorEntity.__init__(
            self,
            config.get("name"),
            unique_id=config.get("unique_id"),
            device_class=config.get("device_class"),
            unit_of_measurement=config.get("unit_of_measurement"),
        )
        self.state_class = config.get("state_class")
        self.restore = triggers is not None  # type: ignore[misc]
        self.setup_templates(host, config, triggers)

    @property
    def native_value(self) -> Any:
        return self._value

    @property
    def available(self) -> bool:
        return self._ok

    @property
    def icon(self) -> str | None:
        return self._icon_value

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return dict(self._attrs)

    async def added(self) -> None:
        await self.start_rendering()

    async def removed(self) -> None:
        self.stop_rendering()

    async def restore_state(self, last: Any, extra: Any) -> None:
        self._value = last.state


class TemplateBinarySensor(TemplateMixin, BinarySensorEntity):
    def __init__(self, host: Host, config: dict[str, Any], triggers: Any) -> None:
        BinarySensorEntity.__init__(
            self,
            config.get("name"),
            unique_id=config.get("unique_id"),
            device_class=config.get("device_class"),
        )
        self.setup_templates(host, config, triggers)
        self._published: bool | None = None
        self._cancel_delay: Unsubscribe | None = None

    @property
    def is_on(self) -> bool | None:
        return self._published

    @property
    def available(self) -> bool:
        return self._ok

    @property
    def icon(self) -> str | None:
        return self._icon_value

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        return dict(self._attrs)

    def publish(self) -> None:
        wanted = None if self._value is None else result_as_boolean(self._value)
        if self._cancel_delay is not None:
            self._cancel_delay()
            self._cancel_delay = None
        delay = self._config.get("delay_on" if wanted else "delay_off")
        if (
            wanted is not None
            and self._published is not None
            and wanted != self._published
            and delay
        ):
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)

            def later() -> None:
                self._cancel_delay = None
                self._published = wanted
                self.write_state()

            self._cancel_delay = self._thost.call_later(seconds, later)
            return
        self._published = wanted
        self.write_state()

    async def added(self) -> None:
        await self.start_rendering()

    async def removed(self) -> None:
        self.stop_rendering()
        if self._cancel_delay is not None:
            self._cancel_delay()

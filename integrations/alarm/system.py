"""AlarmSystem: areas, codes, incidents and playbooks wired together (the AreaHooks)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from hub.context import Context
from hub.errors import HubError, Unauthorized
from hub.events import Event
from hub.integration import IntegrationContext

from .area import Area, Sensor
from .audit import Auditor
from .codes import (
    CodeBook,
    CodeMatch,
    LockedOut,
    TagBook,
    WrongCode,
    check_rights,
    match_code,
)
from .escalation import Escalator
from .links import AckLinks
from .playbooks import Playbooks
from .verification import EVENT_DETECTION, CameraVerifier, Detection

_LOGGER = logging.getLogger(__name__)

LIFE_SAFETY = {"fire", "co", "gas", "water_leak"}


class AlarmSystem:
    """Everything behind the panels; every public method checks the code and audits."""

    def __init__(
        self,
        ctx: IntegrationContext,
        config: Mapping[str, Any],
        codes: CodeBook,
        *,
        numeric_codes: bool,
    ) -> None:
        self._ctx = ctx
        self.audit = Auditor(ctx)
        self.codes = codes
        self.tags = TagBook(config["tags"])
        self.code_arm_required = bool(config["code_arm_required"])
        self.numeric_codes = numeric_codes
        self.escalation_refs = {a: c.get("escalation") for a, c in config["areas"].items()}
        self.verification = {a: c.get("verification") for a, c in config["areas"].items()}
        camera_conf = config["camera_verification"]
        self.cameras = CameraVerifier(
            {a: c["cameras"] for a, c in config["areas"].items()},
            camera_conf["labels"],
            camera_conf["min_confidence"],
        )
        self.areas: dict[str, Area] = {}
        for area_id, conf in config["areas"].items():
            sensors = {}
            for s in conf["sensors"]:
                state = ctx.states.get(s["entity_id"])
                friendly = state.attributes.get("friendly_name") if state else None
                sensors[s["entity_id"]] = Sensor.from_config(s, friendly or s["entity_id"])
            self.areas[area_id] = Area(
                area_id,
                conf.get("name") or area_id.replace("_", " ").title(),
                sensors,
                conf["exit_delay"],
                conf["entry_delay"],
                list(conf["sirens"]),
                conf.get("verification"),
                self,
                self.audit,
            )
        self.escalator = Escalator(ctx, config["escalation"], self.audit, self.sound_sirens)
        self.links = AckLinks(ctx, self.escalator, self.audit)
        self.escalator.issue_link = self.links.issue
        self.playbooks = Playbooks(ctx, config["playbooks"], self.audit)
        self.panels: list[Any] = []
        self._by_sensor: dict[str, list[Area]] = {}
        for area in self.areas.values():
            for entity_id in area.sensors:
                self._by_sensor.setdefault(entity_id, []).append(area)

    def start(self) -> None:
        """Listen to the sensors and resume areas restored mid-delay or triggered."""
        if self._by_sensor:
            self._ctx.listen_state(list(self._by_sensor), self._sensor_event)
        if any(self.verification.values()):
            self._ctx.listen(EVENT_DETECTION, self._detection)
        for area in self.areas.values():
            area.resume()

    # -- AreaHooks -------------------------------------------------------------------------
    def state_of(self, entity_id: str) -> str | None:
        state = self._ctx.states.get(entity_id)
        return state.state if state else None

    def call_later(self, delay: float, callback: Callable[[], Any]) -> Callable[[], None]:
        return self._ctx.call_later(delay, callback)

    def now(self) -> datetime:
        return self._ctx.now()

    def changed(self, area: Area) -> None:
        for panel in self.panels:
            if area.area_id in panel.area_ids:
                panel.write_state()

    def alarm(self, area: Area, kind: str, sensor: Sensor | None, context: Context | None) -> None:
        window = self.verification.get(area.area_id)
        seen = None
        if kind == "intrusion" and window:  # a person seen just before also confirms
            seen = self.cameras.recent(area.area_id, self._ctx.clock.timestamp(), window)
        confirmed = not (kind == "intrusion" and window) or seen is not None
        policy_kind = kind if confirmed else "unconfirmed"
        incident = self.escalator.open(
            area.area_id,
            area.name,
            kind,
            self.sensor_name(sensor) if sensor else None,
            self._policy(area.area_id, policy_kind),
            confirmed=confirmed,
            context=context,
        )
        if seen is not None:
            self.audit.record(
                "alarm.confirmed",
                context=None,
                target=area.area_id,
                details={"incident_id": incident.incident_id, **seen.details()},
            )
        if sensor is not None:
            for name in self.playbooks.for_role(sensor.role):
                self._ctx.create_task(
                    self.playbooks.run(name, Context(), reason=f"{sensor.name} in {area.name}"),
                    f"playbook-{name}",
                )

    def confirmed(self, area: Area, sensor: Sensor) -> None:
        self._confirm(area.area_id, {"sensor": sensor.entity_id})

    def has_open_incident(self, area: Area) -> bool:
        return any(  # a water leak does not make a panel show triggered
            i.area == area.area_id
            and i.status != "resolved"
            and not i.silent
            and i.kind != "water_leak"
            for i in self.escalator.incidents.values()
        )

    def _detection(self, event: Event) -> None:
        detection = Detection.parse(event.data, self._ctx.clock.timestamp())
        if detection is None:
            _LOGGER.debug("Ignoring a malformed %s event", EVENT_DETECTION)
            return
        for area_id in self.cameras.accept(detection):
            self._confirm(area_id, detection.details())

    def _confirm(self, area_id: str, evidence: Mapping[str, Any]) -> None:
        """Confirm the area's unconfirmed incidents that are still within the window."""
        area = self.areas[area_id]
        for incident in self.escalator.active(area.area_id):
            if not incident.confirmed:
                window = self.verification.get(area.area_id) or 0
                age = (self._ctx.now() - incident.started).total_seconds()
                if age <= window:
                    self.escalator.switch_policy(
                        incident, self._policy(area.area_id, incident.kind), confirmed=True
                    )
                    self.audit.record(
                        "alarm.confirmed",
                        context=None,
                        target=area.area_id,
                        details={"incident_id": incident.incident_id, **evidence},
                    )

    def sensor_name(self, sensor: Sensor) -> str:
        """The configured name, else the sensor's current friendly name (its integration may
        have started after the alarm), else its entity id."""
        if sensor.name != sensor.entity_id:
            return sensor.name
        state = self._ctx.states.get(sensor.entity_id)
        friendly = state.attributes.get("friendly_name") if state else None
        return str(friendly) if friendly else sensor.entity_id

    def _policy(self, area_id: str, kind: str) -> str | None:
        ref = self.escalation_refs.get(area_id)
        if ref is None or isinstance(ref, str):
            return ref
        return ref.get(kind) or ref.get("default")

    async def sound_sirens(self, area_id: str, context: Context) -> None:
        sirens = self.areas[area_id].sirens
        if sirens:
            await self._ctx.call_service(
                "siren", "turn_on", target={"entity_id": sirens}, context=context
            )

    def _sensor_event(self, event: Event) -> None:
        """One of the areas' sensors changed: let each area react, then refresh the panels
        whose readiness (open sensors, ready to arm, trigger sensors) moved without the
        area changing state (e.g. a door opening while disarmed or during the exit delay)."""
        entity_id = event.data["entity_id"]
        old, new = event.data.get("old_state"), event.data.get("new_state")
        before = old.state if old is not None else None
        after = new.state if new is not None else None
        stale: list[Area] = []
        for area in self._by_sensor.get(entity_id, []):
            sensor = area.sensors[entity_id]
            state = area.state
            area.sensor_changed(sensor, before, after)
            # A state change already wrote the area's panels with fresh attributes.
            if sensor.opens(before) != sensor.opens(after) and area.state == state:
                stale.append(area)
        if stale:
            ids = {area.area_id for area in stale}
            for panel in self.panels:
                if ids.intersection(panel.area_ids):
                    panel.write_state()

    # -- codes -----------------------------------------------------------------------------
    async def authorize(
        self,
        code: str | None,
        right: str,
        areas: list[str],
        mode: str | None,
        context: Context,
        source: str,
        *,
        tag: str | None = None,
    ) -> CodeMatch:
        """The user behind `code` (or RFID `tag`) if they may do `right` on `areas`; wrong codes
        and unknown tags count toward the source's lockout. Raises LockedOut, WrongCode or
        Unauthorized."""
        method = "tag" if tag is not None else "code"
        now = self._ctx.clock.timestamp()
        left = self.codes.lockout.remaining(source, now)
        if left > 0:
            self.audit.record(
                "alarm.code_locked_out",
                context=context,
                target=source,
                outcome="failure",
                details={"right": right, "seconds_left": round(left), "method": method},
            )
            raise LockedOut(
                f"Code entry on {source} is locked for {left:.0f} more seconds", retry_after=left
            )
        match = None
        if tag is not None:
            match = self.tags.match(tag)
        elif code:
            match = await self._ctx.run_blocking(match_code, self.codes.users(), code)
        if match is None:
            locked = self.codes.lockout.failure(source, now)
            self.audit.record(
                "alarm.code_wrong",
                context=context,
                target=source,
                outcome="failure",
                details={"right": right, "areas": areas, "method": method},
            )
            if locked:
                self.audit.record(
                    "alarm.lockout",
                    context=context,
                    target=source,
                    outcome="failure",
                    details={"right": right},
                )
                self._ctx.notify(
                    f"Too many wrong codes on {source}; code entry is locked.",
                    "Alarm keypad locked",
                    f"alarm_lockout_{source}",
                )
            raise WrongCode(
                "Unknown tag" if tag is not None else "Wrong code",
                locked_for=self.codes.lockout.remaining(source, now) if locked else 0.0,
            )
        self.codes.lockout.success(source)
        try:
            for area in areas or [None]:  # no areas: still check right, expiry, schedule
                check_rights(
                    match.user,
                    right,
                    area=area,
                    mode=mode,
                    now=self._ctx.now(),
                    time_zone=self._tz(),
                )
        except Unauthorized as err:
            self.audit.record(
                "alarm.code_refused",
                context=context,
                target=source,
                outcome="failure",
                details={
                    "user": match.user.name,
                    "right": right,
                    "reason": str(err),
                    "method": method,
                },
            )
            raise
        return match

    # -- actions ---------------------------------------------------------------------------
    async def arm(
        self,
        area_ids: list[str],
        mode: str,
        code: str | None,
        context: Context,
        source: str,
        *,
        force: bool = False,
        tag: str | None = None,
    ) -> None:
        """Arm the areas in `mode` (all or none: readiness is checked for every area first)."""
        if self.code_arm_required or code or tag is not None:
            match = await self.authorize(code, "arm", area_ids, mode, context, source, tag=tag)
            if force:
                check_rights(
                    match.user,
                    "force",
                    area=None,
                    mode=None,
                    now=self._ctx.now(),
                    time_zone=self._tz(),
                )
            by = match.user.name
        else:
            by = context.user_id or "automation"
        plans = []
        for area_id in area_ids:
            area = self.areas[area_id]
            try:
                plans.append((area, area.check_ready(mode, force)))
            except HubError as err:
                self.audit.record(
                    "alarm.arm",
                    context=context,
                    target=area_id,
                    outcome="failure",
                    details={"mode": mode, "by": by, "reason": str(err)},
                )
                raise
        for area, bypass in plans:
            area.arm(mode, by, bypass, context)

    async def disarm(
        self,
        area_ids: list[str],
        code: str | None,
        context: Context,
        source: str,
        *,
        tag: str | None = None,
    ) -> None:
        match = await self.authorize(code, "disarm", area_ids, None, context, source, tag=tag)
        for area_id in area_ids:
            self.areas[area_id].disarm(match.user.name, context, duress=match.duress)
            self.escalator.resolve_area(area_id, context, keep_kinds=LIFE_SAFETY)
            await self._silence(area_id, context)
        if match.duress:
            area = self.areas[area_ids[0]]
            self.escalator.open(
                area.area_id,
                area.name,
                "duress",
                None,
                self._policy(area.area_id, "duress"),
                silent=True,
                context=context,
            )

    async def _silence(self, area_id: str, context: Context) -> None:
        sirens = [s for s in self.areas[area_id].sirens if s not in self.playbooks.holds]
        if sirens:
            try:
                await self._ctx.call_service(
                    "siren", "turn_off", target={"entity_id": sirens}, context=context
                )
            except HubError as err:
                _LOGGER.warning("Could not silence sirens of %s: %s", area_id, err)

    async def panic(
        self,
        area_ids: list[str],
        code: str | None,
        context: Context,
        source: str,
        *,
        tag: str | None = None,
    ) -> None:
        """A panic alarm on the areas (a code is optional: a panic button has none)."""
        who = None
        if code or tag is not None:
            match = await self.authorize(code, "panic", area_ids, None, context, source, tag=tag)
            who = match.user.name
        self.audit.record(
            "alarm.panic", context=context, target=",".join(area_ids), details={"by": who}
        )
        for area_id in area_ids:
            self.areas[area_id].trigger("panic", None, context)
        for name in self.playbooks.for_role("panic"):
            await self.playbooks.run(name, context, reason="panic")

    def _tz(self) -> ZoneInfo:
        zone = getattr(self._ctx.core, "time_zone", None)
        if isinstance(zone, ZoneInfo):
            return zone
        try:
            return ZoneInfo(str(zone)) if zone else ZoneInfo("UTC")
        except (ValueError, KeyError):
            return ZoneInfo("UTC")

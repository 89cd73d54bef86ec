"""End-to-end: the alarm keypad and security center in real Chromium against a live hub whose
clock only moves when a test advances it (entry delay, escalation waits, lockout).

The keypad follows the panel through alarm/subscribe and arms and disarms with alarm/arm and
alarm/disarm; incidents, acknowledging and playbook status go through the other alarm/*
commands. Errors are the hub's structured websocket errors (a stable code plus data such as
the open sensors or retry_after), shown next to the control that caused them. The lockout test
runs the browser on Playwright's fake clock, so its countdown moves only when the test says.
Tests run in file order.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hub.clock import FakeClock

from .conftest import OWNER, PHONE, onboard, screenshot
from .live_hub import LiveHub

pytestmark = pytest.mark.timeout(120)

PANEL = "alarm_control_panel.office"
CODE = "4321"
GUEST_CODE = "5678"  # may arm, not disarm
ENTRY_DELAY = 30
TIER_WAIT = 60
LOCKOUT_ATTEMPTS = 3
LOCKOUT_SECONDS = 600

CONFIG = textwrap.dedent(
    f"""
    homeassistant:
      name: Bastion Security Test
      time_zone: UTC
    demo:
      simulate: false
    notify:
    alarm:
      lockout:
        attempts: {LOCKOUT_ATTEMPTS}
        window: 300
        duration: {LOCKOUT_SECONDS}
      areas:
        office:
          name: Office
          exit_delay: 0
          entry_delay: {ENTRY_DELAY}
          escalation: intrusion
          sensors:
            - entity_id: binary_sensor.front_door
              role: door
            - entity_id: binary_sensor.back_door
              role: door
      escalation:
        intrusion:
          tiers:
            - channels: [persistent_notification, pager]
              wait: {TIER_WAIT}
            - channels: [persistent_notification]
              wait: {TIER_WAIT}
            - channels: [persistent_notification]
      codes:
        - name: Alice
          code: "{CODE}"
          rights: [arm, disarm, acknowledge, force]
        - name: Guest
          code: "{GUEST_CODE}"
          rights: [arm]
      playbooks:
        lockdown:
          lock: [lock.front_door]
    """
)


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as pw_expect

    return pw_expect(target)


@pytest.fixture(scope="module")
def live_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveHub]:
    clock = FakeClock(datetime.now(UTC))  # wall time at first, so "started …" reads right
    live = LiveHub(tmp_path_factory.mktemp("ui-security") / "config", CONFIG, clock).start()
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="module")
def sent() -> list[dict[str, Any]]:
    """Every websocket message the module's page sent to the hub (parsed JSON)."""
    return []


def record_frames(page: Any, sent: list[dict[str, Any]]) -> None:
    def opened(ws: Any) -> None:
        def frame(payload: str | bytes) -> None:
            data = json.loads(payload)
            sent.extend(data if isinstance(data, list) else [data])

        ws.on("framesent", frame)

    page.on("websocket", opened)


@pytest.fixture(scope="module")
def page(browser: Any, live_hub: LiveHub, sent: list[dict[str, Any]]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    record_frames(page, sent)
    onboard(page, live_hub)
    yield page
    context.close()


def commands(sent: list[dict[str, Any]], since: int = 0) -> list[str]:
    """The arm/disarm commands, subscriptions and service calls sent, in order (service calls
    as `call_service:domain.name`; the incident list's polling is left out)."""
    names = []
    for msg in sent[since:]:
        kind = msg.get("type", "")
        if kind == "call_service":
            names.append(f"call_service:{msg['domain']}.{msg['service']}")
        elif kind in ("alarm/arm", "alarm/disarm", "alarm/subscribe"):
            names.append(kind)
    return names


def set_sensor(live_hub: LiveHub, entity_id: str, state: str) -> None:
    live_hub.call_service("demo", "set_sensor", {"entity_id": entity_id, "state": state})


def panel_state(live_hub: LiveHub) -> str:
    return str(live_hub.state(PANEL).state)


def incidents(live_hub: LiveHub) -> list[dict[str, Any]]:
    return list(live_hub.call_service("alarm", "incidents", {}, response=True)["incidents"])


def enter(page: Any, code: str) -> None:
    keypad = page.get_by_test_id("keypad")
    keypad.get_by_role("button", name="Clear code").click()
    for digit in code:
        keypad.get_by_role("button", name=digit, exact=True).click()


def press(page: Any, code: str, action: str) -> None:
    enter(page, code)
    page.get_by_test_id("keypad").get_by_role("button", name=action, exact=True).click()


def no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def test_wrong_code_is_shown_inline_then_arm_and_disarm(
    page: Any, live_hub: LiveHub, sent: list[dict[str, Any]]
) -> None:
    page.goto(live_hub.url + "/#/alarm")
    status = page.get_by_test_id("alarm-state")
    message = page.get_by_test_id("alarm-message")
    expect(status).to_contain_text("Disarmed")
    since = len(sent)

    press(page, "0000", "Arm away")
    expect(message).to_have_attribute("data-kind", "wrong_code")
    expect(message).to_have_text("Wrong code — try again.")
    expect(message).to_have_attribute("role", "alert")
    expect(page.get_by_label("Alarm code")).to_be_focused()  # ready for the next try
    expect(page.get_by_label("Alarm code")).to_have_value("")
    assert panel_state(live_hub) == "disarmed"
    screenshot(page, "alarm-wrong-code")

    press(page, CODE, "Arm away")
    expect(status).to_contain_text("Armed away")
    expect(message).to_have_text("Command accepted.")
    assert panel_state(live_hub) == "armed_away"

    # Keyboard only: type the code and press Enter on an armed panel to disarm.
    code_input = page.get_by_label("Alarm code")
    code_input.fill(CODE)
    code_input.press("Enter")
    expect(status).to_contain_text("Disarmed")
    expect(message).to_have_text("Disarmed.")
    assert panel_state(live_hub) == "disarmed"
    # Through the alarm commands only, never the services; the panel comes from alarm/subscribe.
    assert commands(sent, since) == ["alarm/arm", "alarm/arm", "alarm/disarm"]
    assert "alarm/subscribe" in commands(sent)  # opened when the keypad was shown
    arms = [m for m in sent[since:] if m.get("type") == "alarm/arm"]
    assert arms[-1] == {
        "id": arms[-1]["id"],
        "type": "alarm/arm",
        "entity_id": PANEL,
        "mode": "armed_away",
        "code": CODE,
    }


def test_open_sensor_shows_while_disarmed(page: Any, live_hub: LiveHub) -> None:
    """The readiness list follows a door opened and closed while the panel is disarmed."""
    page.goto(live_hub.url + "/#/alarm")
    readiness = page.get_by_test_id("readiness")
    expect(readiness).to_have_text("All sensors are closed.")
    set_sensor(live_hub, "binary_sensor.back_door", "on")
    expect(readiness).to_contain_text("Not ready — open sensors:")
    expect(readiness.get_by_role("listitem")).to_have_text(["Back Door (binary_sensor.back_door)"])
    assert panel_state(live_hub) == "disarmed"
    screenshot(page, "alarm-open-while-disarmed")
    set_sensor(live_hub, "binary_sensor.back_door", "off")
    expect(readiness).to_have_text("All sensors are closed.")


def test_not_ready_names_the_open_sensor_and_can_bypass(page: Any, live_hub: LiveHub) -> None:
    set_sensor(live_hub, "binary_sensor.back_door", "on")
    page.goto(live_hub.url + "/#/alarm")
    message = page.get_by_test_id("alarm-message")
    press(page, CODE, "Arm home")
    expect(message).to_have_attribute("data-kind", "not_ready")
    expect(message).to_contain_text("Not ready to arm home — open:")
    # The sensor comes from the error's data (open_sensors), named as the hub names it.
    expect(message.get_by_test_id("not-ready-sensors").get_by_role("listitem")).to_have_text(
        ["Back Door"]
    )
    assert panel_state(live_hub) == "disarmed"
    screenshot(page, "alarm-not-ready")

    enter(page, CODE)
    message.get_by_role("button", name="Arm anyway (bypass open sensors)").click()
    expect(page.get_by_test_id("alarm-state")).to_contain_text("Armed home")
    panel = live_hub.state(PANEL)
    assert panel.state == "armed_home"
    assert panel.attributes["bypassed_sensors"] == ["binary_sensor.back_door"]
    expect(page.get_by_test_id("alarm-details")).to_contain_text("Bypassed")

    press(page, CODE, "Disarm")
    expect(page.get_by_test_id("alarm-state")).to_contain_text("Disarmed")
    set_sensor(live_hub, "binary_sensor.back_door", "off")


def test_missing_right_is_shown_inline(page: Any, live_hub: LiveHub) -> None:
    page.goto(live_hub.url + "/#/alarm")
    status = page.get_by_test_id("alarm-state")
    message = page.get_by_test_id("alarm-message")
    press(page, GUEST_CODE, "Arm away")
    expect(status).to_contain_text("Armed away")

    press(page, GUEST_CODE, "Disarm")
    expect(message).to_have_attribute("data-kind", "unauthorized")
    expect(message).to_have_text("Not allowed: Guest may not disarm")
    assert panel_state(live_hub) == "armed_away"


def test_lockout_counts_down_from_retry_after(browser: Any, live_hub: LiveHub) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(live_hub.url + "/")
        page.get_by_label("Username").fill(OWNER["username"])
        page.get_by_label("Password").fill(OWNER["password"])
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        page.goto(live_hub.url + "/#/alarm")
        status = page.get_by_test_id("alarm-state")
        expect(status).to_contain_text("Armed away")  # left armed by the guest
        # From here the browser's time moves only through run_for.
        page.clock.pause_at(datetime.now(UTC) + timedelta(minutes=1))
        message = page.get_by_test_id("alarm-message")
        countdown = page.get_by_test_id("lockout-countdown")

        for _ in range(LOCKOUT_ATTEMPTS - 1):
            press(page, "0000", "Disarm")
            expect(message).to_have_attribute("data-kind", "wrong_code")
        expect(page.get_by_test_id("lockout")).to_have_count(0)
        press(page, "0000", "Disarm")  # one too many: the error carries retry_after
        expect(message).to_have_attribute("data-kind", "lockout")
        expect(countdown).to_have_text("10:00")
        press(page, CODE, "Disarm")  # the right code, but the panel is locked now
        expect(message).to_have_attribute("data-kind", "lockout")
        expect(message).to_contain_text("Too many wrong codes: code entry is locked.")
        expect(page.get_by_test_id("lockout")).to_have_text(
            re.compile(r"Code entry is locked — try again in\s+10:00")
        )
        assert panel_state(live_hub) == "armed_away"
        screenshot(page, "alarm-lockout")

        page.clock.run_for(65_000)
        expect(countdown).to_have_text("8:55")
        live_hub.advance(LOCKOUT_SECONDS)  # the hub's lockout is over ...
        page.clock.run_for((LOCKOUT_SECONDS - 65) * 1000)  # ... and so is the countdown
        expect(page.get_by_test_id("lockout")).to_have_count(0)
        press(page, CODE, "Disarm")
        expect(status).to_contain_text("Disarmed")
        assert panel_state(live_hub) == "disarmed"
    finally:
        context.close()


def test_incident_escalates_until_acknowledged(page: Any, live_hub: LiveHub) -> None:
    page.goto(live_hub.url + "/#/alarm")
    press(page, CODE, "Arm away")
    expect(page.get_by_test_id("alarm-state")).to_contain_text("Armed away")
    set_sensor(live_hub, "binary_sensor.front_door", "on")
    expect(page.get_by_test_id("alarm-state")).to_contain_text("Entry delay")
    live_hub.advance(ENTRY_DELAY)
    assert panel_state(live_hub) == "triggered"
    (opened,) = incidents(live_hub)
    assert (opened["kind"], opened["tier"], opened["status"]) == ("intrusion", 0, "active")

    # The keypad shows the area's active incident too.
    expect(page.get_by_test_id("keypad-incidents").get_by_test_id("incident")).to_be_visible()
    screenshot(page, "alarm-triggered")

    page.goto(live_hub.url + "/#/security")
    incident = page.get_by_role("article", name="Intrusion in Office · Front Door")
    expect(incident.get_by_test_id("incident-tier")).to_have_text("escalation tier 1")
    deliveries = incident.get_by_role("list", name="Notification deliveries")
    expect(deliveries.get_by_role("listitem")).to_have_text(
        [
            "Delivered Tier 1 · persistent_notification",
            "Failed Tier 1 · pager — channel not configured",
        ]
    )

    live_hub.advance(TIER_WAIT)  # not acknowledged: the next tier goes out
    expect(incident.get_by_test_id("incident-tier")).to_have_text("escalation tier 2")
    expect(deliveries.get_by_role("listitem").last).to_have_text(
        "Delivered Tier 2 · persistent_notification"
    )
    screenshot(page, "security-incident")

    button = incident.get_by_role("button", name="Acknowledge")
    button.focus()
    page.keyboard.press("Enter")
    acknowledged = incident.get_by_test_id("ack-message")
    expect(acknowledged).to_have_text("Acknowledged — escalation stopped.")
    expect(incident.get_by_test_id("incident-tier")).to_have_text("escalation tier 2 (stopped)")
    expect(incident).to_contain_text(f"acknowledged by you ({OWNER['name']})")
    expect(incident.get_by_role("button", name="Acknowledge")).to_have_count(0)

    live_hub.advance(3 * TIER_WAIT)  # long past the next tier's time: nothing more goes out
    (after,) = incidents(live_hub)
    assert after["status"] == "acknowledged"
    assert after["tier"] == 1
    assert [d["tier"] for d in after["deliveries"]] == [0, 0, 1]
    assert after["acknowledged_by"].startswith("user:")

    page.goto(live_hub.url + "/#/alarm")
    press(page, CODE, "Disarm")
    expect(page.get_by_test_id("alarm-state")).to_contain_text("Disarmed")
    set_sensor(live_hub, "binary_sensor.front_door", "off")


def test_security_center_at_phone_size(page: Any, live_hub: LiveHub) -> None:
    page.set_viewport_size(PHONE)
    try:
        page.goto(live_hub.url + "/#/security")
        expect(page.get_by_role("heading", name="Incidents")).to_be_visible()
        expect(page.get_by_test_id("no-incidents")).to_have_text("No open incidents.")
        page.get_by_text(re.compile(r"^Acknowledged incidents \(1\)")).click()
        expect(page.get_by_test_id("incident")).to_contain_text("escalation tier 2 (stopped)")
        no_horizontal_scroll(page)
        page.goto(live_hub.url + "/#/alarm")
        expect(page.get_by_test_id("keypad")).to_be_visible()
        no_horizontal_scroll(page)
    finally:
        page.set_viewport_size({"width": 1280, "height": 860})


def test_playbook_status_follows_the_hub(page: Any, live_hub: LiveHub) -> None:
    page.goto(live_hub.url + "/#/security")
    lockdown = page.get_by_test_id("playbooks").locator('[data-playbook="lockdown"]')
    expect(lockdown).to_contain_text("Lockdown — Idle")
    live_hub.call_service("alarm", "panic", {"entity_id": PANEL})
    expect(lockdown).to_contain_text("Lockdown — Active")
    expect(lockdown).to_contain_text("Holding Front Door")
    screenshot(page, "security-playbook")

"""End-to-end: the alarm keypad and security center in real Chromium against a live hub whose
clock only moves when a test advances it (entry delay, escalation waits, lockout).

The keypad arms and disarms through the alarm_control_panel services; incidents, acknowledging
and playbook status go through the alarm/* websocket commands. Errors are the hub's structured
websocket errors, shown next to the control that caused them. Tests run in file order.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
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
def page(browser: Any, live_hub: LiveHub) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    onboard(page, live_hub)
    yield page
    context.close()


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


def test_wrong_code_is_shown_inline_then_arm_and_disarm(page: Any, live_hub: LiveHub) -> None:
    page.goto(live_hub.url + "/#/alarm")
    status = page.get_by_test_id("alarm-state")
    message = page.get_by_test_id("alarm-message")
    expect(status).to_contain_text("Disarmed")

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


def test_not_ready_names_the_open_sensor_and_can_bypass(page: Any, live_hub: LiveHub) -> None:
    set_sensor(live_hub, "binary_sensor.back_door", "on")
    page.goto(live_hub.url + "/#/alarm")
    message = page.get_by_test_id("alarm-message")
    press(page, CODE, "Arm home")
    expect(message).to_have_attribute("data-kind", "not_ready")
    expect(message).to_contain_text(re.compile(r"not ready to arm home: .*Back Door \(open\)"))
    assert panel_state(live_hub) == "disarmed"
    screenshot(page, "alarm-not-ready")

    enter(page, CODE)
    message.get_by_role("button", name="Arm anyway (bypass open sensors)").click()
    expect(page.get_by_test_id("alarm-state")).to_contain_text("Armed home")
    panel = live_hub.state(PANEL)
    assert panel.state == "armed_home"
    assert panel.attributes["bypassed_sensors"] == ["binary_sensor.back_door"]

    press(page, CODE, "Disarm")
    expect(page.get_by_test_id("alarm-state")).to_contain_text("Disarmed")
    set_sensor(live_hub, "binary_sensor.back_door", "off")


def test_missing_right_and_lockout_are_shown_inline(page: Any, live_hub: LiveHub) -> None:
    page.goto(live_hub.url + "/#/alarm")
    status = page.get_by_test_id("alarm-state")
    message = page.get_by_test_id("alarm-message")
    press(page, GUEST_CODE, "Arm away")
    expect(status).to_contain_text("Armed away")

    press(page, GUEST_CODE, "Disarm")
    expect(message).to_have_attribute("data-kind", "unauthorized")
    expect(message).to_have_text("Not allowed: Guest may not disarm")
    assert panel_state(live_hub) == "armed_away"

    for _ in range(LOCKOUT_ATTEMPTS):
        press(page, "0000", "Disarm")
        expect(message).to_have_attribute("data-kind", "wrong_code")
        expect(message).to_have_text("Wrong code — try again.")
    press(page, CODE, "Disarm")  # the right code, but the keypad is locked now
    expect(message).to_have_attribute("data-kind", "lockout")
    expect(message).to_have_text("Too many wrong codes: code entry is locked for 10 more minutes.")
    assert panel_state(live_hub) == "armed_away"
    screenshot(page, "alarm-lockout")

    live_hub.advance(LOCKOUT_SECONDS + 1)
    press(page, CODE, "Disarm")
    expect(status).to_contain_text("Disarmed")
    assert panel_state(live_hub) == "disarmed"


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

"""Every action type of the script runner, through ad-hoc runs (api.run_script) and automations."""

from __future__ import annotations

import asyncio

import pytest

from automations import api
from hub.clock import FakeClock
from hub.context import Context
from hub.errors import ValidationError

from .helpers import record_service


@pytest.fixture
async def hub(make_hub):
    return await make_hub("homeassistant:\n  time_zone: UTC\n")


async def test_service_response_variable_and_continue_on_error(hub, clock: FakeClock) -> None:
    calls = record_service(hub)

    async def broken(call):
        raise ValueError("device offline")

    hub.services.register("test", "broken", broken)
    result = await api.run_script(
        hub,
        [
            {
                "service": "test.record",
                "data_template": {"x": "{{ 1 + 1 }}"},
                "response_variable": "resp",
            },
            {"action": "test.broken", "continue_on_error": True},
            {
                "action": "test.record",
                "target": {"entity_id": "light.a"},
                "data": {"n": "{{ resp.n }}"},
            },
            {"stop": "done", "response_variable": "resp"},
        ],
    )
    assert result.execution == "finished"
    assert result.response == {"ok": True, "n": 1}
    assert calls[0].data["x"] == 2
    assert calls[1].data["n"] == 1 and calls[1].entity_ids == frozenset({"light.a"})
    failing = await api.run_script(hub, [{"action": "test.broken"}, {"action": "test.record"}])
    assert failing.execution == "error" and "device offline" in (failing.error or "")
    assert len(calls) == 2


async def test_delay_forms_and_wait_template(hub, clock: FakeClock) -> None:
    events = []
    hub.bus.listen("step", lambda e: events.append((e.data["n"], clock.timestamp())))
    start = clock.timestamp()
    task = asyncio.create_task(
        api.run_script(
            hub,
            [
                {"delay": 5},
                {"event": "step", "event_data": {"n": 1}},
                {"delay": {"minutes": 1}},
                {"event": "step", "event_data": {"n": 2}},
                {"delay": "{{ '00:00:10' }}"},
                {"event": "step", "event_data": {"n": 3}},
                {"wait_template": "{{ is_state('switch.s', 'on') }}", "timeout": 30},
                {"event": "step", "event_data": {"n": "{{ wait.completed }}"}},
                {"wait_template": "{{ is_state('switch.s', 'off') }}", "timeout": 30},
                {"event": "step", "event_data": {"n": "{{ wait.completed }}"}},
            ],
        )
    )
    await clock.advance(5 + 60 + 10)
    assert [(n, t - start) for n, t in events] == [(1, 5), (2, 65), (3, 75)]
    hub.states.set("switch.s", "on")
    await clock.advance(0)
    assert events[-1][0] is True
    await clock.advance(31)
    assert events[-1][0] is False
    result = await task
    assert result.execution == "finished"


async def test_wait_for_trigger_and_timeout_stop(hub, clock: FakeClock) -> None:
    task = asyncio.create_task(
        api.run_script(
            hub,
            [
                {
                    "wait_for_trigger": [{"trigger": "state", "entity_id": "sensor.x", "to": "go"}],
                    "timeout": 10,
                },
                {"variables": {"who": "{{ wait.trigger.to_state.state }}"}},
                {
                    "wait_for_trigger": [{"trigger": "event", "event_type": "never"}],
                    "timeout": 5,
                    "continue_on_timeout": False,
                },
                {"event": "unreached"},
            ],
        )
    )
    await clock.advance(1)
    hub.states.set("sensor.x", "go")
    await clock.advance(6)
    result = await task
    assert result.variables["who"] == "go"
    assert result.execution == "failed_conditions"  # stopped by the timeout


async def test_control_flow(hub, clock: FakeClock) -> None:
    hub.states.set("input_boolean.guest", "on")
    seen = []
    hub.bus.listen("out", lambda e: seen.append(e.data["v"]))
    result = await api.run_script(
        hub,
        [
            {"variables": {"base": 10}},
            {
                "choose": [
                    {
                        "conditions": [
                            {
                                "condition": "state",
                                "entity_id": "input_boolean.guest",
                                "state": "off",
                            }
                        ],
                        "sequence": [{"event": "out", "event_data": {"v": "wrong"}}],
                    },
                    {
                        "conditions": "{{ base == 10 }}",
                        "sequence": [{"event": "out", "event_data": {"v": "chose"}}],
                    },
                ],
                "default": [{"event": "out", "event_data": {"v": "default"}}],
            },
            {
                "if": [{"condition": "template", "value_template": "{{ base > 50 }}"}],
                "then": [{"event": "out", "event_data": {"v": "then"}}],
                "else": [{"event": "out", "event_data": {"v": "else"}}],
            },
            {
                "repeat": {
                    "count": 2,
                    "sequence": [
                        {
                            "event": "out",
                            "event_data": {"v": "c{{ repeat.index }}{{ repeat.last }}"},
                        }
                    ],
                }
            },
            {
                "repeat": {
                    "for_each": ["a", "b"],
                    "sequence": [{"event": "out", "event_data": {"v": "f{{ repeat.item }}"}}],
                }
            },
            {"variables": {"n": 0}},
            {
                "repeat": {
                    "while": "{{ repeat.index <= 2 }}",
                    "sequence": [{"event": "out", "event_data": {"v": "w{{ repeat.index }}"}}],
                }
            },
            {
                "repeat": {
                    "until": [
                        {"condition": "template", "value_template": "{{ repeat.index >= 2 }}"}
                    ],
                    "sequence": [{"event": "out", "event_data": {"v": "u{{ repeat.index }}"}}],
                }
            },
            {"sequence": [{"event": "out", "event_data": {"v": "seq"}}]},
            {
                "parallel": [
                    {"event": "out", "event_data": {"v": "p1"}},
                    {"sequence": [{"delay": 0}, {"event": "out", "event_data": {"v": "p2"}}]},
                ]
            },
            {"event": "out", "event_data": {"v": "disabled"}, "enabled": False},
            {"condition": "template", "value_template": "{{ base == 10 }}"},
            {"event": "out", "event_data": {"v": "after-condition"}},
            {"condition": "state", "entity_id": "input_boolean.guest", "state": "off"},
            {"event": "out", "event_data": {"v": "never"}},
        ],
    )
    assert seen == [
        "chose",
        "else",
        "c1False",
        "c2True",
        "fa",
        "fb",
        "w1",
        "w2",
        "u1",
        "u2",
        "seq",
        "p1",
        "p2",
        "after-condition",
    ]
    assert result.execution == "failed_conditions"


async def test_stop_with_error_and_validation(hub) -> None:
    result = await api.run_script(hub, [{"stop": "bad thing", "error": True}])
    assert result.execution == "error" and result.error == "bad thing"
    with pytest.raises(ValidationError):
        await api.run_script(hub, [{"bogus_step": 1}])
    report = api.validate_config(
        hub, {"trigger": [{"platform": "state", "entity_id": "x"}], "actions": [{"delay": 1}]}
    )
    assert report["trigger"]["valid"] is False and report["actions"]["valid"] is True


async def test_run_context_is_child_of_trigger_context(make_hub, clock: FakeClock) -> None:
    hub = await make_hub(
        """
        automation:
          - alias: ctx
            triggers: {trigger: event, event_type: go}
            actions: {action: test.record}
        """
    )
    calls = record_service(hub)
    triggered = []
    hub.bus.listen("automation_triggered", triggered.append)
    parent = Context(user_id="user-1")
    hub.bus.fire("go", {}, context=parent)
    await clock.advance(0)
    assert calls[0].context.parent_id == parent.id
    assert calls[0].context.user_id == "user-1"
    assert triggered[0].context.id == calls[0].context.id
    assert triggered[0].data["entity_id"] == "automation.ctx"

"""Runs start on the triggering call's stack (eager tasks): modes still hold, chains still run."""

from __future__ import annotations

import asyncio

from hub.tasks import MAX_EAGER_DEPTH

from .helpers import record_service


async def test_self_triggering_single_run_is_refused_while_it_runs(make_hub) -> None:
    hub = await make_hub(
        """
        input_boolean:
          lamp:
        automation:
          - alias: flip back
            mode: single
            max_exceeded: silent
            triggers:
              - {trigger: state, entity_id: input_boolean.lamp}
            actions:
              - action: test.record
                data: {to: "{{ trigger.to_state.state }}"}
              - action: input_boolean.toggle
                target: {entity_id: input_boolean.lamp}
        """
    )
    calls = record_service(hub)
    await hub.services.call("input_boolean", "turn_on", {"entity_id": "input_boolean.lamp"})
    for _ in range(20):
        await asyncio.sleep(0)
    # The toggle inside the run changes the lamp again while the run is still on the stack:
    # mode single refuses that trigger, so exactly one run happened (and no loop).
    assert calls.data() == [{"to": "on"}]
    assert hub.states.get("input_boolean.lamp").state == "off"


async def test_chain_longer_than_the_eager_depth_runs_to_the_end(make_hub) -> None:
    length = MAX_EAGER_DEPTH * 2 + 1
    items = "\n".join(
        f"""
          - alias: step {i}
            triggers:
              - {{trigger: state, entity_id: input_number.n{i}}}
            actions:
              - action: input_number.set_value
                target: {{entity_id: input_number.n{i + 1}}}
                data: {{value: "{{{{ trigger.to_state.state | float + 1 }}}}"}}"""
        for i in range(length)
    )
    numbers = "\n".join(f"  n{i}: {{min: 0, max: 100, step: 1}}" for i in range(length + 1))
    hub = await make_hub(f"input_number:\n{numbers}\nautomation:{items}\n")
    await hub.services.call(
        "input_number", "set_value", {"entity_id": "input_number.n0", "value": 5}
    )
    for _ in range(200):
        if hub.states.get(f"input_number.n{length}").state == str(float(5 + length)):
            break
        await asyncio.sleep(0)
    assert hub.states.get(f"input_number.n{length}").state == str(float(5 + length))

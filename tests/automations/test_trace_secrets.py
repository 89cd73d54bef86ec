"""Secret values of a run never reach its trace: not under their key, and not echoed in an error
message, a stop message or other text (trace/get, trace/list and the stored file)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import orjson

from automations.shared import peek
from automations.trace_secrets import Masker, secret_values
from hub.config.nodes import SecretStr
from hub.errors import DeviceError
from hub.services import ServiceCall
from tests.api.conftest import ApiEnv, MakeApi, command

from .helpers import record_service

CONFIG = """
homeassistant:
  time_zone: UTC
automation: !include automations.yaml
"""
AUTOMATIONS = """
- id: unlock_door
  alias: Unlock door
  triggers:
    - trigger: event
      event_type: arrive
  actions:
    - action: test.unlock
      data:
        code: "{{ trigger.event.data.code }}"
        who: "{{ trigger.event.data.who }}"
- id: pin_check
  alias: Pin check
  triggers:
    - trigger: event
      event_type: pin_entered
  variables:
    door_pin: "{{ trigger.event.data.pin }}"
  actions:
    - action: test.record
      data: {value: "{{ door_pin | float }}"}
      continue_on_error: true
    - stop: "pin {{ door_pin }} was not a number"
      error: true
- id: fallback
  alias: Fallback
  triggers:
    - trigger: event
      event_type: fallback
  actions:
    - action: test.unlock
      data:
        note: !secret fallback_note
"""
SECRETS = "fallback_note: Key-under-the-mat-77\n"
_IDS = itertools.count(1)


def unlock_service(env: ApiEnv) -> None:
    """test.unlock refuses every call, echoing what it was given (as careless devices do)."""

    async def handler(call: ServiceCall) -> None:
        raise DeviceError(f"lock refused code={call.data.get('code')} note={call.data.get('note')}")

    env.hub.services.register("test", "unlock", handler)


async def start(make_api: MakeApi, config_dir: Path) -> ApiEnv:
    (config_dir / "configuration.yaml").write_text(CONFIG)
    (config_dir / "automations.yaml").write_text(AUTOMATIONS)
    (config_dir / "secrets.yaml").write_text(SECRETS)
    env = await make_api()
    unlock_service(env)
    record_service(env.hub)
    return env


async def traces_of(ws: Any, item_id: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """trace/list of one automation and trace/get of its last run."""
    listed = await command(
        ws, {"id": next(_IDS), "type": "trace/list", "domain": "automation", "item_id": item_id}
    )
    assert listed["success"] and listed["result"], listed
    run_id = listed["result"][-1]["run_id"]
    full = await command(
        ws,
        {
            "id": next(_IDS),
            "type": "trace/get",
            "domain": "automation",
            "item_id": item_id,
            "run_id": run_id,
        },
    )
    assert full["success"], full
    return listed["result"], full["result"]


async def test_error_messages_never_show_the_runs_secrets(
    make_api: MakeApi, config_dir: Path
) -> None:
    env = await start(make_api, config_dir)
    env.hub.bus.fire("arrive", {"who": "ann", "code": "4711"})
    env.hub.bus.fire("pin_entered", {"pin": "5g63"})
    env.hub.bus.fire("fallback", {})
    await env.clock.advance(1)
    ws = await env.ws()

    # a service error echoing the code: masked in the step, the run and the summary
    summaries, trace = await traces_of(ws, "unlock_door")
    assert b"4711" not in orjson.dumps([summaries, trace])
    step = trace["trace"]["steps"][0]
    assert step["error"] == "DeviceError: lock refused code=**redacted** note=None"
    assert step["result"]["params"]["service_data"] == {"code": "**redacted**", "who": "ann"}
    assert trace["error"] == "action/0: lock refused code=**redacted** note=None"
    assert summaries[-1]["error"] == trace["error"]
    assert trace["variables"]["trigger"]["event"]["data"]["who"] == "ann"  # not over-masked

    # a template error and a stop message echoing a pin kept under a secret-named variable
    summaries, trace = await traces_of(ws, "pin_check")
    assert b"5g63" not in orjson.dumps([summaries, trace])
    failed, stop = trace["trace"]["steps"]
    assert "float got invalid input '**redacted**'" in failed["error"]
    assert stop["result"] == {"stop": "pin **redacted** was not a number", "error": True}
    assert trace["error"] == "pin **redacted** was not a number"
    assert trace["variables"]["door_pin"] == "**redacted**"

    # a `!secret` string is masked under any key and in any text
    summaries, trace = await traces_of(ws, "fallback")
    assert b"Key-under-the-mat" not in orjson.dumps([summaries, trace])
    step = trace["trace"]["steps"][0]
    assert step["result"]["params"]["service_data"] == {"note": "**redacted**"}
    assert step["error"] == "DeviceError: lock refused code=None note=**redacted**"

    # and the stored file, written the way a save writes it
    shared = peek(env.hub)
    assert shared is not None and shared.trace_file is not None
    await shared.trace_file.save()
    stored = shared.trace_file.path.read_bytes()
    assert b"refused code=**redacted**" in stored
    for secret in (b"4711", b"5g63", b"Key-under-the-mat"):
        assert secret not in stored


async def test_secrets_of_another_run_are_not_masked(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    env.hub.bus.fire("arrive", {"who": "4711", "code": "0815"})
    await env.clock.advance(1)
    _summaries, trace = await traces_of(await env.ws(), "unlock_door")
    # this run's code was 0815; "4711" is just a name here
    assert (
        trace["trace"]["steps"][0]["error"]
        == "DeviceError: lock refused code=**redacted** note=None"
    )
    assert trace["variables"]["trigger"]["event"]["data"]["who"] == "4711"


def test_which_values_are_secret() -> None:
    found = secret_values(
        {
            "code": 4711,
            "door_pin": "5g63",
            "who": "ann",
            "nested": {"password": {"a": "hunter22", "b": ["x9y8"]}, "flag": True},
            "message": SecretStr("from-secrets-yaml"),
            "token": "{{ states('input_text.token') }}",  # a template is not the value
            "api_key": None,
        }
    )
    assert found == {"4711", "5g63", "hunter22", "x9y8", "from-secrets-yaml"}


def test_masking_rule_for_short_and_long_values() -> None:
    masker = Masker(["1", "on", "4711", "averylongtoken123"])
    assert masker.text("code 4711 rejected") == "code **redacted** rejected"
    assert masker.text("code=4711, '4711'") == "code=**redacted**, '**redacted**'"
    assert masker.text("serial 47110 and x4711") == "serial 47110 and x4711"  # not a token
    assert masker.text("step 1 is on") == "step 1 is on"  # too short to search in text
    assert masker.text("Bearer averylongtoken123abc") == "Bearer **redacted**abc"
    assert masker.text("2026-01-05T12:00:00+00:00") == "2026-01-05T12:00:00+00:00"
    assert Masker(["2026"]).text("2026-01-05T12:00:00+00:00") == "2026-01-05T12:00:00+00:00"
    assert Masker(["2026"]).text("since 2026-01") == "since **redacted**-01"
    assert not Masker(["1", "ab", ""])


async def test_execute_script_error_reply_is_masked(make_api: MakeApi, config_dir: Path) -> None:
    env = await start(make_api, config_dir)
    ws = await env.ws()
    reply = await command(
        ws,
        {
            "id": next(_IDS),
            "type": "execute_script",
            "sequence": [{"action": "test.unlock", "data": {"code": 8642}}],
        },
    )
    assert not reply["success"]
    assert reply["error"]["message"] == "sequence/0: lock refused code=**redacted** note=None"

"""YAML loading: positions, tags, include confinement, secrets, syntax and duplicate errors."""

from __future__ import annotations

import os
from pathlib import Path
from textwrap import dedent

import pytest

from hub.config import (
    ConfigError,
    Input,
    NodeDict,
    NodeList,
    NodeStr,
    SecretStr,
    Unresolved,
    YamlSession,
    load_yaml,
)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return root


def load(root: Path, name: str = "configuration.yaml") -> tuple[object, list[ConfigError]]:
    session = YamlSession(root)
    return session.load(Path(name)), session.errors


def test_positions_on_mappings_sequences_and_strings(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "a:\n  b: hello\n  c:\n    - x\n    - 5\n"})
    data, errors = load(tmp_path)
    assert errors == []
    assert isinstance(data, NodeDict)
    assert (data.file, data.line) == ("configuration.yaml", 1)
    inner = data["a"]
    assert inner.position("c") == ("configuration.yaml", 3)
    assert isinstance(inner["b"], NodeStr) and inner["b"].line == 2
    assert isinstance(inner["c"], NodeList) and inner["c"].line == 4
    assert inner["c"][0].line == 4 and inner["c"][1] == 5
    assert data == {"a": {"b": "hello", "c": ["x", 5]}}


def test_include_keeps_positions_of_included_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "automation: !include automations.yaml\n",
            "automations.yaml": "\n- alias: one\n  mode: single\n",
        },
    )
    data, errors = load(tmp_path)
    assert errors == []
    item = data["automation"][0]
    assert (item.file, item.line) == ("automations.yaml", 2)
    assert item.position("mode") == ("automations.yaml", 3)


def test_include_of_empty_file_is_empty_mapping(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "x: !include empty.yaml\n", "empty.yaml": ""})
    data, errors = load(tmp_path)
    assert errors == [] and data["x"] == {}


@pytest.mark.parametrize("target", ["../etc/passwd", "/etc/passwd", "sub/../../outside.yaml"])
def test_include_refuses_to_leave_config_dir(tmp_path: Path, target: str) -> None:
    config = tmp_path / "config"
    (tmp_path / "outside.yaml").write_text("leak: 1\n")
    write(config, {"configuration.yaml": f"ok: 1\nx: !include {target}\n"})
    data, errors = load(config)
    assert isinstance(data["x"], Unresolved)
    assert data["ok"] == 1
    assert len(errors) == 1
    assert "outside the configuration directory" in str(errors[0])
    assert str(errors[0]).startswith("configuration.yaml:2:")


def test_include_refuses_symlink_pointing_outside(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (tmp_path / "outside.yaml").write_text("leak: 1\n")
    write(config, {"configuration.yaml": "x: !include link.yaml\ny: !include_dir_list d\n"})
    (config / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    (config / "d").mkdir()
    (config / "d" / "a.yaml").symlink_to(tmp_path / "outside.yaml")
    data, errors = load(config)
    assert isinstance(data["x"], Unresolved) and isinstance(data["y"], Unresolved)
    assert all("outside the configuration directory" in e.message for e in errors)
    assert [e.line for e in errors] == [1, 2]


def test_include_allows_parent_reference_inside_config_dir(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "x: !include sub/a.yaml\n",
            "sub/a.yaml": "inner: !include ../common.yaml\n",
            "common.yaml": "value: 3\n",
        },
    )
    data, errors = load(tmp_path)
    assert errors == [] and data["x"]["inner"]["value"] == 3


def test_missing_include_and_circular_include(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "a: !include nope.yaml\nb: !include loop.yaml\n",
            "loop.yaml": "again: !include configuration.yaml\n",
        },
    )
    _, errors = load(tmp_path)
    text = [str(e) for e in errors]
    assert text[0] == "configuration.yaml:1: file not found: nope.yaml"
    assert "circular" in text[1] and text[1].startswith("loop.yaml:1:")


def test_include_dir_tags(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": dedent(
                """\
                l: !include_dir_list items
                ml: !include_dir_merge_list lists
                n: !include_dir_named items
                mn: !include_dir_merge_named maps
                """
            ),
            "items/b.yaml": "name: b\n",
            "items/a.yaml": "name: a\n",
            "items/sub/c.yaml": "name: c\n",
            "items/.hidden.yaml": "name: hidden\n",
            "items/.git/x.yaml": "name: git\n",
            "items/notes.txt": "ignored",
            "items/secrets.yaml": "pw: x\n",
            "lists/1.yaml": "- one\n- two\n",
            "lists/2.yaml": "- three\n",
            "maps/a.yaml": "alpha: 1\n",
            "maps/b.yaml": "beta: 2\n",
        },
    )
    data, errors = load(tmp_path)
    assert errors == []
    assert data["l"] == [{"name": "a"}, {"name": "b"}, {"name": "c"}]
    assert data["l"][2].file == "items/sub/c.yaml"
    assert data["ml"] == ["one", "two", "three"]
    assert data["n"] == {"a": {"name": "a"}, "b": {"name": "b"}, "c": {"name": "c"}}
    assert data["mn"] == {"alpha": 1, "beta": 2}
    assert data["mn"].position("beta") == ("maps/b.yaml", 1)


def test_include_dir_broken_file_is_skipped_and_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "l: !include_dir_merge_list d\n",
            "d/a.yaml": "- good\n",
            "d/b.yaml": "- [unclosed\n",
            "d/c.yaml": "not: a list\n",
        },
    )
    data, errors = load(tmp_path)
    assert data["l"] == ["good"]
    assert errors[0].file == "d/b.yaml" and errors[0].line == 2
    assert str(errors[1]) == "d/c.yaml: expected a list for !include_dir_merge_list"


def test_include_dir_merge_named_duplicate_key(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "m: !include_dir_merge_named d\n",
            "d/a.yaml": "k: 1\n",
            "d/b.yaml": "\nk: 2\n",
        },
    )
    data, errors = load(tmp_path)
    assert data["m"] == {"k": 1}
    assert str(errors[0]) == "d/b.yaml:2: key 'k' is also defined at d/a.yaml:1"


def test_secret_found_in_same_dir_then_upward(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "top: !secret root_pw\nsub: !include pkg/a.yaml\n",
            "secrets.yaml": "root_pw: rootvalue\nshared: fromroot\nport: 8123\n",
            "pkg/a.yaml": "local: !secret local_pw\nshared: !secret shared\nport: !secret port\n",
            "pkg/secrets.yaml": "local_pw: localvalue\n",
        },
    )
    data, errors = load(tmp_path)
    assert errors == []
    assert data["top"] == "rootvalue" and isinstance(data["top"], SecretStr)
    assert data["sub"] == {"local": "localvalue", "shared": "fromroot", "port": 8123}
    assert data["sub"]["local"].file == "pkg/a.yaml" and data["sub"]["local"].line == 1
    assert "rootvalue" not in repr(data)


def test_missing_secret_names_file_and_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "a: 1\nb: !include more.yaml\n",
            "more.yaml": "x: 1\ny: !secret nothere\n",
            "secrets.yaml": "other: supersecretvalue\n",
        },
    )
    data, errors = load(tmp_path)
    assert isinstance(data["b"]["y"], Unresolved)
    expected = "more.yaml:2: secret 'nothere' not found in any secrets.yaml"
    assert [str(e) for e in errors] == [expected]


def test_secret_not_allowed_inside_secrets_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"configuration.yaml": "a: !secret x\n", "secrets.yaml": "x: !secret y\n"},
    )
    _, errors = load(tmp_path)
    assert errors[0].file == "secrets.yaml" and "not allowed" in errors[0].message


def test_syntax_error_reports_file_line_column(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "a: 1\nb:\n  c: [1, 2\nd: 3\n"})
    with pytest.raises(ConfigError) as info:
        load(tmp_path)
    err = info.value
    assert err.file == "configuration.yaml" and err.line == 4 and err.column is not None
    assert "expected ',' or ']'" in err.message


def test_syntax_error_in_secrets_never_shows_values(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "configuration.yaml": "a: !secret pw\n",
            "secrets.yaml": "pw: hunter2secret\nbroken: [\n",
        },
    )
    _, errors = load(tmp_path)
    assert errors[0].file == "secrets.yaml"
    assert "hunter2secret" not in str(errors[0])


def test_unknown_tag_is_a_syntax_error(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "a: !python/object foo\n"})
    with pytest.raises(ConfigError) as info:
        load(tmp_path)
    assert info.value.line == 1 and "constructor" in info.value.message


def test_duplicate_key_reports_both_lines(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "automation: []\nx: 1\nautomation: [1]\n"})
    data, errors = load(tmp_path)
    assert data["automation"] == [1]
    assert str(errors[0]) == (
        "configuration.yaml:3: duplicate key 'automation' (first defined on line 1); "
        "the last one is used"
    )


def test_merge_key_override_is_not_a_duplicate(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n"})
    data, errors = load(tmp_path)
    assert errors == [] and data["c"] == {"x": 1, "y": 3}


def test_env_var_with_and_without_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BASTION_TEST_TOKEN", "envsecretvalue")
    monkeypatch.delenv("BASTION_TEST_MISSING", raising=False)
    write(
        tmp_path,
        {
            "configuration.yaml": dedent(
                """\
                a: !env_var BASTION_TEST_TOKEN
                b: !env_var BASTION_TEST_MISSING fallback value
                c: !env_var BASTION_TEST_MISSING
                """
            )
        },
    )
    data, errors = load(tmp_path)
    assert data["a"] == "envsecretvalue" and isinstance(data["a"], SecretStr)
    assert data["b"] == "fallback value" and data["b"].line == 2
    assert isinstance(data["c"], Unresolved)
    assert str(errors[0]) == (
        "configuration.yaml:3: environment variable 'BASTION_TEST_MISSING' is not set"
    )


def test_input_tag(tmp_path: Path) -> None:
    write(tmp_path, {"blueprint.yaml": "entity_id: !input motion_sensor\n"})
    data = load_yaml(tmp_path / "blueprint.yaml")
    assert data == {"entity_id": Input("motion_sensor")}
    with pytest.raises(AttributeError):
        data["entity_id"].name = "other"  # type: ignore[misc]


def test_load_yaml_is_strict(tmp_path: Path) -> None:
    write(tmp_path, {"a.yaml": "x: !include missing.yaml\n"})
    with pytest.raises(ConfigError, match="file not found"):
        load_yaml(tmp_path / "a.yaml", tmp_path)


def test_hidden_files_in_dir_include_skipped_even_if_escaping(tmp_path: Path) -> None:
    config = tmp_path / "config"
    write(config, {"configuration.yaml": "l: !include_dir_list d\n", "d/a.yaml": "1\n"})
    os.symlink(tmp_path, config / "d" / ".up")
    data, errors = load(config)
    assert errors == [] and data["l"] == [1]


def test_alias_bomb_shares_objects_instead_of_expanding(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    write(tmp_path, {"configuration.yaml": "\n".join(lines) + "\n"})
    data, errors = load(tmp_path)
    assert errors == []
    assert data["a9"][0] is data["a9"][1] is data["a8"]


def test_tag_without_argument_and_top_level_scalar(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "a: !include\nb: !secret [x]\n", "s.yaml": "just text"})
    _, errors = load(tmp_path)
    assert [e.message for e in errors] == ["!include needs a value", "!secret needs a value"]
    assert load(tmp_path, "s.yaml")[0] == "just text"


def test_unreadable_include_points_at_the_include_line(tmp_path: Path) -> None:
    write(tmp_path, {"configuration.yaml": "a: 1\nb: !include adir\n", "adir/x.yaml": "1\n"})
    (tmp_path / "bad.yaml").write_bytes(b"a: \xff\xfe\n")
    with (tmp_path / "configuration.yaml").open("a") as handle:
        handle.write("c: !include bad.yaml\n")
    _, errors = load(tmp_path)
    assert [(e.line, e.message) for e in errors] == [
        (2, "cannot read file: Is a directory: adir"),
        (3, "not valid UTF-8 (byte 3): bad.yaml"),
    ]

"""Safe YAML loading with positions, `!secret`, `!include*`, `!env_var` and `!input` tags.

Every mapping, sequence and string keeps its file (relative to the config dir) and 1-based line.
Includes never leave the config directory (symlinks resolved). A failing tag does not abort the
whole file: its error is recorded on the session and an `Unresolved` placeholder takes its place.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, redact
from .nodes import Input, NodeDict, NodeList, NodeStr, SecretStr, Unresolved

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader

SECRETS_FILE = "secrets.yaml"
MAX_FILE_SIZE = 16 * 1024 * 1024
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


class YamlSession:
    """Loads YAML files below one config directory, collecting errors and secret values."""

    def __init__(self, config_dir: Path) -> None:
        self.config_dir = Path(config_dir).resolve()
        self.errors: list[ConfigError] = []
        self.secret_values: set[str] = set()
        self._secrets: dict[Path, NodeDict | None] = {}
        self._stack: list[Path] = []

    def display(self, path: Path) -> str:
        """`path` relative to the config dir, POSIX style, for messages."""
        try:
            return path.relative_to(self.config_dir).as_posix()
        except ValueError:
            return path.name

    def load(self, path: Path) -> Any:
        """Load one file; syntax and read errors raise ConfigError, tag errors are recorded."""
        resolved = Path(self.config_dir / path).resolve()
        if not resolved.is_relative_to(self.config_dir):
            raise ConfigError("file is outside the configuration directory", file=str(path))
        return self._load_file(resolved)

    def record(self, error: ConfigError) -> None:
        """Keep an error, scrubbed of any secret value seen so far."""
        if self.secret_values:
            error = ConfigError(
                redact(error.message, self.secret_values),
                file=error.file,
                line=error.line,
                column=error.column,
                path=error.path,
                domain=error.domain,
            )
        self.errors.append(error)

    def _load_file(self, path: Path, *, secrets_file: bool = False) -> Any:
        shown = self.display(path)
        if path in self._stack:
            raise ConfigError("circular !include", file=shown)
        try:
            if path.stat().st_size > MAX_FILE_SIZE:
                raise ConfigError(f"file is larger than {MAX_FILE_SIZE} bytes", file=shown)
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise ConfigError("file not found", file=shown) from None
        except UnicodeDecodeError as err:
            raise ConfigError(f"not valid UTF-8 (byte {err.start})", file=shown) from None
        except OSError as err:
            raise ConfigError(f"cannot read file: {err.strerror}", file=shown) from None
        loader = _Loader(text)
        loader.session = self
        loader.path = path
        loader.shown = shown
        loader.secrets_file = secrets_file
        self._stack.append(path)
        try:
            return loader.get_single_data()
        except yaml.MarkedYAMLError as err:
            raise _syntax_error(err, shown, secrets_file) from None
        except yaml.YAMLError as err:
            raise ConfigError(f"invalid YAML: {type(err).__name__}", file=shown) from None
        finally:
            self._stack.pop()
            loader.dispose()

    def secret(self, name: str, start: Path) -> Any:
        """Look `name` up in secrets.yaml from `start` up to the config dir; KeyError if absent."""
        directory = start
        while True:
            candidate = directory / SECRETS_FILE
            secrets = self._secrets_in(candidate)
            if secrets is not None and name in secrets:
                return secrets[name]
            if directory == self.config_dir or not directory.is_relative_to(self.config_dir):
                break
            directory = directory.parent
        raise KeyError(name)

    def _secrets_in(self, path: Path) -> NodeDict | None:
        if path not in self._secrets:
            self._secrets[path] = None
            if path.is_file():
                loaded = self._load_file(path, secrets_file=True)
                if loaded is None:
                    loaded = NodeDict(file=self.display(path), line=1)
                if not isinstance(loaded, dict):
                    raise ConfigError("secrets file must be a mapping", file=self.display(path))
                self._secrets[path] = loaded
        return self._secrets[path]


def load_yaml(path: Path, config_dir: Path | None = None) -> Any:
    """Load one YAML file strictly: the first error of any kind raises ConfigError."""
    path = Path(path)
    session = YamlSession(config_dir if config_dir is not None else path.resolve().parent)
    data = session.load(path.resolve())
    if session.errors:
        raise session.errors[0]
    return data


def _syntax_error(err: yaml.MarkedYAMLError, shown: str, secrets_file: bool) -> ConfigError:
    mark = err.problem_mark or err.context_mark
    problem = err.problem or "invalid YAML"
    if err.context and not secrets_file:
        problem = f"{err.context}, {problem}"
    return ConfigError(
        problem,
        file=shown,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """PyYAML loader bound to one file of a YamlSession."""

    session: YamlSession
    path: Path
    shown: str
    secrets_file: bool


def _error(loader: _Loader, node: yaml.Node, message: str) -> ConfigError:
    return ConfigError(message, file=loader.shown, line=node.start_mark.line + 1)


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> NodeStr:
    value = NodeStr(node.value)
    value.file = loader.shown
    value.line = node.start_mark.line + 1
    return value


def _fast_str(node: yaml.Node, shown: str) -> NodeStr:
    # Plain strings skip construct_object's bookkeeping; containers never do, so aliases
    # keep sharing one object and "billion laughs" documents cannot blow up memory.
    value = NodeStr(node.value)
    value.file = shown
    value.line = node.start_mark.line + 1
    return value


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> NodeList:
    construct = loader.construct_object
    shown = loader.shown
    return NodeList(
        [
            _fast_str(child, shown) if child.tag == _STR_TAG else construct(child, deep=True)
            for child in node.value
        ],
        shown,
        node.start_mark.line + 1,
    )


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> NodeDict:
    shown = loader.shown
    own = sum(1 for key_node, _ in node.value if key_node.tag != _MERGE_TAG)
    loader.flatten_mapping(node)
    merged = len(node.value) - own  # `<<:` pairs come first and may be overridden silently
    result = NodeDict((), shown, node.start_mark.line + 1)
    positions = result.positions
    own_lines: dict[Any, int] = {}
    construct = loader.construct_object
    for index, (key_node, value_node) in enumerate(node.value):
        line = key_node.start_mark.line + 1
        if key_node.tag == _STR_TAG:
            key = NodeStr(key_node.value)
            key.file, key.line = shown, line
        else:
            key = construct(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            loader.session.record(_error(loader, key_node, "mapping key must be a scalar"))
            continue
        if index >= merged:
            first = own_lines.get(key)
            own_lines[key] = line
        else:
            first = None
        if first is not None:
            loader.session.record(
                ConfigError(
                    f"duplicate key {key!r} (first defined on line {first}); the last one is used",
                    file=shown,
                    line=line,
                )
            )
        if value_node.tag == _STR_TAG:
            result[key] = _fast_str(value_node, shown)
        else:
            result[key] = construct(value_node, deep=True)
        positions[key] = (shown, line)
    return result


def _tag_guard(function: Any) -> Any:
    """Record a tag's ConfigError and return an Unresolved placeholder instead of raising."""

    def wrapper(loader: _Loader, node: yaml.Node) -> Any:
        try:
            return function(loader, node)
        except ConfigError as err:
            loader.session.record(err)
            return Unresolved(loader.shown, node.start_mark.line + 1)

    return wrapper


def _scalar_argument(loader: _Loader, node: yaml.Node, tag: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _error(loader, node, f"{tag} needs a value")
    return str(node.value).strip()


def _inside(loader: _Loader, node: yaml.Node, target: str, tag: str) -> Path:
    if "\0" in target:
        raise _error(loader, node, f"{tag}: invalid path")
    resolved = (loader.path.parent / target).resolve()
    if not resolved.is_relative_to(loader.session.config_dir):
        raise _error(loader, node, f"{tag} {target!r} points outside the configuration directory")
    return resolved


def _load_included(loader: _Loader, node: yaml.Node, path: Path) -> Any:
    if loader.secrets_file:
        raise _error(loader, node, "includes are not allowed in secrets.yaml")
    try:
        return loader.session._load_file(path)
    except ConfigError as err:
        if err.line is None:  # could not be read at all: point at the include itself
            raise _error(loader, node, f"{err.message}: {err.file}") from None
        raise


@_tag_guard
def _construct_include(loader: _Loader, node: yaml.Node) -> Any:
    target = _scalar_argument(loader, node, "!include")
    data = _load_included(loader, node, _inside(loader, node, target, "!include"))
    if data is None:
        return NodeDict((), loader.session.display(loader.path.parent / target), 1)
    return data


def _dir_files(loader: _Loader, node: yaml.Node, tag: str) -> list[Path]:
    target = _scalar_argument(loader, node, tag)
    directory = _inside(loader, node, target, tag)
    if not directory.is_dir():
        raise _error(loader, node, f"{tag}: directory {target!r} not found")
    found: list[tuple[str, Path]] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.endswith(".yaml") or name == SECRETS_FILE:
                continue
            path = Path(root) / name
            relative = path.relative_to(directory).as_posix()
            found.append((relative, _inside(loader, node, str(path), tag)))
    found.sort()
    return [path for _, path in found]


def _load_each(loader: _Loader, node: yaml.Node, tag: str) -> list[tuple[Path, Any]]:
    """Load every file of an include dir; a broken file is recorded and skipped."""
    loaded = []
    for path in _dir_files(loader, node, tag):
        try:
            data = _load_included(loader, node, path)
        except ConfigError as err:
            loader.session.record(err)
            continue
        if data is not None:
            loaded.append((path, data))
    return loaded


@_tag_guard
def _construct_dir_list(loader: _Loader, node: yaml.Node) -> NodeList:
    items = [data for _, data in _load_each(loader, node, "!include_dir_list")]
    return NodeList(items, loader.shown, node.start_mark.line + 1)


@_tag_guard
def _construct_dir_merge_list(loader: _Loader, node: yaml.Node) -> NodeList:
    result = NodeList((), loader.shown, node.start_mark.line + 1)
    for path, data in _load_each(loader, node, "!include_dir_merge_list"):
        if isinstance(data, list):
            result.extend(data)
        else:
            loader.session.record(
                ConfigError(
                    "expected a list for !include_dir_merge_list", file=_shown(loader, path)
                )
            )
    return result


@_tag_guard
def _construct_dir_named(loader: _Loader, node: yaml.Node) -> NodeDict:
    result = NodeDict((), loader.shown, node.start_mark.line + 1)
    for path, data in _load_each(loader, node, "!include_dir_named"):
        name = NodeStr(path.stem)
        name.file, name.line = _shown(loader, path), 1
        if name in result:
            loader.session.record(
                ConfigError(
                    f"name {path.stem!r} is also used by {result.positions[name][0]}",
                    file=name.file,
                )
            )
            continue
        result[name] = data
        result.positions[name] = (name.file, 1)
    return result


@_tag_guard
def _construct_dir_merge_named(loader: _Loader, node: yaml.Node) -> NodeDict:
    result = NodeDict((), loader.shown, node.start_mark.line + 1)
    for path, data in _load_each(loader, node, "!include_dir_merge_named"):
        if not isinstance(data, dict):
            loader.session.record(
                ConfigError(
                    "expected a mapping for !include_dir_merge_named", file=_shown(loader, path)
                )
            )
            continue
        for key, value in data.items():
            position = data.position(key) if isinstance(data, NodeDict) else (None, None)
            if key in result:
                first = result.positions[key]
                loader.session.record(
                    ConfigError(
                        f"key {key!r} is also defined at {first[0]}:{first[1]}",
                        file=position[0],
                        line=position[1],
                    )
                )
                continue
            result[key] = value
            result.positions[key] = position
    return result


def _shown(loader: _Loader, path: Path) -> str:
    return loader.session.display(path)


@_tag_guard
def _construct_secret(loader: _Loader, node: yaml.Node) -> Any:
    name = _scalar_argument(loader, node, "!secret")
    if loader.secrets_file:
        raise _error(loader, node, "!secret is not allowed in secrets.yaml")
    try:
        value = loader.session.secret(name, loader.path.parent)
    except KeyError:
        raise _error(loader, node, f"secret {name!r} not found in any secrets.yaml") from None
    session = loader.session
    if isinstance(value, str):
        session.secret_values.add(str(value))
        secret = SecretStr(value)
        secret.file, secret.line = loader.shown, node.start_mark.line + 1
        return secret
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        session.secret_values.add(str(value))
    return value


@_tag_guard
def _construct_env_var(loader: _Loader, node: yaml.Node) -> Any:
    argument = _scalar_argument(loader, node, "!env_var")
    name, _, default = argument.partition(" ")
    value = os.environ.get(name)
    if value is None:
        if not default.strip():
            raise _error(loader, node, f"environment variable {name!r} is not set")
        result: NodeStr = NodeStr(default.strip())
    else:
        if value:
            loader.session.secret_values.add(value)
        result = SecretStr(value)
    result.file, result.line = loader.shown, node.start_mark.line + 1
    return result


def _construct_input(loader: _Loader, node: yaml.Node) -> Input:
    return Input(str(loader.construct_scalar(node)).strip())


_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("!include", _construct_include)
_Loader.add_constructor("!include_dir_list", _construct_dir_list)
_Loader.add_constructor("!include_dir_merge_list", _construct_dir_merge_list)
_Loader.add_constructor("!include_dir_named", _construct_dir_named)
_Loader.add_constructor("!include_dir_merge_named", _construct_dir_merge_named)
_Loader.add_constructor("!secret", _construct_secret)
_Loader.add_constructor("!env_var", _construct_env_var)
_Loader.add_constructor("!input", _construct_input)

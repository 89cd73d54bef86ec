"""TemplateEngine (one sandbox per hub) and Template (one source string, compiled once)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

import jinja2
from jinja2 import Template as JinjaTemplate

from ..clock import Clock
from ..states import StateMachine
from .catalog import install
from .errors import TemplateError
from .functions import to_boolean
from .limits import LimitExceeded, RenderBudget, TemplateLimits
from .registry import RegistryFunctions, RegistryView
from .result import parse_result as parse_native
from .sandbox import TemplateSandbox
from .state_access import StateFunctions
from .time_functions import TimeFunctions
from .tracking import RenderInfo, RenderRun, current_run

DEFAULT_CACHE_SIZE = 1024
_MARKERS = ("{{", "{%", "{#")


def is_template_string(value: str) -> bool:
    """True when `value` contains Jinja markup (`{{`, `{%` or `{#`)."""
    return any(marker in value for marker in _MARKERS)


class TemplateEngine:
    """The sandboxed environment with the state/time/registry helpers, and a compile cache."""

    def __init__(
        self,
        states: StateMachine,
        clock: Clock,
        time_zone: tzinfo,
        registries: RegistryView | None = None,
        *,
        limits: TemplateLimits | None = None,
        cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        self.limits = limits or TemplateLimits()
        self._times = TimeFunctions(clock, time_zone)
        self._env = TemplateSandbox(self.limits)
        install(self._env, StateFunctions(states), self._times, RegistryFunctions(registries))
        self._cache: OrderedDict[str, JinjaTemplate] = OrderedDict()
        self._cache_size = cache_size

    @property
    def time_zone(self) -> tzinfo:
        """The local time zone used by now(), as_local() and timestamp_local."""
        return self._times.time_zone

    @time_zone.setter
    def time_zone(self, value: tzinfo) -> None:
        self._times.time_zone = value

    def template(self, source: str) -> Template:
        """A Template bound to this engine."""
        return Template(source, self)

    def compiled(self, source: str) -> JinjaTemplate:
        """The compiled form of `source` (LRU-cached); TemplateError on syntax errors."""
        cached = self._cache.get(source)
        if cached is not None:
            self._cache.move_to_end(source)
            return cached
        try:
            compiled = self._env.compile_guarded(source)
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(f"Syntax error: {err.message}", source, line=err.lineno) from err
        except (jinja2.TemplateError, RecursionError, MemoryError) as err:
            raise TemplateError(f"Invalid template: {err}", source) from err
        self._cache[source] = compiled
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return compiled

    def render_text(
        self, source: str, variables: Mapping[str, Any] | None, info: RenderInfo | None
    ) -> str:
        """Render to text within the limits, recording dependencies into `info`."""
        compiled = self.compiled(source)
        run = RenderRun(RenderBudget(self.limits), info)
        token = current_run.set(run)
        max_output = self.limits.max_output
        try:
            parts: list[str] = []
            size = 0
            for chunk in compiled.generate(variables or {}):
                size += len(chunk)
                if size > max_output:
                    raise LimitExceeded(f"Template output exceeds {max_output} characters")
                parts.append(chunk)
            return "".join(parts)
        except TemplateError:
            raise
        except LimitExceeded as err:
            raise TemplateError(str(err), source) from None
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(f"Syntax error: {err.message}", source, line=err.lineno) from err
        except RecursionError:
            raise TemplateError("Template recursion too deep", source) from None
        except MemoryError:
            raise TemplateError("Template ran out of memory", source) from None
        except Exception as err:  # a template is user code: any failure is a TemplateError
            raise TemplateError(f"{type(err).__name__}: {err}", source) from err
        finally:
            current_run.reset(token)


class Template:
    """One template source bound to an engine; compiled on first use and cached by the engine."""

    __slots__ = ("engine", "is_static", "source")

    def __init__(self, source: str, engine: TemplateEngine) -> None:
        if not isinstance(source, str):
            raise TypeError("Template source must be a string")
        self.source = source
        self.engine = engine
        self.is_static = not is_template_string(source)

    def ensure_valid(self) -> None:
        """Compile now; TemplateError with line and reason on a syntax error."""
        if not self.is_static:
            self.engine.compiled(self.source)

    def render(
        self, variables: Mapping[str, Any] | None = None, *, parse_result: bool = True
    ) -> Any:
        """Render; with `parse_result` the text becomes a number/list/bool when it spells one."""
        if self.is_static:
            text = self.source
        else:
            text = self.engine.render_text(self.source, variables, None).strip()
        return parse_native(text) if parse_result else text

    def render_info(self, variables: Mapping[str, Any] | None = None) -> RenderInfo:
        """Render and report what the result depends on; errors land in `.exception`."""
        info = RenderInfo(self.source)
        if self.is_static:
            info.result = parse_native(self.source)
            return info
        try:
            text = self.engine.render_text(self.source, variables, info).strip()
        except TemplateError as err:
            info.exception = err
        else:
            info.result = parse_native(text)
        return info

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Template):
            return self.source == other.source and self.engine is other.engine
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.source)

    def __repr__(self) -> str:
        return f"Template({self.source!r})"


def result_as_boolean(value: Any) -> bool:
    """HA truthiness of a render result: true/on/yes/enable/1 or a nonzero number."""
    if value is None:
        return False
    try:
        return to_boolean(value)
    except ValueError:
        return False


def render_bool(template: Template, variables: Mapping[str, Any] | None = None) -> bool:
    """Render `template` and apply HA truthiness (anything unrecognised is False)."""
    return result_as_boolean(template.render(variables))


def render_complex(
    value: Any,
    variables: Mapping[str, Any] | None,
    engine: TemplateEngine,
    *,
    parse_result: bool = True,
) -> Any:
    """Render templates nested in dicts/lists (keys and values); other values are returned as-is.

    Only strings containing Jinja markup (or Template objects) are rendered, so static strings
    such as "01" or "on" in service data keep their exact form.
    """
    if isinstance(value, Template):
        return value.render(variables, parse_result=parse_result)
    if isinstance(value, str):
        if not is_template_string(value):
            return value
        return Template(value, engine).render(variables, parse_result=parse_result)
    if isinstance(value, Mapping):
        return {
            render_complex(k, variables, engine, parse_result=False): render_complex(
                v, variables, engine, parse_result=parse_result
            )
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [render_complex(v, variables, engine, parse_result=parse_result) for v in value]
    return value

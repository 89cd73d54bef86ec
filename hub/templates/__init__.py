"""Sandboxed, bounded Jinja2 templates with Home Assistant's helpers and dependency tracking."""

from .engine import (
    Template,
    TemplateEngine,
    is_template_string,
    render_bool,
    render_complex,
    result_as_boolean,
)
from .errors import TemplateError
from .limits import TemplateLimits
from .registry import RegistryView
from .state_access import TemplateState
from .tracking import RenderInfo

__all__ = [
    "RegistryView",
    "RenderInfo",
    "Template",
    "TemplateEngine",
    "TemplateError",
    "TemplateLimits",
    "TemplateState",
    "is_template_string",
    "render_bool",
    "render_complex",
    "result_as_boolean",
]

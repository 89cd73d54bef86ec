"""The sandboxed Jinja2 environment: private attributes refused, work and sizes bounded.

Bounding design (see limits.py for the numbers):
- every `{% for %}` iterable is wrapped, at compile time, in the `bastion_loop_guard` filter,
  which charges one tick per item to the current render's RenderBudget;
- every call made by template code passes through `TemplateSandbox.call`, which ticks, pre-checks
  str methods that size their result from an argument, and refuses oversized results;
- `*`, `**`, `+`, `%` are intercepted and `~` is compiled to a checked join, so strings and
  lists cannot be doubled past `max_value`;
- the RenderBudget checks the iteration count and the wall-clock deadline at those ticks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jinja2 import nodes, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Template as JinjaTemplate
from jinja2.exceptions import SecurityError
from jinja2.filters import (
    do_batch,
    do_center,
    do_format,
    do_indent,
    do_join,
    do_replace,
    do_slice,
    do_tojson,
)
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .limits import (
    TemplateLimits,
    capped_range,
    check_join,
    check_length,
    check_percent_format,
    check_replace,
    check_str_method,
    checked_add,
    checked_mul,
    checked_pow,
    weight,
)
from .tracking import current_run

LOOP_GUARD = "bastion_loop_guard"


class _CheckedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` to a size-checked join instead of a bare str join."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _loop_guard(iterable: Iterable[Any]) -> Iterable[Any]:
    run = current_run.get()
    return iterable if run is None else run.budget.guard(iterable)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment that raises on unsafe access and bounds every render."""

    code_generator_class = _CheckedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, limits: TemplateLimits) -> None:
        super().__init__(autoescape=False, cache_size=0, finalize=self._finalize)
        self.limits = limits
        self.globals["range"] = capped_range(limits.max_range)
        self.globals.pop("lipsum", None)  # lipsum(n, max=…) is an unbounded generator
        self.filters[LOOP_GUARD] = _loop_guard
        self._install_checked_filters()

    # -- access ----------------------------------------------------------------------------
    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """Unsafe attribute access is an error, never a silently empty value."""
        raise SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe"
        )

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Every call from template code: tick, pre-check sizes, refuse huge results."""
        run = current_run.get()
        if run is not None:
            run.budget.tick()
        check_str_method(__obj, args, kwargs, __self.limits.max_value)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple)):
            check_length(len(result), __self.limits.max_value)
        return result

    def _finalize(self, value: Any) -> Any:
        """Refuse printing a value whose text would be huge before str() builds it."""
        if isinstance(value, (list, tuple)):
            check_length(weight(value), self.limits.max_value)
        return value

    # -- operators -------------------------------------------------------------------------
    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        limit = self.limits.max_value
        if operator == "*":
            return checked_mul(left, right, limit)
        if operator == "**":
            return checked_pow(left, right)
        if operator == "+":
            return checked_add(left, right, limit)
        if operator == "%" and isinstance(left, str):
            check_percent_format(left, limit)
        return left % right

    def checked_concat(self, parts: tuple[Any, ...]) -> str:
        """`a ~ b ~ c` with the result size bounded."""
        texts = [p if isinstance(p, str) else str(p) for p in parts]
        check_length(sum(len(t) for t in texts), self.limits.max_value)
        return "".join(texts)

    # -- filters whose result size is set by an argument ----------------------------------
    def _install_checked_filters(self) -> None:
        limit = self.limits.max_value

        def center(value: str, width: int = 80) -> str:
            check_length(int(width), limit)
            return do_center(value, width)

        def indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
            lines = str(s).count("\n") + 1
            pad = len(width) if isinstance(width, str) else int(width)
            check_length(len(str(s)) + lines * pad, limit)
            return do_indent(s, width, first, blank)

        def format_filter(value: str, *args: Any, **kwargs: Any) -> str:
            check_percent_format(str(value), limit)
            return do_format(value, *args, **kwargs)

        @pass_eval_context
        def replace(
            eval_ctx: EvalContext, s: str, old: str, new: str, count: int | None = None
        ) -> str:
            check_replace(str(s), old, new, limit)
            return do_replace(eval_ctx, s, old, new, count)

        @pass_eval_context
        def join(
            eval_ctx: EvalContext, value: Iterable[Any], d: str = "", attribute: Any = None
        ) -> str:
            if not isinstance(value, (list, tuple)):
                value = list(value)
            check_join(value, d, limit)
            return do_join(eval_ctx, value, d, attribute)

        def slice_filter(value: Iterable[Any], slices: int, fill_with: Any = None) -> Any:
            check_length(int(slices), self.limits.max_range)
            return do_slice(value, slices, fill_with)

        def batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Any:
            check_length(int(linecount), self.limits.max_range)
            return do_batch(value, linecount, fill_with)

        @pass_eval_context
        def tojson(eval_ctx: EvalContext, value: Any, indent: int | None = None) -> Any:
            if indent is not None:
                check_length(int(indent), 16)
            return do_tojson(eval_ctx, value, indent)

        def string(value: Any) -> str:
            check_length(weight(value), limit)
            return str(value)

        self.filters.update(
            center=center,
            indent=indent,
            format=format_filter,
            replace=replace,
            join=join,
            slice=slice_filter,
            batch=batch,
            tojson=tojson,
            string=string,
        )

    # -- compiling -------------------------------------------------------------------------
    def compile_guarded(self, source: str) -> JinjaTemplate:
        """Parse, wrap every for-loop iterable in the loop guard, and compile."""
        ast = self.parse(source)
        for loop in list(ast.find_all(nodes.For)):
            loop.iter = nodes.Filter(loop.iter, LOOP_GUARD, [], [], None, None, lineno=loop.lineno)
        code = self.compile(ast)
        return self.template_class.from_code(self, code, self.make_globals(None), None)

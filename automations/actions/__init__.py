"""The script runner: executes validated action sequences with modes, traces and persistence."""

from .runner import ScriptResult, ScriptRun, StopRun
from .script import Script

__all__ = ["Script", "ScriptResult", "ScriptRun", "StopRun"]

"""Template syntax checks are memoised per source; errors stay errors, with their line."""

from __future__ import annotations

import pytest
import voluptuous as vol

from hub.config import validation as cv


def test_repeated_sources_validate_the_same_every_time() -> None:
    good = "{{ states('sensor.a') }}"
    bad = "{{ states('sensor.a') "
    for _ in range(3):
        assert cv.template(good) == good
        with pytest.raises(vol.Invalid, match=r"invalid template \(line 1"):
            cv.template(bad)

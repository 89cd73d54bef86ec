"""A started hub with the alarm configured on fake sensors and devices."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from pathlib import Path

import pytest

from hub.clock import FakeClock

from .support import Site, start_site

SiteFactory = Callable[[str, Mapping[str, str]], Awaitable[Site]]


@pytest.fixture
async def make_site(config_dir: Path, clock: FakeClock) -> AsyncIterator[SiteFactory]:
    sites: list[Site] = []

    async def factory(yaml_text: str, sensors: Mapping[str, str]) -> Site:
        site = await start_site(config_dir, clock, yaml_text, sensors)
        sites.append(site)
        return site

    yield factory
    for site in sites:
        await site.hub.stop()

"""The built frontend: index.html never cached, hashed assets cached for a year."""

from __future__ import annotations

import re
from pathlib import Path

from aiohttp import web

INDEX_CACHE = "no-cache"
ASSET_CACHE = "public, max-age=31536000, immutable"
_HASHED = re.compile(r"[.-][0-9a-zA-Z_-]{8,}\.(js|css|mjs|woff2?|png|svg|jpg|webp)$")


class Frontend:
    """Serves files from `root`; unknown paths fall back to index.html (client routing)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        tail = request.match_info.get("tail", "")
        target = (self.root / tail).resolve() if tail else self.root / "index.html"
        if not target.is_relative_to(self.root):
            raise web.HTTPNotFound()
        if not target.is_file():
            if "." in tail.rsplit("/", 1)[-1]:
                raise web.HTTPNotFound()
            target = self.root / "index.html"
        if not target.is_file():
            raise web.HTTPNotFound()
        is_index = target.name == "index.html"
        cache = INDEX_CACHE if is_index or not _HASHED.search(target.name) else ASSET_CACHE
        return web.FileResponse(target, headers={"Cache-Control": cache})

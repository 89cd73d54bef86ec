"""Id lookups the writer keeps in memory, staged per transaction so a rollback never leaves
an id that was not committed."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable

from sqlalchemy import Connection, Table, select


def content_hash(data: bytes) -> int:
    """A signed 64-bit hash of serialised attributes / event data."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


class StagedCache[K, V]:
    """An LRU map whose new entries become visible to later batches only after `commit()`."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._staged: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        value = self._staged.get(key)
        if value is not None:
            return value
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def stage(self, key: K, value: V) -> None:
        self._staged[key] = value

    def commit(self) -> None:
        for key, value in self._staged.items():
            self._data[key] = value
            self._data.move_to_end(key)
        self._staged.clear()
        while len(self._data) > self._size:
            self._data.popitem(last=False)

    def rollback(self) -> None:
        self._staged.clear()

    def clear(self) -> None:
        self._data.clear()
        self._staged.clear()


class NameIds:
    """Name → id for a small lookup table (states_meta, event_types), creating rows on demand."""

    def __init__(self, table: Table, name_col: str, id_col: str, size: int = 100_000) -> None:
        self._table = table
        self._name = table.c[name_col]
        self._id = table.c[id_col]
        self.cache: StagedCache[str, int] = StagedCache(size)

    def lookup(self, conn: Connection, names: Iterable[str]) -> dict[str, int]:
        """Ids of the names already stored; unknown names are left out (nothing is inserted)."""
        result: dict[str, int] = {}
        missing: list[str] = []
        for name in names:
            found = self.cache.get(name)
            if found is None:
                missing.append(name)
            else:
                result[name] = found
        for chunk in _chunks(sorted(missing), 500):
            for name, row_id in conn.execute(
                select(self._name, self._id).where(self._name.in_(chunk))
            ):
                result[name] = row_id
                self.cache.stage(name, row_id)
        return result

    def resolve(self, conn: Connection, names: Iterable[str]) -> dict[str, int]:
        """Ids for every name, inserting the unknown ones inside the caller's transaction."""
        result: dict[str, int] = {}
        missing: set[str] = set()
        for name in names:
            found = self.cache.get(name)
            if found is None:
                missing.add(name)
            else:
                result[name] = found
        if missing:
            for chunk in _chunks(sorted(missing), 500):
                rows = conn.execute(select(self._name, self._id).where(self._name.in_(chunk)))
                for name, row_id in rows:
                    result[name] = row_id
                    self.cache.stage(name, row_id)
            new = [name for name in sorted(missing) if name not in result]
            if new:
                inserted = conn.execute(
                    self._table.insert().returning(self._id, sort_by_parameter_order=True),
                    [{self._name.key: name} for name in new],
                ).scalars()
                for name, row_id in zip(new, inserted, strict=True):
                    result[name] = row_id
                    self.cache.stage(name, row_id)
        return result


class SharedBlobs:
    """Deduplicated JSON blobs (state_attributes, event_data) keyed by content hash."""

    def __init__(self, table: Table, id_col: str, blob_col: str, size: int = 4096) -> None:
        self._table = table
        self._id = table.c[id_col]
        self._blob = table.c[blob_col]
        self._hash = table.c["hash"]
        self.cache: StagedCache[str, int] = StagedCache(size)

    def resolve(self, conn: Connection, blobs: Iterable[str]) -> dict[str, int]:
        """Row ids for every blob, reusing identical stored blobs and inserting new ones."""
        result: dict[str, int] = {}
        missing: dict[int, list[str]] = {}
        for blob in blobs:
            if blob in result:
                continue
            found = self.cache.get(blob)
            if found is not None:
                result[blob] = found
                continue
            bucket = missing.setdefault(content_hash(blob.encode()), [])
            if blob not in bucket:
                bucket.append(blob)
        if not missing:
            return result
        for chunk in _chunks(sorted(missing), 500):
            rows = conn.execute(
                select(self._id, self._hash, self._blob).where(self._hash.in_(chunk))
            )
            for row_id, digest, blob in rows:
                if blob in missing.get(digest, ()):
                    result.setdefault(blob, row_id)
                    self.cache.stage(blob, row_id)
        new = [(digest, blob) for digest, group in missing.items() for blob in group]
        new = [(digest, blob) for digest, blob in new if blob not in result]
        if new:
            inserted = conn.execute(
                self._table.insert().returning(self._id, sort_by_parameter_order=True),
                [{"hash": digest, self._blob.key: blob} for digest, blob in new],
            ).scalars()
            for (_, blob), row_id in zip(new, inserted, strict=True):
                result[blob] = row_id
                self.cache.stage(blob, row_id)
        return result


def _chunks[T](items: list[T], size: int) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

"""Recorder benchmark: sustained state changes/s, bytes per change, one-day history query time.

    .venv/bin/python bench/recorder_bench.py [--rows 5000000] [--changes 20000] [--no-pg]

Throughput goes through the real path (StateMachine -> bus -> writer thread -> database).
The large history table is generated with bulk inserts (not through the bus) to keep it fast.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import secrets
import statistics as stats
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hub.clock import Clock
from hub.events import EventBus
from hub.recorder import Recorder, RecorderConfig
from hub.recorder.database import database_size, make_engine, upgrade
from hub.recorder.history import history_during_period
from hub.states import StateMachine

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
ENTITIES = 2000
DAYS = 10
CHUNK = 100_000


async def throughput(url: str | None, config_dir: Path, changes: int) -> tuple[float, float]:
    """(state changes/s until committed, database bytes per change)."""
    clock = Clock()
    bus = EventBus(clock)
    states = StateMachine(bus, clock)
    config = RecorderConfig(db_url=url, commit_interval=1.0, auto_purge=False)
    recorder = Recorder(bus, states, clock, config, config_dir)
    await recorder.start()
    engine = make_engine(config.database_url(config_dir))
    base = database_size(engine)
    attrs = [
        {"friendly_name": f"Sensor {i}", "unit_of_measurement": "W", "device_class": "power"}
        for i in range(100)
    ]
    began = time.perf_counter()
    for n in range(changes):
        entity = n % 100
        states.set(f"sensor.bench_{entity}", str(n), attrs[entity])
        if n % 1000 == 999:
            await asyncio.sleep(0)  # let the loop breathe like a real hub
    await recorder.flush()
    elapsed = time.perf_counter() - began
    await recorder.stop()
    size = database_size(engine) - base
    engine.dispose()
    return changes / elapsed, size / changes


def generate(url: str, rows: int) -> None:
    """Bulk-insert `rows` states for ENTITIES entities spread over DAYS days."""
    engine = make_engine(url)
    upgrade(engine)
    now = time.time()
    start = now - DAYS * 86400
    step = DAYS * 86400 / (rows / ENTITIES)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO states_meta (entity_id) VALUES (:e)"),
            [{"e": f"sensor.gen_{i}"} for i in range(ENTITIES)],
        )
        conn.execute(
            text("INSERT INTO state_attributes (hash, shared_attrs) VALUES (1, :a)"),
            {"a": '{"unit_of_measurement":"W","friendly_name":"Generated"}'},
        )
    rnd = random.Random(1)

    def batch(offset: int, count: int) -> list[tuple[int, str, int, float, str]]:
        out = []
        for n in range(offset, offset + count):
            meta = n % ENTITIES + 1
            ts = start + (n // ENTITIES) * step + meta * 0.001
            out.append((meta, str(rnd.randint(0, 5000)), 1, ts, secrets.token_hex(13)))
        return out

    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        if engine.dialect.name == "sqlite":
            for offset in range(0, rows, CHUNK):
                driver.executemany(  # type: ignore[union-attr]
                    "INSERT INTO states (metadata_id, state, attributes_id, last_updated_ts, "
                    "context_id) VALUES (?, ?, ?, ?, ?)",
                    batch(offset, min(CHUNK, rows - offset)),
                )
                driver.commit()  # type: ignore[union-attr]
            driver.execute("ANALYZE")  # type: ignore[union-attr]
        else:
            with driver.cursor() as cur:  # type: ignore[union-attr]
                with cur.copy(
                    "COPY states (metadata_id, state, attributes_id, last_updated_ts, context_id)"
                    " FROM STDIN"
                ) as copy:
                    for offset in range(0, rows, CHUNK):
                        for row in batch(offset, min(CHUNK, rows - offset)):
                            copy.write_row(row)
            driver.commit()  # type: ignore[union-attr]
            driver.autocommit = True  # type: ignore[union-attr]
            driver.execute("VACUUM ANALYZE states")  # type: ignore[union-attr]
    finally:
        raw.close()
    engine.dispose()


def history_query_ms(url: str, repeats: int = 7) -> tuple[float, int]:
    """Median ms of a one-day history query for one entity, and the rows it returned."""
    engine = make_engine(url)
    end = time.time() - 2 * 86400
    times, count = [], 0
    for i in range(repeats):
        entity = f"sensor.gen_{(i * 97) % ENTITIES}"
        began = time.perf_counter()
        result = history_during_period(engine, end - 86400, end, [entity])
        times.append((time.perf_counter() - began) * 1000)
        count = len(result[entity])
    engine.dispose()
    return stats.median(times), count


def pg_database() -> tuple[str, object]:
    name = f"bastion_bench_{secrets.token_hex(4)}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--changes", type=int, default=20_000)
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    engines = ["sqlite"] + ([] if args.no_pg else ["postgresql"])
    for kind in engines:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            drop = None
            if kind == "sqlite":
                live_url, big_url = None, f"sqlite:///{folder / 'big.db'}"
            else:
                live_url, drop_live = pg_database()
                big_url, drop = pg_database()
            try:
                rate, per_change = asyncio.run(throughput(live_url, folder, args.changes))
                print(
                    f"{kind}: {rate:,.0f} recorded state changes/s "
                    f"({args.changes} changes, 100 entities)"
                )
                print(f"{kind}: {per_change:,.0f} DB bytes per state change")
                began = time.perf_counter()
                generate(big_url, args.rows)
                print(
                    f"{kind}: generated {args.rows:,} rows in {time.perf_counter() - began:.0f} s"
                )
                ms, count = history_query_ms(big_url)
                print(
                    f"{kind}: one-day history of one entity: {ms:.1f} ms median "
                    f"({count} states, {args.rows:,} rows in table)"
                )
            finally:
                if kind == "postgresql":
                    drop_live()  # type: ignore[operator]
                    drop()  # type: ignore[misc,operator]


if __name__ == "__main__":
    main()

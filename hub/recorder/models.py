"""The recorder's tables (schema at Alembic head) as SQLAlchemy Core objects."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 2
# SQLite only aliases rowid for the exact type INTEGER; PostgreSQL gets 64-bit ids.
ID = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

states_meta = Table(
    "states_meta",
    metadata,
    Column("metadata_id", ID, primary_key=True, autoincrement=True),
    Column("entity_id", String(255), nullable=False, unique=True),
    Column("device_class", String(64)),  # revision 2
)

state_attributes = Table(
    "state_attributes",
    metadata,
    Column("attributes_id", ID, primary_key=True, autoincrement=True),
    Column("hash", BigInteger, nullable=False, index=True),
    Column("shared_attrs", Text, nullable=False),
)

states = Table(
    "states",
    metadata,
    Column("state_id", ID, primary_key=True, autoincrement=True),
    Column("metadata_id", ID, ForeignKey("states_meta.metadata_id"), nullable=False),
    Column("state", String(255)),
    Column("attributes_id", ID, ForeignKey("state_attributes.attributes_id")),
    Column("last_changed_ts", Double),
    Column("last_updated_ts", Double, nullable=False),
    Column("last_reported_ts", Double),
    Column("context_id", String(36)),
    Column("context_user_id", String(36)),
    Column("context_parent_id", String(36)),
    Column("old_state_id", ID),
    Index("ix_states_metadata_id_last_updated_ts", "metadata_id", "last_updated_ts"),
    Index("ix_states_last_updated_ts", "last_updated_ts"),
    Index("ix_states_context_id", "context_id"),  # revision 2
    Index("ix_states_attributes_id", "attributes_id"),  # revision 2
)

event_types = Table(
    "event_types",
    metadata,
    Column("event_type_id", ID, primary_key=True, autoincrement=True),
    Column("event_type", String(64), nullable=False, unique=True),
)

event_data = Table(
    "event_data",
    metadata,
    Column("data_id", ID, primary_key=True, autoincrement=True),
    Column("hash", BigInteger, nullable=False, index=True),
    Column("shared_data", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("event_id", ID, primary_key=True, autoincrement=True),
    Column("event_type_id", ID, ForeignKey("event_types.event_type_id"), nullable=False),
    Column("data_id", ID, ForeignKey("event_data.data_id")),
    Column("origin_idx", SmallInteger),
    Column("time_fired_ts", Double, nullable=False),
    Column("context_id", String(36)),
    Column("context_user_id", String(36)),
    Column("context_parent_id", String(36)),
    Index("ix_events_event_type_id_time_fired_ts", "event_type_id", "time_fired_ts"),
    Index("ix_events_time_fired_ts", "time_fired_ts"),
    Index("ix_events_context_id", "context_id"),  # revision 2
    Index("ix_events_data_id", "data_id"),  # revision 2
)

statistics_meta = Table(
    "statistics_meta",
    metadata,
    Column("id", ID, primary_key=True, autoincrement=True),
    Column("statistic_id", String(255), nullable=False, unique=True),
    Column("source", String(32), nullable=False),
    Column("unit_of_measurement", String(255)),
    Column("has_mean", Boolean, nullable=False),
    Column("has_sum", Boolean, nullable=False),
    Column("name", String(255)),
)


def _statistics_table(name: str) -> Table:
    return Table(
        name,
        metadata,
        Column("id", ID, primary_key=True, autoincrement=True),
        Column("metadata_id", ID, ForeignKey("statistics_meta.id"), nullable=False),
        Column("created_ts", Double, nullable=False),
        Column("start_ts", Double, nullable=False),
        Column("mean", Double),
        Column("min", Double),
        Column("max", Double),
        Column("last_reset_ts", Double),
        Column("state", Double),
        Column("sum", Double),
        Index(f"ix_{name}_metadata_id_start_ts", "metadata_id", "start_ts", unique=True),
        Index(f"ix_{name}_start_ts", "start_ts"),
    )


statistics = _statistics_table("statistics")
statistics_short_term = _statistics_table("statistics_short_term")

recorder_runs = Table(
    "recorder_runs",
    metadata,
    Column("run_id", ID, primary_key=True, autoincrement=True),
    Column("start_ts", Double, nullable=False),
    Column("end_ts", Double),
    Column("closed_incorrect", Boolean, nullable=False, default=False),
    Column("created_ts", Double, nullable=False),
)

schema_changes = Table(
    "schema_changes",
    metadata,
    Column("change_id", ID, primary_key=True, autoincrement=True),
    Column("schema_version", Integer, nullable=False),
    Column("changed_ts", Double, nullable=False),
)

ORIGINS = ("LOCAL", "REMOTE")

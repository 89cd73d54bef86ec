"""Initial recorder schema.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _pk(name: str) -> sa.Column:
    return sa.Column(name, ID, primary_key=True, autoincrement=True)


def _statistics(name: str) -> None:
    op.create_table(
        name,
        _pk("id"),
        sa.Column("metadata_id", ID, sa.ForeignKey("statistics_meta.id"), nullable=False),
        sa.Column("created_ts", sa.Double, nullable=False),
        sa.Column("start_ts", sa.Double, nullable=False),
        sa.Column("mean", sa.Double),
        sa.Column("min", sa.Double),
        sa.Column("max", sa.Double),
        sa.Column("last_reset_ts", sa.Double),
        sa.Column("state", sa.Double),
        sa.Column("sum", sa.Double),
    )
    op.create_index(
        f"ix_{name}_metadata_id_start_ts", name, ["metadata_id", "start_ts"], unique=True
    )
    op.create_index(f"ix_{name}_start_ts", name, ["start_ts"])


def upgrade() -> None:
    op.create_table(
        "states_meta",
        _pk("metadata_id"),
        sa.Column("entity_id", sa.String(255), nullable=False, unique=True),
    )
    op.create_table(
        "state_attributes",
        _pk("attributes_id"),
        sa.Column("hash", sa.BigInteger, nullable=False),
        sa.Column("shared_attrs", sa.Text, nullable=False),
    )
    op.create_index("ix_state_attributes_hash", "state_attributes", ["hash"])
    op.create_table(
        "states",
        _pk("state_id"),
        sa.Column("metadata_id", ID, sa.ForeignKey("states_meta.metadata_id"), nullable=False),
        sa.Column("state", sa.String(255)),
        sa.Column("attributes_id", ID, sa.ForeignKey("state_attributes.attributes_id")),
        sa.Column("last_changed_ts", sa.Double),
        sa.Column("last_updated_ts", sa.Double, nullable=False),
        sa.Column("last_reported_ts", sa.Double),
        sa.Column("context_id", sa.String(36)),
        sa.Column("context_user_id", sa.String(36)),
        sa.Column("context_parent_id", sa.String(36)),
        sa.Column("old_state_id", ID),
    )
    op.create_index(
        "ix_states_metadata_id_last_updated_ts", "states", ["metadata_id", "last_updated_ts"]
    )
    op.create_index("ix_states_last_updated_ts", "states", ["last_updated_ts"])
    op.create_table(
        "event_types",
        _pk("event_type_id"),
        sa.Column("event_type", sa.String(64), nullable=False, unique=True),
    )
    op.create_table(
        "event_data",
        _pk("data_id"),
        sa.Column("hash", sa.BigInteger, nullable=False),
        sa.Column("shared_data", sa.Text, nullable=False),
    )
    op.create_index("ix_event_data_hash", "event_data", ["hash"])
    op.create_table(
        "events",
        _pk("event_id"),
        sa.Column("event_type_id", ID, sa.ForeignKey("event_types.event_type_id"), nullable=False),
        sa.Column("data_id", ID, sa.ForeignKey("event_data.data_id")),
        sa.Column("origin_idx", sa.SmallInteger),
        sa.Column("time_fired_ts", sa.Double, nullable=False),
        sa.Column("context_id", sa.String(36)),
        sa.Column("context_user_id", sa.String(36)),
        sa.Column("context_parent_id", sa.String(36)),
    )
    op.create_index(
        "ix_events_event_type_id_time_fired_ts", "events", ["event_type_id", "time_fired_ts"]
    )
    op.create_index("ix_events_time_fired_ts", "events", ["time_fired_ts"])
    op.create_table(
        "statistics_meta",
        _pk("id"),
        sa.Column("statistic_id", sa.String(255), nullable=False, unique=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("unit_of_measurement", sa.String(255)),
        sa.Column("has_mean", sa.Boolean, nullable=False),
        sa.Column("has_sum", sa.Boolean, nullable=False),
        sa.Column("name", sa.String(255)),
    )
    _statistics("statistics")
    _statistics("statistics_short_term")
    op.create_table(
        "recorder_runs",
        _pk("run_id"),
        sa.Column("start_ts", sa.Double, nullable=False),
        sa.Column("end_ts", sa.Double),
        sa.Column("closed_incorrect", sa.Boolean, nullable=False),
        sa.Column("created_ts", sa.Double, nullable=False),
    )
    changes = op.create_table(
        "schema_changes",
        _pk("change_id"),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("changed_ts", sa.Double, nullable=False),
    )
    op.bulk_insert(changes, [{"schema_version": 1, "changed_ts": time.time()}])

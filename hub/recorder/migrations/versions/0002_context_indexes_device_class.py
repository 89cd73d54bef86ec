"""Context and orphan-lookup indexes; states_meta.device_class for per-class retention.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("states_meta") as batch:
        batch.add_column(sa.Column("device_class", sa.String(64)))
    op.create_index("ix_states_context_id", "states", ["context_id"])
    op.create_index("ix_states_attributes_id", "states", ["attributes_id"])
    op.create_index("ix_events_context_id", "events", ["context_id"])
    op.create_index("ix_events_data_id", "events", ["data_id"])
    changes = sa.table(
        "schema_changes",
        sa.column("schema_version", sa.Integer),
        sa.column("changed_ts", sa.Double),
    )
    op.bulk_insert(changes, [{"schema_version": 2, "changed_ts": time.time()}])

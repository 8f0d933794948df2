"""Handoffs may be a request to be answered when staff are back (reason ``callback``).

Revision ID: 0007_handoff_callback
Revises: 0006_catalog_meta
Create Date: 2026-12-06

Outside staff hours a request for a person is not queued for an agent who is not there;
the user may leave a request that waits (without timing out) until staff start work.
"""

from alembic import op

revision = "0007_handoff_callback"
down_revision = "0006_catalog_meta"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_constraint("ck_handoffs_reason", type_="check")
        batch.create_check_constraint(
            "ck_handoffs_reason", "reason IN ('requested', 'fallback', 'callback')")


def downgrade() -> None:
    op.execute("DELETE FROM handoffs WHERE reason = 'callback'")
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_constraint("ck_handoffs_reason", type_="check")
        batch.create_check_constraint("ck_handoffs_reason", "reason IN ('requested', 'fallback')")

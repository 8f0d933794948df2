"""The catalogue's version, so caches built from it check one row instead of every program.

Revision ID: 0006_catalog_meta
Revises: 0005_failed_attempts
Create Date: 2026-11-25

``catalog_meta(key, value)``; ``bizcall db load`` writes ``version`` (a digest of what it
loaded). A database upgraded from 0005 has no version until the next load, and readers then
fall back to fingerprinting the rows, as before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_catalog_meta"
down_revision = "0005_failed_attempts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "catalog_meta",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("catalog_meta")

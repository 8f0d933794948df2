"""One table for failed attempts: booking lookups and console logins share a limiter.

Revision ID: 0005_failed_attempts
Revises: 0004_console
Create Date: 2026-11-25

``lookup_failures`` (0002) and ``login_failures`` (0004) were two copies of one idea, a
sliding-window count of failures per key; ``bot.ratelimit`` now serves both from
``failed_attempts(kind, key, attempted_at)`` with hashed keys. The old rows are not
carried over: they only matter for 15 to 60 minutes, and copying would mean hashing keys
in SQL. An upgrade therefore lifts any block in force at that moment, which is harmless.
Downgrade recreates the two old tables empty.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_failed_attempts"
down_revision = "0004_console"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "failed_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_failed_attempts_bucket", "failed_attempts",
                    ["kind", "key", "attempted_at"])
    op.create_index("ix_failed_attempts_attempted_at", "failed_attempts", ["attempted_at"])
    op.drop_table("lookup_failures")
    op.drop_table("login_failures")


def downgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_login_failures_username", "login_failures", ["username", "attempted_at"])
    op.create_index("ix_login_failures_ip", "login_failures", ["ip", "attempted_at"])
    op.create_table(
        "lookup_failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("requester", sa.String(128), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("attempted_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_lookup_failures_requester", "lookup_failures",
                    ["requester", "attempted_at"])
    op.create_index("ix_lookup_failures_code", "lookup_failures", ["code", "attempted_at"])
    op.drop_index("ix_failed_attempts_attempted_at", table_name="failed_attempts")
    op.drop_index("ix_failed_attempts_bucket", table_name="failed_attempts")
    op.drop_table("failed_attempts")

"""The catalogue as staff keep it: basis dates, report notes, grouped budgets and a history.

Revision ID: 0008_catalog_upkeep
Revises: 0007_handoff_callback
Create Date: 2026-12-06

Answers say what their facts are based on: ``as_of`` is the date a record's values were
last confirmed (the work report's date until staff edit it), ``source_note`` records where
the report contradicts itself and which reading is kept, and a program's ``budget_also``
names programs whose budget lines the report's budget table puts under it. ``application``
and ``contact`` are what staff add that the report never said (how to apply, a phone
number or mailbox), with English twins. Every edit an
admin makes is a ``catalog_changes`` row (old and new values, as-of date, note, author),
so answers can cite it and ``bizcall catalog export`` can write it back to YAML.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_catalog_upkeep"
down_revision = "0007_handoff_callback"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.add_column(sa.Column("budget_also", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("application", sa.Text(), nullable=True))
        batch.add_column(sa.Column("application_en", sa.Text(), nullable=True))
        batch.add_column(sa.Column("contact", sa.Text(), nullable=True))
        batch.add_column(sa.Column("contact_en", sa.Text(), nullable=True))
        batch.add_column(sa.Column("as_of", sa.Date(), nullable=True))
        batch.add_column(sa.Column("source_note", sa.Text(), nullable=True))
    with op.batch_alter_table("facilities") as batch:
        batch.add_column(sa.Column("as_of", sa.Date(), nullable=True))
        batch.add_column(sa.Column("source_note", sa.Text(), nullable=True))
    with op.batch_alter_table("teams") as batch:
        batch.add_column(sa.Column("source_note", sa.Text(), nullable=True))
    op.create_table(
        "catalog_changes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("ref", sa.String(32), nullable=False, unique=True),
        sa.Column("record_kind", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("exported", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.CheckConstraint("record_kind IN ('program', 'facility')",
                           name="ck_catalog_changes_kind"),
    )
    op.create_index("ix_catalog_changes_record", "catalog_changes", ["record_kind", "record_id"])


def downgrade() -> None:
    op.drop_index("ix_catalog_changes_record", table_name="catalog_changes")
    op.drop_table("catalog_changes")
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("source_note")
    with op.batch_alter_table("facilities") as batch:
        batch.drop_column("source_note")
        batch.drop_column("as_of")
    with op.batch_alter_table("programs") as batch:
        batch.drop_column("source_note")
        batch.drop_column("as_of")
        batch.drop_column("budget_also")
        batch.drop_column("application")
        batch.drop_column("application_en")
        batch.drop_column("contact")
        batch.drop_column("contact_en")

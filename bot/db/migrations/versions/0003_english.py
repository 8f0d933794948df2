"""English text for what answers show: programs, budget lines, facilities, teams.

Revision ID: 0003_english
Revises: 0002_booking
Create Date: 2026-11-26

Answers are rendered in the user's language (Korean or English), so every catalogue text an
answer shows gets an English twin next to it. The columns are nullable: a missing English text
is a catalogue gap the answer states ("not available in English yet"), never a load failure
of old data, and the loader decides what is required. ``teams.functions_en`` is a JSON list like
``functions``. Batch mode lets SQLite drop the columns again on downgrade.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_english"
down_revision = "0002_booking"
branch_labels = None
depends_on = None

COLUMNS: dict[str, list[tuple[str, sa.types.TypeEngine]]] = {
    "programs": [
        ("purpose_en", sa.Text()),
        ("target_en", sa.Text()),
        ("goals_en", sa.Text()),
        ("content_en", sa.Text()),
        ("results_en", sa.Text()),
        ("schedule_en", sa.Text()),
    ],
    "budget_lines": [("line_en", sa.String(256))],
    "facilities": [
        ("kind_en", sa.String(128)),
        ("address_en", sa.Text()),
        ("size_en", sa.Text()),
        ("contents_en", sa.Text()),
    ],
    "teams": [
        ("name_en", sa.String(128)),
        ("division_en", sa.String(128)),
        ("functions_en", sa.JSON()),
    ],
}


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for name, type_ in columns:
                batch.add_column(sa.Column(name, type_))


def downgrade() -> None:
    for table, columns in reversed(list(COLUMNS.items())):
        with op.batch_alter_table(table) as batch:
            for name, _ in reversed(columns):
                batch.drop_column(name)

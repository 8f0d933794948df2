"""The recommender's one entry point for the CLI, the console API and the bot: text in,
``{"profile": {...}, "programs": [...]}`` out. Takes ``session``; opens nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bot.recommend.matcher import recommend
from bot.recommend.profile import Profile, read_profile


def recommend_text(
    *, session: Session, text: str, year: int, previous: Profile | None = None
) -> dict[str, Any]:
    """The profile read from ``text`` and the programs that fit it, best first."""
    profile = read_profile(text, now_year=year, previous=previous)
    programs = recommend(session=session, profile=profile)
    return {"profile": profile.as_dict(), "programs": [p.as_dict() for p in programs]}

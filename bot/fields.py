"""The ten consultation fields of 서울비즈콜 and their public codes."""

from __future__ import annotations

from bot.text import fold

FIELD_NAMES: dict[str, str] = {
    "law": "법률",
    "labor": "노무",
    "tax": "세무",
    "patent": "변리·특허",
    "customs": "관세",
    "management": "경영",
    "startup": "창업",
    "export": "무역·수출",
    "finance": "투융자",
    "marketing": "마케팅",
}

_ALIASES: dict[str, str] = {fold(name): code for code, name in FIELD_NAMES.items()}
_ALIASES.update({fold(code): code for code in FIELD_NAMES})
_ALIASES.update({
    fold(k): v for k, v in {
        "변리": "patent", "특허": "patent", "무역": "export", "수출": "export", "투자": "finance",
        "융자": "finance", "자금": "finance", "노동": "labor", "인사노무": "labor",
        "세금": "tax", "회계": "tax", "법무": "law", "통관": "customs",
    }.items()
})


def normalise_field(value: str | None) -> str | None:
    """Map a field code, Korean name or common synonym to its code; ``None`` if unknown."""
    if not value:
        return None
    return _ALIASES.get(fold(value))

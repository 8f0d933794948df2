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

FIELD_NAMES_EN: dict[str, str] = {
    "law": "Legal",
    "labor": "Labor",
    "tax": "Tax",
    "patent": "Patent & IP",
    "customs": "Customs",
    "management": "Management",
    "startup": "Startup",
    "export": "Trade & Export",
    "finance": "Investment & Financing",
    "marketing": "Marketing",
}
"""English names, as in catalog/fields.yml (kept here too: every reply needs them, fast)."""


def field_name(code: str | None, language: str = "ko") -> str:
    """The field's name in ``language`` ('ko' or 'en'); the code itself if unknown."""
    names = FIELD_NAMES_EN if language == "en" else FIELD_NAMES
    return names.get(code or "", code or "")


_ALIASES: dict[str, str] = {fold(name): code for code, name in FIELD_NAMES.items()}
_ALIASES.update({fold(name): code for code, name in FIELD_NAMES_EN.items()})
_ALIASES.update({fold(code): code for code in FIELD_NAMES})
_ALIASES.update(
    {
        fold(k): v
        for k, v in {
            "변리": "patent",
            "특허": "patent",
            "무역": "export",
            "수출": "export",
            "투자": "finance",
            "융자": "finance",
            "자금": "finance",
            "노동": "labor",
            "인사노무": "labor",
            "세금": "tax",
            "회계": "tax",
            "법무": "law",
            "통관": "customs",
            "legal": "law",
            "lawyer": "law",
            "hr": "labor",
            "employment": "labor",
            "accounting": "tax",
            "ip": "patent",
            "trademark": "patent",
            "trade": "export",
            "export": "export",
            "investment": "finance",
            "financing": "finance",
            "funding": "finance",
            "founding": "startup",
            "변호사": "law",
            "노무사": "labor",
            "세무사": "tax",
            "회계사": "tax",
            "변리사": "patent",
            "관세사": "customs",
        }.items()
    }
)


def normalise_field(value: str | None) -> str | None:
    """Map a field code, Korean name or common synonym to its code; ``None`` if unknown."""
    if not value:
        return None
    return _ALIASES.get(fold(value))


def field_aliases(code: str) -> set[str]:
    """Every folded name of field ``code`` (세무, 세금, 회계, tax, accounting ...)."""
    return {alias for alias, target in _ALIASES.items() if target == code}

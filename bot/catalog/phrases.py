"""The wording of the program answers both languages build alike, Korean beside English.

One function (in ``bot.catalog.answers``, or ``basis.confirm_line``) builds such an answer
for either language; what differs is only the words, kept here as (Korean, English) pairs
of ``str.format`` templates.
"""

from __future__ import annotations

from typing import Final

PHRASES: Final[dict[str, tuple[str, str]]] = {
    "contact": ("연락처", "Contact"),
    "contact_next": (
        "구체적인 신청 절차는 담당 부서 공고를 확인해 주세요. "
        "사업 대상이나 내용도 여기서 바로 안내해 드릴 수 있습니다.",
        "For the exact application procedure, please check the team's call for "
        "applications. I can also tell you here who the program is for and what it offers.",
    ),
    "overview_next": (
        "신청 대상이나 담당 부서처럼 더 궁금한 점을 물어봐 주세요.",
        "Ask me who can apply, when it runs or which team is responsible.",
    ),
    "unknown": (
        "말씀하신 사업을 카탈로그에서 찾지 못했습니다.\n"
        "예를 들어 {examples} 같은 서울산업진흥원 사업을 안내해 드릴 수 있습니다. {pick}",
        "I couldn't find the program you mean in SBA's catalogue.\n"
        "I can tell you about SBA programs such as {examples}. {pick}",
    ),
    "pick_or_click": (
        "사업 이름을 넣어 다시 물어봐 주시거나, 아래에서 골라 주세요.",
        "Please ask again with the program's name, or pick one below.",
    ),
    "pick": ("사업 이름을 넣어 다시 물어봐 주세요.", "Please ask again with the program's name."),
    "guess": (
        "말씀하신 내용에는 '{name}' 사업이 가장 가까워 보입니다.\n{answer}",
        "The closest match to what you describe seems to be {name}.\n{answer}",
    ),
    "budget_none": (
        "{subject} 2022년 예산표에 따로 적힌 항목이 없습니다.{where} 사업 내용도 안내해 드릴까요?",
        "{subject} has no separate line in the 2022 budget table.{where} "
        "Shall I tell you what the program offers?",
    ),
    "budget_parent": (
        " 상위 사업인 {parent}의 예산(모두 {amount})에 포함되어 있을 수 있습니다.",
        " It may be part of the budget of its parent program, {parent} ({amount} in total).",
    ),
    "budget": (
        "{name}의 2022년 예산은 {whole}{amount}입니다.\n",
        "The 2022 budget of {name} is {amount}{whole}.\n",
    ),
    "budget_whole": ("하위 사업을 포함해 모두 ", " in total, including its sub-programs"),
    "budget_grouped": (
        "\n예산표가 {grouped}의 예산도 {name} 아래에 적고 있어 함께 더했습니다.",
        "\nThe budget table lists {grouped} under {name}, so those lines are included.",
    ),
    "budget_next": (
        "\n기업 한 곳이 받는 지원 금액은 공고마다 다르니 담당 부서에 확인해 주세요.",
        "\nHow much one company receives differs from call to call, so please check with the "
        "responsible team.",
    ),
    "results_none": (
        "{subject} 업무보고에 실적이 따로 적혀 있지 않습니다. 사업 내용을 안내해 드릴까요?",
        "The work report gives no separate results for {subject}. "
        "Shall I tell you what the program offers?",
    ),
    "results": ("{name}의 실적입니다.", "Results of {name}:"),
    "results_below": (
        "\n하위 사업별 실적도 물어봐 주세요: {names}.",
        "\nYou can also ask about the results of {names}.",
    ),
    "and_others": (" 등", " and others"),
    "results_of_one": (
        "{name}의 실적입니다(하위 사업 {part}).",
        "Results of {name} (its sub-program {part}):",
    ),
    "results_of_many": (
        "{name}의 실적입니다(하위 사업 {count}개).",
        "Results of {name} ({count} sub-programs):",
    ),
    "results_next": (
        "신청 대상이나 일정도 이어서 물어봐 주세요.",
        "You can also ask who it is for or when it runs.",
    ),
    "location": ("{subject} 다음 시설에서 운영됩니다.\n", "{subject} runs at:\n"),
    "location_next": (
        "\n방문 전에 담당 부서에 운영 시간을 확인해 주세요.",
        "\nPlease check opening hours with the responsible team before you visit.",
    ),
    "no_location": (
        "{subject} 특정 시설을 정해 두고 운영되는 사업이 아닙니다. {team} "
        "신청 대상이나 일정도 물어봐 주세요.",
        "{subject} is not run from one particular facility. {team} "
        "You can also ask who it is for or when it runs.",
    ),
    "confirm": (
        "현재 공고와 일정은 {who} 확인해 주세요.{page}",
        "For the current call and dates, please check {who}{page}.",
    ),
    "confirm_with_that_team": ("담당 부서에", "with that team"),
    "confirm_with_team": ("서울산업진흥원 {team}에", "with {team}"),
    "confirm_with_sba": ("서울산업진흥원에", "with SBA"),
    "confirm_page": (
        " 공지사항({url})에서도 확인하실 수 있습니다.",
        " or on SBA's notices page ({url})",
    ),
}
"""(Korean, English) wording of the answers both languages build alike."""


def say(key: str, language: str) -> str:
    """The wording ``key`` in ``language`` (anything but ``en`` is Korean)."""
    korean, english = PHRASES[key]
    return english if language == "en" else korean

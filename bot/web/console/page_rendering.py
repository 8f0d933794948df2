"""How the console's pages are rendered: the Jinja environment over ``templates/``, its
filters (times in Seoul) and globals (the taxonomy's labels), and the notices a redirect
names with ``?done=``.

Apart from ``bot.web.console.pages`` so that the page handlers and the catalogue pages
(``bot.web.console.catalog_pages``) share one renderer, and neither file grows past a
few screens.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from sanic.request import Request
from sanic.response import HTTPResponse, html

from bot import clock
from bot.console import handoff, inquiries
from bot.console.models import INQUIRY_STATUSES
from bot.fields import FIELD_NAMES
from bot.triage import TOPICS
from bot.web.console.security import csrf_for

HERE = Path(__file__).resolve().parent
DONE = {
    "relabelled": "라벨을 고쳤습니다. 다음 학습 데이터 내보내기에 반영됩니다.",
    "closed": "문의를 종료했습니다.",
    "reopened": "문의를 다시 열었습니다.",
    "taken": "상담을 맡았습니다. 사용자에게 연결 안내를 보냈습니다.",
    "released": "대화를 챗봇에게 돌려주었습니다.",
    "sent": "메시지를 보냈습니다.",
    "cancelled": "예약을 취소했습니다. 취소 안내 문자가 발송 대기열에 들어갔습니다.",
    "moved": "예약을 옮겼습니다. 변경 안내 문자가 발송 대기열에 들어갔습니다.",
    "catalog_saved": "저장했습니다. 다음 답변부터 새 내용과 기준일이 안내됩니다.",
    "catalog_saved_retrain": "저장했습니다. 이름이나 별칭이 바뀌었으니 `bizcall catalog export` 후 "
    "`make train`으로 다시 학습해 주세요.",
}
CHANNEL_NAMES = {"socketio": "웹 위젯", "rest": "REST"}


def _when(value: Any) -> str:
    """ISO time or epoch seconds → ``11-25 14:03`` in Seoul time."""
    if value in (None, ""):
        return ""
    if isinstance(value, int | float):
        moment = datetime.fromtimestamp(value, clock.SEOUL)
    else:
        moment = datetime.fromisoformat(str(value)).astimezone(clock.SEOUL)
    return moment.strftime("%m-%d %H:%M")


def _clock(value: float) -> str:
    return datetime.fromtimestamp(value, clock.SEOUL).strftime("%H:%M:%S")


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(HERE / "templates")),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters["when"] = _when
_env.filters["clock"] = _clock
_env.globals.update(
    FIELD_NAMES=FIELD_NAMES,
    TOPICS=TOPICS,
    TOPIC_LABELS=inquiries.TOPIC_LABELS,
    STATUS_LABELS=inquiries.STATUS_LABELS,
    STATUSES=INQUIRY_STATUSES,
    HANDOFF_STATUS=handoff.STATUS_LABELS,
    HANDOFF_REASON=handoff.REASON_LABELS,
    CHANNEL_NAMES=CHANNEL_NAMES,
)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTTPResponse:
    """A console page; ``staff``, ``csrf`` and the ``done`` notice are always available."""
    staff = getattr(request.ctx, "staff", None)
    context.setdefault("nav", "")
    page = _env.get_template(template).render(
        staff=staff,
        csrf=csrf_for(request) if staff else "",
        error=context.pop("error", None),
        done=DONE.get(request.args.get("done") or ""),
        **context,
    )
    return html(page, status=status, headers={"Cache-Control": "no-store"})

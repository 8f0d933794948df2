"""The catalogue as staff keep it, under ``/api``: read, edit (admin), the history, and the
programs that fit a company profile (``POST /api/recommend``).

``PATCH /api/programs/{id}`` (and ``/api/facilities/{id}``) takes
``{"values": {...}, "as_of": "YYYY-MM-DD", "note": "..."}``; the change shows in the next
answer, is listed by ``GET …/history`` and says whether the NLU model must be retrained
(a name or alias changed). The unit of work is here, at the edge (``bot.catalog.upkeep``).
"""

from __future__ import annotations

from typing import Any

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, json
from sqlalchemy import select

from bot import clock
from bot.catalog import upkeep
from bot.catalog.basis import as_of_label, basis_of
from bot.db.models import Facility, Program
from bot.db.session import session_scope
from bot.web.console.security import api_error, config, requires, run

bp = Blueprint("console_catalog_api", url_prefix="/api")
KINDS = {"programs": "program", "facilities": "facility"}
RETRAIN = (
    "이름이나 별칭이 바뀌어 챗봇이 알아듣는 말도 바뀌어야 합니다. "
    "`bizcall catalog export`로 catalog/에 쓰고 `make run`(또는 `make train`)으로 다시 "
    "학습해 주세요."
)


def _record_dict(record: Program | Facility) -> dict[str, Any]:
    kind = "program" if isinstance(record, Program) else "facility"
    basis = basis_of(record)
    return {
        "id": record.id,
        "kind": kind,
        "values": {
            field: upkeep.current_value(record, field) for field in sorted(upkeep.EDITABLE[kind])
        },
        "as_of": basis.as_of.isoformat(),
        "basis": as_of_label(basis),
        "source": {
            "section": record.source_section,
            "lines": record.source_lines,
            "note": record.source_note,
        },
    }


def list_rows(url: str, kind: str, query: str) -> list[dict[str, Any]]:
    """Programs or facilities matching ``query`` with their basis date (one unit of work)."""
    model = Program if kind == "program" else Facility
    with session_scope(url) as session:
        rows = session.scalars(select(model).order_by(model.id))
        found = [r for r in rows if not query or query.lower() in f"{r.id} {r.name}".lower()]
        return [{"id": r.id, "name": r.name, "as_of": basis_of(r).as_of.isoformat()} for r in found]


def read_record(url: str, kind: str, record_id: str) -> dict[str, Any] | None:
    """One record as the edit form shows it, and whether the NLU model is stale."""
    model = Program if kind == "program" else Facility
    with session_scope(url) as session:
        record = session.get(model, record_id)
        return (
            None
            if record is None
            else {
                **_record_dict(record),
                "nlu_stale": upkeep.nlu_stale(session=session) is not None,
            }
        )


def save_edit(
    url: str, kind: str, record_id: str, body: dict[str, Any], author: str
) -> dict[str, Any]:
    """Apply a staff edit through ``bot.catalog.upkeep`` and return the record as saved."""
    with session_scope(url) as session:
        done = upkeep.edit_record(
            session=session,
            kind=kind,
            record_id=record_id,
            values=body.get("values"),
            as_of=body.get("as_of"),
            note=body.get("note"),
            author=author,
            now=clock.now(),
        )
        record = session.get(Program if kind == "program" else Facility, record_id)
        answer = {
            "change": done.change,
            "record": _record_dict(record),
            "nlu_stale": done.nlu_stale,
        }
    if done.nlu_stale:
        answer["message"] = RETRAIN
    return answer


def history_rows(url: str, kind: str, record_id: str) -> list[dict[str, Any]]:
    """The recorded changes of one record, newest first, for the history view."""
    with session_scope(url) as session:
        return upkeep.history(session=session, kind=kind, record_id=record_id)


def _json_object(request: Request) -> dict[str, Any] | None:
    """The request's JSON body if it is an object (``None`` for anything else)."""
    try:
        body = request.json if request.body else None
    except Exception:  # Sanic's own InvalidUsage for broken JSON
        return None
    return body if isinstance(body, dict) else None


def _add_routes(plural: str) -> None:
    """The four routes of ``/api/programs`` or ``/api/facilities``."""
    kind = KINDS[plural]

    @requires()
    async def list_records(request: Request) -> HTTPResponse:
        """Records (id, name, as-of date), optionally filtered by ``q``."""
        query = (request.args.get("q") or "").strip()[:100]
        return json({"items": await run(list_rows, config(request).database_url, kind, query)})

    @requires()
    async def get_record(request: Request, record_id: str) -> HTTPResponse:
        """One record's editable values, basis and source."""
        found = await run(read_record, config(request).database_url, kind, record_id)
        return json(found) if found is not None else api_error(404, "없는 항목입니다.")

    @requires(admin=True)
    async def patch_record(request: Request, record_id: str) -> HTTPResponse:
        """Change a record (admin): values, the date they hold from and a note."""
        body = _json_object(request)
        if body is None:
            return api_error(400, "JSON 객체를 보내 주세요.")
        try:
            answer = await run(
                save_edit,
                config(request).database_url,
                kind,
                record_id,
                body,
                request.ctx.staff.username,
            )
        except LookupError:
            return api_error(404, "없는 항목입니다.")
        except upkeep.EditError as exc:
            return api_error(422, str(exc))
        return json(answer)

    @requires()
    async def record_history(request: Request, record_id: str) -> HTTPResponse:
        """Every change of the record, newest first."""
        try:
            items = await run(history_rows, config(request).database_url, kind, record_id)
        except LookupError:
            return api_error(404, "없는 항목입니다.")
        return json({"items": items})

    bp.add_route(list_records, f"/{plural}", methods=["GET"], name=f"{plural}list_rows")
    bp.add_route(get_record, f"/{plural}/<record_id>", methods=["GET"], name=f"{plural}_get")
    bp.add_route(patch_record, f"/{plural}/<record_id>", methods=["PATCH"], name=f"{plural}_patch")
    bp.add_route(
        record_history,
        f"/{plural}/<record_id>/history",
        methods=["GET"],
        name=f"{plural}history_rows",
    )


for _plural in KINDS:
    _add_routes(_plural)


def _recommend(url: str, text: str) -> dict[str, Any]:
    from bot.recommend.service import recommend_text

    with session_scope(url) as session:
        return recommend_text(session=session, text=text, year=clock.now().year)


@bp.post("/recommend")
@requires()
async def recommend(request: Request) -> HTTPResponse:
    """Programs that fit a company profile written in plain words (what the bot uses)."""
    body = _json_object(request)
    if body is None:
        return api_error(400, "JSON 객체를 보내 주세요.")
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        return api_error(422, "text에 회사 소개를 적어 주세요.")
    if len(text) > 2000:
        return api_error(422, "text는 2,000자 이내로 적어 주세요.")
    return json(await run(_recommend, config(request).database_url, text))

"""Console pages for the catalogue: every program and facility with its basis date, and an
edit form (admins) with the record's history. The API (``catalog_api``) does the same for
scripts; both go through ``bot.catalog.upkeep``.
"""

from __future__ import annotations

from typing import Any

from sanic import Blueprint
from sanic.exceptions import NotFound
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.catalog import upkeep
from bot.web.console.catalog_api import history_rows, list_rows, read_record, save_edit
from bot.web.console.page_rendering import render
from bot.web.console.security import config, requires, run

bp = Blueprint("console_catalog_pages", url_prefix="/console/catalog")
KINDS = {"programs": "program", "facilities": "facility"}
LIST_FIELDS = frozenset({"aliases", "target_groups"})


@bp.get("/")
@requires(page=True)
async def catalog_home(request: Request) -> HTTPResponse:
    """Programs and facilities with the date each one's facts hold for."""
    query = (request.args.get("q") or "").strip()[:100]
    url = config(request).database_url
    return render(
        request,
        "catalog.html",
        nav="catalog",
        query=query,
        programs=await run(list_rows, url, "program", query),
        facilities=await run(list_rows, url, "facility", query),
    )


async def _page(
    request: Request,
    plural: str,
    record_id: str,
    status: int = 200,
    error: str | None = None,
    form: dict[str, Any] | None = None,
) -> HTTPResponse:
    if plural not in KINDS:
        raise NotFound("not found")
    url = config(request).database_url
    record = await run(read_record, url, KINDS[plural], record_id)
    if record is None:
        raise NotFound("not found")
    history = await run(history_rows, url, KINDS[plural], record_id)
    return render(
        request,
        "catalog_record.html",
        status=status,
        nav="catalog",
        error=error,
        plural=plural,
        record=record,
        history=history,
        form=form or {},
        list_fields=LIST_FIELDS,
    )


@bp.get("/<plural>/<record_id>")
@requires(page=True)
async def record_page(request: Request, plural: str, record_id: str) -> HTTPResponse:
    """One record: its values, basis, source and history; the edit form for admins."""
    return await _page(request, plural, record_id)


@bp.post("/<plural>/<record_id>")
@requires(page=True, admin=True)
async def save_record(request: Request, plural: str, record_id: str) -> HTTPResponse:
    """Save the fields that changed, with the as-of date and the note."""
    if plural not in KINDS:
        raise NotFound("not found")
    form = {k: (request.form or {}).get(k) or "" for k in (request.form or {})}
    current = await run(read_record, config(request).database_url, KINDS[plural], record_id)
    if current is None:
        raise NotFound("not found")
    values: dict[str, Any] = {}
    for field in upkeep.EDITABLE[KINDS[plural]]:
        if f"v_{field}" not in form:
            continue
        raw = form[f"v_{field}"]
        value: Any = (
            [line.strip() for line in raw.splitlines() if line.strip()]
            if (field in LIST_FIELDS)
            else raw.strip() or None
        )
        if value != current["values"].get(field):
            values[field] = value
    body = {"values": values, "as_of": form.get("as_of", ""), "note": form.get("note", "")}
    try:
        done = await run(
            save_edit,
            config(request).database_url,
            KINDS[plural],
            record_id,
            body,
            request.ctx.staff.username,
        )
    except upkeep.EditError as exc:
        return await _page(request, plural, record_id, status=422, error=str(exc), form=form)
    notice = "catalog_saved_retrain" if done["nlu_stale"] else "catalog_saved"
    return redirect(f"/console/catalog/{plural}/{record_id}?done={notice}")

"""Staff console (``/console``) and its JSON API (``/api``): Sanic blueprints.

``bot.web.app.create_app`` registers every blueprint listed in ``blueprints``. Building
them connects to nothing; handlers open a database session per request and reach Rasa's
HTTP API with the stack's token (docs/console.md).
"""

from __future__ import annotations

import sanic

from bot.web.console.api import bp as api
from bot.web.console.catalog_api import bp as catalog_api
from bot.web.console.catalog_pages import bp as catalog_pages
from bot.web.console.pages import bp as pages

blueprints: list[sanic.Blueprint] = [pages, api, catalog_api, catalog_pages]

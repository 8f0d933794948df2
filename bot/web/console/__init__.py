"""Staff console and JSON API: Sanic blueprints registered by ``bot.web.app.create_app``.

Placeholder until the console lands; ``create_app`` registers every blueprint listed here.
"""

from __future__ import annotations

import sanic

blueprints: list[sanic.Blueprint] = []

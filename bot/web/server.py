"""``python -m bot.web.server``: run the web app (demo page, widget, staff console).

``bot.runner`` starts this next to the Rasa and action servers; the address of Rasa
comes on the command line so the page and widget hold no host or port of their own.
"""

from __future__ import annotations

import argparse

from bot.settings import load_settings
from bot.web.app import create_app


def main(argv: list[str] | None = None) -> None:
    """Serve the web app until interrupted (SIGINT/SIGTERM stop it cleanly)."""
    parser = argparse.ArgumentParser(description="bizcall web app: demo page and chat widget")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", required=True, help="e.g. http://127.0.0.1:5005")
    args = parser.parse_args(argv)
    app = create_app(load_settings(), args.rasa_url)
    app.run(host=args.host, port=args.port, workers=1, access_log=False, motd=False)


if __name__ == "__main__":
    main()

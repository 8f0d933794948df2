"""A tiny static server for the demo chat page (standard library only).

It serves ``static/`` and a ``/config.json`` telling the page where Rasa is, so
the page itself holds no host or port.
"""

from __future__ import annotations

import argparse
import json
import os
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"


class Handler(SimpleHTTPRequestHandler):
    """Static files plus the page config; no directory listings."""

    rasa_url = ""

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == "/config.json":
            body = json.dumps({"rasaUrl": self.rasa_url}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; connect-src 'self' {self.rasa_url}; style-src 'self'",
        )
        super().end_headers()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404)
        return None

    def log_message(self, format: str, *args: object) -> None:
        pass  # access logs would only repeat what Rasa logs


def main() -> None:
    """Serve the chat page until interrupted."""
    parser = argparse.ArgumentParser(description="bizcall demo chat page")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--rasa-url", required=True)
    args = parser.parse_args()
    handler = type("BoundHandler", (Handler,), {"rasa_url": args.rasa_url.rstrip("/")})
    server = ThreadingHTTPServer((args.host, args.port), partial(handler, directory=str(STATIC)))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()

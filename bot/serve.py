"""Start the Rasa server or the action server with personal data masked in their logs.

``python -m bot.serve rasa run ...`` and ``python -m bot.serve actions ...`` are the
``rasa`` and ``rasa_sdk`` command lines, unchanged, with ``install_log_masking`` in
force first — so no debug setting, library or traceback can write a phone number or
사업자등록번호 into a log file — and, for Rasa, ``bot.action_outage`` (a reply instead of
silence while the action server is down) and ``bot.rasa_fast_paths`` (per-turn work that
never changes, done once).
"""

from __future__ import annotations

import os
import sys

from bot.privacy import install_log_masking
from bot.rasa_auth import rasa_jwt_args


def rasa_argv(args: list[str], secret: str) -> list[str]:
    """Rasa's argv: ``args`` plus the JWT options (``bot.rasa_auth``) for ``run``.

    Added here, inside the process, so the secret never appears in a command line that
    ``ps`` shows. No ``--auth-token``: Rasa would then also accept the secret in a URL.
    """
    argv = ["rasa", *args]
    if secret and args[:1] == ["run"] and not any(a.startswith("--jwt-secret") for a in args):
        argv.extend(rasa_jwt_args(secret))
    return argv


def main(argv: list[str] | None = None) -> None:
    """Dispatch to Rasa's or rasa-sdk's own ``main`` with the remaining arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("rasa", "actions"):
        raise SystemExit("usage: python -m bot.serve {rasa|actions} [arguments...]")
    which, rest = args[0], args[1:]
    install_log_masking()
    if which == "rasa":
        from rasa.__main__ import main as rasa_main

        from bot import action_outage, rasa_fast_paths

        action_outage.install()  # "잠시 후 다시" instead of silence while actions are down
        rasa_fast_paths.install()  # fixed per-turn work done once (docs/performance.md)

        sys.argv = rasa_argv(rest, os.environ.get("BIZCALL_RASA_TOKEN", ""))
        rasa_main()
    else:
        from rasa_sdk.__main__ import main as sdk_main

        from bot.warmup import warm_action_server

        warm_action_server()  # the search index before the first user, not for them
        sys.argv = ["rasa_sdk", *rest]
        sdk_main()


if __name__ == "__main__":
    main()

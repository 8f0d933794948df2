"""Start the Rasa server or the action server with personal data masked in their logs.

``python -m bot.serve rasa run ...`` and ``python -m bot.serve actions ...`` are the
``rasa`` and ``rasa_sdk`` command lines, unchanged, with ``install_log_masking`` in
force first — so no debug setting, library or traceback can write a phone number or
사업자등록번호 into a log file.
"""

from __future__ import annotations

import sys

from bot.privacy import install_log_masking


def main(argv: list[str] | None = None) -> None:
    """Dispatch to Rasa's or rasa-sdk's own ``main`` with the remaining arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("rasa", "actions"):
        raise SystemExit("usage: python -m bot.serve {rasa|actions} [arguments...]")
    which, rest = args[0], args[1:]
    install_log_masking()
    if which == "rasa":
        from rasa.__main__ import main as rasa_main

        sys.argv = ["rasa", *rest]
        rasa_main()
    else:
        from rasa_sdk.__main__ import main as sdk_main

        sys.argv = ["rasa_sdk", *rest]
        sdk_main()


if __name__ == "__main__":
    main()

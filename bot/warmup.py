"""Build at start-up what the action server would otherwise build for its first user.

The catalogue search analyses every program with KoNLPy's Okt, which starts a JVM and loads
its dictionaries: 10-25 s on this machine, paid by whoever first asked a question that
needs the search (``make bench`` saw a 36 s first reply). ``bot.serve`` calls
``warm_action_server`` before the action server listens, so ``bizcall run`` reports it
ready only once that work is done.
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)


def warm_action_server() -> bool:
    """Start the analyser and build the search index; ``False`` (and a warning) on failure.

    A failure never stops the server: the same work then happens on first use, as before.
    """
    from bot.catalog.search import get_index
    from bot.db import session_scope

    started = time.perf_counter()  # a duration for the log, not a time of day
    try:
        with session_scope() as session:
            index = get_index(session=session)
    except Exception as exc:  # a cold start is better than no server
        logger.warning(
            "warm-up skipped (%s); the first search will build the index", type(exc).__name__
        )
        return False
    logger.info(
        "search index ready: %d programs in %.1f s", len(index.docs), time.perf_counter() - started
    )
    return True

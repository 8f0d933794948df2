"""Test tables that check several functions the same way, one list of cases per function.

``normalize(text) == expected`` for three normalisers is one test, not three copies of it:
the table maps each function to its cases and ``cases_by_function`` makes the parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet


def cases_by_function(
    table: Mapping[Callable[..., Any], Sequence[tuple[Any, ...]]],
) -> list[ParameterSet]:
    """``pytest.param(function, *case)`` for every case, named after the function and index."""
    return [
        pytest.param(function, *case, id=f"{function.__name__}-{n}")
        for function, cases in table.items()
        for n, case in enumerate(cases)
    ]

"""The declarative base every model maps onto, and the ``Mapped`` annotation for columns.

SQLAlchemy 1.4 ships no type information (``py.typed``), so to mypy every ``Column`` and
``relationship`` is ``Any``, and so was every model attribute while ``Base`` itself was
``Any``. The models use the typed declarative style instead: each attribute is annotated
``Mapped[T]``. At run time that is SQLAlchemy's own ``Mapped``; to the type checker it is
the descriptor below, which says what SQLAlchemy 2.0's does — ``row.name`` is a ``T``,
while ``Model.name`` stays a SQL expression (``Any`` here) for ``select``, ``where`` and
``order_by``. Moving to SQLAlchemy 2.0 then means deleting this stand-in, nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

from sqlalchemy.orm import registry

T = TypeVar("T")

if TYPE_CHECKING:

    class Mapped(Generic[T]):
        """An attribute mapped to a column or relationship (type-checking view)."""

        @overload
        def __get__(self, instance: None, owner: type[Any]) -> Any: ...

        @overload
        def __get__(self, instance: object, owner: type[Any]) -> T: ...

        def __get__(self, instance: object | None, owner: type[Any]) -> Any: ...

        def __set__(self, instance: object, value: T) -> None: ...

else:
    from sqlalchemy.orm import Mapped

mapper_registry = registry()
"""The one registry: its ``metadata`` is what Alembic compares against the migrations."""


@mapper_registry.as_declarative_base()
class Base:
    """Base of every model: the catalogue, bookings and the console tables."""

    if TYPE_CHECKING:
        metadata: ClassVar[Any]
        __table__: ClassVar[Any]
        __tablename__: ClassVar[str]

        def __init__(self, **kwargs: Any) -> None:
            """Set the given attributes, as SQLAlchemy's declarative constructor does."""


__all__ = ["Base", "Mapped", "mapper_registry"]

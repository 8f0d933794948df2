"""How Rasa's graph builds our NLU components, written once for all of them.

Rasa builds a component by calling its ``create`` (training, or a component with nothing
trained) or its ``load`` (a trained model) with the same four arguments, whose names and
types it checks. The components in ``bot.nlp`` differ only in what they keep: their config
alone, or state that ``train`` writes to the model storage. This base writes their
signature once, and each component says only how it is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from typing_extensions import Self

StateT = TypeVar("StateT")
ComponentT = TypeVar("ComponentT", bound="NluComponent[Any]")


@dataclass(frozen=True)
class GraphNode:
    """What Rasa's graph hands a component it builds (the arguments of ``create``)."""

    config: dict[str, Any]
    model_storage: ModelStorage
    resource: Resource
    execution_context: ExecutionContext


def _constructor(*, trained: bool) -> Any:
    """Rasa's ``create`` (untrained) or ``load`` (``trained``: with the state ``train`` stored).

    Rasa calls both with the same four keyword arguments and checks their names and types, so
    the signature is written here once; the two differ only in whether the state is read.
    """

    def construct(
        cls: type[ComponentT],
        /,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ComponentT:
        node = GraphNode(config, model_storage, resource, execution_context)
        return cls.build(node, cls.read_state(model_storage, resource) if trained else None)

    return classmethod(construct)


class NluComponent(Generic[StateT], GraphComponent):
    """A component built from its config and, once trained, the state it stored.

    By default there is no state: the component is built from its config alone, untrained
    or loaded. A component whose ``train`` writes to the model storage says how its state
    is read (``read_state``) and how it is built with it (``build``).
    """

    create = _constructor(trained=False)
    load = _constructor(trained=True)

    @classmethod
    def read_state(cls, model_storage: ModelStorage, resource: Resource) -> StateT | None:
        """The stored state; None where nothing is stored (the default: nothing to train)."""
        return None

    @classmethod
    def build(cls, node: GraphNode, state: StateT | None) -> Self:
        """The component for ``node``, trained with ``state`` unless it is None.

        The default builds it from its config alone.
        """
        return cls(node.config)

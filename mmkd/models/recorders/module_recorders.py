"""Recorders of a sub-module's outputs or inputs (forward hooks)."""
from typing import List

from torch import nn

from mmkd.registry import RECORDERS
from .base_recorder import BaseRecorder


class _ModuleRecorder(BaseRecorder):
    """Shared lookup of ``source`` as a dotted sub-module path ('' is the model itself)."""

    def exists(self, model: nn.Module) -> bool:
        try:
            model.get_submodule(self.source)
        except AttributeError:
            return False
        return True

    def candidates(self, model: nn.Module) -> List[str]:
        return [n for n, _ in model.named_modules() if n]


@RECORDERS.register_module()
class ModuleOutputs(_ModuleRecorder):
    """Records what a sub-module returns, e.g. ``source='head.fc'`` for a classifier's logits.

    See :class:`BaseRecorder` for the arguments.
    """

    def attach(self, model: nn.Module) -> None:
        model.get_submodule(self.source).register_forward_hook(
            lambda module, args, output: self.record(output))


@RECORDERS.register_module()
class ModuleInputs(_ModuleRecorder):
    """Records the positional inputs of a sub-module (``item`` defaults to 0, the first one).

    See :class:`BaseRecorder` for the arguments.
    """

    def __init__(self, source: str, item=0, **kwargs) -> None:
        super().__init__(source, item=item, **kwargs)

    def attach(self, model: nn.Module) -> None:
        model.get_submodule(self.source).register_forward_pre_hook(
            lambda module, args: self.record(args))

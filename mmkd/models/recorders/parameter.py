"""Recorder of a parameter (e.g. a classifier's weight matrix)."""
from typing import List

from torch import nn

from mmkd.registry import RECORDERS
from .base_recorder import BaseRecorder


@RECORDERS.register_module()
class Parameter(BaseRecorder):
    """Gives a parameter of the model, ``source='head.fc.weight'``; no forward hook needed.

    See :class:`BaseRecorder` for the arguments (``item``, ``index``, ``copy`` do not apply).
    """

    def exists(self, model: nn.Module) -> bool:
        return self.source in dict(model.named_parameters())

    def candidates(self, model: nn.Module) -> List[str]:
        return [n for n, _ in model.named_parameters()]

    def attach(self, model: nn.Module) -> None:
        self._param = model.get_parameter(self.source)

    def get(self):
        return self._param

"""The recorders of one sub-network, built from config and switched on around its forward."""
import copy
from contextlib import ExitStack, contextmanager
from typing import Dict, Iterator

from torch import nn

from mmkd.registry import RECORDERS
from mmkd.utils.misc import did_you_mean
from .base_recorder import BaseRecorder
from .function_outputs import FunctionOutputs


def build_recorder(key: str, cfg: dict) -> BaseRecorder:
    """Build one recorder from its config, with a clear error for unknown types."""
    if not isinstance(cfg, dict) or 'type' not in cfg:
        raise TypeError(f'recorders.{key}: expected a dict with a `type` (one of '
                        f'{sorted(RECORDERS.module_dict)}), got {cfg!r}.')
    cfg = copy.deepcopy(dict(cfg))
    rtype = cfg.pop('type')
    if isinstance(rtype, str):
        cls = RECORDERS.get(rtype.split('.')[-1] if rtype.startswith('mmkd.') else rtype)
        if cls is None:
            raise KeyError(f'recorders.{key}: unknown recorder type {rtype!r}. '
                           + did_you_mean(rtype, RECORDERS.module_dict))
    else:
        cls = rtype
    try:
        return cls(**cfg)
    except TypeError as e:
        raise TypeError(f'recorders.{key}: {e}') from e


class RecorderSet:
    """The recorders attached to one sub-network, by key.

    Args:
        model_name (str): The sub-network's name (for messages).
        model (nn.Module): The sub-network.
        recorders (dict[str, BaseRecorder]): Recorders whose source exists in ``model``.
    """

    def __init__(self, model_name: str, model: nn.Module,
                 recorders: Dict[str, BaseRecorder]) -> None:
        self.model_name = model_name
        self.recorders = recorders
        for key, rec in recorders.items():
            rec.name = f'{key!r} of {model_name}'
            rec.attach(model)

    def __contains__(self, key: str) -> bool:
        return key in self.recorders

    def keys(self):
        return self.recorders.keys()

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Record (afresh) during the block; function recorders are patched in only here."""
        with ExitStack() as stack:
            for rec in self.recorders.values():
                rec.start()
                if isinstance(rec, FunctionOutputs):
                    stack.enter_context(rec.patched())
            try:
                yield
            finally:
                for rec in self.recorders.values():
                    rec.stop()

    def get(self, key: str):
        """The value recorded under ``key`` in the last forward."""
        if key not in self.recorders:
            raise KeyError(f'{self.model_name} has no recorder {key!r}. '
                           + did_you_mean(key, self.recorders))
        return self.recorders[key].get()

    def clear(self) -> None:
        """Drop every recorded value."""
        for rec in self.recorders.values():
            rec.clear()

"""Recorder of a function's return value inside a forward (``F.interpolate``, ``torch.cat``)."""
import functools
import importlib
from contextlib import contextmanager
from typing import Any, List, Tuple

from torch import nn

from mmkd.registry import RECORDERS
from .base_recorder import BaseRecorder


def _resolve(source: str) -> Tuple[Any, str]:
    """``'pkg.mod.func'`` -> (the module object, ``'func'``); raises ImportError/AttributeError."""
    mod_path, _, func = source.rpartition('.')
    if not mod_path:
        raise ImportError(f'{source!r} is not a dotted path')
    module = importlib.import_module(mod_path)
    getattr(module, func)
    return module, func


@RECORDERS.register_module()
class FunctionOutputs(BaseRecorder):
    """Records what a function returns when the model's forward calls it.

    ``source`` is the function as the model's code looks it up: ``'torch.flatten'``,
    ``'torch.nn.functional.interpolate'`` or a name in a module's namespace
    (``'mmseg.models.decode_heads.psp_head.resize'``). The function is replaced only while
    this model's forward runs, so other models and code are not affected. A function called
    several times per forward needs ``index=``. See :class:`BaseRecorder` for the arguments.
    """

    def exists(self, model: nn.Module) -> bool:
        try:
            _resolve(self.source)
        except (ImportError, AttributeError):
            return False
        return True

    def candidates(self, model: nn.Module) -> List[str]:
        mod_path = self.source.rpartition('.')[0]
        try:
            module = importlib.import_module(mod_path)
        except ImportError:
            return ['torch.flatten', 'torch.cat', 'torch.nn.functional.interpolate']
        return [f'{mod_path}.{n}' for n in dir(module)
                if not n.startswith('_') and callable(getattr(module, n))]

    def attach(self, model: nn.Module) -> None:
        self._module, self._func = _resolve(self.source)

    @contextmanager
    def patched(self):
        """Replace the function by a recording wrapper for the duration of the block."""
        original = getattr(self._module, self._func)

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            out = original(*args, **kwargs)
            self.record(out)
            return out

        setattr(self._module, self._func, wrapper)
        try:
            yield
        finally:
            setattr(self._module, self._func, original)

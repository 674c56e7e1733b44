"""Recorder of a method's return value (e.g. a decoder's ``forward_train``)."""
import functools
from typing import List

from torch import nn

from mmkd.registry import RECORDERS
from .base_recorder import BaseRecorder


def _split(source: str):
    module, _, method = source.rpartition('.')
    return module, method


@RECORDERS.register_module()
class MethodOutputs(BaseRecorder):
    """Records what a method of a sub-module returns.

    ``source`` is ``'<module path>.<method>'`` (``'decoder.forward_train'``) or a method of the
    model itself (``'extract_feat'``). The method is wrapped on that module instance only.
    See :class:`BaseRecorder` for the other arguments.
    """

    def exists(self, model: nn.Module) -> bool:
        path, method = _split(self.source)
        try:
            module = model.get_submodule(path)
        except AttributeError:
            return False
        return callable(getattr(module, method, None))

    def candidates(self, model: nn.Module) -> List[str]:
        names = []
        for path, module in model.named_modules():
            for attr in dir(type(module)):
                if not attr.startswith('_') and callable(getattr(type(module), attr, None)) \
                        and attr not in dir(nn.Module):
                    names.append(f'{path}.{attr}' if path else attr)
            names += [f'{path}.forward' if path else 'forward']
        return names

    def attach(self, model: nn.Module) -> None:
        path, method = _split(self.source)
        module = model.get_submodule(path)
        original = getattr(module, method)

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            out = original(*args, **kwargs)
            self.record(out)
            return out

        setattr(module, method, wrapper)

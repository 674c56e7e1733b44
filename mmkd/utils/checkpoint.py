"""Checkpoint reading without executing pickled code, and sub-network extraction.

PyTorch >= 2.6 loads with ``weights_only=True`` by default; MMEngine 0.10.7 checkpoints hold a
few more types (the message hub's ``HistoryBuffer``, numpy scalars and arrays). They are put on
PyTorch's allow-list here, so ``--resume`` and ``load_from`` keep the safe loader. Files that need
anything else load only with an explicit opt-in: ``MMKD_TRUSTED_LOAD=1`` (trust every file) or
``trusted=True``.
"""
import os
import os.path as osp
import pickle
import types
from collections import OrderedDict
from typing import Dict, List, Optional

import numpy as np
import torch

from .config import atomic_target
from .misc import did_you_mean

SUBMODEL_PREFIX = 'models.'


def register_safe_globals() -> None:
    """Allow the plain-data types MMEngine writes into checkpoints for ``weights_only`` loads."""
    add = getattr(torch.serialization, 'add_safe_globals', None)
    if add is None:  # torch < 2.4 has no allow-list (and loads everything)
        return
    from mmengine.logging.history_buffer import HistoryBuffer
    safe = [HistoryBuffer, np.ndarray, np.dtype, np.core.multiarray._reconstruct,
            np.core.multiarray.scalar]
    safe += [type(np.dtype(t)) for t in ('float16', 'float32', 'float64', 'int8', 'int16',
                                         'int32', 'int64', 'uint8', 'bool')]
    add(safe)
    _patch_history_buffer()
    _use_for_local_files()
    _atomic_local_writes()


def _atomic_local_writes() -> None:
    """Make MMEngine write local files (checkpoints included) atomically: into a temporary file
    beside the target, then renamed over it, so that an interrupted save never leaves a
    truncated checkpoint (the previous file, if any, stays intact)."""
    from mmengine.fileio.backends import LocalBackend
    if getattr(LocalBackend.put, 'mmkd_atomic', False):
        return

    def put(self, obj: bytes, filepath) -> None:
        filepath = str(filepath)
        os.makedirs(osp.dirname(osp.abspath(filepath)), exist_ok=True)
        tmp = atomic_target(filepath)
        try:
            with open(tmp, 'wb') as f:
                f.write(obj)
            os.replace(tmp, filepath)
        finally:
            if osp.exists(tmp):
                os.remove(tmp)

    put.mmkd_atomic = True
    LocalBackend.put = put


def _use_for_local_files() -> None:
    """Make MMEngine (``load_from``, ``--resume``, ``load_checkpoint``) read local files with
    :func:`load_file`, so resuming works under PyTorch >= 2.6 without trusting every file."""
    from mmengine.runner.checkpoint import CheckpointLoader

    def load_from_local(filename, map_location):
        filename = osp.expanduser(filename)
        if not osp.isfile(filename):  # a pattern such as work_dirs/x/best_*.pth: the newest
            import glob
            matches = sorted(glob.glob(filename), key=osp.getmtime)
            if not matches:
                raise FileNotFoundError(f'{filename} can not be found.')
            filename = matches[-1]
        return load_file(filename, map_location=map_location)

    CheckpointLoader.register_scheme(prefixes='', force=True)(load_from_local)


def _patch_history_buffer() -> None:
    """Write message-hub buffers without their statistics functions.

    ``HistoryBuffer.__getstate__`` pickles its class's statistics methods, which the safe
    loader cannot read (``builtins.getattr``); ``__setstate__`` restores them anyway.
    """
    from mmengine.logging.history_buffer import HistoryBuffer
    if getattr(HistoryBuffer, '_mmkd_patched', False):
        return

    def __getstate__(self) -> dict:  # noqa: N807
        state = dict(self.__dict__)
        state.pop('statistics_methods', None)
        return state

    HistoryBuffer._mmkd_original_getstate = HistoryBuffer.__getstate__
    HistoryBuffer.__getstate__ = __getstate__
    HistoryBuffer._mmkd_patched = True


def _restricted_pickle_module() -> types.ModuleType:
    """A pickle module that builds only what PyTorch's weights-only loader allows, plus the
    ``getattr(HistoryBuffer, <statistic>)`` that older MMEngine checkpoints contain."""
    from mmengine.logging.history_buffer import HistoryBuffer
    from torch._weights_only_unpickler import _get_allowed_globals
    allowed = dict(_get_allowed_globals())
    for obj in torch.serialization.get_safe_globals():
        obj = obj[0] if isinstance(obj, tuple) else obj
        allowed[f'{obj.__module__}.{obj.__qualname__}'] = obj

    def safe_getattr(obj, name):
        if obj is HistoryBuffer and name in ('min', 'max', 'current', 'mean'):
            return getattr(obj, name)
        raise pickle.UnpicklingError(f'getattr({obj!r}, {name!r}) is not allowed')

    class Unpickler(pickle.Unpickler):

        def find_class(self, module, name):
            if name == 'getattr' and module in ('builtins', '__builtin__'):
                return safe_getattr
            key = f'{module}.{name}'
            if key in allowed:
                return allowed[key]
            raise pickle.UnpicklingError(f'Unsupported global: GLOBAL {key}')

    mod = types.ModuleType('mmkd_restricted_pickle')
    mod.Unpickler = Unpickler
    mod.load = pickle.load
    mod.__name__ = 'mmkd_restricted_pickle'
    return mod


def trusted_by_env() -> bool:
    """Whether the user opted in to full (pickle) loading with ``MMKD_TRUSTED_LOAD=1``."""
    return os.environ.get('MMKD_TRUSTED_LOAD', '0').lower() in ('1', 'true', 'yes')


def load_file(path: str, trusted: Optional[bool] = None, map_location='cpu') -> dict:
    """Read a checkpoint without executing pickled code (unless trusted).

    Args:
        path (str): The file.
        map_location: As for :func:`torch.load`. Defaults to ``'cpu'``.
        trusted (bool, optional): Allow arbitrary pickled objects. Defaults to
            ``MMKD_TRUSTED_LOAD``.

    Returns:
        dict: The checkpoint.

    Raises:
        FileNotFoundError: No such file.
        RuntimeError: Truncated or corrupt file, or a file that needs trusted loading.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'checkpoint {path!r} does not exist.')
    trusted = trusted_by_env() if trusted is None else trusted
    try:
        if trusted:
            ckpt = torch.load(path, map_location=map_location, weights_only=False)
        else:
            try:
                ckpt = torch.load(path, map_location=map_location, weights_only=True)
            except pickle.UnpicklingError:
                ckpt = torch.load(path, map_location=map_location, weights_only=False,
                                  pickle_module=_restricted_pickle_module())
    except pickle.UnpicklingError as e:
        raise RuntimeError(
            f'checkpoint {path!r} holds Python objects beyond weights, which are not loaded '
            'by default because unpickling can execute code. If you trust the file, set '
            f'MMKD_TRUSTED_LOAD=1. ({str(e).splitlines()[0][:300]})') from e
    except Exception as e:  # noqa: BLE001 - torch raises several types for bad files
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise RuntimeError(f'checkpoint {path!r} cannot be read (truncated or not a PyTorch '
                           f'checkpoint): {msg}') from e
    if not isinstance(ckpt, dict):
        raise RuntimeError(f'checkpoint {path!r} holds a {type(ckpt).__name__}, not a dict of '
                           'weights.')
    return ckpt


def state_dict_of(ckpt: dict) -> Dict[str, torch.Tensor]:
    """The weights of a checkpoint (``state_dict`` entry, or the dict itself)."""
    sd = ckpt.get('state_dict', ckpt)
    return OrderedDict((k[7:] if k.startswith('module.') else k, v) for k, v in sd.items())


def submodel_names(state_dict: Dict[str, torch.Tensor]) -> List[str]:
    """Names of the sub-networks stored in an mmkd checkpoint (empty for a plain one)."""
    names = []
    for k in state_dict:
        if k.startswith(SUBMODEL_PREFIX):
            name = k[len(SUBMODEL_PREFIX):].split('.', 1)[0]
            if name not in names:
                names.append(name)
    return names


def extract_submodel(state_dict: Dict[str, torch.Tensor], name: Optional[str], path: str,
                     default: Optional[str] = None) -> Dict[str, torch.Tensor]:
    """Take one sub-network's weights out of an mmkd checkpoint; plain ones pass through.

    Args:
        state_dict (dict): The checkpoint's weights.
        name (str, optional): The sub-network to take. When None: the only one in the file,
            else ``default`` if the file has it.
        path (str): The file (for messages).
        default (str, optional): Fallback name.

    Returns:
        dict: Weights with the ``models.<name>.`` prefix removed.
    """
    names = submodel_names(state_dict)
    if not names:
        if name is not None:
            raise KeyError(f'checkpoint {path!r} is a plain checkpoint (no sub-networks under '
                           f'`models.`), but checkpoint_model={name!r} was asked for.')
        return state_dict
    if name is None:
        if len(names) == 1:
            name = names[0]
        elif default in names:
            name = default
        else:
            raise KeyError(f'checkpoint {path!r} holds the sub-networks {names}; say which one '
                           'to load with checkpoint_model=.')
    if name not in names:
        raise KeyError(f'checkpoint {path!r} has no sub-network {name!r}. '
                       + did_you_mean(name, names))
    prefix = f'{SUBMODEL_PREFIX}{name}.'
    return OrderedDict((k[len(prefix):], v) for k, v in state_dict.items() if k.startswith(prefix))

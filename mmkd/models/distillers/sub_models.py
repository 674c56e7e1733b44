"""Building the named sub-networks of a distiller from their config entries."""
import copy
import glob
import os.path as osp
from typing import Dict, Optional, Tuple

import torch
from mmengine.config import ConfigDict
from mmengine.logging import print_log
from mmengine.registry import MODELS as ROOT_MODELS
from mmengine.registry import DefaultScope
from torch import nn

from mmkd.utils.checkpoint import extract_submodel, load_file, state_dict_of
from mmkd.utils.config import is_local_config, load_model_cfg, work_dir_of
from mmkd.utils.misc import did_you_mean, with_context

ENTRY_KEYS = ('config', 'model', 'checkpoint', 'checkpoint_model', 'frozen', 'inference')
INFERENCE_KEYS = ('dtype', 'channels_last', 'compile')


def _to_dict(cfg) -> dict:
    return copy.deepcopy(cfg.to_dict() if hasattr(cfg, 'to_dict') else dict(cfg))


def check_entry(name: str, entry: dict) -> None:
    """Validate one ``models.<name>`` entry; raise naming the bad key."""
    where = f'model.models.{name}'
    if not isinstance(entry, dict):
        raise TypeError(f'{where}: expected a dict with `config=` or `model=`, got {entry!r}.')
    for key in entry:
        if key not in ENTRY_KEYS:
            raise KeyError(f'{where}: unknown key {key!r}. ' + did_you_mean(key, ENTRY_KEYS))
    if ('config' in entry) == ('model' in entry):
        raise KeyError(f'{where}: give exactly one of `config=` (a config file whose `model` is '
                       'used) and `model=` (an inline model dict).')
    if 'checkpoint_model' in entry and 'checkpoint' not in entry:
        raise KeyError(f'{where}: `checkpoint_model` given without `checkpoint`.')
    inference = entry.get('inference') or {}
    if inference and not entry.get('frozen'):
        raise ValueError(f'{where}.inference: only a frozen sub-network runs as inference; '
                         'set frozen=True or remove `inference`.')
    for key in inference:
        if key not in INFERENCE_KEYS:
            raise KeyError(f'{where}.inference: unknown key {key!r}. '
                           + did_you_mean(key, INFERENCE_KEYS))
    if inference.get('dtype') not in (None, 'float16', 'bfloat16'):
        raise ValueError(f"{where}.inference.dtype: 'float16' or 'bfloat16' (autocast), got "
                         f"{inference['dtype']!r}.")


def resolve_model_cfgs(models: dict, deploy: str,
                       data_preprocessor: Optional[dict] = None) -> Dict[str, Tuple[dict, str]]:
    """The model config and build scope of every sub-network.

    Every sub-network gets the same data preprocessor config: the deploy model's, updated
    with ``data_preprocessor`` (the distiller's own, e.g. merged in by the Runner), so that the
    converted student preprocesses exactly as the distiller did.

    Args:
        models (dict): ``name -> entry`` as in the distiller config.
        deploy (str): The deploy model's name.
        data_preprocessor (dict, optional): The distiller-level preprocessor config.

    Returns:
        dict[str, tuple[dict, str]]: ``name -> (model config, scope)``.
    """
    out = {}
    for name, entry in models.items():
        check_entry(name, entry)
        if 'config' in entry:
            try:
                cfg, scope = load_model_cfg(entry['config'])
            except FileNotFoundError as e:
                raise FileNotFoundError(f'model.models.{name}.config: {e}') from None
        else:
            cfg = _to_dict(entry['model'])
            scope = cfg.pop('_scope_', None)
        current = DefaultScope.get_current_instance()
        scope = scope or (current.scope_name if current is not None else None)
        if scope is None:
            raise ValueError(f'model.models.{name}: cannot tell which toolbox builds it; set '
                             "default_scope in the config or `_scope_='mmpretrain'` (etc.) in "
                             'the inline model dict.')
        out[name] = (cfg, scope)
    dp = out[deploy][0].get('data_preprocessor')
    dp = _to_dict(dp) if dp is not None else None
    if data_preprocessor is not None and not isinstance(data_preprocessor, nn.Module):
        dp = {**(dp or {}), **_to_dict(data_preprocessor)}
    if dp is not None:
        for cfg, _ in out.values():
            cfg['data_preprocessor'] = copy.deepcopy(dp)
    return out


def _find_checkpoint(name: str, entry: dict) -> str:
    pattern = entry['checkpoint']
    matches = sorted(glob.glob(pattern), key=osp.getmtime)
    if matches:
        return matches[-1]
    hint = ''
    cfg = entry.get('config')
    if cfg and is_local_config(cfg):
        hint = (f' It is made by training that config first: `python tools/train.py {cfg}` '
                f'(writes {work_dir_of(cfg)}/).')
    raise FileNotFoundError(f'model.models.{name}.checkpoint: {pattern!r} does not exist.{hint}')


def load_sub_checkpoint(name: str, entry: dict, model: nn.Module) -> str:
    """Load ``entry['checkpoint']`` into ``model``, strictly; return the file used."""
    path = _find_checkpoint(name, entry)
    where = f'model.models.{name}.checkpoint ({path})'
    try:
        sd = extract_submodel(state_dict_of(load_file(path)), entry.get('checkpoint_model'),
                              path, default=name)
    except (FileNotFoundError, KeyError, RuntimeError) as e:
        raise with_context(e, where) from None
    own = model.state_dict()
    matched = [k for k in sd if k in own]
    if not matched:
        raise KeyError(f'{where}: none of its {len(sd)} keys matches the model (model keys look '
                       f'like {list(own)[:3]}, file keys like {list(sd)[:3]}). Is it a checkpoint '
                       'of this architecture?')
    missing = [k for k in own if k not in sd]
    unexpected = [k for k in sd if k not in own]
    bad_shape = [f'{k}: file {tuple(sd[k].shape)} vs model {tuple(own[k].shape)}'
                 for k in matched if sd[k].shape != own[k].shape]
    if missing or unexpected or bad_shape:
        raise KeyError(f'{where}: does not fit the model: {len(missing)} missing keys '
                       f'{missing[:5]}, {len(unexpected)} unexpected keys {unexpected[:5]}, '
                       f'{len(bad_shape)} shape mismatches {bad_shape[:5]}.')
    model.load_state_dict(sd, strict=True)
    model._is_init = True  # init_weights must not overwrite loaded weights
    print_log(f'mmkd: {name} loaded from {path}', logger='current')
    return path


def build_sub_model(name: str, entry: dict, cfg: dict, scope: str) -> nn.Module:
    """Build one sub-network in its toolbox's scope, load its checkpoint and freeze it."""
    with DefaultScope.overwrite_default_scope(scope):
        try:
            # attribute access (test_cfg.mode) as when the toolbox builds it from its config
            model = ROOT_MODELS.build(ConfigDict(cfg))
        except Exception as e:  # noqa: BLE001 - re-raised with the config key
            raise with_context(e, f'model.models.{name} (scope {scope!r})') from e
    if entry.get('checkpoint'):
        load_sub_checkpoint(name, entry, model)
    if entry.get('frozen', False):
        if not entry.get('checkpoint'):
            print_log(f'mmkd: {name} is frozen but has no checkpoint: it keeps its initial '
                      'weights and teaches nothing useful.', logger='current', level=30)
        model.requires_grad_(False)
        model.eval()
        if (entry.get('inference') or {}).get('channels_last'):
            model.to(memory_format=torch.channels_last)
    return model

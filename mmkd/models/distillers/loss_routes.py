"""Loss routes: which tensors of which sub-networks a distillation loss is computed on."""
import copy
import numbers
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import torch
from mmengine.logging import MessageHub
from mmengine.registry import DefaultScope
from torch import nn

from mmkd.registry import MODELS
from mmkd.utils.misc import did_you_mean, with_context
from .batch_fields import BATCH_FIELDS

ROUTE_KEYS = ('pairs', 'models', 'key', 'keys', 'connector', 'weight', 'warmup_iters', 'mask')


def build_mmkd(cfg: dict, where: str) -> nn.Module:
    """Build a loss or connector from mmkd's registry, whatever the default scope is."""
    cfg = copy.deepcopy(dict(cfg))
    if isinstance(cfg.get('type'), str) and cfg['type'].startswith('mmkd.'):
        cfg['type'] = cfg['type'][5:]
    name = cfg.get('type')
    if isinstance(name, str) and '.' not in name and MODELS.get(name) is None:
        raise KeyError(f'{where}: unknown type {name!r}. ' + did_you_mean(name, MODELS.module_dict))
    with DefaultScope.overwrite_default_scope('mmkd'):
        try:
            return MODELS.build(cfg)
        except Exception as e:  # noqa: BLE001 - re-raised with the config key
            raise with_context(e, where) from e


def _first_tensor(x) -> torch.Tensor:
    """The first tensor in a (nested) list/tuple of tensors."""
    if isinstance(x, torch.Tensor):
        return x
    for item in x:
        try:
            return _first_tensor(item)
        except ValueError:
            pass
    raise ValueError('no tensor recorded')


class LossRoute:
    """One configured loss: the module, the sub-networks it reads and how its result is named.

    Args:
        name (str): The key under ``model.losses``; logged as ``loss_<name>`` (suffixed with
            the model names when the loss has several pairs or models).
        cfg (dict): The loss config: ``type`` and the loss's own arguments plus the routing keys
            ``pairs=[(A, B), ...]`` (A learns from B) or ``models=[...]``, ``key`` (a recorder
            name) or ``keys=(key_A, key_B)``, ``connector`` (applied to A's tensor; or a pair
            ``(for_A, for_B)``), ``weight``, ``warmup_iters`` (the weight grows linearly from
            0 over that many training iterations, as DKD's warm-up; Zhao et al., CVPR 2022) and
            ``mask`` (a batch field passed as the loss's ``mask``, e.g. ``'text_mask'``).
        model_names (Sequence[str]): The distiller's sub-networks.
    """

    def __init__(self, name: str, cfg: dict, model_names: Sequence[str]) -> None:
        where = f'model.losses.{name}'
        if not isinstance(cfg, dict) or 'type' not in cfg:
            raise TypeError(f'{where}: expected a dict with a `type`, got {cfg!r}.')
        cfg = copy.deepcopy(dict(cfg))
        route = {k: cfg.pop(k) for k in ROUTE_KEYS if k in cfg}
        self.name = name
        self.loss = build_mmkd(cfg, where)
        self.is_task = getattr(self.loss, 'pairwise', True) is False and \
            type(self.loss).__name__ == 'TaskLoss'
        self.weight = route.get('weight', 1.0)
        if isinstance(self.weight, bool) or not isinstance(self.weight, numbers.Number):
            raise TypeError(f'{where}.weight: must be a number, got {self.weight!r}.')
        self.warmup_iters = route.get('warmup_iters', 0)
        if isinstance(self.warmup_iters, bool) or not isinstance(self.warmup_iters, int) \
                or self.warmup_iters < 0:
            raise TypeError(f'{where}.warmup_iters: must be an int >= 0 (training iterations), '
                            f'got {self.warmup_iters!r}.')
        self.pairwise = 'pairs' in route
        if self.pairwise == ('models' in route):
            raise KeyError(f'{where}: give exactly one of `pairs=[(A, B), ...]` (A learns from '
                           'B) and `models=[...]`.')
        if self.pairwise:
            self.entries = [tuple(p) for p in route['pairs']]
            if not self.entries or any(len(p) != 2 for p in self.entries):
                raise ValueError(f'{where}.pairs: expected a list of (A, B) pairs, got '
                                 f'{route["pairs"]!r}.')
        else:
            models = route['models']
            self.entries = [(m, ) for m in ([models] if isinstance(models, str) else models)]
        for entry in self.entries:
            for m in entry:
                if m not in model_names:
                    raise KeyError(f'{where}: unknown sub-model {m!r}. '
                                   + did_you_mean(m, model_names))
        if self.is_task:
            self.keys: Tuple[Optional[str], ...] = (None, None)
        elif 'keys' in route:
            self.keys = tuple(route['keys'])
        elif 'key' in route:
            self.keys = (route['key'], route['key'])
        else:
            raise KeyError(f'{where}: say which recorded tensor to use with `key=` (a recorder '
                           'name) or `keys=(key_A, key_B)`.')
        self.connector_cfgs = self._connector_cfgs(route.get('connector'), where)
        self.fields = {n: n for n in getattr(self.loss, 'batch_inputs', ())}
        if route.get('mask') is not None:
            self.fields['mask'] = route['mask']
        for name in self.fields.values():
            if name not in BATCH_FIELDS:
                raise KeyError(f'{where}: {type(self.loss).__name__} needs batch input {name!r}, '
                               f'which mmkd cannot provide (known: {sorted(BATCH_FIELDS)}).')

    def _connector_cfgs(self, conn, where: str) -> Tuple[Optional[dict], Optional[dict]]:
        if conn is None:
            return (None, None)
        if isinstance(conn, dict):
            return (conn, None)
        if isinstance(conn, (list, tuple)) and len(conn) == 2:
            return tuple(conn)
        raise TypeError(f'{where}.connector: expected a dict (for A) or a pair (for A, for B), '
                        f'got {conn!r}.')

    def entry_id(self, entry: Tuple[str, ...]) -> str:
        return '_'.join(entry)

    def log_name(self, entry: Tuple[str, ...]) -> str:
        base = f'loss_{self.name}'
        return f'{base}_{self.entry_id(entry)}' if len(self.entries) > 1 else base

    def build_connectors(self) -> nn.ModuleDict:
        """Connector modules by entry id and side (``s``/``t``)."""
        out = nn.ModuleDict()
        for entry in self.entries:
            sides = nn.ModuleDict()
            for side, cfg in zip(('s', 't'), self.connector_cfgs):
                if cfg is not None:
                    sides[side] = build_mmkd(cfg, f'model.losses.{self.name}.connector')
            if len(sides):
                out[self.entry_id(entry)] = sides
        return out

    def __call__(self, get: Callable[[str, str], torch.Tensor], connectors: nn.ModuleDict,
                 task_losses: Dict[str, dict], data_samples: Optional[list] = None,
                 fields: Optional[Dict[str, torch.Tensor]] = None,
                 has: Callable[[str, str], bool] = lambda m, k: False
                 ) -> Dict[str, torch.Tensor]:
        """Compute this route's loss terms.

        Args:
            get (callable): ``get(model, key)`` -> the tensor recorded in that model.
            connectors (nn.ModuleDict): This route's connectors (see :meth:`build_connectors`).
            task_losses (dict): The upstream loss dicts of the models run in loss mode.
            data_samples (list, optional): The batch's data samples, for the values a loss
                names in ``batch_inputs`` (see :mod:`.batch_fields`).
            fields (dict, optional): This step's cache of batch fields, by name and shape of
                the tensor they go with (filled here; shared by the routes of one step).
            has (callable): ``has(model, key)``: whether that model has a recorder ``key``. A
                recorder named like a batch field, on an entry's first model, supplies that
                field (e.g. the student's own DB targets instead of computing them again).

        Returns:
            dict[str, Tensor]: Weighted terms by logged name.
        """
        out, weight = {}, self.current_weight()
        for entry in self.entries:
            if self.is_task:
                for k, v in self.loss(task_losses[entry[0]], weight).items():
                    out[f'{entry[0]}.{k}'] = v
                continue
            tensors = [[get(m, x) for x in k] if isinstance(k, (list, tuple)) else get(m, k)
                       for m, k in zip(entry, self.keys)]
            ref = _first_tensor(tensors)  # before connectors: the recorded shape
            sides = connectors[self.entry_id(entry)] if self.entry_id(entry) in connectors \
                else {}
            for i, side in enumerate(('s', 't')[:len(tensors)]):
                if side in sides:
                    tensors[i] = sides[side](tensors[i])
            if self.pairwise and getattr(self.loss, 'same_shape', True):
                self._check_shapes(entry, tensors)
            fields = {} if fields is None else fields
            kwargs = {}
            for arg, field in self.fields.items():
                if has(entry[0], field):
                    kwargs[arg] = get(entry[0], field).to(ref.device)
                    continue
                key = (field, tuple(ref.shape))
                if key not in fields:
                    fields[key] = BATCH_FIELDS[field](data_samples, ref).to(ref.device)
                kwargs[arg] = fields[key]
            out[self.log_name(entry)] = self.loss(*tensors, **kwargs) * weight
        return out

    def current_weight(self) -> float:
        """``weight``, scaled by ``(iter + 1) / warmup_iters`` during the warm-up (the
        training iteration from MMEngine's message hub; outside training, the full weight)."""
        it = MessageHub.get_current_instance().get_info('iter') if self.warmup_iters else None
        return self.weight if it is None else self.weight * min(1.0, (it + 1) / self.warmup_iters)

    def _check_shapes(self, entry, tensors: List[torch.Tensor]) -> None:
        a, b = tensors
        if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor) and a.shape != b.shape:
            raise ValueError(
                f'model.losses.{self.name}: {entry[0]}.{self.keys[0]} has shape '
                f'{tuple(a.shape)} but {entry[1]}.{self.keys[1]} has shape {tuple(b.shape)}; '
                'add connector=dict(type=\'ConvConnector\' or \'LinearConnector\', ...) to map '
                f'{entry[0]}\'s tensor onto {entry[1]}\'s shape.')


def is_finite(value) -> bool:
    """Whether a loss value (a tensor or a list of tensors, as upstream losses return) is
    finite everywhere."""
    if isinstance(value, torch.Tensor):
        return bool(torch.isfinite(value.detach()).all())
    return all(is_finite(v) for v in value)


def nonfinite_message(bad: Dict[str, object], routes: Sequence[LossRoute]) -> str:
    """Name each non-finite loss term, the loss config and sub-networks it comes from, and the
    training iteration."""
    parts = []
    for key, value in bad.items():
        where = 'unknown origin'
        for r in routes:
            for entry in r.entries:
                if r.is_task and key.startswith(f'{entry[0]}.'):
                    where = f'task loss of {entry[0]}, model.losses.{r.name}'
                elif not r.is_task and key == r.log_name(entry):
                    where = f"model.losses.{r.name} on {' and '.join(entry)}"
        shown = value.detach().flatten()[:4].tolist() if isinstance(value, torch.Tensor) \
            else 'a list with non-finite values'
        parts.append(f'{key} = {shown} ({where})')
    it = MessageHub.get_current_instance().get_info('iter')
    return (f"non-finite loss at training iteration {'?' if it is None else it + 1}: "
            + '; '.join(parts) + '.')

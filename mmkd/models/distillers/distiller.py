"""The distillation model: any number of named sub-networks taught by routed losses."""
import copy
import logging
from contextlib import contextmanager, nullcontext
from typing import Dict, List, Optional, Union

import torch
from mmengine.logging import print_log
from mmengine.model import BaseModel, ModuleDict
from mmengine.structures import BaseDataElement
from torch import nn

from mmkd.models.recorders import RecorderSet, build_recorder
from mmkd.registry import MODELS
from mmkd.utils.misc import did_you_mean
from .loss_routes import LossRoute, is_finite, nonfinite_message
from .sub_models import build_sub_model, resolve_model_cfgs


@MODELS.register_module()
class Distiller(BaseModel):
    """Holds named sub-networks (teachers, students, peers) and trains them with losses.

    Each sub-network is an ordinary upstream model (mmpretrain, mmocr, mmseg ...). One
    preprocessed batch feeds every model; frozen models run without gradients in eval mode;
    recorders tap tensors inside each forward; loss routes compare them. ``predict`` and
    ``tensor`` modes run the deploy model only, so upstream metrics, visualisers and
    inferencers work on a distiller unchanged. See docs in README / DESIGN §1.

    Args:
        models (dict): ``name -> dict(config=... | model=..., checkpoint=None,
            checkpoint_model=None, frozen=False)``.
        losses (dict): ``name -> loss config`` (see :class:`LossRoute`).
        recorders (dict, optional): ``key -> recorder config`` shared by every model that has
            the source, and/or ``model name -> {key -> recorder config}``.
        deploy (str, optional): The model used by predict/test/export. Defaults to
            ``'Student'`` if present, else the first trainable model.
        data_preprocessor (dict, optional): Updates the deploy model's preprocessor config;
            the result preprocesses the batch for all models.
        (A frozen entry may add ``inference=dict(dtype='bfloat16', channels_last=True,
        compile=False)``: see :meth:`run_frozen`.)
        skip_nonfinite (bool): When a loss term is NaN or inf, skip that training step (no
            update, a warning naming the term) instead of stopping with an error. Defaults to
            False.
        init_cfg (dict, optional): Unused; sub-networks initialise themselves.
    """

    def __init__(self, models: dict, losses: dict, recorders: Optional[dict] = None,
                 deploy: Optional[str] = None, data_preprocessor: Optional[dict] = None,
                 skip_nonfinite: bool = False, init_cfg: Optional[dict] = None) -> None:
        if not isinstance(models, dict) or not models:
            raise ValueError('model.models: give at least one named sub-network, e.g. '
                             "models=dict(Student=dict(config='...')).")
        frozen = [n for n, e in models.items() if isinstance(e, dict) and e.get('frozen')]
        trainable = [n for n in models if n not in frozen]
        if not trainable:
            raise ValueError(f'model.models: every sub-network is frozen ({frozen}); nothing '
                             'would be trained. Remove frozen=True from the student.')
        deploy = deploy or ('Student' if 'Student' in models else trainable[0])
        if deploy not in models:
            raise KeyError(f'model.deploy: unknown sub-model {deploy!r}. '
                           + did_you_mean(deploy, list(models)))
        cfgs = resolve_model_cfgs(models, deploy, data_preprocessor)
        built = {n: build_sub_model(n, models[n], *cfgs[n]) for n in models}
        super().__init__(data_preprocessor=built[deploy].data_preprocessor, init_cfg=init_cfg)
        self.models = ModuleDict(built)
        self.frozen = frozen
        self.deploy = deploy
        self.skip_nonfinite = skip_nonfinite
        self.inference_opts = {n: dict(e.get('inference') or {})
                               for n, e in models.items() if n in frozen}
        self._compiled = {}  # frozen model name -> its torch.compile'd module
        self._predict_model = deploy
        self.recorder_sets = self._build_recorders(recorders or {})
        for name, opts in self.inference_opts.items():
            if opts.get('compile'):  # compiled kernels reuse buffers: keep copies of records
                for rec in self.recorder_sets[name].recorders.values():
                    rec.copy = True
        if not isinstance(losses, dict) or not losses:
            raise ValueError('model.losses: give at least one loss, e.g. '
                             "task=dict(type='TaskLoss', models=['Student']).")
        self.routes = [LossRoute(n, c, list(models)) for n, c in losses.items()]
        self.connectors = nn.ModuleDict({r.name: r.build_connectors() for r in self.routes})
        self._check_routes()
        self._ddp_params_and_buffers_to_ignore = [
            f'models.{n}.{k}' for n in frozen
            for k, _ in list(built[n].named_parameters()) + list(built[n].named_buffers())]

    # ----- construction helpers ---------------------------------------------------------------
    def _build_recorders(self, cfgs: dict) -> Dict[str, RecorderSet]:
        shared = {k: c for k, c in cfgs.items() if not (k in self.models and 'type' not in c)}
        per_model = {k: c for k, c in cfgs.items() if k not in shared}
        sets = {}
        for name, model in self.models.items():
            recs = {}
            for key, cfg in shared.items():
                rec = build_recorder(key, cfg)
                if rec.exists(model):
                    recs[key] = rec
            for key, cfg in per_model.get(name, {}).items():
                rec = build_recorder(f'{name}.{key}', cfg)
                if not rec.exists(model):
                    raise KeyError(f'model.recorders.{name}.{key}: {type(rec).__name__} source '
                                   f'{rec.source!r} does not exist in {name}. '
                                   + did_you_mean(rec.source, rec.candidates(model)))
                recs[key] = rec
            sets[name] = RecorderSet(name, model, recs)
        for key, cfg in shared.items():
            if not any(key in s for s in sets.values()):
                rec, model = build_recorder(key, cfg), self.models[self.deploy]
                raise KeyError(f'model.recorders.{key}: {type(rec).__name__} source '
                               f'{rec.source!r} exists in no sub-model. '
                               + did_you_mean(rec.source, rec.candidates(model)))
        return sets

    def _check_routes(self) -> None:
        used = set()
        for r in self.routes:
            for entry in r.entries:
                used.update(entry)
                if r.is_task:
                    if entry[0] in self.frozen:
                        raise ValueError(f'model.losses.{r.name}: {entry[0]} is frozen; a '
                                         'TaskLoss on it would train nothing.')
                    continue
                for m, keys in zip(entry, r.keys):
                    for k in (keys if isinstance(keys, (list, tuple)) else [keys]):
                        if k not in self.recorder_sets[m]:
                            raise KeyError(f'model.losses.{r.name}: {m} has no recorder {k!r}. '
                                           + did_you_mean(k, self.recorder_sets[m].keys()))
        idle = [n for n in self.models if n not in used and n not in self.frozen]
        if idle:
            raise ValueError(f'model.models: {idle} are trainable but no loss uses them; add '
                             'them to a loss or set frozen=True.')
        self._used = [n for n in self.models if n in used]
        self._task_models = {e[0] for r in self.routes if r.is_task for e in r.entries}

    # ----- behaviour ----------------------------------------------------------------------------
    def train(self, mode: bool = True) -> 'Distiller':
        """Set train/eval mode; frozen sub-networks always stay in eval mode."""
        super().train(mode)
        for n in self.frozen:
            self.models[n].eval()
        return self

    @contextmanager
    def predicting_with(self, name: str):
        """Run ``predict``/``tensor`` modes with sub-network ``name`` inside the block."""
        if name not in self.models:
            raise KeyError(f'unknown sub-model {name!r}. ' + did_you_mean(name, self.models))
        old, self._predict_model = self._predict_model, name
        try:
            yield
        finally:
            self._predict_model = old

    def forward(self, inputs: torch.Tensor, data_samples: Optional[list] = None,
                mode: str = 'tensor') -> Union[Dict[str, torch.Tensor], list]:
        """``loss``: the distillation losses; ``predict``/``tensor``: the deploy model's."""
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode in ('predict', 'tensor'):
            return self.models[self._predict_model](inputs, data_samples, mode=mode)
        raise RuntimeError(f'Invalid mode "{mode}". Only supports loss, predict and tensor mode')

    def loss(self, inputs: torch.Tensor, data_samples: Optional[list] = None) -> dict:
        """Run every used sub-network on the batch, then every loss route.

        Returns:
            dict[str, Tensor]: Task terms as ``<Model>.<upstream key>`` and distillation terms as
            ``loss_<name>[_<A>_<B>]``.
        """
        task_losses = {}
        # Upstream losses may modify the data samples (mmocr's DB loss shifts the gt polygons in
        # place): every task model after the first gets its own copy of the untouched batch (the
        # last one the snapshot itself).
        fields = {}  # batch fields computed for the routes this step
        pristine = copy_samples(data_samples) if len(self._task_models) > 1 else None
        last_task = [n for n in self._used if n in self._task_models][-1:]
        try:
            for name in self._used:
                model, frozen = self.models[name], name in self.frozen
                with self.recorder_sets[name].recording(), \
                        (torch.no_grad() if frozen else nullcontext()):
                    if name in self._task_models:
                        samples = data_samples if not task_losses else \
                            pristine if [name] == last_task else copy_samples(pristine)
                        task_losses[name] = model.loss(inputs, samples)
                    elif frozen:
                        self.run_frozen(name, inputs, data_samples)
                    else:
                        model(inputs, data_samples, mode='tensor')
            losses = {}
            for r in self.routes:
                losses.update(r(self._get, self.connectors[r.name], task_losses, data_samples,
                                fields, lambda m, k: k in self.recorder_sets[m]))
        finally:
            for s in self.recorder_sets.values():
                s.clear()
        return losses

    def run_frozen(self, name: str, inputs: torch.Tensor, data_samples: Optional[list]):
        """A frozen sub-network's forward (``tensor`` mode) with its ``inference`` options:
        ``dtype`` ('float16' / 'bfloat16': autocast, its recorded tensors handed to the losses
        as float32), ``channels_last`` (weights and input in that memory format), ``compile``
        (``torch.compile`` of the model; its recorders then store copies, as compiled kernels
        reuse buffers). Call it under ``torch.no_grad()``."""
        opts = self.inference_opts.get(name, {})
        model = self.models[name]
        if opts.get('compile'):
            if name not in self._compiled:
                self._compiled[name] = torch.compile(model)
            model = self._compiled[name]
        if opts.get('channels_last') and inputs.dim() == 4:
            inputs = inputs.contiguous(memory_format=torch.channels_last)
        dtype = opts.get('dtype')
        with torch.autocast(inputs.device.type, dtype=getattr(torch, dtype)) if dtype \
                else nullcontext():
            return model(inputs, data_samples, mode='tensor')

    def train_step(self, data, optim_wrapper) -> Dict[str, torch.Tensor]:
        """BaseModel's step, checking that every loss term is finite before the update."""
        with optim_wrapper.optim_context(self):
            data = self.data_preprocessor(data, True)
            losses = self._run_forward(data, mode='loss')
        parsed, log_vars = self.parse_losses(losses)
        if is_finite(parsed):  # one check; the terms only when the sum is not finite
            optim_wrapper.update_params(parsed)
            return log_vars
        bad = {k: v for k, v in losses.items() if not is_finite(v)} or {'loss (the sum)': parsed}
        msg = nonfinite_message(bad, self.routes)
        if not self.skip_nonfinite:
            raise FloatingPointError(msg + ' Lower the learning rate or check the data; '
                                     'model.skip_nonfinite=True skips such steps instead.')
        print_log(msg + ' The step is skipped (model.skip_nonfinite=True).', 'current',
                  logging.WARNING)
        optim_wrapper.zero_grad()
        return {k: v for k, v in log_vars.items() if k not in bad and k != 'loss'}

    def _get(self, model: str, key: str) -> torch.Tensor:
        value = self.recorder_sets[model].get(key)
        if self.inference_opts.get(model, {}).get('dtype') and isinstance(value, torch.Tensor) \
                and value.is_floating_point():
            value = value.float()  # autocast output: the losses compute in float32
        return value

    @property
    def sub_model_names(self) -> List[str]:
        return list(self.models.keys())


def copy_samples(samples: Optional[list]) -> Optional[list]:
    """A copy of a batch's data samples that no in-place change to it can reach the original.

    Like ``copy.deepcopy`` but about twice as fast: data elements are rebuilt field by field,
    tensors cloned, and immutable meta information (strings, numbers, tuples of them) shared.
    """
    return None if samples is None else [_copy_value(s) for s in samples]


def _copy_value(value):
    if isinstance(value, BaseDataElement):
        new = value.__class__()
        new.set_metainfo({k: v if _immutable(v) else copy.deepcopy(v)
                          for k, v in value.metainfo_items()})
        new.set_data({k: _copy_value(v) for k, v in value.items()})
        return new
    if isinstance(value, torch.Tensor) and not value.requires_grad:
        return value.clone()
    return copy.deepcopy(value)


def _immutable(value) -> bool:
    return isinstance(value, (str, bytes, int, float, bool, type(None))) or \
        (type(value) is tuple and all(map(_immutable, value)))

"""Validation and test loops that evaluate every sub-network of a distiller."""
import copy
from typing import Dict, List, Optional, Sequence, Union

import torch
from mmengine.evaluator import Evaluator
from mmengine.model import is_model_wrapper
from mmengine.runner import TestLoop, ValLoop
from mmengine.runner.amp import autocast
from torch.utils.data import DataLoader

from mmkd.registry import LOOPS
from mmkd.utils.misc import did_you_mean


def _save_best_keys(runner) -> List[str]:
    """The metric names that the runner's CheckpointHook keeps the best checkpoint by."""
    from mmengine.hooks import CheckpointHook
    keys = []
    for hook in runner.hooks:
        if isinstance(hook, CheckpointHook) and hook.save_best is not None:
            keys += [hook.save_best] if isinstance(hook.save_best, str) else list(hook.save_best)
    return [k for k in keys if k != 'auto']


class _EvalEveryModel:
    """Shared run logic: one pass over the data, one upstream evaluator per sub-network.

    Metrics are reported as ``<Model>/<upstream metric>``, the deploy model's first, so
    ``save_best='auto'`` picks the student's. Hooks see the deploy model's outputs.
    """

    phase = 'val'

    def _setup(self, evaluator, models: Optional[Sequence[str]]) -> None:
        self._evaluator_cfg = copy.deepcopy(evaluator)
        self._model_names = list(models) if models is not None else None
        self._evaluators: Dict[str, Evaluator] = {}
        distiller = self._distiller()
        if distiller is not None and self.phase == 'val':  # built before the first iteration
            for key in _save_best_keys(self.runner):
                if key.split('/', 1)[0] not in distiller.sub_model_names:
                    raise KeyError(
                        f'default_hooks.checkpoint.save_best: {key!r} names no sub-model; a '
                        "distiller reports every metric as '<Model>/<metric>' for "
                        f'{distiller.sub_model_names}, e.g. {distiller.deploy + "/" + key!r}.')

    def _distiller(self):
        model = self.runner.model
        model = model.module if is_model_wrapper(model) else model
        return model if hasattr(model, 'predicting_with') else None

    def _names(self, distiller) -> List[str]:
        names = self._model_names or distiller.sub_model_names
        for n in names:
            if n not in distiller.sub_model_names:
                raise KeyError(f'{self.phase}_cfg.models: unknown sub-model {n!r}. '
                               + did_you_mean(n, distiller.sub_model_names))
        # the deploy model runs last: upstream heads write predictions into the shared
        # data samples, and hooks must see the deploy model's
        return [n for n in names if n != distiller.deploy] + \
            [n for n in names if n == distiller.deploy]

    def _evaluator_for(self, name: str) -> Evaluator:
        if name not in self._evaluators:
            if isinstance(self._evaluator_cfg, Evaluator):
                ev = copy.deepcopy(self._evaluator_cfg)
            else:
                ev = self.runner.build_evaluator(copy.deepcopy(self._evaluator_cfg))
            if hasattr(self.dataloader.dataset, 'metainfo'):
                ev.dataset_meta = self.dataloader.dataset.metainfo
            self._evaluators[name] = ev
        return self._evaluators[name]

    def run(self) -> dict:
        distiller = self._distiller()
        if distiller is None:  # a plain model: behave as the upstream loop
            return super().run()
        p = self.phase
        self.runner.call_hook(f'before_{p}')
        self.runner.call_hook(f'before_{p}_epoch')
        self.runner.model.eval()
        names = self._names(distiller)
        for idx, data_batch in enumerate(self.dataloader):
            self._run_iter_all(idx, data_batch, distiller, names)
        metrics = {}
        size = len(self.dataloader.dataset)
        for name in [distiller.deploy] + [n for n in names if n != distiller.deploy]:
            if name in names:
                for k, v in self._evaluator_for(name).evaluate(size).items():
                    metrics[f'{name}/{k}'] = v
        for key in _save_best_keys(self.runner) if p == 'val' else []:
            if key not in metrics:
                raise KeyError(f'default_hooks.checkpoint.save_best: no sub-model reports '
                               f'{key!r}. ' + did_you_mean(key, metrics))
        self.runner.call_hook(f'after_{p}_epoch', metrics=metrics)
        self.runner.call_hook(f'after_{p}')
        return metrics

    @torch.no_grad()
    def _run_iter_all(self, idx: int, data_batch, distiller, names: List[str]) -> None:
        p = self.phase
        self.runner.call_hook(f'before_{p}_iter', batch_idx=idx, data_batch=data_batch)
        outputs = None
        for name in names:
            with distiller.predicting_with(name), autocast(enabled=self.fp16):
                outputs = getattr(self.runner.model, f'{p}_step')(data_batch)
            self._evaluator_for(name).process(data_samples=outputs, data_batch=data_batch)
        self.runner.call_hook(f'after_{p}_iter', batch_idx=idx, data_batch=data_batch,
                              outputs=outputs)


@LOOPS.register_module()
class DistillValLoop(_EvalEveryModel, ValLoop):
    """:class:`mmengine.runner.ValLoop` over every (or the listed) sub-network.

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The upstream validation dataloader.
        evaluator (Evaluator | dict | list): The upstream evaluator config; one copy per model.
        models (Sequence[str], optional): Sub-networks to evaluate. Defaults to all.
        fp16 (bool): Evaluate under autocast. Defaults to False.
    """

    phase = 'val'

    def __init__(self, runner, dataloader: Union[DataLoader, dict],
                 evaluator: Union[Evaluator, dict, list],
                 models: Optional[Sequence[str]] = None, fp16: bool = False) -> None:
        super().__init__(runner, dataloader, evaluator, fp16)
        self._setup(evaluator, models)


@LOOPS.register_module()
class DistillTestLoop(_EvalEveryModel, TestLoop):
    """:class:`mmengine.runner.TestLoop` over every (or the listed) sub-network.

    Args: as :class:`DistillValLoop`.
    """

    phase = 'test'

    def __init__(self, runner, dataloader: Union[DataLoader, dict],
                 evaluator: Union[Evaluator, dict, list],
                 models: Optional[Sequence[str]] = None, fp16: bool = False) -> None:
        super().__init__(runner, dataloader, evaluator, fp16)
        self._setup(evaluator, models)

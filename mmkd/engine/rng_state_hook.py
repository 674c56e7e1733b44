"""Random-generator state in checkpoints, so that ``--resume`` continues exactly."""
import random

import numpy as np
import torch
from mmengine.hooks import Hook

from mmkd.registry import HOOKS


@HOOKS.register_module()
class RNGStateHook(Hook):
    """Save the states of Python's, NumPy's and PyTorch's (CPU and CUDA) global random
    generators in every checkpoint and restore them when a run resumes from it.

    MMEngine restores weights, optimizer and scheduler states and the epoch, but not these
    generators, so a resumed run draws other random augmentations (and dropout masks) than the
    run that was never interrupted. ``tools/train.py`` adds this hook to every run. Dataloader
    workers have their own generators: with ``persistent_workers=True`` they continue across
    epochs in an uninterrupted run but restart in a resumed one (exact resume holds with
    ``num_workers=0`` or non-persistent workers, which restart every epoch anyway).
    """

    priority = 'VERY_LOW'

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        kind, keys, pos, has_gauss, gauss = np.random.get_state()
        state = dict(python=random.getstate(), torch=torch.get_rng_state(),
                     numpy=(kind, keys.tolist(), pos, has_gauss, gauss))
        if torch.cuda.is_available():
            state['cuda'] = torch.cuda.get_rng_state_all()
        checkpoint.setdefault('meta', {})['rng_state'] = state

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        state = (checkpoint.get('meta') or {}).get('rng_state')
        if state is None or not getattr(runner, '_resume', False):
            return  # load_from (fine-tuning) starts the generators afresh
        random.setstate(state['python'])
        kind, keys, pos, has_gauss, gauss = state['numpy']
        np.random.set_state((kind, np.array(keys, dtype=np.uint32), pos, has_gauss, gauss))
        torch.set_rng_state(state['torch'])
        if 'cuda' in state and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(state['cuda'])

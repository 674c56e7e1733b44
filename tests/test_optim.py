"""Frozen sub-networks are not in the optimizer."""
import torch
from test_distiller import kd_cfg

from mmkd.engine import DistillOptimWrapperConstructor
from mmkd.models import Distiller


def test_optimizer_holds_exactly_the_trainable_parameters():
    d = Distiller(**kd_cfg())
    for paramwise in (None, dict(norm_decay_mult=0.0)):
        wrapper = DistillOptimWrapperConstructor(
            dict(optimizer=dict(type='SGD', lr=0.1, weight_decay=1e-4)), paramwise)(d)
        in_opt = {id(p) for g in wrapper.optimizer.param_groups for p in g['params']}
        trainable = {id(p) for p in d.parameters() if p.requires_grad}
        assert in_opt == trainable
        assert not in_opt & {id(p) for p in d.models['Teacher'].parameters()}
    assert isinstance(wrapper.optimizer, torch.optim.SGD)

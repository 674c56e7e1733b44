"""The project's loss against its formula, and its config building with custom_imports."""
import math

import pytest
import torch
from mmengine.config import Config

from projects.cosine_hint.cosine_hint import CosineHintLoss


def test_cosine_hint_known_values():
    s = torch.tensor([[1.0, 0.0], [1.0, 1.0]])
    t = torch.tensor([[0.0, 2.0], [3.0, 3.0]])
    assert CosineHintLoss()(s, t).item() == pytest.approx((1 + 0) / 2)
    r = torch.randn(4, 3, 2, 2)
    assert CosineHintLoss()(r, -5 * r).item() == pytest.approx(2.0)
    a, b = torch.tensor([[1.0, 0.0]]), torch.tensor([[1.0, 1.0]])
    assert CosineHintLoss()(a, b).item() == pytest.approx(1 - 1 / math.sqrt(2))


def test_config_registers_the_project(in_repo):
    from mmkd.registry import MODELS, RECORDERS
    cfg = Config.fromfile('projects/cosine_hint/configs/kd_cosine.py')
    assert cfg.model.losses.cosine.type == 'CosineHintLoss'
    assert MODELS.get('CosineHintLoss') is CosineHintLoss
    assert RECORDERS.get('PooledModuleOutputs') is not None

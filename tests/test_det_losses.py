"""Text-detection (DB) distillation losses against formulas written here: DilaDB (threshold,
2x2 dilation, masked balanced BCE with hard negatives, masked Dice) and DML on shrink maps."""
import math

import cv2
import numpy as np
import pytest
import torch
from mmengine.structures import InstanceData
from mmocr.structures import TextDetDataSample

from mmkd.models.distillers.batch_fields import db_shrink_mask
from mmkd.models.losses import DilaDBLoss, DMLLoss
from mmkd.models.losses.dila_db_loss import dilate_2x2


def sig(x):
    return 1 / (1 + math.exp(-x))


def dilate_loops(x):
    n, h, w = x.shape
    out = np.zeros_like(x)
    for k in range(n):
        for i in range(h):
            for j in range(w):
                out[k, i, j] = max(x[k, a, b] for a in (i - 1, i) for b in (j - 1, j)
                                   if a >= 0 and b >= 0)
    return out


def balanced_bce(logits, target, mask, ratio=3):
    losses = [-(t * math.log(sig(z)) + (1 - t) * math.log(1 - sig(z)))
              for z, t in zip(logits.ravel(), target.ravel())]
    pos = [loss for loss, t, m in zip(losses, target.ravel(), mask.ravel()) if t == 1 and m]
    neg = sorted((loss for loss, t, m in zip(losses, target.ravel(), mask.ravel())
                  if t == 0 and m), reverse=True)
    neg = neg[:min(len(neg), int(len(pos) * ratio))]
    return (sum(pos) + sum(neg)) / (len(pos) + len(neg) + 1e-6)


def dice(pred, target, mask):  # over the whole batch, as the DB loss's Dice term
    p, g = pred * mask, target * mask
    return float(1 - 2 * (p * g).sum() / (p.sum() + g.sum() + 1e-6))


def test_dilation_is_opencvs_2x2():
    x = (np.random.default_rng(0).random((2, 7, 9)) > 0.85).astype(np.float32)
    ours = dilate_2x2(torch.from_numpy(x)).numpy()
    assert np.array_equal(ours, dilate_loops(x))
    for k in range(2):
        assert np.array_equal(ours[k], cv2.dilate(x[k], np.ones((2, 2), np.uint8)))


def test_dila_db_matches_formula():
    g = torch.Generator().manual_seed(0)
    s_logits = torch.randn(2, 1, 8, 10, generator=g, dtype=torch.float64) * 2
    s_binary = torch.rand(2, 8, 10, generator=g, dtype=torch.float64)
    t_logits = torch.randn(2, 1, 8, 10, generator=g, dtype=torch.float64) * 2 - 1
    mask = torch.ones(2, 8, 10, dtype=torch.float64)
    mask[0, :3, :4] = 0  # an ignored text region
    loss = DilaDBLoss()((s_logits, s_binary), t_logits, db_shrink_mask=mask).item()
    t_prob = np.vectorize(sig)(t_logits[:, 0].numpy())
    target = dilate_loops((t_prob > 0.3).astype(np.float64))
    assert 0 < target.mean() < 1
    expected = 5 * balanced_bce(s_logits[:, 0].numpy(), target, mask.numpy()) + \
        dice(s_binary.numpy(), target, mask.numpy())
    assert loss == pytest.approx(expected, rel=1e-6)


def test_dila_db_gradient_reaches_only_the_student():
    s = torch.randn(1, 1, 6, 6, requires_grad=True)
    b = torch.rand(1, 6, 6, requires_grad=True)
    t = torch.randn(1, 1, 6, 6, requires_grad=True)
    DilaDBLoss()((s, b), t, db_shrink_mask=torch.ones(1, 6, 6)).backward()
    assert s.grad.abs().sum() > 0 and b.grad.abs().sum() > 0 and t.grad is None


def test_db_shrink_mask_is_mmocrs_effective_mask():
    ds = TextDetDataSample()
    ds.set_metainfo(dict(img_shape=(32, 40)))
    ds.gt_instances = InstanceData(
        polygons=[np.array([2, 2, 30, 2, 30, 14, 2, 14], np.float32),
                  np.array([5, 20, 25, 20, 25, 30, 5, 30], np.float32)],
        ignored=torch.tensor([False, True]))
    mask = db_shrink_mask([ds], torch.zeros(1, 1, 32, 40))
    assert mask.shape == (1, 32, 40)
    assert mask[0, 25, 15] == 0  # inside the ignored polygon
    assert mask[0, 8, 15] == 1 and mask[0, 0, 0] == 1


def test_dml_on_shrink_maps_is_symmetric_bernoulli_kl():
    g = torch.Generator().manual_seed(2)
    a = torch.randn(2, 1, 4, 5, generator=g, dtype=torch.float64)
    b = torch.randn(2, 1, 4, 5, generator=g, dtype=torch.float64)
    terms = []
    for x, y in zip(a.flatten().tolist(), b.flatten().tolist()):
        p, q = sig(x), sig(y)
        kl_pq = p * math.log(p / q) + (1 - p) * math.log((1 - p) / (1 - q))
        kl_qp = q * math.log(q / p) + (1 - q) * math.log((1 - q) / (1 - p))
        terms.append((kl_pq + kl_qp) / 2)
    loss = DMLLoss(act='sigmoid')(a, b).item()
    assert loss == pytest.approx(sum(terms) / len(terms), rel=1e-10)
    assert DMLLoss(act='sigmoid')(b, a).item() == pytest.approx(loss, rel=1e-12)


def test_every_task_model_gets_untouched_samples(in_repo):
    """mmocr's DB loss shifts the gt polygons in place; a second student must not see that."""
    from mmengine.config import Config
    from mmengine.registry import MODELS, DefaultScope
    cfg = Config.fromfile('configs/det/db_dml.py')
    with DefaultScope.overwrite_default_scope('mmocr'):
        d = MODELS.build(cfg.model)
    d.models['Student2'].load_state_dict(d.models['Student'].state_dict())
    samples = []
    for _ in range(2):
        ds = TextDetDataSample()
        ds.set_metainfo(dict(img_shape=(64, 64), pad_shape=(64, 64)))
        ds.gt_instances = InstanceData(
            polygons=[np.array([6, 8, 50, 8, 50, 24, 6, 24], np.float32)],
            ignored=torch.tensor([False]))
        samples.append(ds)
    inputs = torch.rand(2, 3, 64, 64, generator=torch.Generator().manual_seed(0))
    d.eval()  # same BN behaviour for both; losses still computed
    losses = d.loss(inputs, samples)
    for k in ('loss_prob', 'loss_thr', 'loss_db'):
        assert torch.allclose(losses[f'Student.{k}'], losses[f'Student2.{k}']), k


def test_dila_db_takes_the_students_own_db_targets(in_repo, monkeypatch):
    """db_distill records the student's DB targets (mask = the loss's gt_shrink_mask): the same
    DilaDB loss as generating the targets again, without generating them again."""
    import copy

    from mmengine.config import Config
    from mmengine.registry import MODELS, DefaultScope

    from mmkd.models.distillers import batch_fields
    cfg = Config.fromfile('configs/det/db_distill.py')
    cfg.model.models.Teacher.pop('checkpoint')
    plain = copy.deepcopy(cfg.model)
    plain.recorders.Student.pop('db_shrink_mask')
    with DefaultScope.overwrite_default_scope('mmocr'):
        fast, slow = MODELS.build(cfg.model), MODELS.build(plain)
    slow.load_state_dict(fast.state_dict())
    samples = []
    for i in range(2):
        ds = TextDetDataSample()
        ds.set_metainfo(dict(img_shape=(64, 64), pad_shape=(64, 64)))
        ds.gt_instances = InstanceData(
            polygons=[np.array([6, 8, 50, 8, 50, 24, 6, 24], np.float32),
                      np.array([10, 40, 30, 40, 30, 52, 10, 52], np.float32)],
            ignored=torch.tensor([False, i == 0]))  # an ignored text: a hole in the mask
        samples.append(ds)
    inputs = torch.rand(2, 3, 64, 64, generator=torch.Generator().manual_seed(0))
    fast.eval(), slow.eval()
    expected = slow.loss(inputs, copy.deepcopy(samples))['loss_dila_db']
    monkeypatch.setitem(batch_fields.BATCH_FIELDS, 'db_shrink_mask', None)  # must not be used
    got = fast.loss(inputs, copy.deepcopy(samples))['loss_dila_db']
    assert torch.equal(got, expected) and got > 0

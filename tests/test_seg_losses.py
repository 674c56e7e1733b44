"""Segmentation losses against formulas written here: pixel-wise KL with ignored pixels (via the
``seg_valid`` batch field) and channel-wise divergence (CWD)."""
import math

import numpy as np
import pytest
import torch
from mmengine.structures import PixelData
from mmseg.structures import SegDataSample

from mmkd.models.distillers.batch_fields import seg_valid
from mmkd.models.losses import CWDLoss, KLDivLoss


def softmax(v, T):
    e = [math.exp(x / T) for x in v]
    return [x / sum(e) for x in e]


def kl(p, q):
    return sum(pi * math.log(pi / qi) for pi, qi in zip(p, q))


@pytest.fixture
def maps():
    g = torch.Generator().manual_seed(1)
    return (torch.randn(2, 3, 4, 5, generator=g, dtype=torch.float64),
            torch.randn(2, 3, 4, 5, generator=g, dtype=torch.float64))


def samples(labels):
    out = []
    for lab in labels:
        ds = SegDataSample()
        ds.gt_sem_seg = PixelData(data=torch.as_tensor(lab)[None])
        out.append(ds)
    return out


def test_seg_valid_samples_labels_onto_the_logit_grid():
    lab = np.zeros((8, 10), np.int64)
    lab[0:2, 0:2] = 255  # the top-left 2x2 block -> logit pixel (0, 0) at stride 2
    lab[5, 7] = 255  # odd row: nearest sampling at stride 2 reads rows 0,2,4,6 -> not seen
    mask = seg_valid(samples([lab, np.full((8, 10), 3)]), torch.zeros(2, 6, 4, 5))
    assert mask.shape == (2, 4, 5) and mask.dtype == torch.bool
    expected = np.ones((4, 5), bool)
    expected[0, 0] = False
    assert np.array_equal(mask[0].numpy(), expected) and mask[1].all()
    assert seg_valid(samples([lab]), torch.zeros(1, 6, 8, 10))[0].sum() == 80 - 5


@pytest.mark.parametrize('T', [1.0, 3.0])
def test_pixel_kl_averages_non_ignored_pixels(maps, T):
    s, t = maps
    lab = np.random.default_rng(0).integers(0, 3, (2, 4, 5))
    lab[0, 1, :] = 255
    lab[1, :, 2] = 255
    mask = seg_valid(samples(list(lab)), s)
    loss = KLDivLoss(temperature=T, dim=1)(s, t, mask=mask).item()
    terms = [kl(softmax(t[n, :, i, j].tolist(), T), softmax(s[n, :, i, j].tolist(), T))
             for n in range(2) for i in range(4) for j in range(5) if lab[n, i, j] != 255]
    assert len(terms) == 40 - 5 - 4
    assert loss == pytest.approx(T * T * sum(terms) / len(terms), rel=1e-10)
    # without labels every pixel counts
    every = [kl(softmax(t[n, :, i, j].tolist(), T), softmax(s[n, :, i, j].tolist(), T))
             for n in range(2) for i in range(4) for j in range(5)]
    assert KLDivLoss(temperature=T, dim=1)(s, t).item() == pytest.approx(
        T * T * sum(every) / 40, rel=1e-10)


@pytest.mark.parametrize('T', [1.0, 4.0])
def test_cwd_matches_the_paper(maps, T):
    s, t = maps
    total = 0.0
    for n in range(2):
        for c in range(3):  # one distribution over the 4 x 5 positions per (sample, channel)
            total += kl(softmax(t[n, c].flatten().tolist(), T),
                        softmax(s[n, c].flatten().tolist(), T))
    assert CWDLoss(temperature=T)(s, t).item() == pytest.approx(T * T * total / 6, rel=1e-10)


def test_cwd_known_values_and_gradient():
    x = torch.randn(1, 2, 3, 3)
    assert CWDLoss()(x, x).item() == pytest.approx(0.0, abs=1e-6)
    # one channel over two positions
    s = torch.zeros(1, 1, 1, 2, requires_grad=True)
    t = torch.tensor([[[[0.0, math.log(3.0)]]]])  # q_t = (1/4, 3/4), q_s = (1/2, 1/2)
    loss = CWDLoss()(s, t)
    assert loss.item() == pytest.approx(0.25 * math.log(0.5) + 0.75 * math.log(1.5), rel=1e-6)
    loss.backward()
    assert s.grad is not None and s.grad.abs().sum() > 0


def test_cwd_rejects_bad_temperature():
    with pytest.raises(ValueError, match='temperature'):
        CWDLoss(temperature=0)

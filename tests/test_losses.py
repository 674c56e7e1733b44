"""Each loss against its formula, written here independently (numpy, explicit loops)."""
import math

import numpy as np
import pytest
import torch

from mmkd.models.losses import DistanceLoss, DMLLoss, JSDivLoss, KLDivLoss, SoftCELoss, TaskLoss


def softmax_np(x, T=1.0):
    e = np.exp((x - x.max(-1, keepdims=True)) / T)
    return e / e.sum(-1, keepdims=True)


def kl_rows(p, q):  # KL(p || q) per row
    return np.array([sum(pi * math.log(pi / qi) for pi, qi in zip(pr, qr)) for pr, qr in zip(p, q)])


@pytest.fixture
def logits():
    g = torch.Generator().manual_seed(0)
    return torch.randn(6, 5, generator=g, dtype=torch.float64), \
        torch.randn(6, 5, generator=g, dtype=torch.float64)


@pytest.mark.parametrize('T', [1.0, 4.0])
def test_kl_div_matches_formula(logits, T):
    s, t = logits
    ps, pt = softmax_np(s.numpy(), T), softmax_np(t.numpy(), T)
    expected = T * T * kl_rows(pt, ps).mean()
    assert KLDivLoss(temperature=T)(s, t).item() == pytest.approx(expected, rel=1e-10)


def test_kl_div_known_values():
    x = torch.tensor([[1.0, 2.0, 3.0]])
    assert KLDivLoss(temperature=2)(x, x).item() == pytest.approx(0.0, abs=1e-7)
    # two classes, p_t = (1/2, 1/2), p_s = softmax(0, ln 3) = (1/4, 3/4): KL = ln(2/sqrt(3))
    s = torch.tensor([[0.0, math.log(3.0)]])
    t = torch.zeros(1, 2)
    assert KLDivLoss()(s, t).item() == pytest.approx(math.log(2 / math.sqrt(3)), rel=1e-6)


def test_kl_div_mask_averages_valid_positions_only(logits):
    s, t = logits
    s3, t3 = s.view(2, 3, 5), t.view(2, 3, 5)
    mask = torch.tensor([[1, 1, 0], [1, 0, 0]], dtype=torch.bool)
    per = kl_rows(softmax_np(t.numpy()), softmax_np(s.numpy())).reshape(2, 3)
    expected = per[mask.numpy()].mean()
    assert KLDivLoss()(s3, t3, mask).item() == pytest.approx(expected, rel=1e-10)


def test_kl_gradient_only_reaches_the_student(logits):
    s, t = (x.clone().requires_grad_() for x in logits)
    KLDivLoss(temperature=2)(s, t.detach()).backward()
    assert s.grad is not None and s.grad.abs().sum() > 0 and t.grad is None


def test_dml_softmax_matches_formula_and_is_symmetric(logits):
    s, t = logits
    ps, pt = softmax_np(s.numpy()), softmax_np(t.numpy())
    expected = 0.5 * (kl_rows(ps, pt) + kl_rows(pt, ps)).mean()
    loss = DMLLoss()
    assert loss(s, t).item() == pytest.approx(expected, rel=1e-10)
    assert loss(t, s).item() == pytest.approx(expected, rel=1e-10)
    assert loss(s, t).dim() == 0


def test_dml_gradients_flow_into_both_models(logits):
    s, t = (x.clone().requires_grad_() for x in logits)
    DMLLoss()(s, t).backward()
    assert s.grad.abs().sum() > 0 and t.grad.abs().sum() > 0


def test_dml_none_act_takes_probabilities(logits):
    s, t = logits
    ps, pt = torch.softmax(s, -1), torch.softmax(t, -1)
    assert DMLLoss(act='none')(ps, pt).item() == pytest.approx(DMLLoss()(s, t).item(), rel=1e-8)


def test_dml_sigmoid_is_bernoulli_kl_per_element():
    g = torch.Generator().manual_seed(1)
    a, b = torch.randn(2, 4, 4, generator=g, dtype=torch.float64), \
        torch.randn(2, 4, 4, generator=g, dtype=torch.float64)
    p, q = 1 / (1 + np.exp(-a.numpy())), 1 / (1 + np.exp(-b.numpy()))

    def bkl(x, y):
        return x * np.log(x / y) + (1 - x) * np.log((1 - x) / (1 - y))

    per = 0.5 * (bkl(p, q) + bkl(q, p))
    assert DMLLoss(act='sigmoid')(a, b).item() == pytest.approx(per.mean(), rel=1e-9)
    mask = torch.zeros(2, 4, 4, dtype=torch.bool)
    mask[0, :2] = True
    assert DMLLoss(act='sigmoid')(a, b, mask).item() == pytest.approx(
        per[mask.numpy()].mean(), rel=1e-9)
    # probabilities in, same value
    assert DMLLoss(act='none', binary=True)(torch.sigmoid(a), torch.sigmoid(b)).item() == \
        pytest.approx(per.mean(), rel=1e-5)


def test_dml_rejects_unknown_act():
    with pytest.raises(ValueError, match='act must be one of'):
        DMLLoss(act='relu')


@pytest.mark.parametrize('T', [1.0, 3.0])
def test_js_div_matches_formula(logits, T):
    s, t = logits
    ps, pt = softmax_np(s.numpy(), T), softmax_np(t.numpy(), T)
    m = (ps + pt) / 2
    expected = T * T * (0.5 * (kl_rows(ps, m) + kl_rows(pt, m))).mean()
    assert JSDivLoss(temperature=T)(s, t).item() == pytest.approx(expected, rel=1e-10)


def test_js_div_is_bounded_by_ln2():
    s = torch.tensor([[100.0, -100.0]])
    t = torch.tensor([[-100.0, 100.0]])
    assert JSDivLoss()(s, t).item() == pytest.approx(math.log(2), rel=1e-6)


def test_soft_ce_matches_formula(logits):
    s, t = logits
    ps, pt = softmax_np(s.numpy()), softmax_np(t.numpy())
    expected = np.mean([-sum(a * math.log(b) for a, b in zip(r_t, r_s))
                        for r_s, r_t in zip(ps, pt)])
    assert SoftCELoss()(s, t).item() == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize('mode', ['l1', 'l2', 'smooth_l1'])
def test_distance_matches_formula(mode):
    g = torch.Generator().manual_seed(2)
    a, b = torch.randn(3, 4, 5, generator=g) * 2, torch.randn(3, 4, 5, generator=g) * 2
    d = (a - b).abs().numpy()
    expected = {'l1': d.mean(), 'l2': (d ** 2).mean(),
                'smooth_l1': np.where(d < 1, 0.5 * d ** 2, d - 0.5).mean()}[mode]
    assert DistanceLoss(mode)(a, b).item() == pytest.approx(float(expected), rel=1e-5)


def test_distance_shape_mismatch_suggests_connector():
    with pytest.raises(ValueError, match=r'\(2, 3\) vs \(2, 4\).*connector'):
        DistanceLoss()(torch.zeros(2, 3), torch.zeros(2, 4))
    with pytest.raises(ValueError, match='mode must be one of'):
        DistanceLoss('l3')


def test_task_loss_weights_only_loss_terms():
    out = TaskLoss()({'loss_ce': torch.tensor(2.0), 'acc': torch.tensor(0.5),
                      'loss_list': [torch.tensor(1.0), torch.tensor(3.0)]}, weight=0.5)
    assert out['loss_ce'].item() == 1.0 and out['acc'].item() == 0.5
    assert [x.item() for x in out['loss_list']] == [0.5, 1.5]


def test_dml_on_sequences_averages_valid_time_steps_only():
    g = torch.Generator().manual_seed(5)
    s, t = torch.randn(2, 4, 6, generator=g, dtype=torch.float64), \
        torch.randn(2, 4, 6, generator=g, dtype=torch.float64)
    mask = torch.tensor([[1, 1, 1, 0], [1, 1, 0, 0]], dtype=torch.bool)
    per = []
    for n in range(2):
        for k in range(4):
            if mask[n, k]:
                ps, pt = softmax_np(s[n, k].numpy()), softmax_np(t[n, k].numpy())
                per.append(0.5 * (kl_rows([ps], [pt])[0] + kl_rows([pt], [ps])[0]))
    assert DMLLoss()(s, t, mask).item() == pytest.approx(np.mean(per), rel=1e-10)
    # without a mask every time step counts
    full = np.mean([0.5 * (kl_rows([softmax_np(s[n, k].numpy())], [softmax_np(t[n, k].numpy())])[0]
                           + kl_rows([softmax_np(t[n, k].numpy())],
                                     [softmax_np(s[n, k].numpy())])[0])
                    for n in range(2) for k in range(4)])
    assert DMLLoss()(s, t).item() == pytest.approx(full, rel=1e-10)

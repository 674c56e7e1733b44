"""Classification-zoo losses against formulas written here (numpy / explicit loops)."""
import math

import numpy as np
import pytest
import torch

from mmkd.models import (AFDLoss, AFDStudentConnector, AFDTeacherConnector, ATLoss, DISTLoss,
                         DKDLoss, MGDConnector, MGDLoss, PKDLoss, RKDAngleLoss, RKDDistanceLoss,
                         SKDLoss, WSLLoss)


def sm(x, T=1.0):
    e = np.exp((x - x.max(-1, keepdims=True)) / T)
    return e / e.sum(-1, keepdims=True)


def kl(p, q):
    return float(np.sum(p * np.log(p / q)))


@pytest.fixture
def data():
    g = torch.Generator().manual_seed(0)
    s = torch.randn(5, 4, generator=g, dtype=torch.float64) * 2
    t = torch.randn(5, 4, generator=g, dtype=torch.float64) * 2
    y = torch.tensor([0, 1, 2, 3, 1])
    return s, t, y


@pytest.mark.parametrize('T, alpha, beta', [(1.0, 1.0, 1.0), (4.0, 0.5, 2.0)])
def test_dkd(data, T, alpha, beta):
    s, t, y = data
    tot = 0.0
    for i in range(5):
        ps, pt, c = sm(s[i].numpy(), T), sm(t[i].numpy(), T), int(y[i])
        tckd = kl(np.array([pt[c], 1 - pt[c]]), np.array([ps[c], 1 - ps[c]]))
        others = [k for k in range(4) if k != c]
        qs, qt = ps[others] / ps[others].sum(), pt[others] / pt[others].sum()
        tot += alpha * tckd + beta * kl(qt, qs)
    expected = tot / 5 * T * T
    got = DKDLoss(T, alpha, beta)(s, t, y).item()
    assert got == pytest.approx(expected, rel=1e-6)
    # unlabelled samples fall back to the teacher's argmax
    y2 = y.clone()
    y2[0] = -1
    y3 = y.clone()
    y3[0] = t[0].argmax()
    assert DKDLoss(T)(s, t, y2).item() == pytest.approx(DKDLoss(T)(s, t, y3).item())


def pearson(a, b):
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / math.sqrt((a * a).sum() * (b * b).sum()))


@pytest.mark.parametrize('T', [1.0, 2.0])
def test_dist(data, T):
    s, t, _ = data
    ps, pt = sm(s.numpy(), T), sm(t.numpy(), T)
    inter = 1 - np.mean([pearson(ps[i], pt[i]) for i in range(5)])
    intra = 1 - np.mean([pearson(ps[:, c], pt[:, c]) for c in range(4)])
    expected = T * T * (2.0 * inter + 0.5 * intra)
    assert DISTLoss(beta=2.0, gamma=0.5, temperature=T)(s, t).item() == \
        pytest.approx(expected, rel=1e-6)
    assert DISTLoss()(t, t).item() == pytest.approx(0.0, abs=1e-6)


def test_wsl(data):
    s, t, y = data
    T = 2.0
    tot = 0.0
    for i in range(5):
        c = int(y[i])
        ce_s = -math.log(sm(s[i].numpy())[c])
        ce_t = -math.log(sm(t[i].numpy())[c])
        w = max(0.0, 1 - math.exp(-ce_s / ce_t))
        tot += w * -np.sum(sm(t[i].numpy(), T) * np.log(sm(s[i].numpy(), T)))
    assert WSLLoss(T)(s, t, y).item() == pytest.approx(tot / 5 * T * T, rel=1e-6)


def test_skd(data):
    s, t, y = data
    T, m, a = 2.0, 2.0, 0.9

    def std(x):
        return (x - x.mean()) / x.std(ddof=1) * m

    kd = np.mean([kl(sm(std(t[i].numpy()), T), sm(std(s[i].numpy()), T)) for i in range(5)])
    ce = np.mean([-math.log(sm(std(s[i].numpy()))[int(y[i])]) for i in range(5)])
    expected = a * T * T * kd + (1 - a) * ce
    assert SKDLoss(T, m, a)(s, t, y).item() == pytest.approx(expected, rel=1e-5)
    # logits shifted and scaled per sample give the same standardised loss
    assert SKDLoss(T)(s * 3 + 1, t, y).item() == pytest.approx(SKDLoss(T)(s, t, y).item(),
                                                               rel=1e-5)


def test_at():
    g = torch.Generator().manual_seed(1)
    s, t = torch.randn(2, 3, 4, 4, generator=g), torch.randn(2, 5, 4, 4, generator=g)

    def amap(x):
        a = (x.numpy() ** 2).mean(1).reshape(2, -1)
        return a / np.linalg.norm(a, axis=1, keepdims=True)

    expected = ((amap(s) - amap(t)) ** 2).mean()
    assert ATLoss()(s, t).item() == pytest.approx(float(expected), rel=1e-5)
    assert ATLoss()(torch.randn(2, 3, 8, 8), t).dim() == 0  # resized
    with pytest.raises(ValueError, match='spatial sizes differ'):
        ATLoss(resize=False)(torch.randn(2, 3, 8, 8), t)


def test_pkd_is_one_minus_pearson_per_channel():
    g = torch.Generator().manual_seed(2)
    s, t = torch.randn(3, 2, 4, 4, generator=g, dtype=torch.float64), \
        torch.randn(3, 2, 4, 4, generator=g, dtype=torch.float64)
    n = 3 * 16
    rho = [pearson(s[:, c].numpy().ravel(), t[:, c].numpy().ravel()) for c in range(2)]
    # with unbiased std, mean((zs - zt)^2) / 2 = (n - 1) / n * (1 - rho)
    expected = np.mean([(n - 1) / n * (1 - r) for r in rho])
    assert PKDLoss()(s, t).item() == pytest.approx(expected, rel=1e-4)
    assert PKDLoss()(s * 5 + 3, s).item() == pytest.approx(0.0, abs=1e-8)
    with pytest.raises(ValueError, match='channels differ'):
        PKDLoss()(torch.randn(3, 3, 4, 4), torch.randn(3, 2, 4, 4))


def test_mgd_connector_and_loss():
    torch.manual_seed(0)
    conn = MGDConnector(4, 6, lambda_mgd=0.5)
    x, t = torch.randn(2, 4, 5, 5), torch.randn(2, 6, 5, 5)
    torch.manual_seed(3)
    gen = conn(x)
    torch.manual_seed(3)
    keep = (torch.rand(2, 1, 5, 5) >= 0.5).float()
    torch.testing.assert_close(gen, conn.generation(conn.align(x) * keep))
    loss = MGDLoss(alpha_mgd=0.1)(gen, t)
    assert loss.item() == pytest.approx(float(((gen - t) ** 2).sum().detach() / 2 * 0.1), rel=1e-5)
    loss.backward()
    assert conn.generation[0].weight.grad.abs().sum() > 0 and conn.align.weight.grad is not None
    c_conn = MGDConnector(6, 6, mask_on='channel')
    assert isinstance(c_conn.align, torch.nn.Identity) and c_conn(t).shape == t.shape


def test_rkd_distance_and_angle():
    g = torch.Generator().manual_seed(4)
    s, t = torch.randn(4, 3, generator=g, dtype=torch.float64), \
        torch.randn(4, 6, generator=g, dtype=torch.float64)

    def dist(e):
        e = e / np.linalg.norm(e, axis=1, keepdims=True)
        d = np.array([[np.linalg.norm(a - b) for b in e] for a in e])
        return d / (d.sum() / 12)

    def angle(e):
        e = e / np.linalg.norm(e, axis=1, keepdims=True)
        out = np.zeros((4, 4, 4))
        for j in range(4):
            for i in range(4):
                for k in range(4):
                    u, v = e[i] - e[j], e[k] - e[j]
                    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
                    out[j, i, k] = 0.0 if nu == 0 or nv == 0 else u @ v / nu / nv
        return out.ravel()

    def smooth_l1(a, b):
        d = np.abs(a - b)
        return np.where(d < 1, 0.5 * d ** 2, d - 0.5).mean()

    assert RKDDistanceLoss()(s, t).item() == pytest.approx(
        smooth_l1(dist(s.numpy()), dist(t.numpy())), rel=1e-6)
    assert RKDAngleLoss()(s, t).item() == pytest.approx(
        smooth_l1(angle(s.numpy()), angle(t.numpy())), rel=1e-6)
    # invariant to rotations and scale of the embedding space
    q, _ = torch.linalg.qr(torch.randn(6, 6, generator=g, dtype=torch.float64))
    assert RKDDistanceLoss()(t @ q * 3, t).item() == pytest.approx(0.0, abs=1e-9)
    assert RKDAngleLoss()(t @ q * 3, t).item() == pytest.approx(0.0, abs=1e-9)


def test_afd_matches_explicit_attention_weighted_mse():
    torch.manual_seed(0)
    s_feats = [torch.randn(3, 4, 8, 8), torch.randn(3, 6, 4, 4)]
    t_feats = [torch.randn(3, 5, 4, 4), torch.randn(3, 7, 2, 2)]
    sc = AFDStudentConnector([4, 6], [(4, 4), (2, 2)], qk_dim=8).eval()
    tc = AFDTeacherConnector([5, 7], qk_dim=8).eval()
    s_out, t_out = sc(s_feats), tc(t_feats)
    loss = AFDLoss()(s_out, t_out)
    key, _, ps = s_out
    query, _, pt = t_out
    expected = 0.0
    for n in range(3):
        for ti, tf in enumerate(t_feats):
            logits = torch.stack([key[n, si, ti] @ query[n, ti] + pt[ti] @ ps[si]
                                  for si in range(2)]) / math.sqrt(8)
            att = torch.softmax(logits, 0)
            vt = tf[n].pow(2).mean(0).flatten()
            vt = vt / vt.norm()
            for si, sf in enumerate(s_feats):
                pooled = torch.nn.functional.adaptive_avg_pool2d(sf[n:n + 1], tf.shape[2:])[0]
                vs = pooled.pow(2).mean(0).flatten()
                vs = vs / vs.norm()
                expected = expected + att[si] * ((vs - vt) ** 2).mean() / 3
    assert loss.item() == pytest.approx(float(expected), rel=1e-5)
    sc.train(), tc.train()
    AFDLoss()(sc(s_feats), tc(t_feats)).backward()
    assert sc.key[0][0].weight.grad is not None and tc.query[1][0].weight.grad is not None

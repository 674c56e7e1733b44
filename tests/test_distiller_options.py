"""Distiller step options: non-finite losses, teacher inference options, loss warm-up and
the copies of the data samples each extra task model trains on."""
import copy

import pytest
import torch
from test_distiller import batch, kd_cfg

from mmkd.models import Distiller


def _step(d, lr=0.1):
    from mmengine.optim import OptimWrapper
    opt = OptimWrapper(torch.optim.SGD([p for p in d.parameters() if p.requires_grad], lr=lr))
    return d.train_step(batch(), opt)


def test_nonfinite_loss_stops_naming_term_route_models_and_iteration():
    from mmengine.logging import MessageHub
    MessageHub.get_current_instance().update_info('iter', 6)
    d = Distiller(**kd_cfg())
    d.train()
    with torch.no_grad():
        d.models['Teacher'].head.fc.weight[0, 0] = float('nan')
    before = {k: v.clone() for k, v in d.models['Student'].state_dict().items()}
    with pytest.raises(FloatingPointError, match=r'iteration 7: loss_kd = \[nan.*'
                       r'model\.losses\.kd on Student and Teacher.*skip_nonfinite'):
        _step(d)
    d.models['Teacher'].head.fc.weight.data.fill_(0.1)
    with torch.no_grad():
        d.models['Student'].head.fc.bias[0] = float('inf')
    with pytest.raises(FloatingPointError, match=r'Student\.loss = \[.*task loss of Student, '
                       r'model\.losses\.task'):
        _step(d)
    assert all(torch.equal(before[k], p) or k == 'head.fc.bias'
               for k, p in d.models['Student'].named_parameters())  # nothing was updated


def test_skip_nonfinite_skips_the_update_and_logs_the_rest():
    d = Distiller(**kd_cfg(skip_nonfinite=True))
    d.train()
    with torch.no_grad():
        d.models['Teacher'].head.fc.weight[0, 0] = float('nan')
    before = copy.deepcopy(d.models['Student'].state_dict())
    log = _step(d)
    assert 'loss_kd' not in log and 'Student.loss' in log
    after = d.models['Student'].state_dict()
    params = dict(d.models['Student'].named_parameters())
    assert all(torch.equal(before[k], after[k]) for k in params)  # no update
    d.models['Teacher'].head.fc.weight.data.fill_(0.1)
    _step(d)
    assert not all(torch.equal(before[k], d.models['Student'].state_dict()[k]) for k in params)


@pytest.mark.parametrize('opts, tol', [(dict(channels_last=True), 1e-5),
                                       (dict(dtype='bfloat16'), 5e-2),
                                       (dict(dtype='float16', channels_last=True), 5e-2),
                                       (dict(compile=True), 1e-4)])
def test_teacher_inference_options_keep_the_losses(opts, tol):
    torch.manual_seed(0)
    plain = Distiller(**kd_cfg())
    cfg = kd_cfg()
    cfg['models']['Teacher']['inference'] = opts
    fast = Distiller(**cfg)
    fast.load_state_dict(plain.state_dict())
    if opts.get('channels_last'):
        w = fast.models['Teacher'].backbone.conv1.weight
        assert w.is_contiguous(memory_format=torch.channels_last)
    plain.train(), fast.train()
    data = plain.data_preprocessor(batch(), True)
    a = plain(**data, mode='loss')
    b = fast(**copy.deepcopy(data), mode='loss')
    assert b['loss_kd'].dtype == torch.float32
    torch.testing.assert_close(b['loss_kd'], a['loss_kd'], rtol=tol, atol=tol)


def test_inference_options_are_checked():
    cfg = kd_cfg()
    cfg['models']['Student']['inference'] = dict(dtype='bfloat16')
    with pytest.raises(ValueError, match='Student.inference: only a frozen sub-network'):
        Distiller(**cfg)
    cfg = kd_cfg()
    cfg['models']['Teacher']['inference'] = dict(channel_last=True)
    with pytest.raises(KeyError, match="unknown key 'channel_last'.*'channels_last'"):
        Distiller(**cfg)
    cfg['models']['Teacher']['inference'] = dict(dtype='half')
    with pytest.raises(ValueError, match="'float16' or 'bfloat16'"):
        Distiller(**cfg)


def test_copy_samples_equals_deepcopy_and_is_independent():
    import numpy as np
    from mmengine.structures import InstanceData, LabelData
    from mmocr.structures import TextDetDataSample, TextRecogDataSample

    from mmkd.models.distillers.distiller import copy_samples
    det = TextDetDataSample(metainfo=dict(img_shape=(8, 8), flip=False, pad=[1, 2],
                                          img_path='a.jpg'))
    det.gt_instances = InstanceData(polygons=[np.array([0., 0., 4., 0., 4., 4.])],
                                    ignored=torch.tensor([False]),
                                    bboxes=torch.tensor([[0., 0., 4., 4.]]))
    rec = TextRecogDataSample(metainfo=dict(valid_ratio=1.0))
    rec.gt_text = LabelData(item='ab')
    samples = [det, rec]
    reference = copy.deepcopy(samples)
    copied = copy_samples(samples)
    assert copy_samples(None) is None
    assert [type(s) for s in copied] == [TextDetDataSample, TextRecogDataSample]
    for a, b in zip(copied, reference):
        assert a.metainfo == b.metainfo and set(a.keys()) == set(b.keys())
    assert copied[1].gt_text.item == 'ab'
    # every in-place change an upstream loss could make stays in the copy
    copied[0].gt_instances.polygons[0] += 1
    copied[0].gt_instances.bboxes.mul_(2)
    copied[0].pad.append(3)
    copied[1].gt_text.indexes = torch.tensor([1, 2])
    copied[1].set_metainfo(dict(have_target=True))
    assert np.array_equal(det.gt_instances.polygons[0], reference[0].gt_instances.polygons[0])
    assert torch.equal(det.gt_instances.bboxes, reference[0].gt_instances.bboxes)
    assert det.pad == [1, 2] and 'indexes' not in rec.gt_text and 'have_target' not in rec


def test_warmup_iters_ramps_the_weight_linearly():
    from mmengine.logging import MessageHub
    cfg = kd_cfg()
    cfg['losses']['kd']['warmup_iters'] = 4
    d, full = Distiller(**cfg), Distiller(**kd_cfg())
    full.load_state_dict(d.state_dict())
    d.eval(), full.eval()  # BN statistics fixed: both give the same unweighted terms
    data = d.data_preprocessor(batch(), True)
    hub = MessageHub.get_current_instance()
    old = hub.get_info('iter')
    try:
        for it, share in ((0, 0.25), (2, 0.75), (3, 1.0), (10, 1.0)):
            hub.update_info('iter', it)
            got, ref = d(**copy.deepcopy(data), mode='loss'), full(**data, mode='loss')
            torch.testing.assert_close(got['loss_kd'], share * ref['loss_kd'])
            torch.testing.assert_close(got['Student.loss'], ref['Student.loss'])
    finally:
        hub.update_info('iter', old)
    with pytest.raises(TypeError, match=r'model.losses.kd.warmup_iters: must be an int'):
        bad = dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits',
                   warmup_iters=-1)
        Distiller(**kd_cfg(losses=dict(kd=bad)))

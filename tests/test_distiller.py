"""The Distiller with real (tiny) mmpretrain classifiers: building, routing, freezing, errors."""
import copy

import pytest
import torch
from mmengine.registry import DefaultScope

from mmkd.models import Distiller


def clf(base=8, stages=2, num_classes=4):
    channels = base * 2**(stages - 1)
    return dict(
        _scope_='mmpretrain', type='ImageClassifier',
        backbone=dict(type='ResNet_CIFAR', depth=18, stem_channels=base, base_channels=base,
                      num_stages=stages, strides=(1, 2, 2, 2)[:stages],
                      dilations=(1, ) * stages, out_indices=(stages - 1, )),
        neck=dict(type='GlobalAveragePooling'),
        head=dict(type='LinearClsHead', num_classes=num_classes, in_channels=channels),
        data_preprocessor=dict(type='ClsDataPreprocessor', num_classes=num_classes,
                               mean=[0.0] * 3, std=[1.0] * 3))


def kd_cfg(**over):
    cfg = dict(
        models=dict(Teacher=dict(model=clf(16), frozen=True), Student=dict(model=clf(8))),
        recorders=dict(logits=dict(type='ModuleOutputs', source='head.fc')),
        losses=dict(task=dict(type='TaskLoss', models=['Student'], weight=0.5),
                    kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits',
                            temperature=2, weight=2.0)))
    cfg.update(over)
    return cfg


def batch(n=4, num_classes=4, seed=0):
    from mmpretrain.structures import DataSample
    g = torch.Generator().manual_seed(seed)
    data = dict(inputs=[torch.rand(3, 16, 16, generator=g) * 255 for _ in range(n)],
                data_samples=[DataSample().set_gt_label(i % num_classes) for i in range(n)])
    return data


def test_kd_losses_match_manual_computation():
    d = Distiller(**kd_cfg())
    d.train()
    data = d.data_preprocessor(batch(), True)
    losses = d(**data, mode='loss')
    assert set(losses) == {'Student.loss', 'loss_kd'}
    s, t = d.models['Student'], d.models['Teacher']
    with torch.no_grad():
        ls, lt = s(data['inputs'], mode='tensor'), t(data['inputs'], mode='tensor')
    labels = torch.tensor([i % 4 for i in range(4)])
    ce = torch.nn.functional.cross_entropy(ls, labels)
    kl = torch.nn.functional.kl_div(torch.log_softmax(ls / 2, 1), torch.softmax(lt / 2, 1),
                                    reduction='batchmean') * 4
    # BN in train mode makes the student's second forward identical (same batch statistics)
    torch.testing.assert_close(losses['Student.loss'], 0.5 * ce)
    torch.testing.assert_close(losses['loss_kd'], 2.0 * kl)


def test_frozen_teacher_is_constant_and_outside_autograd():
    d = Distiller(**kd_cfg())
    teacher_before = copy.deepcopy(d.models['Teacher'].state_dict())
    opt = torch.optim.SGD([p for p in d.parameters() if p.requires_grad], lr=0.1)
    d.train()
    assert not d.models['Teacher'].training and d.models['Student'].training
    for seed in range(3):
        losses = d(**d.data_preprocessor(batch(seed=seed), True), mode='loss')
        opt.zero_grad()
        sum(losses.values()).backward()
        opt.step()
    for k, v in d.models['Teacher'].state_dict().items():
        assert torch.equal(v, teacher_before[k]), k  # BN running stats included
    assert all(p.grad is None for p in d.models['Teacher'].parameters())
    assert all(not p.requires_grad for p in d.models['Teacher'].parameters())
    assert any(p.grad is not None for p in d.models['Student'].parameters())
    ignored = set(d._ddp_params_and_buffers_to_ignore)
    assert 'models.Teacher.head.fc.weight' in ignored
    assert not any(k.startswith('models.Student') for k in ignored)


def test_dml_gives_gradients_to_both_and_per_pair_names():
    cfg = kd_cfg(
        models=dict(A=dict(model=clf(8)), B=dict(model=clf(8)), C=dict(model=clf(8))),
        losses=dict(task=dict(type='TaskLoss', models=['A', 'B', 'C']),
                    dml=dict(type='DMLLoss', pairs=[('A', 'B'), ('B', 'C'), ('C', 'A')],
                             key='logits')),
        deploy='A')
    d = Distiller(**cfg)
    d.train()
    losses = d(**d.data_preprocessor(batch(), True), mode='loss')
    assert {'A.loss', 'B.loss', 'C.loss', 'loss_dml_A_B', 'loss_dml_B_C', 'loss_dml_C_A'} == \
        set(losses)
    losses['loss_dml_A_B'].backward()
    assert d.models['A'].head.fc.weight.grad.abs().sum() > 0
    assert d.models['B'].head.fc.weight.grad.abs().sum() > 0
    assert d.models['C'].head.fc.weight.grad is None


def test_predict_and_tensor_use_the_deploy_model():
    d = Distiller(**kd_cfg())
    d.eval()
    data = d.data_preprocessor(batch(), False)
    out = d(**data, mode='tensor')
    torch.testing.assert_close(out, d.models['Student'](data['inputs'], mode='tensor'))
    with d.predicting_with('Teacher'):
        torch.testing.assert_close(d(**data, mode='tensor'),
                                   d.models['Teacher'](data['inputs'], mode='tensor'))
    preds = d(**data, mode='predict')
    assert len(preds) == 4 and preds[0].pred_score.shape == (4, )


def test_connector_and_per_model_recorders():
    cfg = kd_cfg(
        recorders=dict(Student=dict(feat=dict(type='ModuleOutputs', source='backbone.layer2')),
                       Teacher=dict(feat=dict(type='ModuleOutputs', source='backbone.layer2'))),
        losses=dict(task=dict(type='TaskLoss', models=['Student']),
                    hint=dict(type='DistanceLoss', pairs=[('Student', 'Teacher')], key='feat',
                              connector=dict(type='ConvConnector', in_channels=16,
                                             out_channels=32))))
    d = Distiller(**cfg)
    d.train()
    losses = d(**d.data_preprocessor(batch(), True), mode='loss')
    losses['loss_hint'].backward()
    conn = d.connectors['hint']['Student_Teacher']['s']
    assert conn.conv.weight.grad.abs().sum() > 0
    assert any(k.startswith('connectors.hint.') for k in d.state_dict())


@pytest.mark.parametrize('change, error, match', [
    (dict(losses=dict(kd=dict(type='KLDivLoss', pairs=[('Studnet', 'Teacher')], key='logits'))),
     KeyError, "unknown sub-model 'Studnet'.*'Student'"),
    (dict(losses=dict(kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logit'))),
     KeyError, "Student has no recorder 'logit'.*'logits'"),
    (dict(recorders=dict(logits=dict(type='ModuleOutputs', source='head.fcc'))),
     KeyError, "source 'head.fcc' exists in no sub-model.*'head.fc'"),
    (dict(losses=dict(kd=dict(type='KLDiv', pairs=[('Student', 'Teacher')], key='logits'))),
     KeyError, "unknown type 'KLDiv'.*KLDivLoss"),
    (dict(losses=dict(kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits',
                              weight='0.9'))),
     TypeError, 'model.losses.kd.weight: must be a number'),
    (dict(deploy='Stu'), KeyError, "model.deploy: unknown sub-model 'Stu'"),
    (dict(models=dict(Teacher=dict(model=clf(16), frozen=True),
                      Student=dict(model=clf(8), frozen=True))),
     ValueError, 'every sub-network is frozen'),
    (dict(models=dict(Teacher=dict(model=clf(16), frozen=True), Student=dict(model=clf(8)),
                      Extra=dict(model=clf(8)))),
     ValueError, r"\['Extra'\] are trainable but no loss uses them"),
    (dict(models=dict(Teacher=dict(model=clf(16), frozn=True), Student=dict(model=clf(8)))),
     KeyError, "unknown key 'frozn'.*'frozen'"),
    (dict(models=dict(Teacher=dict(config='configs/cls/nope.py'), Student=dict(model=clf(8)))),
     FileNotFoundError, "model.models.Teacher.config: config 'configs/cls/nope.py' does not"),
    (dict(models=dict(Teacher=dict(model=clf(16), checkpoint='nope/best_*.pth', frozen=True),
                      Student=dict(model=clf(8)))),
     FileNotFoundError, "Teacher.checkpoint: 'nope/best_\\*.pth' does not exist"),
    (dict(losses=dict(task=dict(type='TaskLoss', models=['Teacher']),
                      kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits'))),
     ValueError, 'Teacher is frozen; a TaskLoss on it'),
])
def test_build_errors_name_the_problem(change, error, match):
    with pytest.raises(error, match=match):
        Distiller(**kd_cfg(**change))


def test_shape_mismatch_names_both_tensors():
    cfg = kd_cfg(
        recorders=dict(feat=dict(type='ModuleOutputs', source='backbone.layer2')),
        losses=dict(task=dict(type='TaskLoss', models=['Student']),
                    hint=dict(type='DistanceLoss', pairs=[('Student', 'Teacher')], key='feat')))
    d = Distiller(**cfg)
    with pytest.raises(ValueError, match=r'Student.feat has shape \(4, 16, 8, 8\) but '
                                         r'Teacher.feat has shape \(4, 32, 8, 8\).*connector'):
        d(**d.data_preprocessor(batch(), True), mode='loss')
    # recorders hold nothing after a failed step
    assert all(not r._records for s in d.recorder_sets.values() for r in s.recorders.values())


def test_inline_model_without_scope_uses_default_scope():
    cfg = kd_cfg()
    for e in cfg['models'].values():
        e['model'].pop('_scope_')
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        d = Distiller(**cfg)
    assert type(d.models['Student']).__name__ == 'ImageClassifier'


def test_checkpoint_plain_or_mmkd_with_sub_network_by_name(tmp_path):
    src = Distiller(**kd_cfg())
    mmkd_file, plain_file = str(tmp_path / 'kd.pth'), str(tmp_path / 'plain.pth')
    torch.save({'state_dict': src.state_dict(), 'meta': {}}, mmkd_file)
    torch.save({'state_dict': src.models['Teacher'].state_dict()}, plain_file)
    cfg = kd_cfg()
    cfg['models']['Teacher'].update(checkpoint=plain_file)
    cfg['models']['Student'].update(model=clf(16), checkpoint=mmkd_file,
                                    checkpoint_model='Teacher')
    d = Distiller(**cfg)
    d.init_weights()  # must not overwrite loaded weights
    for name in ('Teacher', 'Student'):
        for k, v in src.models['Teacher'].state_dict().items():
            assert torch.equal(d.models[name].state_dict()[k], v), (name, k)
    cfg['models']['Student'].update(checkpoint_model='Nope')
    with pytest.raises(KeyError, match="no sub-network 'Nope'"):
        Distiller(**cfg)
    cfg['models']['Student'].update(model=clf(8), checkpoint_model='Teacher')
    with pytest.raises(KeyError, match='does not fit the model.*shape mismatches'):
        Distiller(**cfg)
    torch.save({'state_dict': {'foo.bar': torch.ones(1)}}, str(tmp_path / 'other.pth'))
    cfg['models']['Student'] = dict(model=clf(8), checkpoint=str(tmp_path / 'other.pth'))
    with pytest.raises(KeyError, match='none of its 1 keys matches'):
        Distiller(**cfg)


def test_teacher_tensors_carry_no_autograd_graph():
    d = Distiller(**kd_cfg())
    d.train()
    seen = {}
    orig = d.routes[1].loss.forward

    def spy(s, t, *a, **k):
        seen['s'], seen['t'] = s, t
        return orig(s, t, *a, **k)

    d.routes[1].loss.forward = spy
    d(**d.data_preprocessor(batch(), True), mode='loss')
    assert seen['t'].grad_fn is None and not seen['t'].requires_grad
    assert seen['s'].grad_fn is not None


def test_connectors_check_their_input():
    from mmkd.models import ConvConnector, LinearConnector
    conv = ConvConnector(4, 6)
    assert conv(torch.randn(2, 4, 3, 3)).shape == (2, 6, 3, 3)
    with pytest.raises(ValueError, match=r'expects \(N, 4, H, W\), got \(2, 5, 3, 3\)'):
        conv(torch.randn(2, 5, 3, 3))
    lin = LinearConnector(4, 2)
    assert lin(torch.randn(3, 4)).shape == (3, 2)
    with pytest.raises(ValueError, match=r'expects \(\.\.\., 4\)'):
        lin(torch.randn(3, 5))

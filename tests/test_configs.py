"""Every shipped config parses and its model builds (real-data variants too, without data)."""
import glob
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import MODELS, DefaultScope

from conftest import REPO

CONFIGS = sorted(glob.glob(osp.join(REPO, 'configs', '[!_]*', '*.py')))


def build_model(cfg):
    model = cfg.model.copy()
    if cfg.get('data_preprocessor') is not None:  # what the Runner does
        model.setdefault('data_preprocessor', cfg.data_preprocessor)
    for entry in model.get('models', {}).values():
        entry.pop('checkpoint', None)  # weights are not needed to build
    with DefaultScope.overwrite_default_scope(cfg.default_scope):
        return MODELS.build(model)


@pytest.mark.parametrize('path', CONFIGS, ids=lambda p: osp.relpath(p, REPO))
def test_config_builds(path, in_repo):
    cfg = Config.fromfile(path)
    model = build_model(cfg)
    if cfg.model.type == 'mmkd.Distiller':
        assert cfg.val_cfg.type == 'mmkd.DistillValLoop'
        assert cfg.default_hooks.checkpoint.save_best.startswith(model.deploy + '/')
        assert set(model.models.keys()) == set(cfg.model.models)


def test_in1k_configs_use_mmpretrain_data_and_schedule(in_repo):
    for name in ('kd_r34_r18_in1k', 'dml_in1k'):
        cfg = Config.fromfile(f'configs/cls/{name}.py')
        assert cfg.train_dataloader.dataset.type == 'ImageNet'
        assert cfg.train_dataloader.dataset.data_root == 'data/imagenet'
        assert cfg.train_cfg.max_epochs == 100
    cfg = Config.fromfile('configs/cls/kd_r34_r18_in1k.py')
    model = build_model(cfg)
    assert model.models['Teacher'].backbone.depth == 34
    assert model.models['Student'].backbone.depth == 18
    mean = model.data_preprocessor.mean.flatten().tolist()
    assert mean == pytest.approx([123.675, 116.28, 103.53])


def test_in1k_method_configs_keep_the_reference_hyper_parameters(in_repo):
    def losses(name):
        return Config.fromfile(f'configs/cls/{name}_r34_r18_in1k.py').model.losses

    dkd = losses('dkd').dkd
    assert (dkd.temperature, dkd.alpha, dkd.beta) == (1, 1, 1)
    assert losses('dist').dist.weight == 2.0
    wsl = losses('wsl').wsl
    assert (wsl.temperature, wsl.weight) == (2, 2.5)
    afd = losses('afd')
    assert afd.afd.weight == 50 and (afd.kd.temperature, afd.kd.weight) == (4, 0.9)
    rkd = losses('rkd')
    assert (rkd.rkd_d.weight, rkd.rkd_a.weight) == (25, 50)
    mgd_cfg = Config.fromfile('configs/cls/mgd_r34_r18_in1k.py')
    assert mgd_cfg.model.recorders.feat.source == 'backbone.layer4'  # the last stage
    for name in ('dkd', 'dist', 'wsl', 'skd', 'mgd', 'afd', 'at', 'fitnets', 'pkd', 'rkd'):
        assert osp.isfile(f'configs/cls/{name}.py')  # the embedded twin exists


def test_cityscapes_seg_configs_use_mmseg_data_schedule_and_reference_pairs(in_repo):
    cfg = Config.fromfile('configs/seg/cwd_pspnet_r101_r18_cityscapes.py')
    assert cfg.train_dataloader.dataset.type == 'CityscapesDataset'
    assert cfg.train_dataloader.dataset.data_root == 'data/cityscapes/'
    assert cfg.train_cfg.max_iters == 80000 and cfg.crop_size == (512, 1024)
    cwd = cfg.model.losses.cwd
    assert (cwd.type, cwd.temperature, cwd.weight) == ('CWDLoss', 1.0, 5.0)  # MMRazor's recipe
    model = build_model(cfg)
    assert model.models['Teacher'].backbone.depth == 101
    assert model.models['Student'].backbone.depth == 18
    assert type(model.models['Student'].decode_head).__name__ == 'PSPHead'
    cfg = Config.fromfile('configs/seg/kl_deeplabv3plus_r50_r18_cityscapes.py')
    model = build_model(cfg)
    assert (model.models['Teacher'].backbone.depth, model.models['Student'].backbone.depth) == \
        (50, 18)
    assert cfg.model.losses.kl.weight == 3.0 and cfg.model.losses.kl.mask == 'seg_valid'
    assert model.models['Student'].decode_head.num_classes == 19


def test_real_data_db_configs_use_mmocr_data_and_the_cml_recipe(in_repo):
    for name, data in (('db_cml_icdar2015', 'data/icdar2015'),
                       ('db_cml_totaltext', 'data/totaltext')):
        cfg = Config.fromfile(f'configs/det/{name}.py')
        assert cfg.train_dataloader.dataset.data_root == data
        assert cfg.train_cfg.max_epochs == 1200 and cfg.val_evaluator.type == 'HmeanIOUMetric'
        losses = cfg.model.losses
        assert losses.dila_db.pairs == [('Student', 'Teacher'), ('Student2', 'Teacher')]
        assert losses.dml.pairs == [('Student', 'Student2')] and losses.dml.act == 'sigmoid'
        assert losses.db.models == ['Student', 'Student2']
    model = build_model(Config.fromfile('configs/det/db_cml_icdar2015.py'))
    assert model.models['Teacher'].backbone.depth == 50
    assert model.models['Student'].backbone.depth == 18 and model.frozen == ['Teacher']
    cfg = Config.fromfile('configs/det/db_teacher_r50_totaltext.py')
    assert cfg.model.backbone.depth == 50
    assert cfg.train_dataloader.dataset.data_root == 'data/totaltext'


@pytest.mark.parametrize('name, base', [
    ('ctc_dml_mjsynth', 'crnn/crnn_mini-vgg_5e_mj.py'),
    ('sar_dml_real', 'sar/sar_resnet31_parallel-decoder_5e_st-sub_mj-sub_sa_real.py'),
    ('ctc_sar_dml_mjsynth', 'crnn/crnn_mini-vgg_5e_mj.py'),
])
def test_real_data_ocr_configs_use_mmocr_data_and_train_a_step(name, base, in_repo):
    from test_ocr_units import data_samples
    cfg = Config.fromfile(f'configs/ocr/{name}.py')
    import mmocr
    ref = Config.fromfile(osp.join(osp.dirname(mmocr.__file__), '.mim/configs/textrecog', base))
    for key in ('train_dataloader', 'val_dataloader', 'train_cfg', 'optim_wrapper'):
        sub = 'dataset' if key.endswith('loader') else 'optimizer' if key[0] == 'o' else None
        ours, theirs = (c[key][sub] if sub else c[key] for c in (cfg, ref))
        assert {k: v for k, v in ours.items() if k != '_scope_'} == theirs, key  # as mmocr's
    assert cfg.val_evaluator.dataset_prefixes == ['CUTE80', 'IIIT5K', 'SVT', 'SVTP', 'IC13', 'IC15']
    assert cfg.default_hooks.checkpoint.save_best == 'Student/IIIT5K/recog/word_acc_ignore_case'
    if name == 'ctc_sar_dml_mjsynth':
        weights = {k: v.get('weight', 1.0) for k, v in cfg.model.losses.items()}
        assert weights == dict(task=1.0, dml_ctc=1.0, dml_sar=0.5, feat=1.0)
    model = build_model(cfg)
    h, w = (48, 160) if name == 'sar_dml_real' else (32, 100)
    inputs = torch.randn(2, 3 if name == 'sar_dml_real' else 1, h, w)
    losses = model.loss(inputs, data_samples(['ab', 'cat9']))
    assert all(torch.isfinite(v).all() for v in losses.values()) and len(losses) >= 4

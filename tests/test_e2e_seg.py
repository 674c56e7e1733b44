"""Segmentation distillation end to end with mmseg (real tools, tiny runs): teacher -> KL and
KL + channel-wise feature losses, every sub-model evaluated with IoUMetric, 2-process DDP,
conversion and mmseg's own init_model / inference_model on the converted student."""
import glob
import os
import os.path as osp
import random

import numpy as np
import pytest
import torch
from test_e2e_cls import run, scalars, tiny_options, train_tiny

from conftest import REPO

SEG_SMALL = tiny_options(['train_cfg.max_iters=4', 'train_cfg.val_interval=4',
                          'default_hooks.checkpoint.interval=4'])


@pytest.fixture(scope='module')
def seg_teacher(tmp_path_factory):
    wd = train_tiny('configs/seg/teacher.py', str(tmp_path_factory.mktemp('seg_teacher')),
                    SEG_SMALL)
    assert len(glob.glob(osp.join(wd, 'best_mIoU_*.pth'))) == 1
    return wd


@pytest.fixture(scope='module')
def kl_run(seg_teacher, tmp_path_factory):
    return train_tiny('configs/seg/kl.py', str(tmp_path_factory.mktemp('seg_kl')), SEG_SMALL,
                      f'model.models.Teacher.checkpoint={seg_teacher}/best_*.pth')


def test_kl_trains_the_student_and_evaluates_both(kl_run):
    logs = scalars(kl_run)
    train = [r for r in logs if 'loss_kl' in r]
    assert train and 'Student.decode.loss_ce' in train[-1] and 'Student.aux.loss_ce' in train[-1]
    assert not any(k.startswith('Teacher.') for k in train[-1])  # frozen: no task loss
    val = [r for r in logs if 'Student/mIoU' in r][-1]
    assert 'Teacher/mIoU' in val and 'Student/aAcc' in val
    assert glob.glob(osp.join(kl_run, 'best_Student_mIoU_iter_4.pth'))


def test_kl_cwd_feat_records_a_module_and_a_function_output(seg_teacher, tmp_path):
    train_tiny('configs/seg/kl_cwd_feat.py', str(tmp_path), SEG_SMALL,
               f'model.models.Teacher.checkpoint={seg_teacher}/best_*.pth')
    train = [r for r in scalars(tmp_path) if 'loss_kl' in r][-1]
    for k in ('loss_cwd_stage4', 'loss_cwd_aspp', 'Student.decode.loss_ce'):
        assert k in train and np.isfinite(train[k])
    ckpt = torch.load(glob.glob(osp.join(tmp_path, 'iter_4.pth'))[0], weights_only=False)
    conn = [k for k in ckpt['state_dict'] if k.startswith('connectors.')]
    assert any('cwd_aspp' in k for k in conn) and any('cwd_stage4' in k for k in conn)


def test_dist_train_two_processes_gloo(seg_teacher, tmp_path):
    env = dict(os.environ, PORT=str(random.randint(20000, 40000)))
    run('bash', 'tools/dist_train.sh', 'configs/seg/kl.py', '2', '--work-dir', str(tmp_path),
        '--cfg-options', *SEG_SMALL, f'model.models.Teacher.checkpoint={seg_teacher}/best_*.pth',
        env=env)
    assert any('Student/mIoU' in r for r in scalars(tmp_path))
    assert glob.glob(osp.join(tmp_path, 'best_Student_mIoU_*.pth'))


def test_converted_student_predicts_the_same_masks_in_mmseg(kl_run, seg_teacher, tmp_path):
    best = glob.glob(osp.join(kl_run, 'best_*.pth'))[0]
    out, cfg_out = str(tmp_path / 'seg.pth'), str(tmp_path / 'seg.py')
    run('tools/convert_to_student.py', best, '--out', out, '--dump-config', cfg_out)
    from mmengine.config import Config
    from mmengine.registry import DefaultScope
    from mmengine.runner import load_checkpoint
    from mmseg.apis import inference_model, init_model

    from mmkd.models import Distiller
    plain = init_model(cfg_out, out, device='cpu')
    assert set(torch.load(out, weights_only=True)) == {'meta', 'state_dict'}
    cfg = Config.fromfile(osp.join(REPO, 'configs/seg/kl.py'))
    cfg.model.models.Teacher.checkpoint = glob.glob(osp.join(seg_teacher, 'best_*.pth'))[0]
    cfg.model.pop('type')
    with DefaultScope.overwrite_default_scope('mmseg'):
        d = Distiller(**cfg.model)
    load_checkpoint(d, best, map_location='cpu')
    d.eval()
    d.cfg = plain.cfg  # inference_model reads the test pipeline from model.cfg
    imgs = sorted(glob.glob(osp.join(REPO, 'data/shapes/img_dir/val/*.png')))[:4]
    for img in imgs:
        outside = inference_model(plain, img)
        inside = inference_model(d, img)
        assert outside.pred_sem_seg.shape == (64, 64)
        assert torch.equal(outside.pred_sem_seg.data, inside.pred_sem_seg.data)
        assert torch.equal(outside.seg_logits.data, inside.seg_logits.data)


def test_test_tool_evaluates_every_sub_model(kl_run, seg_teacher):
    best = glob.glob(osp.join(kl_run, 'best_*.pth'))[0]
    proc = run('tools/test.py', 'configs/seg/kl.py', best, '--work-dir', kl_run,
               '--cfg-options', *SEG_SMALL,
               f'model.models.Teacher.checkpoint={seg_teacher}/best_*.pth')
    out = proc.stdout + proc.stderr
    assert 'Student/mIoU' in out and 'Teacher/mIoU' in out


def test_missing_teacher_names_the_command_and_its_work_dir(tmp_path):
    proc = run('tools/train.py', 'configs/seg/kl.py', '--work-dir', str(tmp_path),
               '--cfg-options', 'model.models.Teacher.checkpoint=no_such_dir/best_*.pth',
               check=False)
    assert proc.returncode != 0
    assert 'python tools/train.py configs/seg/teacher.py' in proc.stderr
    assert 'work_dirs/seg_teacher' in proc.stderr

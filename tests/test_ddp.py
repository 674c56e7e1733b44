"""Distributed equivalence: 2 gloo processes x 8 images = 1 process x 16 images, step by step.

Batch-norm statistics depend on how a batch is split, so the trained students use group norm
here (a frozen teacher runs in eval mode and is unaffected); every loss is a batch mean, so
DDP's averaged gradients equal the single process's.
"""
import os
import os.path as osp
import random

import pytest
import torch
from mmengine.config import Config
from test_e2e_cls import SMALL, run

from conftest import REPO

TOL = dict(rtol=1e-4, atol=1e-5)  # float32 reduction order over 3 SGD steps


def _config(tmp_path, name: str, ckpt: str) -> str:
    cfg = Config.fromfile(f'{REPO}/configs/cls/{name}.py')
    student = Config.fromfile(f'{REPO}/configs/cls/student.py').model
    student.backbone.norm_cfg = dict(type='GN', num_groups=2)
    for model_name, entry in cfg.model.models.items():
        if not entry.get('frozen'):
            cfg.model.models[model_name] = dict(model=student)
        else:
            entry.checkpoint = ckpt
    path = str(tmp_path / f'{name}_gn.py')
    cfg.dump(path)
    return path


@pytest.fixture(scope='module')
def teacher_ckpt(tmp_path_factory):
    from mmengine.registry import MODELS, DefaultScope
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        teacher = MODELS.build(Config.fromfile(f'{REPO}/configs/cls/teacher.py').model)
    path = str(tmp_path_factory.mktemp('teacher') / 'teacher.pth')
    torch.save({'state_dict': teacher.state_dict()}, path)
    return path


@pytest.mark.parametrize('name', ['dml', 'kd'])
def test_two_processes_match_one_with_the_same_global_batch(name, teacher_ckpt, tmp_path):
    from mmkd.utils.checkpoint import load_file
    config = _config(tmp_path, name, teacher_ckpt)
    one, two = str(tmp_path / 'one'), str(tmp_path / 'two')
    run('tools/train.py', config, '--work-dir', one, '--cfg-options', *SMALL)  # batch 16
    env = dict(os.environ, PORT=str(random.randint(20000, 40000)))
    half = [o if not o.startswith('train_dataloader.batch_size') else
            'train_dataloader.batch_size=8' for o in SMALL]
    proc = run('bash', 'tools/dist_train.sh', config, '2', '--work-dir', two, '--cfg-options',
               *half, env=env)
    used = Config.fromfile(osp.join(two, osp.basename(config)))  # the config the run used
    assert not (used.get('model_wrapper_cfg') or {}).get('find_unused_parameters', False)
    assert 'Epoch(train) [1][3/3]' in proc.stdout + proc.stderr  # 3 steps in both runs
    a = load_file(osp.join(one, 'epoch_1.pth'))['state_dict']
    b = load_file(osp.join(two, 'epoch_1.pth'))['state_dict']
    assert a.keys() == b.keys()
    for k in a:
        torch.testing.assert_close(b[k], a[k], **TOL, msg=k)
    if name == 'kd':  # the frozen teacher is bit-identical to its checkpoint
        t = load_file(teacher_ckpt)['state_dict']
        assert all(torch.equal(b[f'models.Teacher.{k}'], v) for k, v in t.items())

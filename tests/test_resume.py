"""Exact resume: killed after a checkpoint and resumed = never interrupted (CPU, tools/train.py).

The run has a frozen teacher loaded from a checkpoint, two trainable students (DML), a connector
(FitNets hint) and a random augmentation, so weights, connector, both students' optimizer state
and the random generators all have to come back.
"""
import os
import os.path as osp

import torch
from test_e2e_cls import SMALL, run, scalars

from conftest import REPO

CONFIG = '''
_base_ = '{repo}/configs/cls/fitnets.py'
model = dict(
    models=dict(Teacher=dict(checkpoint='{ckpt}'),
                Student2=dict(config='configs/cls/student.py')),
    losses=dict(task=dict(models=['Student', 'Student2']),
                dml=dict(type='DMLLoss', pairs=[('Student', 'Student2')], key='logits')))
train_dataloader = dict(dataset=dict(dataset=dict(pipeline=[
    dict(type='LoadImageFromFile'), dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='PackInputs')])))
'''


def _checkpoint(path: str) -> dict:
    from mmkd.utils.checkpoint import load_file
    return load_file(path)


def _same(a, b) -> bool:
    if isinstance(a, torch.Tensor):
        return torch.equal(a, b)
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def test_resumed_run_ends_exactly_where_the_uninterrupted_one_does(tmp_path):
    from mmengine.config import Config
    from mmengine.registry import MODELS, DefaultScope
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        teacher = MODELS.build(Config.fromfile(f'{REPO}/configs/cls/teacher.py').model)
    ckpt = str(tmp_path / 'teacher.pth')
    torch.save({'state_dict': teacher.state_dict()}, ckpt)
    cfg, killed = tmp_path / 'resume_cfg.py', tmp_path / 'killed_cfg.py'
    cfg.write_text(CONFIG.format(repo=REPO, ckpt=ckpt))
    killed.write_text(f"_base_ = '{cfg}'\ncustom_imports = dict(imports=['resume_helpers'])"
                      "\ncustom_hooks = [dict(type='KillAfterEpoch', epoch=1)]\n")
    two = [o if not o.startswith('train_cfg.max_epochs') else 'train_cfg.max_epochs=2'
           for o in SMALL]
    whole, cut = str(tmp_path / 'whole'), str(tmp_path / 'cut')
    run('tools/train.py', str(cfg), '--work-dir', whole, '--cfg-options', *two)
    env = dict(os.environ, PYTHONPATH=osp.dirname(__file__))  # for resume_helpers
    proc = run('tools/train.py', str(killed), '--work-dir', cut, '--cfg-options', *two,
               check=False, env=env)
    assert proc.returncode == 137 and not osp.exists(osp.join(cut, 'epoch_2.pth'))
    proc = run('tools/train.py', str(cfg), '--work-dir', cut, '--resume', '--cfg-options', *two)
    assert 'resumed epoch: 1' in proc.stdout + proc.stderr

    a, b = _checkpoint(osp.join(whole, 'epoch_2.pth')), _checkpoint(osp.join(cut, 'epoch_2.pth'))
    assert any(k.startswith('connectors.hint.') for k in a['state_dict'])
    assert _same(a['state_dict'], b['state_dict'])  # both students, connector, teacher
    assert _same(a['optimizer'], b['optimizer'])  # every trainable part's optimizer state
    assert len(a['optimizer']['state']) > 0
    val = [[r for r in scalars(d) if 'Student2/accuracy/top1' in r][-1] for d in (whole, cut)]
    assert {k: v for k, v in val[0].items() if 'accuracy' in k} == \
        {k: v for k, v in val[1].items() if 'accuracy' in k}

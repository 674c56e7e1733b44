"""End to end with the real tools: teacher -> KD, DML, test, convert, 2-process DDP (CPU)."""
import glob
import json
import os
import os.path as osp
import random
import subprocess
import sys

import pytest
import torch

from conftest import REPO

# A few iterations on a slice of the embedded data (the tools and configs are the real ones).
SMALL = ['train_cfg.max_epochs=1', 'train_dataloader.batch_size=16',
         'train_dataloader.dataset.dataset.indices=48', 'val_dataloader.dataset.dataset.indices=40',
         'test_dataloader.dataset.dataset.indices=40', 'default_hooks.logger.interval=1']


def tiny_options(loop: list, batch: int = 4, train: int = 16, val: int = 8) -> list:
    """--cfg-options for a few iterations on a slice of the embedded data, in the main process
    (``loop``: the train_cfg/val/checkpoint settings of the config's kind of loop)."""
    return loop + [f'train_dataloader.batch_size={batch}',
                   f'train_dataloader.dataset.dataset.indices={train}',
                   f'val_dataloader.dataset.dataset.indices={val}', 'val_dataloader.batch_size=4',
                   f'test_dataloader.dataset.dataset.indices={val}',
                   'default_hooks.logger.interval=1'] + [
                       f'{d}_dataloader.{k}' for d in ('train', 'val', 'test')
                       for k in ('num_workers=0', 'persistent_workers=False')]


def train_tiny(config: str, work_dir: str, options: list, *extra: str) -> str:
    """tools/train.py ``config`` into ``work_dir`` with ``options``; returns ``work_dir``."""
    run('tools/train.py', config, '--work-dir', work_dir, '--cfg-options', *options, *extra)
    return work_dir


def run(*args, env=None, check=True):
    proc = subprocess.run([sys.executable, *args] if args[0].endswith('.py') else list(args),
                          cwd=REPO, capture_output=True, text=True, env=env, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f'{args} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n'
                             f'{proc.stderr[-5000:]}')
    return proc


def scalars(work_dir):
    path = sorted(glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')))[-1]
    return [json.loads(line) for line in open(path)]


@pytest.fixture(scope='module')
def teacher(tmp_path_factory):
    wd = str(tmp_path_factory.mktemp('teacher'))
    run('tools/train.py', 'configs/cls/teacher.py', '--work-dir', wd, '--cfg-options', *SMALL)
    best = glob.glob(osp.join(wd, 'best_*.pth'))
    assert len(best) == 1
    return wd


@pytest.fixture(scope='module')
def kd_run(teacher, tmp_path_factory):
    wd = str(tmp_path_factory.mktemp('kd'))
    run('tools/train.py', 'configs/cls/kd.py', '--work-dir', wd, '--cfg-options', *SMALL,
        f'model.models.Teacher.checkpoint={teacher}/best_*.pth')
    return wd


def test_kd_trains_evaluates_both_and_keeps_teacher(teacher, kd_run):
    logs = scalars(kd_run)
    train = [r for r in logs if 'loss_kd' in r]
    assert train and all('Student.loss' in r for r in train)
    val = [r for r in logs if 'Student/accuracy/top1' in r]
    assert val and 'Teacher/accuracy/top1' in val[-1]
    best = glob.glob(osp.join(kd_run, 'best_Student_accuracy_top1_*.pth'))
    assert len(best) == 1
    from mmkd.utils.checkpoint import load_file
    t_ckpt = load_file(glob.glob(osp.join(teacher, 'best_*.pth'))[0])['state_dict']
    kd_ckpt = load_file(best[0])['state_dict']
    for k, v in t_ckpt.items():  # the frozen teacher is bit-identical after training
        assert torch.equal(kd_ckpt[f'models.Teacher.{k}'], v), k


def test_kd_without_teacher_checkpoint_says_which_command_makes_it(tmp_path):
    proc = run('tools/train.py', 'configs/cls/kd.py', '--work-dir', str(tmp_path),
               '--cfg-options', 'model.models.Teacher.checkpoint=no_such_dir/best_*.pth',
               check=False)
    assert proc.returncode != 0
    assert 'python tools/train.py configs/cls/teacher.py' in proc.stderr
    assert not glob.glob(osp.join(tmp_path, '*.pth'))


def test_dml_trains_both_and_saves_best_by_student(tmp_path):
    run('tools/train.py', 'configs/cls/dml.py', '--work-dir', str(tmp_path), '--cfg-options',
        *SMALL)
    logs = scalars(tmp_path)
    train = [r for r in logs if 'loss_dml' in r]
    assert train and 'Student.loss' in train[-1] and 'Teacher.loss' in train[-1]
    val = [r for r in logs if 'Student/accuracy/top1' in r]
    assert 'Teacher/accuracy/top1' in val[-1]
    assert glob.glob(osp.join(tmp_path, 'best_Student_accuracy_top1_*.pth'))


def test_convert_round_trip_predicts_bit_identically(kd_run, teacher, tmp_path):
    best = glob.glob(osp.join(kd_run, 'best_*.pth'))[0]
    out, cfg_out = str(tmp_path / 'student.pth'), str(tmp_path / 'student.py')
    run('tools/convert_to_student.py', best, '--out', out, '--dump-config', cfg_out)
    import mmpretrain
    from mmengine.config import Config
    from mmengine.registry import DefaultScope
    from mmengine.runner import load_checkpoint

    from mmkd.models import Distiller
    plain = mmpretrain.get_model(cfg_out, pretrained=out).eval()
    assert set(torch.load(out, weights_only=True)) == {'meta', 'state_dict'}
    cfg = Config.fromfile(osp.join(REPO, 'configs/cls/kd.py'))
    cfg.model.models.Teacher.checkpoint = glob.glob(osp.join(teacher, 'best_*.pth'))[0]
    cfg.model.data_preprocessor = cfg.data_preprocessor
    cfg.model.pop('type')
    with DefaultScope.overwrite_default_scope('mmpretrain'):
        d = Distiller(**cfg.model)
    load_checkpoint(d, best, map_location='cpu')
    d.eval()
    from mmpretrain.structures import DataSample
    g = torch.Generator().manual_seed(0)
    batch = dict(inputs=[(torch.rand(3, 16, 16, generator=g) * 255).to(torch.uint8)
                         for _ in range(8)], data_samples=[DataSample() for _ in range(8)])
    with torch.no_grad():
        inside = d(**d.data_preprocessor(batch, False), mode='tensor')
        outside = plain(**plain.data_preprocessor(batch, False), mode='tensor')
    assert torch.equal(inside, outside)
    # the upstream inferencer reads an embedded test image with the dumped config
    from mmpretrain import ImageClassificationInferencer
    img = sorted(glob.glob(osp.join(REPO, 'data/digits/test/*/*.png')))[0]
    res = ImageClassificationInferencer(model=cfg_out, pretrained=out)(img)[0]
    assert 0 <= res['pred_label'] < 10


def test_test_tool_reports_every_sub_model(kd_run, teacher, tmp_path):
    best = glob.glob(osp.join(kd_run, 'best_*.pth'))[0]
    proc = run('tools/test.py', 'configs/cls/kd.py', best, '--work-dir', str(tmp_path),
               '--cfg-options', 'test_dataloader.dataset.dataset.indices=40',
               f'model.models.Teacher.checkpoint={teacher}/best_*.pth')
    out = proc.stdout + proc.stderr
    assert 'Student/accuracy/top1' in out and 'Teacher/accuracy/top1' in out


def test_dist_train_two_processes_gloo(tmp_path):
    env = dict(os.environ, PORT=str(random.randint(20000, 40000)))
    run('bash', 'tools/dist_train.sh', 'configs/cls/dml.py', '2', '--work-dir', str(tmp_path),
        '--cfg-options', *SMALL, env=env)
    logs = scalars(tmp_path)
    assert any('Student/accuracy/top1' in r for r in logs)
    assert glob.glob(osp.join(tmp_path, 'best_Student_accuracy_top1_*.pth'))


def test_project_extension_trains_through_custom_imports(teacher, tmp_path):
    run('tools/train.py', 'projects/cosine_hint/configs/kd_cosine.py', '--work-dir',
        str(tmp_path), '--cfg-options', *SMALL,
        f'model.models.Teacher.checkpoint={teacher}/best_*.pth')
    train = [r for r in scalars(tmp_path) if 'loss_cosine' in r]
    assert train and 0 <= train[-1]['loss_cosine'] <= 2


def test_dist_test_two_processes(kd_run, teacher, tmp_path):
    best = glob.glob(osp.join(kd_run, 'best_*.pth'))[0]
    env = dict(os.environ, PORT=str(random.randint(20000, 40000)))
    proc = run('bash', 'tools/dist_test.sh', 'configs/cls/kd.py', best, '2', '--work-dir',
               str(tmp_path), '--cfg-options', 'test_dataloader.dataset.dataset.indices=40',
               f'model.models.Teacher.checkpoint={teacher}/best_*.pth', env=env)
    assert 'Student/accuracy/top1' in proc.stdout + proc.stderr

"""Every embedded classification recipe trains end to end for a few iterations (real tools)."""
import glob
import os.path as osp

import pytest
from test_e2e_cls import SMALL, run, scalars, teacher  # noqa: F401 (fixture)

RECIPES = {  # config -> the loss terms it must log
    'dkd': ['loss_dkd', 'Student.loss'], 'dist': ['loss_dist'], 'wsl': ['loss_wsl'],
    'skd': ['loss_skd'], 'mgd': ['loss_mgd'], 'afd': ['loss_afd', 'loss_kd'],
    'at': ['loss_at'], 'fitnets': ['loss_hint'], 'pkd': ['loss_pkd'],
    'rkd': ['loss_rkd_d', 'loss_rkd_a'],
}


@pytest.fixture(scope='module')
def extra_teachers(tmp_path_factory):
    out = {}
    for cfg in ('student', 'teacher2'):
        wd = str(tmp_path_factory.mktemp(cfg))
        run('tools/train.py', f'configs/cls/{cfg}.py', '--work-dir', wd, '--cfg-options',
            *SMALL)
        out[cfg] = wd
    return out


def check(wd, terms):
    logs = scalars(wd)
    train = [r for r in logs if 'loss' in r]
    assert train, 'no training log'
    for term in terms:
        assert term in train[-1], (term, sorted(train[-1]))
        assert train[-1][term] == train[-1][term]  # not NaN
    assert any('Student/accuracy/top1' in r for r in logs)
    assert glob.glob(osp.join(wd, 'best_Student_accuracy_top1_*.pth'))


@pytest.mark.parametrize('recipe', sorted(RECIPES))
def test_recipe_trains(recipe, teacher, tmp_path):  # noqa: F811
    run('tools/train.py', f'configs/cls/{recipe}.py', '--work-dir', str(tmp_path),
        '--cfg-options', *SMALL, f'model.models.Teacher.checkpoint={teacher}/best_*.pth')
    check(str(tmp_path), RECIPES[recipe])


def test_ssld_trains_on_unlabelled_images_too(teacher, tmp_path):  # noqa: F811
    opts = [o for o in SMALL if 'train_dataloader.dataset' not in o]
    proc = run('tools/train.py', 'configs/cls/ssld.py', '--work-dir', str(tmp_path),
               '--cfg-options', *opts, 'train_cfg.max_epochs=1',
               f'model.models.Teacher.checkpoint={teacher}/best_*.pth',
               'train_dataloader.batch_size=512')
    # 4056 labelled + 1352 unlabelled images in batches of 512
    assert 'Epoch(train) [1][11/11]' in proc.stdout + proc.stderr
    check(str(tmp_path), ['loss_ssld'])
    assert not any(k.startswith('Student.') for r in scalars(str(tmp_path)) for k in r)


def test_self_distill_and_multi_teacher(teacher, extra_teachers, tmp_path):  # noqa: F811
    run('tools/train.py', 'configs/cls/self_distill.py', '--work-dir', str(tmp_path / 'self'),
        '--cfg-options', *SMALL,
        f'model.models.Teacher.checkpoint={extra_teachers["student"]}/best_*.pth')
    check(str(tmp_path / 'self'), ['loss_kd'])
    run('tools/train.py', 'configs/cls/multi_teacher.py', '--work-dir', str(tmp_path / 'mt'),
        '--cfg-options', *SMALL, f'model.models.Teacher.checkpoint={teacher}/best_*.pth',
        f'model.models.Teacher2.checkpoint={extra_teachers["teacher2"]}/best_*.pth')
    check(str(tmp_path / 'mt'), ['loss_kd', 'loss_kd2'])
    logs = [r for r in scalars(str(tmp_path / 'mt')) if 'Teacher2/accuracy/top1' in r]
    assert logs

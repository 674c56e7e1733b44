"""DB text-detection distillation end to end with mmocr (real tools, tiny runs): a teacher,
CML (teacher + two students) and DML, every sub-model evaluated with HmeanIOUMetric, the
student converted and run through mmocr's TextDetInferencer."""
import glob
import os.path as osp

import numpy as np
import pytest
import torch
from test_e2e_cls import run, scalars, tiny_options, train_tiny

from conftest import REPO

DET_SMALL = tiny_options(['train_cfg.max_epochs=1', 'train_cfg.val_interval=1',
                          'default_hooks.checkpoint.interval=1'], train=8)


@pytest.fixture(scope='module')
def db_teacher(tmp_path_factory):
    wd = train_tiny('configs/det/db_teacher.py', str(tmp_path_factory.mktemp('db_teacher')),
                    DET_SMALL)
    assert len(glob.glob(osp.join(wd, 'best_icdar_hmean_*.pth'))) == 1
    return wd


@pytest.fixture(scope='module')
def cml_run(db_teacher, tmp_path_factory):
    return train_tiny('configs/det/db_cml.py', str(tmp_path_factory.mktemp('db_cml')), DET_SMALL,
                      f'model.models.Teacher.checkpoint={db_teacher}/best_*.pth')


def test_cml_logs_every_term_and_evaluates_every_model(cml_run):
    logs = scalars(cml_run)
    train = [r for r in logs if 'loss_dml' in r][-1]
    for k in ('Student.loss_prob', 'Student.loss_thr', 'Student.loss_db', 'Student2.loss_db',
              'loss_dila_db_Student_Teacher', 'loss_dila_db_Student2_Teacher', 'loss_dml'):
        assert k in train and np.isfinite(train[k]), k
    assert not any(k.startswith('Teacher.') for k in train)
    val = [r for r in logs if 'Student/icdar/hmean' in r][-1]
    for m in ('Student', 'Student2', 'Teacher'):
        for k in ('precision', 'recall', 'hmean'):
            assert f'{m}/icdar/{k}' in val
    assert glob.glob(osp.join(cml_run, 'best_Student_icdar_hmean_epoch_1.pth'))


def test_dml_trains_two_students(tmp_path):
    train_tiny('configs/det/db_dml.py', str(tmp_path), DET_SMALL)
    logs = scalars(tmp_path)
    train = [r for r in logs if 'loss_dml' in r][-1]
    assert 'Student.loss_prob' in train and 'Student2.loss_prob' in train
    assert 'Student2/icdar/hmean' in [r for r in logs if 'Student/icdar/hmean' in r][-1]


def test_converted_student_detects_the_same_polygons_in_mmocr(cml_run, db_teacher, tmp_path):
    best = glob.glob(osp.join(cml_run, 'best_*.pth'))[0]
    out, cfg_out = str(tmp_path / 'db.pth'), str(tmp_path / 'db.py')
    run('tools/convert_to_student.py', best, '--out', out, '--dump-config', cfg_out)
    from mmengine.config import Config
    from mmengine.dataset import Compose, pseudo_collate
    from mmengine.registry import DefaultScope
    from mmengine.runner import load_checkpoint
    from mmocr.apis import TextDetInferencer

    from mmkd.models import Distiller
    cfg = Config.fromfile(osp.join(REPO, 'configs/det/db_cml.py'))
    cfg.model.models.Teacher.checkpoint = glob.glob(osp.join(db_teacher, 'best_*.pth'))[0]
    cfg.model.pop('type')
    with DefaultScope.overwrite_default_scope('mmocr'):
        d = Distiller(**cfg.model)
        pipeline = Compose(cfg.test_dataloader.dataset.dataset.pipeline)
    load_checkpoint(d, best, map_location='cpu')
    d.eval()
    inf = TextDetInferencer(model=cfg_out, weights=out, device='cpu')
    imgs = sorted(glob.glob(osp.join(REPO, 'data/textdet/test/*.png')))[:3]
    batch = pseudo_collate([pipeline(dict(img_path=p, instances=[])) for p in imgs])
    with torch.no_grad():
        prob = d(**d.data_preprocessor(batch, False), mode='tensor')
    # a barely trained model: binarise at its own median so that there is something to find
    for post in (d.models['Student'].det_head.postprocessor,
                 inf.model.det_head.postprocessor):
        post.mask_thr, post.min_text_score = float(prob.median()), 0.0
    with torch.no_grad():
        inside = d.test_step(batch)
    outside = inf(imgs, return_datasamples=True)['predictions']
    assert sum(len(ds.pred_instances.polygons) for ds in inside) > 0
    for a, b in zip(inside, outside):
        assert len(a.pred_instances.polygons) == len(b.pred_instances.polygons)
        for pa, pb in zip(a.pred_instances.polygons, b.pred_instances.polygons):
            assert np.allclose(pa, pb)
        assert torch.allclose(a.pred_instances.scores, b.pred_instances.scores)


def test_test_tool_reports_precision_recall_hmean_of_every_model(cml_run, db_teacher):
    best = glob.glob(osp.join(cml_run, 'best_*.pth'))[0]
    proc = run('tools/test.py', 'configs/det/db_cml.py', best, '--work-dir', cml_run,
               '--cfg-options', *DET_SMALL,
               f'model.models.Teacher.checkpoint={db_teacher}/best_*.pth')
    out = proc.stdout + proc.stderr
    for m in ('Student', 'Student2', 'Teacher'):
        assert f'{m}/icdar/precision' in out and f'{m}/icdar/hmean' in out

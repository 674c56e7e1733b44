"""Text recognition distillation end to end with mmocr (real tools, tiny runs)."""
import glob
import json
import os.path as osp

import pytest
import torch
from test_e2e_cls import run, scalars

from conftest import REPO

OCR_SMALL = ['train_cfg.max_epochs=1', 'train_dataloader.batch_size=16',
             'train_dataloader.dataset.dataset.indices=48',
             'val_dataloader.dataset.dataset.indices=24',
             'test_dataloader.dataset.dataset.indices=24', 'default_hooks.logger.interval=1'] + [
                 f'{d}_dataloader.{k}' for d in ('train', 'val', 'test')
                 for k in ('num_workers=0', 'persistent_workers=False')]


@pytest.fixture(scope='module')
def ctc_dml(tmp_path_factory):
    wd = str(tmp_path_factory.mktemp('ctc_dml'))
    run('tools/train.py', 'configs/ocr/ctc_dml.py', '--work-dir', wd, '--cfg-options',
        *OCR_SMALL)
    return wd


def test_ctc_dml_logs_every_term_and_evaluates_both(ctc_dml):
    logs = scalars(ctc_dml)
    train = [r for r in logs if 'loss_dml' in r]
    for k in ('Student.loss_ctc', 'Teacher.loss_ctc', 'loss_dml', 'loss_feat'):
        assert k in train[-1]
    val = [r for r in logs if 'Student/recog/word_acc_ignore_case' in r][-1]
    assert 'Teacher/recog/char_recall' in val
    assert glob.glob(osp.join(ctc_dml, 'best_Student_recog_word_acc_ignore_case_*.pth'))


def test_converted_crnn_matches_inside_the_distiller(ctc_dml, tmp_path):
    best = glob.glob(osp.join(ctc_dml, 'best_*.pth'))[0]
    out, cfg_out = str(tmp_path / 'crnn.pth'), str(tmp_path / 'crnn.py')
    run('tools/convert_to_student.py', best, '--out', out, '--dump-config', cfg_out)
    from mmengine.config import Config
    from mmengine.dataset import pseudo_collate
    from mmengine.registry import DATASETS, DefaultScope
    from mmengine.runner import load_checkpoint
    from mmocr.apis import TextRecInferencer

    from mmkd.models import Distiller
    cfg = Config.fromfile(osp.join(REPO, 'configs/ocr/ctc_dml.py'))
    cfg.model.pop('type')
    with DefaultScope.overwrite_default_scope('mmocr'):
        d = Distiller(**cfg.model)
        ds = DATASETS.build(cfg.test_dataloader.dataset.dataset)
    load_checkpoint(d, best, map_location='cpu')
    d.eval()
    batch = pseudo_collate([ds[i] for i in range(6)])
    with torch.no_grad():
        inside = d.test_step(batch)
        logits_in = d(**d.data_preprocessor(batch, False), mode='tensor')
    inf = TextRecInferencer(model=cfg_out, weights=out, device='cpu')
    with torch.no_grad():
        logits_out = inf.model(**inf.model.data_preprocessor(batch, False), mode='tensor')
    assert torch.equal(logits_in, logits_out)
    imgs = [osp.join(REPO, 'data/words', json.load(open(
        osp.join(REPO, 'data/words/textrecog_test.json')))['data_list'][i]['img_path'])
        for i in range(6)]
    preds = inf(imgs)['predictions']
    assert [p['text'] for p in preds] == [s.pred_text.item for s in inside]


@pytest.mark.parametrize('config, terms', [
    ('sar_dml', ['Student.loss_ce', 'Teacher.loss_ce', 'loss_dml', 'loss_feat']),
    ('ctc_sar_dml', ['Student.ctc.loss_ctc', 'Student.aux.loss_ce', 'Teacher.ctc.loss_ctc',
                     'Teacher.aux.loss_ce', 'loss_dml_ctc', 'loss_dml_sar', 'loss_feat']),
])
def test_sar_and_multi_head_recipes_train_evaluate_and_convert(config, terms, tmp_path):
    wd = str(tmp_path / 'run')
    run('tools/train.py', f'configs/ocr/{config}.py', '--work-dir', wd, '--cfg-options',
        *OCR_SMALL)
    logs = scalars(wd)
    train = [r for r in logs if 'loss' in r]
    for term in terms:
        assert term in train[-1], term
    val = [r for r in logs if 'Student/recog/word_acc_ignore_case' in r][-1]
    assert 'Teacher/recog/char_precision' in val
    best = glob.glob(osp.join(wd, 'best_*.pth'))[0]
    out, cfg_out = str(tmp_path / 'rec.pth'), str(tmp_path / 'rec.py')
    run('tools/convert_to_student.py', best, '--out', out, '--dump-config', cfg_out)
    from mmocr.apis import TextRecInferencer
    img = osp.join(REPO, 'data/words/test/00000.png')
    res = TextRecInferencer(model=cfg_out, weights=out, device='cpu')(img)['predictions'][0]
    assert isinstance(res['text'], str)


def test_ctc_kd_and_three_models_build_and_train(tmp_path):
    # ctc_kd with an untrained teacher checkpoint (made here) and the 3-model DML
    import torch
    from mmengine.config import Config
    from mmengine.registry import MODELS, DefaultScope
    cfg = Config.fromfile(osp.join(REPO, 'configs/ocr/crnn_teacher.py'))
    with DefaultScope.overwrite_default_scope('mmocr'):
        teacher = MODELS.build(cfg.model)
    ckpt = str(tmp_path / 'teacher.pth')
    torch.save({'state_dict': teacher.state_dict()}, ckpt)
    run('tools/train.py', 'configs/ocr/ctc_kd.py', '--work-dir', str(tmp_path / 'kd'),
        '--cfg-options', *OCR_SMALL, f'model.models.Teacher.checkpoint={ckpt}')
    assert 'loss_kd' in [r for r in scalars(str(tmp_path / 'kd')) if 'loss' in r][-1]
    run('tools/train.py', 'configs/ocr/ctc_dml_3models.py', '--work-dir', str(tmp_path / 'm3'),
        '--cfg-options', *OCR_SMALL)
    last = [r for r in scalars(str(tmp_path / 'm3')) if 'loss' in r][-1]
    assert {'loss_dml_Student_Student2', 'loss_dml_Teacher_Student2',
            'Student2.loss_ctc'} <= set(last)


def _weights(path: str, prefix: str = '') -> dict:
    """Learnable weights of a checkpoint (BN running statistics move even at lr 0)."""
    from mmkd.utils.checkpoint import load_file
    sd = load_file(path)['state_dict']
    return {k[len(prefix):]: v for k, v in sd.items() if k.startswith(prefix)
            and not k.endswith(('running_mean', 'running_var', 'num_batches_tracked'))}


def test_fine_tune_by_continuing_distillation_from_a_distilled_checkpoint(ctc_dml, tmp_path):
    # seed §2.1.5, way 1: the distillation config with load_from = an mmkd checkpoint. At lr 0
    # every sub-network must end exactly at the loaded weights (not at a fresh initialisation).
    best = glob.glob(osp.join(ctc_dml, 'best_*.pth'))[0]
    wd = str(tmp_path / 'ft')
    run('tools/train.py', 'configs/ocr/ctc_dml.py', '--work-dir', wd, '--cfg-options',
        *OCR_SMALL, f'load_from={best}', 'optim_wrapper.optimizer.lr=0')
    before, after = _weights(best), _weights(osp.join(wd, 'epoch_1.pth'))
    assert {k.split('.')[1] for k in before} == {'Student', 'Teacher'}
    assert before.keys() == after.keys()
    assert all(torch.equal(before[k], after[k]) for k in before)


def test_fine_tune_the_converted_student_with_its_plain_mmocr_config(ctc_dml, tmp_path):
    # seed §2.1.5, way 2: convert, then train the plain CRNN config with load_from
    best = glob.glob(osp.join(ctc_dml, 'best_*.pth'))[0]
    out, cfg_out = str(tmp_path / 'crnn.pth'), str(tmp_path / 'crnn.py')
    run('tools/convert_to_student.py', best, '--out', out, '--dump-config', cfg_out)
    wd = str(tmp_path / 'ft')
    run('tools/train.py', cfg_out, '--work-dir', wd, '--cfg-options', f'load_from={out}',
        'optim_wrapper.optimizer.lr=0')
    loaded = _weights(best, 'models.Student.')
    tuned = _weights(osp.join(wd, 'epoch_1.pth'))
    assert loaded.keys() == tuned.keys()
    assert all(torch.equal(loaded[k], tuned[k]) for k in loaded)
    val = [r for r in scalars(wd) if 'recog/word_acc_ignore_case' in r]
    assert val  # a plain mmocr run: metrics without a sub-model prefix
    assert glob.glob(osp.join(wd, 'best_recog_word_acc_ignore_case_*.pth'))

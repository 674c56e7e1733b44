"""Bad input through the real tools: one clear message, before training where possible."""
from test_e2e_cls import SMALL, run


def train_fails(tmp_path, config, *options):
    proc = run('tools/train.py', config, '--work-dir', str(tmp_path), '--cfg-options', *SMALL,
               *options, check=False)
    assert proc.returncode != 0
    return proc.stdout + proc.stderr


def test_save_best_naming_no_sub_model_fails_before_the_first_iteration(tmp_path):
    out = train_fails(tmp_path, 'configs/cls/dml.py',
                      'default_hooks.checkpoint.save_best=accuracy/top1')
    assert "save_best: 'accuracy/top1' names no sub-model" in out
    assert "e.g. 'Student/accuracy/top1'" in out
    assert 'Epoch(train)' not in out


def test_save_best_naming_a_metric_nobody_reports_lists_the_nearest(tmp_path):
    out = train_fails(tmp_path, 'configs/cls/dml.py',
                      'default_hooks.checkpoint.save_best=Student/accuracy/top2')
    assert "no sub-model reports 'Student/accuracy/top2'" in out
    assert "'Student/accuracy/top1'" in out


def test_damaged_annotation_of_embedded_data_says_which_and_how_to_fix(tmp_path):
    import pytest

    from mmkd.datasets import EmbeddedDataset, prepare
    root = str(tmp_path / 'digits')
    prepare('digits', root)
    with open(f'{root}/meta/test.txt', 'w') as f:
        f.write('test/0/a.png zero\n')
    with pytest.raises(RuntimeError, match=f"embedded dataset 'digits' in {root} cannot be "
                       f'loaded: .*delete {root}'):
        EmbeddedDataset('digits', dict(type='mmpretrain.CustomDataset', data_root=root,
                                       ann_file='meta/test.txt', pipeline=[]))


def test_upstream_config_that_does_not_exist(tmp_path):
    out = train_fails(tmp_path, 'configs/ocr/ctc_dml.py',
                      'model.models.Teacher.config=mmocr::textrecog/crnn/crnn_mini-vgg_5e.py')
    assert "model.models.Teacher.config: config 'mmocr::textrecog/crnn/crnn_mini-vgg_5e.py'" \
        in out and "nearest valid names: 'crnn_mini-vgg_5e_mj.py'" in out
    assert 'Epoch(train)' not in out

"""Embedded data: written once, atomically, in mmpretrain's format, deterministic."""
import os
import os.path as osp

import cv2
import pytest

from mmkd.datasets import EmbeddedDataset, prepare


def test_digits_written_in_mmpretrain_format_and_deterministic(tmp_path):
    a, b = str(tmp_path / 'a'), str(tmp_path / 'b')
    prepare('digits', a)
    prepare('digits', b)
    train = open(osp.join(a, 'meta/train.txt')).read().split('\n')[:-1]
    test = open(osp.join(a, 'meta/test.txt')).read().split('\n')[:-1]
    assert len(test) == 445 and len(train) == 3 * (1797 - 445)
    rel, label = train[0].split()
    img = cv2.imread(osp.join(a, rel), cv2.IMREAD_UNCHANGED)
    assert img.shape == (16, 16) and rel.startswith(f'train/{label}/')
    for line in (train[0], test[-1]):
        p = line.split()[0]
        assert open(osp.join(a, p), 'rb').read() == open(osp.join(b, p), 'rb').read()
    mtime = os.path.getmtime(osp.join(a, 'meta/train.txt'))
    prepare('digits', a)  # second call: nothing rewritten
    assert os.path.getmtime(osp.join(a, 'meta/train.txt')) == mtime
    ds = EmbeddedDataset('digits', dict(type='mmpretrain.CustomDataset', data_root=a,
                                        ann_file='meta/test.txt', pipeline=[]))
    assert type(ds).__name__ == 'CustomDataset' and len(ds) == 445


def test_embedded_errors(tmp_path):
    with pytest.raises(KeyError, match="unknown embedded dataset 'digit'.*'digits'"):
        prepare('digit', str(tmp_path / 'x'))
    broken = tmp_path / 'broken'
    broken.mkdir()
    (broken / 'junk.txt').write_text('x')
    with pytest.raises(RuntimeError, match='incomplete.*delete it'):
        prepare('digits', str(broken))

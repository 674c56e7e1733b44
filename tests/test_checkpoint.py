"""Safe checkpoint loading (weights-only by default), atomic conversion, extraction errors."""
import os
import os.path as osp

import pytest
import torch
from mmengine.logging.history_buffer import HistoryBuffer

from mmkd.utils.checkpoint import extract_submodel, load_file, submodel_names


class Evil:

    def __reduce__(self):
        return (print, ('pwned', ))


class SneakyGetattr:

    def __reduce__(self):
        return (getattr, (HistoryBuffer, '__class__'))


def test_arbitrary_objects_need_explicit_trust(tmp_path):
    path = str(tmp_path / 'evil.pth')
    torch.save({'state_dict': {}, 'x': Evil()}, path)
    with pytest.raises(RuntimeError, match='MMKD_TRUSTED_LOAD=1'):
        load_file(path)
    assert 'x' in load_file(path, trusted=True)


def test_only_history_buffer_statistics_may_be_fetched_with_getattr(tmp_path):
    path = str(tmp_path / 'sneaky.pth')
    torch.save({'x': SneakyGetattr()}, path)
    with pytest.raises(RuntimeError, match='beyond weights'):
        load_file(path)


def test_checkpoints_of_unpatched_mmengine_still_load(tmp_path, monkeypatch):
    buf = HistoryBuffer()
    buf.update(1.5)
    monkeypatch.setattr(HistoryBuffer, '__getstate__', HistoryBuffer._mmkd_original_getstate)
    path = str(tmp_path / 'old.pth')
    torch.save({'state_dict': {'w': torch.ones(2)}, 'message_hub': {'buf': buf}}, path)
    monkeypatch.undo()
    with pytest.raises(Exception):
        torch.load(path, weights_only=True)  # what plain torch.load does with such a file
    ckpt = load_file(path)
    assert ckpt['message_hub']['buf'].current() == 1.5
    assert torch.equal(ckpt['state_dict']['w'], torch.ones(2))


def test_new_checkpoints_are_plain_weights_only(tmp_path):
    buf = HistoryBuffer()
    buf.update(2.0)
    path = str(tmp_path / 'new.pth')
    torch.save({'message_hub': {'buf': buf}}, path)
    assert torch.load(path, weights_only=True)['message_hub']['buf'].mean() == 2.0


def test_missing_and_truncated_files(tmp_path):
    with pytest.raises(FileNotFoundError, match='does not exist'):
        load_file(str(tmp_path / 'none.pth'))
    path = str(tmp_path / 'cut.pth')
    torch.save({'state_dict': {'w': torch.ones(1000)}}, path)
    data = open(path, 'rb').read()
    open(path, 'wb').write(data[:len(data) // 2])
    with pytest.raises(RuntimeError, match='cannot be read'):
        load_file(path)


def test_extract_submodel():
    sd = {'models.Student.fc.w': 1, 'models.Teacher.fc.w': 2, 'connectors.x.w': 3}
    assert submodel_names(sd) == ['Student', 'Teacher']
    assert extract_submodel(sd, 'Teacher', 'f') == {'fc.w': 2}
    assert extract_submodel(sd, None, 'f', default='Student') == {'fc.w': 1}
    with pytest.raises(KeyError, match="no sub-network 'Techer'.*'Teacher'"):
        extract_submodel(sd, 'Techer', 'f')
    with pytest.raises(KeyError, match='say which one'):
        extract_submodel(sd, None, 'f')
    assert extract_submodel({'fc.w': 1}, None, 'f') == {'fc.w': 1}


def test_convert_errors_and_atomic_output(tmp_path):
    from mmkd.utils.convert import convert
    plain = str(tmp_path / 'plain.pth')
    torch.save({'state_dict': {'fc.w': torch.ones(1)}}, plain)
    with pytest.raises(ValueError, match='not an mmkd checkpoint'):
        convert(plain, str(tmp_path / 'o.pth'))
    ck = str(tmp_path / 'kd.pth')
    torch.save({'state_dict': {'models.Student.fc.w': torch.ones(1)}, 'meta': {}}, ck)
    with pytest.raises(KeyError, match="--model 'Stu' is not in"):
        convert(ck, str(tmp_path / 'o.pth'), model='Stu')
    with pytest.raises(PermissionError, match='cannot write'):
        convert(ck, str(tmp_path / 'no_dir' / 'o.pth'))
    name, out = convert(ck, str(tmp_path / 'o.pth'))
    assert name == 'Student' and torch.load(out, weights_only=True)['state_dict'] == \
        {'fc.w': torch.ones(1)}
    assert sorted(os.listdir(tmp_path)) == ['kd.pth', 'o.pth', 'plain.pth']
    assert not osp.exists(str(tmp_path / 'no_dir'))


def test_checkpoints_are_written_atomically(tmp_path, monkeypatch):
    from mmengine.runner.checkpoint import save_checkpoint

    import mmkd  # noqa: F401 - installs the atomic writer
    path = str(tmp_path / 'epoch_1.pth')
    save_checkpoint({'state_dict': {'w': torch.ones(2)}}, path)
    assert torch.equal(load_file(path)['state_dict']['w'], torch.ones(2))

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, 'replace', interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_checkpoint({'state_dict': {'w': torch.zeros(2)}}, path)
    monkeypatch.undo()
    assert torch.equal(load_file(path)['state_dict']['w'], torch.ones(2))  # old file intact
    assert os.listdir(tmp_path) == ['epoch_1.pth']  # no temporary left behind
    with pytest.raises(KeyboardInterrupt):
        monkeypatch.setattr(os, 'replace', interrupted)
        save_checkpoint({'state_dict': {}}, str(tmp_path / 'new.pth'))
    assert os.listdir(tmp_path) == ['epoch_1.pth']  # nothing at the new path


def test_interrupted_conversion_leaves_nothing_at_the_target(tmp_path, monkeypatch):
    from mmkd.utils.convert import convert
    ck = str(tmp_path / 'kd.pth')
    torch.save({'state_dict': {'models.Student.fc.w': torch.ones(1)}, 'meta': {}}, ck)

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, 'replace', interrupted)
    with pytest.raises(KeyboardInterrupt):
        convert(ck, str(tmp_path / 'student.pth'))
    assert os.listdir(tmp_path) == ['kd.pth']


def test_load_from_accepts_a_pattern_and_takes_the_newest(tmp_path):
    import time

    from mmengine.runner.checkpoint import _load_checkpoint

    import mmkd  # noqa: F401 - registers the local loader
    for i in (1, 2):
        torch.save({'state_dict': {'w': torch.full((1, ), float(i))}},
                   str(tmp_path / f'best_epoch_{i}.pth'))
        time.sleep(0.01)
    ckpt = _load_checkpoint(str(tmp_path / 'best_*.pth'), map_location='cpu')
    assert ckpt['state_dict']['w'].item() == 2.0
    with pytest.raises(FileNotFoundError, match='can not be found'):
        _load_checkpoint(str(tmp_path / 'none_*.pth'), map_location='cpu')

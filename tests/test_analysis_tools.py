"""benchmarks (overhead.py, the gains summary) and tools/analysis/plot_curves.py; no timing."""
import json
import os.path as osp
import sys

from test_e2e_cls import run

from conftest import REPO

TINY = ['--cfg-options', 'train_dataloader.batch_size=4',
        'train_dataloader.dataset.dataset.indices=16']


def test_overhead_measures_every_phase_of_kd_and_dml():
    out = run('benchmarks/overhead.py', 'configs/cls/kd.py', 'configs/cls/dml.py', '--iters',
              '2', '--warmup', '1', *TINY).stdout
    kd, dml = out.split('configs/cls/dml.py on ')[:2]
    for phase in ('(b) Teacher inference alone', '(a) Student training step alone',
                  '(c) distillation step'):
        assert f'| {phase} |' in kd
    assert '(c) / (a + b) = ' in kd and 'batch 4' in kd
    assert '(a) Teacher training step alone' in dml and '(a) Student training step alone' in dml
    # both recipes have distillation terms, so both get the task-losses-only phase
    for out_ in (kd, dml):
        assert '| (c0) distillation step, task losses only |' in out_
        assert '(c0) / (a + b) = ' in out_ and 'the distillation terms add' in out_
    assert '| configs/cls/kd.py |' in out and '| configs/cls/dml.py |' in out  # the summary


def test_teacher_options_time_each_option_and_compare_the_losses():
    out = run('benchmarks/teacher_options.py', 'configs/cls/kd.py', '--options', 'bf16',
              'channels_last', '--iters', '2', '--warmup', '1').stdout
    rows = {ln.split('|')[2].strip(): ln.split('|') for ln in out.splitlines()
            if ln.startswith('| configs/cls/kd.py |')}
    assert list(rows) == ['fp32', 'bf16', 'channels_last']  # fp32 added as the reference
    assert float(rows['fp32'][7]) == 0 and float(rows['channels_last'][7]) < 1e-4
    assert 0 < float(rows['bf16'][7]) < 5e-2  # bfloat16 changes the numbers, a little


def test_plot_curves_places_losses_and_every_models_metrics(tmp_path):
    sys.path.insert(0, osp.join(REPO, 'tools', 'analysis'))
    from plot_curves import curves
    records = [
        dict(lr=0.1, loss=3.0, **{'Student.loss': 1.0}, loss_kd=2.0, time=0.1, epoch=1,
             iter=5, step=5),
        dict(lr=0.1, loss=2.0, **{'Student.loss': 0.5}, loss_kd=1.5, time=0.1, epoch=1,
             iter=10, step=10),
        {'Student/accuracy/top1': 50.0, 'Teacher/accuracy/top1': 80.0, 'time': 0.2, 'step': 1},
    ]
    losses, metrics = curves(records)
    assert losses == {'Student.loss': [(5, 1.0), (10, 0.5)], 'loss_kd': [(5, 2.0), (10, 1.5)]}
    assert metrics == {'Student/accuracy/top1': [(10, 50.0)],
                       'Teacher/accuracy/top1': [(10, 80.0)]}
    for name in ('a', 'b'):
        d = tmp_path / name / '20260101_000000' / 'vis_data'
        d.mkdir(parents=True)
        (d / 'scalars.json').write_text('\n'.join(json.dumps(r) for r in records))
    out = str(tmp_path / 'curves.png')
    run('tools/analysis/plot_curves.py', str(tmp_path / 'a'), str(tmp_path / 'b'), '--out', out)
    assert open(out, 'rb').read(8) == b'\x89PNG\r\n\x1a\n'
    proc = run('tools/analysis/plot_curves.py', str(tmp_path), check=False)
    assert proc.returncode != 0 and 'no */vis_data/scalars.json' in proc.stderr


def test_gains_summary_takes_last_validation_and_median_time():
    sys.path.insert(0, osp.join(REPO, 'benchmarks'))
    from common import summarise
    logs = [dict(loss=1.0, time=0.2), dict(loss=1.0, time=0.3), dict(loss=1.0, time=60.0),
            {'Student/recog/word_acc': 0.5, 'Teacher/recog/word_acc': 0.6},
            {'Student/recog/word_acc': 0.7, 'Teacher/recog/word_acc': 0.8}]
    # a paused interval (60 s) does not move the time; the last validation counts
    assert summarise(logs, 'recog/word_acc') == dict(Student=0.7, Teacher=0.8, time=0.3)
    plain = [dict(loss=1.0, time=0.1), {'recog/word_acc': 0.4}]
    assert summarise(plain, 'recog/word_acc') == dict(Student=0.4, time=0.1)

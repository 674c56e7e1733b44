"""Accuracy of every classification recipe on the embedded digits, over several seeds.

    python benchmarks/cls_recipes.py [--seeds 0 1 2] [--recipes student kd dml ...]

Trains configs/cls/teacher.py once (seed 0), then each recipe with each seed through
tools/train.py, and prints a markdown table: final-epoch top-1 of the student (and of the
second model for mutual learning), mean ± std over seeds, and the mean training time per
iteration. Runs write to work_dirs/bench/.
"""
import argparse
import glob
import json
import os.path as osp
import statistics
import subprocess
import sys

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))


def train(config: str, work_dir: str, *options: str) -> list:
    cmd = [sys.executable, 'tools/train.py', config, '--work-dir', work_dir]
    if options:
        cmd += ['--cfg-options', *options]
    subprocess.run(cmd, cwd=REPO, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = sorted(glob.glob(osp.join(REPO, work_dir, '*', 'vis_data', 'scalars.json')))[-1]
    return [json.loads(line) for line in open(log)]


def summarise(logs: list) -> dict:
    val = [r for r in logs if any(k.endswith('accuracy/top1') for k in r)][-1]
    times = [r['time'] for r in logs if 'loss' in r and 'time' in r]
    # 'Student/accuracy/top1' -> 'Student'; a plain run's 'accuracy/top1' -> 'Student'
    out = {(k.split('/')[0] if k.count('/') == 2 else 'Student'): v
           for k, v in val.items() if k.endswith('accuracy/top1')}
    out['time'] = statistics.mean(times)
    return out


def fmt(values: list) -> str:
    if not values:
        return '-'
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f'{statistics.mean(values):.1f} ± {sd:.1f}'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--recipes', nargs='+', default=['student', 'kd', 'dml', 'udml'])
    args = parser.parse_args()
    teacher = summarise(train('configs/cls/teacher.py', 'work_dirs/teacher'))
    # (a plain run reports its accuracy under 'Student' here)
    print(f'teacher: {teacher}', flush=True)
    rows = [('teacher (ResNet-18 CIFAR, 32 ch)', fmt([teacher['Student']]), '-',
             f"{teacher['time'] * 1000:.0f}")]
    # teachers some recipes need: a second architecture, and the student's own (seed 0)
    for cfg, needed_by in (('teacher2', 'multi_teacher'), ('student', 'self_distill')):
        if needed_by in args.recipes:
            res = summarise(train(f'configs/cls/{cfg}.py', f'work_dirs/{cfg}'))
            print(f'{cfg}: {res}', flush=True)
            if cfg == 'teacher2':
                rows.append(('teacher2 (ResNet-34 CIFAR, 16 ch)', fmt([res['Student']]), '-',
                             f"{res['time'] * 1000:.0f}"))
    for recipe in args.recipes:
        runs = []
        for seed in args.seeds:
            res = summarise(train(f'configs/cls/{recipe}.py', f'work_dirs/bench/{recipe}_s{seed}',
                                  f'randomness.seed={seed}'))
            print(recipe, seed, res, flush=True)
            runs.append(res)
        student = [r['Student'] for r in runs]
        peer = [r['Teacher'] for r in runs if recipe in ('dml', 'udml')]
        rows.append((recipe, fmt(student), fmt(peer),
                     f"{statistics.mean(r['time'] for r in runs) * 1000:.0f}"))
    print(f'\nEmbedded digits, final-epoch top-1 (%), seeds {args.seeds}:\n')
    print('| recipe | Student top-1 | second model top-1 | ms / iter |')
    print('|---|---|---|---|')
    for row in rows:
        print('| ' + ' | '.join(row) + ' |')


if __name__ == '__main__':
    main()

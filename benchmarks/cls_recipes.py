"""Accuracy of every classification recipe on the embedded digits, over several seeds.

    python benchmarks/cls_recipes.py [--seeds 0 1 2] [--recipes student kd dml ...]

Trains configs/cls/teacher.py once (seed 0), then each recipe with each seed through
tools/train.py, and prints a markdown table: final-epoch top-1 of the student (and of the
second model for mutual learning), mean ± std over seeds, and the mean training time per
iteration. Runs write to work_dirs/bench/.
"""
import argparse
import statistics

from common import fmt
from common import summarise as _summarise
from common import table, train


def summarise(logs: list) -> dict:
    return _summarise(logs, 'accuracy/top1')


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
    print(table(['recipe', 'Student top-1', 'second model top-1', 'ms / iter'], rows))


if __name__ == '__main__':
    main()

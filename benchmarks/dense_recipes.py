"""Segmentation (mIoU) and DB text-detection (hmean) recipes on the embedded data, over seeds.

    python benchmarks/dense_recipes.py seg [--seeds 0 1 2] [--recipes student kl cwd kl_cwd_feat]
    python benchmarks/dense_recipes.py det [--seeds 0 1 2] [--recipes db_student db_distill ...]

Trains the task's teacher once (seed 0; reused when its best checkpoint is already in its work
dir), then each recipe with each seed through tools/train.py, and prints a markdown table: the
final validation metric of every trained sub-model (mean ± std over seeds) and the training time
per iteration, also relative to the student trained alone. Runs write to work_dirs/bench/.
"""
import argparse
import glob
import os.path as osp
import statistics

from common import REPO, fmt, summarise, table, train

TASKS = {
    'seg': dict(teacher='seg/teacher', teacher_dir='work_dirs/seg_teacher', metric='mIoU',
                best='best_mIoU_*.pth', recipes=['student', 'kl', 'cwd', 'kl_cwd_feat'],
                digits=1),
    'det': dict(teacher='det/db_teacher', teacher_dir='work_dirs/db_teacher',
                metric='icdar/hmean', best='best_icdar_hmean_*.pth',
                recipes=['db_student', 'db_distill', 'db_dml', 'db_cml'], digits=3),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('task', choices=sorted(TASKS))
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--recipes', nargs='+')
    args = parser.parse_args()
    task = TASKS[args.task]
    sub = task['teacher'].split('/')[0]
    rows = []
    if not glob.glob(osp.join(REPO, task['teacher_dir'], task['best'])):
        res = summarise(train(f"configs/{task['teacher']}.py", task['teacher_dir']),
                        task['metric'])
        print(f'teacher: {res}', flush=True)
        rows.append(('teacher (alone, seed 0)', fmt([res['Student']], task['digits']), '-',
                     f"{res['time'] * 1000:.0f}", '-'))
    results = {}
    for recipe in args.recipes or task['recipes']:
        results[recipe] = []
        for seed in args.seeds:
            logs = train(f'configs/{sub}/{recipe}.py', f'work_dirs/bench/{sub}_{recipe}_s{seed}',
                         f'randomness.seed={seed}')
            res = summarise(logs, task['metric'])
            print(recipe, seed, res, flush=True)
            results[recipe].append(res)
    alone = next(iter(results.values()))  # the first recipe: the student alone
    base = statistics.mean(r['time'] for r in alone)
    for recipe, runs in results.items():
        t = statistics.mean(r['time'] for r in runs)
        others = sorted({k for r in runs for k in r} - {'Student', 'time'})
        rows.append((recipe, fmt([r['Student'] for r in runs], task['digits']),
                     ', '.join(f"{m} {fmt([r[m] for r in runs], task['digits'])}"
                               for m in others) or '-',
                     f'{t * 1000:.0f}', f'{t / base:.2f}'))
    print(f"\nEmbedded data, final {task['metric']}, seeds {args.seeds}:\n")
    print(table(['recipe', f"Student {task['metric']}", 'other models', 'ms / iter',
                 'time vs first recipe'], rows))


if __name__ == '__main__':
    main()

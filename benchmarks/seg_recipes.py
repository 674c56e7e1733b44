"""mIoU of the segmentation recipes on the embedded shapes, over several seeds.

    python benchmarks/seg_recipes.py [--seeds 0 1 2] [--recipes student kl cwd kl_cwd_feat]

Trains configs/seg/teacher.py once (seed 0; reused from work_dirs/seg_teacher when its best
checkpoint is there), then each recipe with each seed through tools/train.py, and prints a
markdown table: the student's final mIoU (2,000 iterations), mean ± std over seeds, and the
training time per iteration, also relative to the student trained alone. Runs write to
work_dirs/bench/.
"""
import argparse
import glob
import os.path as osp
import statistics

from common import REPO, fmt, summarise, table, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--recipes', nargs='+', default=['student', 'kl', 'cwd', 'kl_cwd_feat'])
    args = parser.parse_args()
    rows = []
    if not glob.glob(osp.join(REPO, 'work_dirs/seg_teacher/best_mIoU_*.pth')):
        teacher = summarise(train('configs/seg/teacher.py', 'work_dirs/seg_teacher'), 'mIoU')
        print(f'teacher: {teacher}', flush=True)
        rows.append(('teacher (alone, seed 0)', fmt([teacher['Student']]), '-',
                     f"{teacher['time'] * 1000:.0f}", '-'))
    results = {}
    for recipe in args.recipes:
        results[recipe] = []
        for seed in args.seeds:
            logs = train(f'configs/seg/{recipe}.py', f'work_dirs/bench/seg_{recipe}_s{seed}',
                         f'randomness.seed={seed}')
            res = summarise(logs, 'mIoU')
            print(recipe, seed, res, flush=True)
            results[recipe].append(res)
    base = statistics.mean(r['time'] for r in results.get('student', [{'time': float('nan')}]))
    for recipe, runs in results.items():
        t = statistics.mean(r['time'] for r in runs)
        rows.append((recipe, fmt([r['Student'] for r in runs]),
                     fmt([r['Teacher'] for r in runs if 'Teacher' in r]), f'{t * 1000:.0f}',
                     f'{t / base:.2f}'))
    print(f'\nEmbedded shapes, final mIoU (%), seeds {args.seeds}:\n')
    print(table(['recipe', 'Student mIoU', 'Teacher mIoU', 'ms / iter', 'time vs student'],
                rows))


if __name__ == '__main__':
    main()

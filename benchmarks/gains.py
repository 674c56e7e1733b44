"""What distillation gains over the student alone, per task, on the embedded data, over seeds.

    python benchmarks/gains.py cls [--seeds 0 1 2] [--recipes student kd dkd dml ...]
    python benchmarks/gains.py seg [--recipes student kl cwd kl_cwd_feat]
    python benchmarks/gains.py det [--recipes db_student db_distill db_dml db_cml]
    python benchmarks/gains.py ocr [--recipes crnn_student ctc_dml ctc_sar_dml ctc_kd]

Trains the task's teacher once with its own config (seed 0; reused when its best checkpoint is
already in its work dir; likewise any other model a recipe loads, e.g. cls's teacher2), then
each recipe with each seed through tools/train.py into
work_dirs/bench/<task>_<recipe>_s<seed>[_e<epochs>] (cls: <recipe>_s<seed>). A run whose final
checkpoint is already there is reused, so an interrupted benchmark picks up where it stopped.
Writes
benchmarks/gains_<task>.md (final validation metric of every trained sub-model, mean ± std over
seeds; training time per iteration, also relative to the first recipe, the student alone) and
benchmarks/gains_<task>.png (a bar chart with error bars). ``--epochs`` shortens the schedule of
every recipe alike (an epoch-based task's LR steps are scaled with it).
"""
import argparse
import glob
import os.path as osp
import statistics
import threading
from concurrent.futures import ThreadPoolExecutor

from common import REPO, fmt, read_scalars, summarise, table, train

TASKS = {
    'cls': dict(teacher='cls/teacher', teacher_dir='work_dirs/teacher', metric='accuracy/top1',
                best='best_accuracy_top1_*.pth', scale=1, prefix='',
                recipes=['student', 'kd', 'dkd', 'dist', 'wsl', 'skd', 'mgd', 'afd', 'at',
                         'fitnets', 'pkd', 'rkd', 'ssld', 'self_distill', 'multi_teacher', 'dml',
                         'udml']),
    'seg': dict(teacher='seg/teacher', teacher_dir='work_dirs/seg_teacher', metric='mIoU',
                best='best_mIoU_*.pth', recipes=['student', 'kl', 'cwd', 'kl_cwd_feat'],
                scale=1),
    'det': dict(teacher='det/db_teacher', teacher_dir='work_dirs/db_teacher',
                metric='icdar/hmean', best='best_icdar_hmean_*.pth',
                recipes=['db_student', 'db_distill', 'db_dml', 'db_cml'], scale=100),
    'ocr': dict(teacher='ocr/crnn_teacher', teacher_dir='work_dirs/crnn_teacher',
                metric='recog/word_acc_ignore_case',
                best='best_recog_word_acc_ignore_case_*.pth',
                recipes=['crnn_student', 'ctc_dml', 'ctc_sar_dml', 'ctc_kd'], scale=100),
}


_CFG_LOCK = threading.Lock()


def load_cfg(config: str):
    """``Config.fromfile`` of a repo config; serialised (mmengine's parsing is not thread-safe)."""
    from mmengine.config import Config
    with _CFG_LOCK:
        return Config.fromfile(osp.join(REPO, config))


def schedule_options(config: str, epochs: int) -> list:
    """``--cfg-options`` that shorten an epoch-based schedule to ``epochs`` epochs, scaling
    MultiStepLR milestones alike."""
    cfg = load_cfg(config)
    if cfg.train_cfg.get('by_epoch', True) is False or 'max_epochs' not in cfg.train_cfg:
        raise SystemExit(f'--epochs: {config} is not epoch-based.')
    old = cfg.train_cfg.max_epochs
    opts = [f'train_cfg.max_epochs={epochs}']
    for i, sched in enumerate(cfg.get('param_scheduler') or []):
        if 'milestones' in sched:
            ms = [max(1, round(m * epochs / old)) for m in sched.milestones]
            opts.append(f'param_scheduler.{i}.milestones=[{",".join(map(str, ms))}]')
        if 'end' in sched:
            opts.append(f'param_scheduler.{i}.end={epochs}')
    return opts


def final_checkpoint(config: str, work_dir: str, epochs: int = None) -> str:
    """Path of the checkpoint a finished run of ``config`` leaves in ``work_dir``."""
    tc = load_cfg(config).train_cfg
    name = f"epoch_{epochs or tc.max_epochs}" if 'max_epochs' in tc else f'iter_{tc.max_iters}'
    return osp.join(REPO, work_dir, f'{name}.pth')


def run_recipe(config: str, work_dir: str, seed: int, epochs: int = None) -> list:
    """Train (or reuse a finished run) and return the logged scalars."""
    if osp.exists(final_checkpoint(config, work_dir, epochs)):
        print(f'reusing {work_dir}', flush=True)
        return read_scalars(work_dir)
    opts = [f'randomness.seed={seed}'] + (schedule_options(config, epochs) if epochs else [])
    return train(config, work_dir, *opts)


def prerequisites(config: str) -> list:
    """The configs whose trained checkpoints ``config`` loads and that are not there yet (a
    teacher, a second teacher, the student itself for self-distillation)."""
    from mmkd.utils.config import is_local_config
    out = []
    for entry in (load_cfg(config).model.get('models') or {}).values():
        ckpt, src = entry.get('checkpoint'), entry.get('config')
        if ckpt and src and is_local_config(src) and not glob.glob(osp.join(REPO, ckpt)):
            out.append(src)
    return out


def plot(path: str, task: str, metric: str, results: dict, teacher: float = None) -> None:
    """Bar chart of every recipe's Student metric (mean, std error bars) to ``path``."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    names = list(results)
    vals = [[r['Student'] for r in runs] for runs in results.values()]
    means = [statistics.mean(v) for v in vals]
    sds = [statistics.stdev(v) if len(v) > 1 else 0 for v in vals]
    fig, ax = plt.subplots(figsize=(1.6 * len(names) + 2, 4))
    ax.bar(names, means, yerr=sds, capsize=6, color=['0.6'] + ['C0'] * (len(names) - 1))
    if teacher is not None:
        ax.axhline(teacher, ls='--', color='C3', label=f'teacher {teacher:.1f}')
        ax.legend(loc='lower right')
    ax.set_ylabel(f'Student {metric} (%)')
    ax.set_title(f'{task}: student alone (grey) vs recipes, mean ± std over seeds')
    lo = min(m - s for m, s in zip(means, sds))
    ax.set_ylim(max(0, lo - 10), min(100, max(means + [teacher or 0]) + 5))
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('task', choices=sorted(TASKS))
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--recipes', nargs='+', help='default: all of the task; first = baseline')
    parser.add_argument('--epochs', type=int, help='shorten every recipe to this many epochs')
    parser.add_argument('--jobs', type=int, default=1,
                        help='trainings at a time (> 1 on a GPU / many-core machine; the '
                        'times per iteration are then measured under contention)')
    parser.add_argument('--out', help='output stem (default: benchmarks/gains_<task>)')
    args = parser.parse_args()
    task = TASKS[args.task]
    sub, scale = task['teacher'].split('/')[0], task['scale']
    teacher_cfg = f"configs/{task['teacher']}.py"
    tag = f'_e{args.epochs}' if args.epochs else ''
    prefix = task.get('prefix', f'{sub}_')
    runs = [(recipe, seed) for recipe in args.recipes or task['recipes'] for seed in args.seeds]
    with ThreadPoolExecutor(args.jobs) as pool:  # each job is a tools/train.py process
        from mmkd.utils.config import work_dir_of
        needed = [c for r in dict(runs) for c in prerequisites(f'configs/{sub}/{r}.py')]
        if not glob.glob(osp.join(REPO, task['teacher_dir'], task['best'])):
            needed.insert(0, teacher_cfg)
        pre = {}  # config -> the job training it (once, into its own work dir)
        for config in needed:
            if config not in pre:
                pre[config] = pool.submit(train, config, work_dir_of(config))

        def one(recipe_seed):
            recipe, seed = recipe_seed
            config = f'configs/{sub}/{recipe}.py'
            for needed in prerequisites(config):
                pre[needed].result()
            logs = run_recipe(config, f'work_dirs/bench/{prefix}{recipe}_s{seed}{tag}', seed,
                              args.epochs)
            res = {k: v * (scale if k != 'time' else 1) for k, v in
                   summarise(logs, task['metric']).items()}
            print(recipe, seed, res, flush=True)
            return res

        done = [job.result() for job in [pool.submit(one, r) for r in runs]]
    teacher = summarise(read_scalars(task['teacher_dir']), task['metric'])
    results = {}
    for (recipe, _), res in zip(runs, done):
        results.setdefault(recipe, []).append(res)
    base = statistics.mean(r['time'] for r in next(iter(results.values())))
    rows = [(f"teacher ({task['teacher']}, seed 0)", f"{teacher['Student'] * scale:.1f}", '',
             '-', '-', '-')]
    for recipe, per_seed in results.items():
        t = statistics.mean(r['time'] for r in per_seed)
        others = sorted({k for r in per_seed for k in r} - {'Student', 'time'})
        rows.append((recipe, fmt([r['Student'] for r in per_seed]),
                     ' / '.join(f"{r['Student']:.1f}" for r in per_seed),
                     ', '.join(f"{m} {fmt([r[m] for r in per_seed])}" for m in others) or '-',
                     f'{t * 1000:.0f}', f'{t / base:.2f}'))
    stem = args.out or osp.join(REPO, 'benchmarks', f'gains_{args.task}')
    schedule = f'{args.epochs} epochs' if args.epochs else 'default schedule'
    if args.jobs > 1:
        schedule += f', {args.jobs} trainings at a time (times measured under contention)'
    md = (f"Embedded data, final {task['metric']} (%), seeds {args.seeds}, {schedule}:\n\n"
          + table(['recipe', 'Student (mean ± std)', 'per seed', 'other models', 'ms / iter',
                   'time vs first recipe'], rows) + '\n')
    with open(stem + '.md', 'w') as f:
        f.write(md)
    plot(stem + '.png', args.task, task['metric'], results, teacher['Student'] * scale)
    print('\n' + md + f'\nwritten: {stem}.md, {stem}.png')


if __name__ == '__main__':
    main()

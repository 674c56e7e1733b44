"""Plot training curves of one or more runs from MMEngine's logs.

    python tools/analysis/plot_curves.py WORK_DIR [WORK_DIR ...] [--out curves.png]
                                         [--metrics hmean acc ...] [--names run1 run2 ...]

Left: every logged loss term (``<Model>.<upstream loss>`` task terms and ``loss_<name>[_A_B]``
distillation terms; not the total unless ``--total``) over training iterations. Right: every
sub-model's validation metrics (``<Model>/<metric>``; plain runs' metrics as they are) at the
iteration where each validation ran. The legend names the run (the work dir's name, or
``--names``) and the term or sub-model. Reads the latest ``*/vis_data/scalars.json`` of each
work dir.
"""
import argparse
import glob
import json
import os.path as osp
import sys

SKIP = {'lr', 'time', 'data_time', 'epoch', 'iter', 'step', 'memory'}


def read(work_dir: str) -> list:
    logs = sorted(glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')))
    if not logs:
        raise FileNotFoundError(f'{work_dir}: no */vis_data/scalars.json (is it a work dir of '
                                'tools/train.py?)')
    return [json.loads(line) for line in open(logs[-1])]


def curves(records: list, total: bool = False):
    """``(losses, metrics)``: ``{name: [(iteration, value), ...]}`` each; a validation record
    is placed at the iteration of the training record before it."""
    losses, metrics, it = {}, {}, 0
    for r in records:
        if 'loss' in r and 'iter' in r:  # a training record
            it = r['iter']
            for k, v in r.items():
                if k not in SKIP and (total or k != 'loss') and 'loss' in k:
                    losses.setdefault(k, []).append((it, v))
        else:
            for k, v in r.items():
                if k not in SKIP and isinstance(v, (int, float)):
                    metrics.setdefault(k, []).append((it, v))
    return losses, metrics


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('work_dirs', nargs='+')
    parser.add_argument('--out', default='curves.png')
    parser.add_argument('--names', nargs='+', help='legend names of the runs')
    parser.add_argument('--metrics', nargs='+', help='plot only metrics containing one of these')
    parser.add_argument('--total', action='store_true', help='also plot the total loss')
    args = parser.parse_args(argv)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    names = args.names or [osp.basename(osp.normpath(d)) for d in args.work_dirs]
    if len(names) != len(args.work_dirs):
        parser.error(f'--names: {len(names)} names for {len(args.work_dirs)} work dirs')
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 5))
    for n, (run, wd) in enumerate(zip(names, args.work_dirs)):
        style = ['-', '--', ':', '-.'][n % 4]  # one line style per run
        losses, metrics = curves(read(wd), args.total)
        for k, pts in losses.items():
            left.plot(*zip(*pts), style, label=f'{run}: {k}', lw=1)
        for k, pts in metrics.items():
            if args.metrics and not any(m in k for m in args.metrics):
                continue
            right.plot(*zip(*pts), style, marker='o', ms=3, label=f'{run}: {k}')
    left.set(title='loss terms', xlabel='iteration', yscale='log')
    right.set(title='validation metrics of every sub-model', xlabel='iteration')
    for ax in (left, right):
        if ax.lines:
            ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.out, dpi=100)
    print(f'written: {args.out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())

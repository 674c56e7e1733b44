"""Soak: a DML run of 500+ iterations with a checkpoint and a validation every epoch, while the
process's resident memory is sampled; it must stay flat (no growth from recorders holding
tensors between iterations, or from anything else).

    python benchmarks/soak.py [--config configs/cls/dml.py] [--epochs 8] [--every 10]

Prints the RSS after warm-up (the first epoch), at the end, the peak, and the least-squares slope
over the iterations after warm-up (MiB per 100 iterations); exits 1 if the memory grew by more
than ``--max-growth`` MiB (default 20) from the end of warm-up to the end.
"""
import argparse
import os.path as osp
import statistics
import sys

from mmengine.config import Config
from mmengine.hooks import Hook
from mmengine.runner import Runner

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, REPO)


def rss_mib() -> float:
    """Resident set size of this process (Linux /proc)."""
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    raise RuntimeError('no VmRSS in /proc/self/status')


class RSSSampler(Hook):
    """Record (iteration, RSS MiB) every ``every`` training iterations."""

    priority = 'LOWEST'

    def __init__(self, every: int) -> None:
        self.every, self.samples = every, []

    def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None) -> None:
        if (runner.iter + 1) % self.every == 0:
            self.samples.append((runner.iter + 1, rss_mib()))


def slope(points: list) -> float:
    """Least-squares slope of y over x."""
    xs, ys = zip(*points)
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx)**2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--config', default='configs/cls/dml.py')
    parser.add_argument('--epochs', type=int, default=8)
    parser.add_argument('--every', type=int, default=10)
    parser.add_argument('--max-growth', type=float, default=20.0)
    args = parser.parse_args()
    import mmkd
    mmkd.register_all_modules()
    cfg = Config.fromfile(osp.join(REPO, args.config))
    cfg.work_dir = osp.join(REPO, 'work_dirs/bench/soak')
    cfg.train_cfg.max_epochs = args.epochs
    cfg.train_cfg.val_interval = 1
    cfg.default_hooks.checkpoint.interval = 1
    cfg.custom_hooks = (cfg.get('custom_hooks') or []) + [dict(type='mmkd.RNGStateHook')]
    runner = Runner.from_cfg(cfg)
    sampler = RSSSampler(args.every)
    runner.register_hook(sampler)
    runner.train()
    per_epoch = len(runner.train_dataloader)
    after = [(i, m) for i, m in sampler.samples if i > per_epoch]
    start, end = after[0][1], after[-1][1]
    peak = max(m for _, m in sampler.samples)
    print(f'\n{args.config}: {runner.iter} iterations ({args.epochs} epochs, a checkpoint and a '
          f'validation each), RSS sampled every {args.every}')
    print(f'RSS after warm-up (iter {after[0][0]}): {start:.1f} MiB; at the end: {end:.1f} MiB; '
          f'peak {peak:.1f} MiB; slope after warm-up {slope(after) * 100:+.2f} MiB / 100 iter')
    marks = [(i, m) for i, m in sampler.samples if i % per_epoch < args.every]
    print('RSS at each epoch end (iter: MiB): '
          + ', '.join(f'{i}: {m:.0f}' for i, m in marks))
    if end - start > args.max_growth:
        print(f'FAIL: memory grew by {end - start:.1f} MiB (> {args.max_growth})')
        return 1
    print(f'OK: growth {end - start:+.1f} MiB')
    return 0


if __name__ == '__main__':
    sys.exit(main())

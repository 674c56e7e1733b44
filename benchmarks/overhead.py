"""Distillation overhead: one distillation step against the cost of its parts, in one process.

    python benchmarks/overhead.py CONFIG [CONFIG ...] [--iters 20] [--warmup 5]
                                  [--device cpu|cuda] [--cfg-options key=value ...]

For the distiller of CONFIG, on the same pre-loaded batches (data loading excluded), after
warm-up, medians over ``--iters`` steps of:

  (a) each trainable sub-network's own training step alone (its preprocessing, loss, backward
      and optimizer step: what training it without distillation costs),
  (b) each frozen sub-network's inference alone (no gradients, eval mode),
  (c) the full distillation step (Distiller.train_step),
  (c0) where the recipe has distillation terms: the same step with its task losses only (every
      model and recorder still runs), so (c) - (c0) is what computing the distillation terms
      and their backward costs, and (c0) / (a + b) the framework's own overhead.

Prints (c) / (sum of a + sum of b) — the overhead on top of the physical limit —
and the peak memory each phase needs on top of the loaded models and batches, measured for
each phase in a fresh process that runs only it (CPU: the kernel's resident high-water mark;
CUDA: max allocated). Teachers loaded from
checkpoints that are not there are used with their initial weights (timing does not depend on
them).
"""
import argparse
import os.path as osp
import statistics
import subprocess
import sys
import time
from typing import List

import torch
from mmengine.config import Config, DictAction

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, REPO)


def reset_peak() -> float:
    """Reset the peak-memory counter; return the memory in use now (MiB)."""
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        return torch.cuda.memory_allocated() / 2**20
    with open('/proc/self/clear_refs', 'w') as f:  # Linux: reset VmHWM to the current RSS
        f.write('5')
    return _status('VmRSS')


def peak() -> float:
    """Peak memory since :func:`reset_peak` (MiB)."""
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        return torch.cuda.max_memory_allocated() / 2**20
    return _status('VmHWM')


def _status(key: str) -> float:
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(key + ':'):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f'no {key} in /proc/self/status')


def measure(phases: List[tuple], iters: int, warmup: int) -> List[dict]:
    """Median seconds per call of each phase ``(label, step(i))``, the phases taking turns
    every iteration (so load from elsewhere on the machine hits them alike)."""
    sync = torch.cuda.synchronize if torch.cuda.is_initialized() else (lambda: None)
    for i in range(warmup):
        for _, step in phases:
            step(i)
    times = [[] for _ in phases]
    for i in range(iters):
        for k, (_, step) in enumerate(phases):
            sync()
            t0 = time.perf_counter()
            step(warmup + i)
            sync()
            times[k].append(time.perf_counter() - t0)
    return [dict(phase=label, time=statistics.median(t)) for (label, _), t in zip(phases, times)]


def phase_memory(config: str, k: int, device: str, argv: list) -> float:
    """Peak memory phase ``k`` of ``config`` needs on top of the loaded models and batches, in
    a fresh process that runs nothing else (MiB)."""
    proc = subprocess.run([sys.executable, __file__, config, '--memory-of', str(k), '--device',
                           device, *argv], capture_output=True, text=True, cwd=REPO)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith('MEMORY ')]
    if proc.returncode or not lines:
        raise RuntimeError(f'memory of phase {k} of {config} failed:\n{proc.stderr[-2000:]}')
    return float(lines[-1].split()[1])


def build(config: str, options: dict, device: str):
    """The distiller (teacher checkpoints loaded when they exist), its optimizer wrapper and
    a few training batches."""
    from mmengine.registry import MODELS, DefaultScope
    from mmengine.runner import Runner

    import mmkd
    mmkd.register_all_modules()
    cfg = Config.fromfile(config)
    if options:
        cfg.merge_from_dict(options)
    for entry in cfg.model.get('models', {}).values():
        ckpt = entry.get('checkpoint')
        if ckpt and not __import__('glob').glob(ckpt):
            print(f'note: {ckpt} not found; that sub-network keeps its initial weights')
            entry.pop('checkpoint')
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope')):
        model = MODELS.build(cfg.model).to(device)
        cfg.train_dataloader.update(num_workers=0, persistent_workers=False)
        loader = Runner.build_dataloader(cfg.train_dataloader, seed=0)
        from mmengine.optim import build_optim_wrapper
        optim = build_optim_wrapper(model, cfg.optim_wrapper)
    batches = [b for _, b in zip(range(4), loader)]
    return cfg, model, optim, batches


TASK_ONLY = '(c0) distillation step, task losses only'


def single_optim(cfg, model):
    """An optimizer wrapper like the config's, for one sub-network alone."""
    from mmengine.optim import build_optim_wrapper
    wrapper = cfg.optim_wrapper.copy()
    wrapper.pop('constructor', None)
    return build_optim_wrapper(model, wrapper)


def phases_of(config: str, device: str, options: dict = None):
    """The config and the phases ``(label, step(i))``: (a) and (b) per sub-network, then (c)."""
    cfg, distiller, optim, batches = build(config, options, device)
    distiller.train()
    nb = len(batches)
    phases = []
    for name in distiller._used:
        sub = distiller.models[name]
        if name in distiller.frozen:
            pre = [distiller.data_preprocessor(b, True) for b in batches]

            @torch.no_grad()
            def infer(i, name=name, pre=pre):  # with the entry's inference options
                distiller.run_frozen(name, pre[i % nb]['inputs'], pre[i % nb]['data_samples'])
            phases.append((f'(b) {name} inference alone', infer))
        else:
            opt = single_optim(cfg, sub)

            def train_alone(i, sub=sub, opt=opt):
                sub.train_step(batches[i % nb], opt)
            phases.append((f'(a) {name} training step alone', train_alone))
    if not all(r.is_task for r in distiller.routes):
        def task_losses_only(i, routes=distiller.routes):
            distiller.routes = [r for r in routes if r.is_task]
            try:
                distiller.train_step(batches[i % nb], optim)
            finally:
                distiller.routes = routes
        phases.append((TASK_ONLY, task_losses_only))
    phases.append(('(c) distillation step',
                   lambda i: distiller.train_step(batches[i % nb], optim)))
    return cfg, phases


def run(config: str, iters: int, warmup: int, device: str, argv: list,
        options: dict = None) -> dict:
    """Time every phase here and measure its memory in a fresh process; print the phases and
    return the totals ``dict(ab, c0, c, mem_ab, mem_c)`` (seconds, MiB; c0 None if absent)."""
    cfg, phases = phases_of(config, device, options)
    rows = measure(phases, iters, warmup)
    for k, r in enumerate(rows):
        r['mem'] = phase_memory(config, k, device, argv) if r['phase'] != TASK_ONLY else None
    parts = [r for r in rows[:-1] if r['phase'] != TASK_ONLY]
    res = dict(ab=sum(r['time'] for r in parts), c=rows[-1]['time'],
               c0=next((r['time'] for r in rows if r['phase'] == TASK_ONLY), None),
               mem_ab=sum(r['mem'] for r in parts), mem_c=rows[-1]['mem'])
    print(f'\n{config} on {device}, median of {iters} steps after {warmup} warm-up, '
          f'batch {cfg.train_dataloader.batch_size}:')
    print('| phase | ms / step | peak memory on top of the loaded models (MiB) |\n|---|---|---|')
    for r in rows:
        mem = '-' if r['mem'] is None else f"{r['mem']:.1f}"
        print(f"| {r['phase']} | {r['time'] * 1000:.1f} | {mem} |")
    ratio = res['c'] / res['ab']
    print(f'\n(c) / (a + b) = {ratio:.3f} (target <= 1.03: '
          f"{'met' if ratio <= 1.03 else f'missed by {(ratio - 1.03) * 100:.1f} points'}); "
          f"peak memory (c) {res['mem_c']:.1f} MiB vs (a + b) {res['mem_ab']:.1f} MiB")
    if res['c0'] is not None:
        print(f"(c0) / (a + b) = {res['c0'] / res['ab']:.3f} (the framework alone); the "
              f"distillation terms add {(res['c'] - res['c0']) * 1000:.1f} ms")
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('configs', nargs='+')
    parser.add_argument('--iters', type=int, default=20)
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    parser.add_argument('--memory-of', type=int, help=argparse.SUPPRESS)  # internal
    args = parser.parse_args()
    if args.memory_of is not None:  # a fresh process measuring one phase's memory
        _, phases = phases_of(args.configs[0], args.device, args.cfg_options)
        base = reset_peak()
        for i in range(3):
            phases[args.memory_of][1](i)
        print(f'MEMORY {peak() - base:.2f}')
        return
    argv = sys.argv[sys.argv.index('--cfg-options'):] if '--cfg-options' in sys.argv else []
    summary = []
    for config in args.configs:
        r = run(config, args.iters, args.warmup, args.device, argv, args.cfg_options)
        c0 = ('-', '-') if r['c0'] is None else \
            (f"{r['c0'] * 1000:.1f}", f"{r['c0'] / r['ab']:.3f}")
        summary.append(f"| {config} | {r['ab'] * 1000:.1f} | {c0[0]} | {r['c'] * 1000:.1f} | "
                       f"{c0[1]} | {r['c'] / r['ab']:.3f} | {r['mem_ab']:.1f} | {r['mem_c']:.1f} |")
    print('\n| config | a + b (ms) | c0 (ms) | c (ms) | c0 / (a + b) | c / (a + b) '
          '| memory a + b (MiB) | memory c (MiB) |\n|---|---|---|---|---|---|---|---|')
    print('\n'.join(summary))


if __name__ == '__main__':
    main()

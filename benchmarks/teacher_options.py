"""Frozen-teacher inference options, measured: each option against plain float32.

    python benchmarks/teacher_options.py [CONFIG ...] [--options fp32 bf16 ...]
                                         [--iters 20] [--warmup 5] [--device cpu|cuda]

For every CONFIG (default: the shipped frozen-teacher recipes of each task) one distiller is
built per option, with the option set on every frozen sub-network
(``models.<name>.inference``, see ``Distiller.run_frozen``), and on the same pre-loaded batches
the teachers' inference and the full distillation step of all the options are timed taking
turns (medians after warm-up). Also the largest difference of any loss term from the float32
distiller's on one batch (same weights, eval-mode dropout/BN of the teacher). Options:

  fp32            no option (the reference)
  fp16 / bf16     ``dtype='float16'`` / ``'bfloat16'`` (autocast; fp16 on CUDA only)
  channels_last   weights and input in channels-last memory format
  compile         ``torch.compile`` of the teacher (the first steps compile: warm up enough)
"""
import argparse
import copy
import os.path as osp
import sys

import torch

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, osp.join(REPO, 'benchmarks'))
from overhead import build, measure  # noqa: E402

OPTIONS = dict(fp32={}, fp16=dict(dtype='float16'), bf16=dict(dtype='bfloat16'),
               channels_last=dict(channels_last=True), compile=dict(compile=True))
CONFIGS = ['configs/cls/kd.py', 'configs/seg/kl.py', 'configs/det/db_distill.py',
           'configs/ocr/ctc_kd.py']


def distillers(config: str, names: list, device: str) -> list:
    """``(option, distiller, optim wrapper)`` per option, sharing the first one's weights, and
    the batches."""
    from mmengine.config import Config
    frozen = [n for n, e in Config.fromfile(config).model.models.items() if e.get('frozen')]
    if not frozen:
        raise SystemExit(f'{config}: no frozen sub-network; these options are for teachers.')
    out, state = [], None
    for name in names:
        opts = {f'model.models.{m}.inference': OPTIONS[name] for m in frozen}
        cfg, model, optim, batches = build(config, opts, device)
        if state is None:
            state = model.state_dict()
        model.load_state_dict(state)
        out.append((name, model.train(), optim))
    return out, frozen, batches


def loss_gap(models: list, batch: dict) -> list:
    """Largest |difference| of any loss term of each distiller from the first one's."""
    ref, gaps = None, []
    for _, model, _ in models:
        with torch.no_grad():
            data = model.data_preprocessor(copy.deepcopy(batch), True)  # losses mutate it
            torch.manual_seed(0)  # (train mode: upstream decoders make targets only then)
            losses = model(**data, mode='loss')
        flat = {k: float(sum(v) if isinstance(v, list) else v) for k, v in losses.items()}
        ref = ref or flat
        gaps.append(max(abs(flat[k] - ref[k]) for k in ref))
    return gaps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('configs', nargs='*', default=CONFIGS)
    parser.add_argument('--options', nargs='+', choices=list(OPTIONS), help='default: all '
                        'that the device supports (fp16 needs CUDA)')
    parser.add_argument('--iters', type=int, default=20)
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    args = parser.parse_args()
    names = args.options or [n for n in OPTIONS if args.device == 'cuda' or n != 'fp16']
    if 'fp32' not in names:
        names.insert(0, 'fp32')
    print(f'On {args.device}, medians of {args.iters} steps after {args.warmup} warm-up:\n\n'
          '| config | teacher option | teacher inference (ms) | vs fp32 | distillation step (ms) '
          '| vs fp32 | largest loss difference |\n|---|---|---|---|---|---|---|', flush=True)
    for config in args.configs:
        models, frozen, batches = distillers(config, names, args.device)
        nb = len(batches)
        phases = []
        for name, model, optim in models:
            def infer(i, model=model):
                with torch.no_grad():
                    data = model.data_preprocessor(batches[i % nb], True)
                    for m in frozen:
                        model.run_frozen(m, data['inputs'], data['data_samples'])

            def step(i, model=model, optim=optim):
                model.train_step(batches[i % nb], optim)
            phases += [(f'{name} teacher', infer), (f'{name} step', step)]
        gaps = loss_gap(models, batches[0])  # before training moves the students apart
        times = [r['time'] * 1000 for r in measure(phases, args.iters, args.warmup)]
        for k, (name, _, _) in enumerate(models):
            t, s = times[2 * k], times[2 * k + 1]
            print(f'| {config} | {name} | {t:.1f} | {t / times[0]:.2f} | {s:.1f} | '
                  f'{s / times[1]:.2f} | {gaps[k]:.1e} |', flush=True)


if __name__ == '__main__':
    main()

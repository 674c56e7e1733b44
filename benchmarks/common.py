"""Shared helpers of the recipe benchmarks: run tools/train.py, read its scalars, format."""
import glob
import json
import os.path as osp
import statistics
import subprocess
import sys

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))


def train(config: str, work_dir: str, *options: str) -> list:
    """Run ``tools/train.py config`` into ``work_dir``; return its logged scalar records."""
    cmd = [sys.executable, 'tools/train.py', config, '--work-dir', work_dir]
    if options:
        cmd += ['--cfg-options', *options]
    proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    if proc.returncode:
        raise RuntimeError(f'{" ".join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}')
    return read_scalars(work_dir)


def read_scalars(work_dir: str) -> list:
    """The scalar records of the latest run logged in ``work_dir``."""
    log = sorted(glob.glob(osp.join(REPO, work_dir, '*', 'vis_data', 'scalars.json')))[-1]
    return [json.loads(line) for line in open(log)]


def summarise(logs: list, metric: str) -> dict:
    """The last validation's ``metric`` per model (a plain run's under 'Student') and the
    training time per iteration (s) under 'time': the median of the logged times, so a few
    slow logging intervals (a checkpoint, a paused process) do not count."""
    val = [r for r in logs if any(k.split('/', 1)[-1] == metric or k == metric for k in r)][-1]
    out = {}
    for k, v in val.items():
        if k == metric:
            out['Student'] = v
        elif '/' in k and k.split('/', 1)[1] == metric:
            out[k.split('/', 1)[0]] = v
    out['time'] = statistics.median(r['time'] for r in logs if 'loss' in r and 'time' in r)
    return out


def fmt(values: list, digits: int = 1) -> str:
    """``mean ± std`` (sample std) of ``values``; '-' when empty."""
    if not values:
        return '-'
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f'{statistics.mean(values):.{digits}f} ± {sd:.{digits}f}'


def table(header: list, rows: list) -> str:
    """A markdown table."""
    lines = ['| ' + ' | '.join(header) + ' |', '|' + '---|' * len(header)]
    return '\n'.join(lines + ['| ' + ' | '.join(str(c) for c in row) + ' |' for row in rows])

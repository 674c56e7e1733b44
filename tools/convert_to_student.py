"""Turn a distillation checkpoint into a plain checkpoint (and config) of one sub-network.

    python tools/convert_to_student.py work_dirs/kd/best_*.pth --out student.pth \
        --dump-config student.py [--model Student]

The result loads in the upstream toolbox (``mmpretrain.get_model('student.py',
pretrained='student.pth')``, mmocr's TextRecInferencer, mmseg's init_model). Optimizer state
and connectors are dropped; ``meta`` is kept. Files are written atomically.
"""
import argparse
import glob
import sys

import mmkd
from mmkd.utils.convert import convert


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('checkpoint', help='mmkd checkpoint (a glob such as best_*.pth is ok)')
    parser.add_argument('--model', help='sub-network to take (default: the deploy model)')
    parser.add_argument('--out', default='student.pth', help='plain checkpoint to write')
    parser.add_argument('--dump-config', help='also write the plain model config here')
    args = parser.parse_args(argv)
    mmkd.register_all_modules()
    matches = sorted(glob.glob(args.checkpoint)) or [args.checkpoint]
    if len(matches) > 1:
        print(f'error: {args.checkpoint!r} matches {len(matches)} files: {matches}',
              file=sys.stderr)
        return 2
    try:
        name, out = convert(matches[0], args.out, args.model, args.dump_config)
    except (FileNotFoundError, KeyError, ValueError, RuntimeError, PermissionError) as e:
        print(f'error: {e.args[0] if len(e.args) == 1 else e}', file=sys.stderr)
        return 1
    print(f'{name} of {matches[0]} -> {out}' +
          (f' (config: {args.dump_config})' if args.dump_config else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())

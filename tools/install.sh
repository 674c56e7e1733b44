#!/usr/bin/env bash
# Install everything mmkd needs into the current Python environment, idempotently.
#
#   bash tools/install.sh          # install / verify (seconds when already installed)
#
# Versions are pinned in requirements/*.txt (with the reason for each pin).
# mmcv has no wheel on PyPI for this stack: it is built from source once (about 10 minutes on
# 2 cores; much longer on a CUDA machine, where CUDA ops are compiled too) and the wheel is kept in
# $MMKD_CACHE (default ~/.cache/mmkd) so that a re-install does not rebuild it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-python}"
CACHE="${MMKD_CACHE:-$HOME/.cache/mmkd}"
REQ="$ROOT/requirements"
mkdir -p "$CACHE/wheels"

say() { printf '\n[mmkd install] %s\n' "$*"; }
die() { printf '\n[mmkd install] FAILED: %s\n' "$*" >&2; exit 1; }
pip_q() { "$PY" -m pip install --quiet "$@"; }

# True when every requirement line of file $1 is already satisfied.
satisfied() {
  "$PY" - "$1" <<'PYEOF'
import sys
from importlib.metadata import PackageNotFoundError, version
from packaging.requirements import Requirement
ok = True
for line in open(sys.argv[1]):
    line = line.split('#')[0].strip()
    if not line:
        continue
    req = Requirement(line)
    try:
        have = version(req.name)
    except PackageNotFoundError:
        ok = False
        continue
    if req.specifier and not req.specifier.contains(have.split('+')[0], prereleases=True):
        ok = False
sys.exit(0 if ok else 1)
PYEOF
}

ensure() {  # ensure REQFILE [pip args...]
  local f="$1"; shift
  if satisfied "$f" 2>/dev/null; then
    say "ok: $(basename "$f") already satisfied"
  else
    say "installing $(basename "$f")"
    pip_q "$@" -r "$f" || die "pip could not install $f (see the pip output above)"
  fi
}

"$PY" -c 'import sys; assert sys.version_info[:2] >= (3, 8)' || die "Python >= 3.8 needed, found $("$PY" -V)"
"$PY" -c 'import packaging' 2>/dev/null || pip_q packaging

ensure "$REQ/build.txt"

# ---- mmcv 2.0.1 with compiled ops ------------------------------------------------------------
if "$PY" -c 'import mmcv, mmcv.ops; assert mmcv.__version__ == "2.0.1"' 2>/dev/null; then
  say "ok: mmcv 2.0.1 with ops already installed"
else
  whl=$(ls "$CACHE"/wheels/mmcv-2.0.1-*.whl 2>/dev/null | head -n1 || true)
  if [ -z "$whl" ]; then
    say "building mmcv 2.0.1 from source (about 10 minutes on 2 cores; once, cached in $CACHE)"
    src="$CACHE/src"; rm -rf "$src"; mkdir -p "$src"
    "$PY" -m pip download --quiet --no-deps --no-binary :all: -d "$src" mmcv==2.0.1 \
      || die "could not download the mmcv 2.0.1 source from the package index"
    tar -xzf "$src"/mmcv-2.0.1.tar.gz -C "$src" || die "could not unpack the mmcv source"
    # PyTorch >= 2.14 headers need C++20 (2.1-2.13 need C++17); mmcv 2.0.1 hard-codes C++14.
    sed -i 's/-std=c++14/-std=c++20/g' "$src/mmcv-2.0.1/setup.py"
    (cd "$src/mmcv-2.0.1" && MMCV_WITH_OPS=1 MAX_JOBS="${MAX_JOBS:-$(nproc)}" \
       "$PY" -m pip wheel --no-build-isolation --no-deps -w "$CACHE/wheels" .) \
      || die "building mmcv failed (needs gcc/g++ and the torch installed above)"
    whl=$(ls "$CACHE"/wheels/mmcv-2.0.1-*.whl | head -n1)
    rm -rf "$src"
  else
    say "using the cached mmcv wheel $whl"
  fi
  pip_q --no-deps --force-reinstall "$whl" || die "could not install $whl"
  # mmcv's own light dependencies (not torch).
  pip_q addict mmengine==0.10.7 pyyaml yapf "opencv-python<5" "numpy<2" packaging pillow \
    || die "could not install mmcv's dependencies"
  "$PY" -c 'import mmcv.ops' || die "mmcv installed but mmcv.ops does not import"
fi

ensure "$REQ/runtime.txt" -c "$REQ/build.txt"
ensure "$REQ/tests.txt" -c "$REQ/build.txt"

# ---- mmkd itself (editable) ------------------------------------------------------------------
if (cd / && "$PY" -c 'import mmkd, os, sys; sys.exit(0 if os.path.dirname(os.path.dirname(mmkd.__file__)) == sys.argv[1] else 1)' "$ROOT") 2>/dev/null; then
  say "ok: mmkd (editable) already installed from $ROOT"
else
  say "installing mmkd (editable) from $ROOT"
  pip_q --no-deps --no-build-isolation -e "$ROOT" || die "could not install mmkd from $ROOT"
fi

say "checking imports"
(cd / && "$PY" -) <<'PYEOF' || die "the stack does not import (see the traceback above)"
import numpy, torch, torchvision, mmengine, mmcv, mmcv.ops, mmpretrain, mmdet, mmseg, mmocr, mmkd
print('torch', torch.__version__, '| mmengine', mmengine.__version__, '| mmcv', mmcv.__version__,
      '| mmpretrain', mmpretrain.__version__, '| mmdet', mmdet.__version__, '| mmseg', mmseg.__version__,
      '| mmocr', mmocr.__version__, '| numpy', numpy.__version__, '| mmkd', mmkd.__version__)
PYEOF
say "done"

"""Resolve the config files that sub-networks of a distiller are built from."""
import os
import os.path as osp
from typing import Optional, Tuple

from mmengine.config import Config
from mmengine.utils import get_installed_path, is_installed

#: The mmkd repository root (configs/ lives here when mmkd is installed editable).
REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def resolve_config_path(path: str) -> Tuple[str, Optional[str]]:
    """Find a config file given as ``pkg::rel/path.py`` or a local path.

    Local paths are tried relative to the working directory, then to the mmkd repository.

    Args:
        path (str): ``'mmpretrain::resnet/resnet18_8xb32_in1k.py'`` or ``'configs/cls/teacher.py'``.

    Returns:
        tuple[str, str | None]: The absolute file path and the package scope (``None`` for a
        local file).

    Raises:
        FileNotFoundError: When the file does not exist; the message says where it looked.
    """
    if '::' in path:
        pkg, rel = path.split('::', 1)
        if not is_installed(pkg):
            raise FileNotFoundError(f'config {path!r}: package {pkg!r} is not installed '
                                    '(run `bash tools/install.sh`).')
        full = osp.join(get_installed_path(pkg), '.mim', 'configs', rel)
        if not osp.isfile(full):
            raise FileNotFoundError(f'config {path!r}: no file {rel!r} in the configs of {pkg} '
                                    f'(looked at {full}). ' + _nearby(full))
        return full, pkg
    tried = list(dict.fromkeys([osp.abspath(path), osp.join(REPO_ROOT, path)]))
    for full in tried:
        if osp.isfile(full):
            return full, None
    raise FileNotFoundError(f'config {path!r} does not exist (looked at {", ".join(tried)}). '
                            + _nearby(tried[-1]))


def _nearby(full: str) -> str:
    """The config files nearest in name to ``full`` in its folder (or nearest folders)."""
    from mmkd.utils.misc import did_you_mean
    folder = osp.dirname(full)
    while folder and not osp.isdir(folder):
        folder = osp.dirname(folder)
    names = sorted(n for n in os.listdir(folder) if not n.startswith(('.', '__')))
    found = did_you_mean(osp.relpath(full, folder), names)
    return f'In {folder}: {found[0].lower()}{found[1:]}'


def load_model_cfg(path: str) -> Tuple[dict, Optional[str]]:
    """Load the ``model`` of a config file, with its top-level ``data_preprocessor`` merged in.

    Args:
        path (str): See :func:`resolve_config_path`.

    Returns:
        tuple[dict, str | None]: The model config and the scope it is built in (the config's
        ``default_scope``, else the package of a ``pkg::`` path).
    """
    full, pkg = resolve_config_path(path)
    cfg = Config.fromfile(full)
    if 'model' not in cfg:
        raise KeyError(f'config {path!r} ({full}) has no `model` to build a sub-network from.')
    model = cfg.model.to_dict() if hasattr(cfg.model, 'to_dict') else dict(cfg.model)
    if cfg.get('data_preprocessor') is not None and 'data_preprocessor' not in model:
        dp = cfg.data_preprocessor
        model['data_preprocessor'] = dp.to_dict() if hasattr(dp, 'to_dict') else dict(dp)
    return model, cfg.get('default_scope', pkg)


def is_local_config(path: str) -> bool:
    """Whether ``path`` is a config file of this repository rather than ``pkg::...``."""
    return '::' not in path and (osp.isfile(path) or osp.isfile(osp.join(REPO_ROOT, path)))


def work_dir_of(config_path: str) -> str:
    """The work dir tools/train.py gives a config: its ``work_dir`` if it sets one, else
    ``work_dirs/<stem>``."""
    try:
        from mmengine.config import Config
        work_dir = Config.fromfile(config_path).get('work_dir')
    except Exception:  # noqa: BLE001 - only used for a hint
        work_dir = None
    return osp.normpath(work_dir) if work_dir else \
        osp.join('work_dirs', osp.splitext(osp.basename(config_path))[0])


def atomic_target(path: str) -> str:
    """A temporary name beside ``path`` to write to before ``os.replace``."""
    d = osp.dirname(osp.abspath(path))
    return osp.join(d, f'.{osp.basename(path)}.tmp{os.getpid()}')

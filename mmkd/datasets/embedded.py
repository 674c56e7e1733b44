"""Small datasets generated on first use, in the upstream toolboxes' own formats.

A config wraps an ordinary upstream dataset config with ``type='mmkd.EmbeddedDataset'``: the
files are written once (atomically, so parallel workers cannot see half a dataset) and the
upstream dataset class reads them as it reads any other data::

    dataset=dict(type='mmkd.EmbeddedDataset', name='digits',
                 dataset=dict(type='CustomDataset', data_root='data/digits', ...))
"""
import os
import os.path as osp
import shutil
from typing import Callable, Dict, Tuple

from mmengine.registry import DATASETS as ROOT_DATASETS

from mmkd.registry import DATASETS
from mmkd.utils.misc import did_you_mean

#: name -> (writer(directory), version).
GENERATORS: Dict[str, Tuple[Callable[[str], None], str]] = {}


def register_generator(name: str, version: str = '1'):
    """Register a function that writes an embedded dataset into a given (empty) directory.

    A directory written by another ``version`` is rewritten on first use.
    """

    def wrap(fn):
        GENERATORS[name] = (fn, f'{name} {version}')
        return fn

    return wrap


def prepare(name: str, root: str) -> str:
    """Write embedded dataset ``name`` into ``root`` unless it is already there.

    Returns:
        str: ``root``.
    """
    if name not in GENERATORS:
        raise KeyError(f'unknown embedded dataset {name!r}. ' + did_you_mean(name, GENERATORS))
    writer, version = GENERATORS[name]
    done = osp.join(root, '.complete')
    if osp.isfile(done):
        with open(done) as f:
            if f.read().strip() == version:
                return root
        shutil.rmtree(root)  # written by an older version of the generator
    if osp.isdir(root) and os.listdir(root):
        raise RuntimeError(f'embedded dataset {name!r}: {root} exists but is incomplete (no '
                           f'.complete marker); delete it to have it written again.')
    parent = osp.dirname(osp.abspath(root)) or '.'
    os.makedirs(parent, exist_ok=True)
    tmp = osp.join(parent, f'.{osp.basename(root)}.tmp{os.getpid()}')
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    writer(tmp)
    with open(osp.join(tmp, '.complete'), 'w') as f:
        f.write(version)
    try:
        if osp.isdir(root) and not os.listdir(root):
            os.rmdir(root)
        os.rename(tmp, root)
    except OSError:  # another process finished first
        shutil.rmtree(tmp, ignore_errors=True)
        if not osp.isfile(done):
            raise
    return root


@DATASETS.register_module()
def EmbeddedDataset(name: str, dataset: dict, root: str = None):  # noqa: N802 (a builder)
    """Write embedded data ``name`` on first use, then build the upstream ``dataset`` on it.

    Args:
        name (str): Which embedded dataset (``'digits'``, ...).
        dataset (dict): The upstream dataset config; built in the current default scope.
        root (str, optional): Where the files go. Defaults to ``dataset['data_root']``.

    Returns:
        The upstream dataset object.
    """
    root = root or dataset.get('data_root')
    if root is None:
        raise KeyError(f'EmbeddedDataset {name!r}: give root= or dataset.data_root.')
    prepare(name, root)
    try:
        return ROOT_DATASETS.build(dataset)
    except (ValueError, KeyError, TypeError, OSError) as e:  # e.g. a damaged annotation file
        raise RuntimeError(f'embedded dataset {name!r} in {root} cannot be loaded: '
                           f'{type(e).__name__}: {e}. If its files were edited or damaged, '
                           f'delete {root} to have it written again.') from e

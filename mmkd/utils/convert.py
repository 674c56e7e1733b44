"""Turn a distillation checkpoint into a plain upstream checkpoint and config."""
import copy
import os
import os.path as osp
from typing import Optional, Tuple

import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope

from .checkpoint import extract_submodel, load_file, state_dict_of, submodel_names
from .config import atomic_target
from .misc import did_you_mean


def _distill_cfg(meta: dict, path: str) -> Optional[Config]:
    text = meta.get('cfg')
    if not text:
        return None
    return Config.fromstring(text, '.py')


def plain_config(cfg: Config, name: str) -> Config:
    """The upstream config of sub-network ``name``: the run's data, evaluator and runtime, the
    sub-network as ``model`` (with the distiller's data preprocessor), mmkd parts removed."""
    from mmkd.models.distillers.sub_models import resolve_model_cfgs
    dcfg = cfg.model
    deploy = dcfg.get('deploy') or ('Student' if 'Student' in dcfg.models else
                                    [n for n, e in dcfg.models.items() if not e.get('frozen')][0])
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope')):
        resolved = resolve_model_cfgs(dcfg.models.to_dict(), deploy,
                                      dcfg.get('data_preprocessor'))
    model, scope = resolved[name]
    out = copy.deepcopy(cfg)
    out.model = model
    out.default_scope = scope
    if 'data_preprocessor' in out:
        out.data_preprocessor = model.get('data_preprocessor', out.data_preprocessor)
    for loop in ('val_cfg', 'test_cfg'):
        if isinstance(out.get(loop), dict) and str(out[loop].get('type', '')).startswith('mmkd.'):
            out[loop] = dict()
    if isinstance(out.get('optim_wrapper'), dict):
        out.optim_wrapper.pop('constructor', None)
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        ds = (out.get(loader) or {}).get('dataset')
        if isinstance(ds, dict) and str(ds.get('type', '')).endswith('EmbeddedDataset'):
            out[loader].dataset = ds.dataset  # the data exists by now: plain upstream dataset
    ckpt_hook = out.get('default_hooks', {}).get('checkpoint')
    if ckpt_hook and isinstance(ckpt_hook.get('save_best'), str) and '/' in ckpt_hook.save_best:
        ckpt_hook.save_best = ckpt_hook.save_best.split('/', 1)[1]
    return out


def convert(src: str, out: str, model: Optional[str] = None,
            dump_config: Optional[str] = None) -> Tuple[str, str]:
    """Write sub-network ``model`` of mmkd checkpoint ``src`` as a plain checkpoint ``out``.

    Args:
        src (str): A checkpoint saved by a distillation run.
        out (str): The plain checkpoint to write (atomically).
        model (str, optional): Which sub-network. Defaults to the run's deploy model.
        dump_config (str, optional): Also write the plain upstream config here.

    Returns:
        tuple[str, str]: The sub-network's name and the output path.
    """
    ckpt = load_file(src)
    sd = state_dict_of(ckpt)
    names = submodel_names(sd)
    if not names:
        raise ValueError(f'{src!r} is not an mmkd checkpoint: it has no sub-networks under '
                         '`models.` (it may already be a plain checkpoint).')
    meta = dict(ckpt.get('meta') or {})
    cfg = _distill_cfg(meta, src)
    if model is None:
        model = (cfg.model.get('deploy') if cfg is not None else None) or \
            ('Student' if 'Student' in names else names[0])
    if model not in names:
        raise KeyError(f'--model {model!r} is not in {src!r}. ' + did_you_mean(model, names))
    state = extract_submodel(sd, model, src)
    meta.update(mmkd_source=osp.abspath(src), mmkd_model=model)
    targets = [(out, lambda p: torch.save({'meta': meta, 'state_dict': state}, p))]
    if dump_config:
        if cfg is None:
            raise ValueError(f'{src!r} holds no config (meta.cfg); cannot --dump-config.')
        plain = plain_config(cfg, model)
        targets.append((dump_config, plain.dump))
    for path, _ in targets:
        d = osp.dirname(osp.abspath(path))
        if not osp.isdir(d) or not os.access(d, os.W_OK):
            raise PermissionError(f'cannot write {path!r}: directory {d} does not exist or is '
                                  'not writable.')
    for path, write in targets:
        tmp = atomic_target(path) + osp.splitext(path)[1]
        try:
            write(tmp)
            os.replace(tmp, path)
        finally:
            if osp.exists(tmp):
                os.remove(tmp)
    return model, out

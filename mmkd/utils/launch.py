"""Runner set-up shared by tools/train.py and tools/test.py."""
import os
import os.path as osp

import torch
import torch.distributed as dist
from mmengine.config import Config


def setup_runtime(cfg: Config, launcher: str) -> None:
    """Make a config runnable here: distributed CPU runs use gloo and a CPU DDP wrapper.

    MMEngine's PyTorch launcher calls ``torch.cuda.set_device`` and gives DDP CUDA device ids;
    without a GPU the process group is initialised here with gloo instead, from the variables
    torchrun sets (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT).
    """
    import mmkd
    mmkd.register_all_modules()
    if launcher == 'none' or torch.cuda.is_available():
        return
    cfg.setdefault('env_cfg', {}).setdefault('dist_cfg', {})['backend'] = 'gloo'
    wrapper = cfg.get('model_wrapper_cfg') or dict(type='MMDistributedDataParallel')
    wrapper['device_ids'] = None
    cfg.model_wrapper_cfg = wrapper
    if launcher == 'pytorch' and not dist.is_initialized():
        dist.init_process_group(backend='gloo')


def finish() -> None:
    """End a distributed run cleanly: wait for every rank, leave the process group, flush the
    logs and exit without the interpreter's teardown, during which gloo's worker threads can
    abort the process ("terminate called without an active exception") after all work is done.
    """
    if not (dist.is_available() and dist.is_initialized()):
        return
    import logging
    import sys
    dist.barrier()  # rank 0 may still be writing checkpoints
    dist.destroy_process_group()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def default_work_dir(config_path: str) -> str:
    """``work_dirs/<config name>``, as OpenMMLab tools choose it."""
    return osp.join('./work_dirs', osp.splitext(osp.basename(config_path))[0])


def set_local_rank(local_rank: int) -> None:
    if 'LOCAL_RANK' not in os.environ:
        os.environ['LOCAL_RANK'] = str(local_rank)

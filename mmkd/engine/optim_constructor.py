"""Optimizer wrapper constructor that leaves frozen sub-networks out of the optimizer."""
from mmengine.optim import DefaultOptimWrapperConstructor, OptimWrapper

from mmkd.registry import OPTIM_WRAPPER_CONSTRUCTORS


@OPTIM_WRAPPER_CONSTRUCTORS.register_module()
class DistillOptimWrapperConstructor(DefaultOptimWrapperConstructor):
    """:class:`DefaultOptimWrapperConstructor` (``paramwise_cfg`` included) that then drops
    every parameter with ``requires_grad=False`` (frozen teachers) from the param groups."""

    def __call__(self, model) -> OptimWrapper:
        wrapper = super().__call__(model)
        groups = []
        for group in wrapper.optimizer.param_groups:
            group['params'] = [p for p in group['params'] if p.requires_grad]
            if group['params']:
                groups.append(group)
        wrapper.optimizer.param_groups[:] = groups
        wrapper.optimizer.state.clear()
        return wrapper

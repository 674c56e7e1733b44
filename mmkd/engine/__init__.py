from .loops import DistillTestLoop, DistillValLoop
from .optim_constructor import DistillOptimWrapperConstructor
from .rng_state_hook import RNGStateHook

__all__ = ['DistillTestLoop', 'DistillValLoop', 'DistillOptimWrapperConstructor', 'RNGStateHook']

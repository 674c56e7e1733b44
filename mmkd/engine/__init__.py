from .loops import DistillTestLoop, DistillValLoop
from .optim_constructor import DistillOptimWrapperConstructor

__all__ = ['DistillTestLoop', 'DistillValLoop', 'DistillOptimWrapperConstructor']

"""An mmkd extension living outside the package: a loss and a recorder, registered on import.

Load it from a config with ``custom_imports = dict(imports=['projects.cosine_hint.cosine_hint'])``.
"""
from .cosine_hint_loss import CosineHintLoss
from .pooled_outputs import PooledModuleOutputs

__all__ = ['CosineHintLoss', 'PooledModuleOutputs']

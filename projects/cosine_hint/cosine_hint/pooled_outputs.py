"""A recorder that keeps only the spatial mean of a module's output."""
from mmkd.models.recorders import ModuleOutputs
from mmkd.registry import RECORDERS


@RECORDERS.register_module()
class PooledModuleOutputs(ModuleOutputs):
    """Like ``ModuleOutputs`` but stores ``output.mean((2, 3))``: (N, C, H, W) -> (N, C).

    Pooling at record time keeps memory low and makes maps of different sizes comparable.
    """

    def record(self, value) -> None:
        if self.active:
            super().record(value.mean(dim=(2, 3)))

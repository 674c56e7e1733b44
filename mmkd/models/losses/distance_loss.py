"""Feature distance loss (FitNets-style hints, PaddleOCR DistanceLoss)."""
import torch
import torch.nn.functional as F
from torch import nn

from mmkd.registry import MODELS
from .utils import check_same_shape

_FUNCS = {'l1': F.l1_loss, 'l2': F.mse_loss, 'smooth_l1': F.smooth_l1_loss}


@MODELS.register_module()
class DistanceLoss(nn.Module):
    """Mean L1, squared L2 (MSE) or smooth-L1 distance between two tensors of one shape.

    Romero et al., "FitNets: Hints for Thin Deep Nets", ICLR 2015.

    Args:
        mode (str): ``'l1'``, ``'l2'`` or ``'smooth_l1'``. Defaults to ``'l2'``.
    """

    def __init__(self, mode: str = 'l2') -> None:
        super().__init__()
        if mode not in _FUNCS:
            raise ValueError(f'DistanceLoss: mode must be one of {sorted(_FUNCS)}, got {mode!r}.')
        self.mode = mode

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s, t (Tensor): Same shape, any.

        Returns:
            Tensor: Scalar, the mean over all elements.
        """
        check_same_shape(s, t, f'DistanceLoss({self.mode})')
        return _FUNCS[self.mode](s, t)

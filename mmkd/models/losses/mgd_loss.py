"""Masked generative distillation: the loss (the generator is the MGDConnector)."""
import torch
from torch import nn

from mmkd.registry import MODELS
from .utils import check_same_shape


@MODELS.register_module()
class MGDLoss(nn.Module):
    """α · Σ (G(mask(align(s))) − t)² / N, with the generator output computed by
    :class:`mmkd.models.MGDConnector` on the student side (Yang et al., "Masked Generative
    Distillation", ECCV 2022).

    Args:
        alpha_mgd (float): α. Defaults to 2e-5 (paper, detection); PaddleClas uses 1.756.
    """

    def __init__(self, alpha_mgd: float = 2e-5) -> None:
        super().__init__()
        self.alpha_mgd = alpha_mgd

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s (Tensor): Generated feature (N, C_t, H, W) from the MGDConnector.
            t (Tensor): Teacher feature (N, C_t, H, W).

        Returns:
            Tensor: Scalar loss.
        """
        check_same_shape(s, t, 'MGDLoss')
        return (s - t).pow(2).sum() / s.shape[0] * self.alpha_mgd

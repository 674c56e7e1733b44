"""Cross-entropy against a teacher's soft labels."""
from typing import Optional

import torch
from torch import nn

from mmkd.registry import MODELS
from .utils import log_probs, masked_mean


@MODELS.register_module()
class SoftCELoss(nn.Module):
    """−Σ_c p_t log p_s (times T²), the soft-label cross-entropy of PaddleClas'
    DistillationCELoss (Hinton et al., 2015).

    Args:
        temperature (float): Softening temperature T. Defaults to 1.
        dim (int): Class axis. Defaults to -1.
    """

    def __init__(self, temperature: float = 1.0, dim: int = -1) -> None:
        super().__init__()
        self.temperature = temperature
        self.dim = dim

    def forward(self, s: torch.Tensor, t: torch.Tensor,
                mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Args:
            s (Tensor): Student logits, e.g. (N, C).
            t (Tensor): Teacher logits, same shape.
            mask (Tensor, optional): Valid positions, ``s.shape`` without the class axis.

        Returns:
            Tensor: Scalar loss.
        """
        log_ps = log_probs(s, 'softmax', self.dim, self.temperature)
        pt = log_probs(t, 'softmax', self.dim, self.temperature).exp()
        return masked_mean(-(pt * log_ps).sum(self.dim), mask) * self.temperature**2

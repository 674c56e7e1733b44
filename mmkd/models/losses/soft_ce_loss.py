"""Cross-entropy against a teacher's soft labels."""
from typing import Optional

import torch

from mmkd.registry import MODELS
from .utils import SoftenedLoss, masked_mean


@MODELS.register_module()
class SoftCELoss(SoftenedLoss):
    """−Σ_c p_t log p_s (times T²), the soft-label cross-entropy of PaddleClas'
    DistillationCELoss (Hinton et al., 2015).

    Args:
        temperature (float): Softening temperature T. Defaults to 1.
        dim (int): Class axis. Defaults to -1.
    """

    def forward(self, s: torch.Tensor, t: torch.Tensor,
                mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Args:
            s (Tensor): Student logits, e.g. (N, C).
            t (Tensor): Teacher logits, same shape.
            mask (Tensor, optional): Valid positions, ``s.shape`` without the class axis.

        Returns:
            Tensor: Scalar loss.
        """
        log_ps = self.log_probs(s)
        pt = self.log_probs(t).exp()
        return masked_mean(-(pt * log_ps).sum(self.dim), mask) * self.temperature**2

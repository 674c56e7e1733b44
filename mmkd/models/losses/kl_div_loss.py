"""Hinton knowledge-distillation loss."""
from typing import Optional

import torch

from mmkd.registry import MODELS
from .utils import SoftenedLoss, masked_mean


@MODELS.register_module()
class KLDivLoss(SoftenedLoss):
    """KL divergence between temperature-softened distributions, times T².

    ``T² · Σ_c p_t (log p_t − log p_s)`` with ``p = softmax(x / T)`` along ``dim``, summed over
    classes and averaged over the remaining positions (samples; or the valid ones of ``mask``).
    Hinton et al., "Distilling the Knowledge in a Neural Network", 2015.

    Args:
        temperature (float): Softening temperature T. Defaults to 1.
        dim (int): The class axis. Defaults to -1.
    """

    def forward(self, s: torch.Tensor, t: torch.Tensor,
                mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Args:
            s (Tensor): Student logits, e.g. (N, C) or (N, L, C).
            t (Tensor): Teacher logits, same shape.
            mask (Tensor, optional): Valid positions, ``s.shape`` without the class axis.

        Returns:
            Tensor: Scalar loss.
        """
        log_ps = self.log_probs(s)
        log_pt = self.log_probs(t)
        kl = (log_pt.exp() * (log_pt - log_ps)).sum(self.dim)
        return masked_mean(kl, mask) * self.temperature**2

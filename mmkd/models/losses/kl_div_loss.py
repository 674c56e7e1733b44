"""Hinton knowledge-distillation loss."""
from typing import Optional

import torch
from torch import nn

from mmkd.registry import MODELS
from .utils import log_probs, masked_mean


@MODELS.register_module()
class KLDivLoss(nn.Module):
    """KL divergence between temperature-softened distributions, times T².

    ``T² · Σ_c p_t (log p_t − log p_s)`` with ``p = softmax(x / T)`` along ``dim``, summed over
    classes and averaged over the remaining positions (samples; or the valid ones of ``mask``).
    Hinton et al., "Distilling the Knowledge in a Neural Network", 2015.

    Args:
        temperature (float): Softening temperature T. Defaults to 1.
        dim (int): The class axis. Defaults to -1.
    """

    def __init__(self, temperature: float = 1.0, dim: int = -1) -> None:
        super().__init__()
        if temperature <= 0:
            raise ValueError(f'KLDivLoss: temperature must be > 0, got {temperature}.')
        self.temperature = temperature
        self.dim = dim

    def forward(self, s: torch.Tensor, t: torch.Tensor,
                mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Args:
            s (Tensor): Student logits, e.g. (N, C) or (N, L, C).
            t (Tensor): Teacher logits, same shape.
            mask (Tensor, optional): Valid positions, ``s.shape`` without the class axis.

        Returns:
            Tensor: Scalar loss.
        """
        log_ps = log_probs(s, 'softmax', self.dim, self.temperature)
        log_pt = log_probs(t, 'softmax', self.dim, self.temperature)
        kl = (log_pt.exp() * (log_pt - log_ps)).sum(self.dim)
        return masked_mean(kl, mask) * self.temperature**2

"""Cosine hint loss: a feature-direction loss, registered from outside mmkd."""
import torch
import torch.nn.functional as F
from torch import nn

from mmkd.registry import MODELS


@MODELS.register_module()
class CosineHintLoss(nn.Module):
    """``mean_i (1 − cos(s_i, t_i))`` over samples, on features flattened per sample.

    Insensitive to feature scale, so it can pair layers whose magnitudes differ.
    """

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s, t (Tensor): (N, ...) features with the same number of elements per sample.

        Returns:
            Tensor: Scalar in [0, 2].
        """
        return (1 - F.cosine_similarity(s.flatten(1), t.flatten(1), dim=1)).mean()

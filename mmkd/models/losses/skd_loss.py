"""Logit standardisation KD."""
import torch
import torch.nn.functional as F

from mmkd.registry import MODELS
from .utils import SoftenedLoss


def standardise(x: torch.Tensor, multiplier: float, eps: float = 1e-7) -> torch.Tensor:
    """Zero-mean, unit-std logits per sample (layer norm without affine) × ``multiplier``."""
    return (x - x.mean(1, keepdim=True)) / (x.std(1, keepdim=True) + eps) * multiplier


@MODELS.register_module()
class SKDLoss(SoftenedLoss):
    """α·T²·KL(p_t‖p_s) + (1 − α)·CE(z̃_s, y) on standardised logits z̃ = multiplier·(z − μ)/σ.

    Sun et al., "Logit Standardization in Knowledge Distillation", CVPR 2024. Unlabelled
    samples (-1) are left out of the CE term.

    Args:
        temperature (float): T. Defaults to 1.
        multiplier (float): Scale of the standardised logits. Defaults to 2.
        alpha (float): Weight of the KD term. Defaults to 0.9.
    """

    batch_inputs = ('gt_label', )

    def __init__(self, temperature: float = 1.0, multiplier: float = 2.0,
                 alpha: float = 0.9) -> None:
        super().__init__(temperature, dim=1)
        self.multiplier, self.alpha = multiplier, alpha

    def forward(self, s: torch.Tensor, t: torch.Tensor, gt_label: torch.Tensor) -> torch.Tensor:
        """Args:
            s, t (Tensor): Student and teacher logits, (N, C).
            gt_label (Tensor): (N,) class indices, -1 for unlabelled samples.

        Returns:
            Tensor: Scalar loss.
        """
        zs, zt = standardise(s, self.multiplier), standardise(t, self.multiplier)
        log_ps, log_pt = self.log_probs(zs), self.log_probs(zt)
        kd = (log_pt.exp() * (log_pt - log_ps)).sum(1).mean() * self.temperature**2
        ce = F.cross_entropy(zs, gt_label, ignore_index=-1) if (gt_label >= 0).any() \
            else zs.sum() * 0
        return self.alpha * kd + (1 - self.alpha) * ce

"""Weighted soft labels."""
import torch
import torch.nn.functional as F

from mmkd.registry import MODELS
from .utils import SoftenedLoss


@MODELS.register_module()
class WSLLoss(SoftenedLoss):
    """T² · mean_i [w_i · (−Σ_c p_t log p_s)], w_i = max(0, 1 − exp(−CE_s,i / CE_t,i)).

    The cross-entropies CE_s, CE_t of the (detached) student and teacher logits against the
    labels weight each sample's soft-label loss (Zhou et al., "Rethinking Soft Labels for
    Knowledge Distillation: A Bias-Variance Tradeoff Perspective", ICLR 2021).

    Args:
        temperature (float): T. Defaults to 1 (PaddleClas uses 2).
    """

    batch_inputs = ('gt_label', )

    def __init__(self, temperature: float = 1.0) -> None:
        super().__init__(temperature, dim=1)

    def forward(self, s: torch.Tensor, t: torch.Tensor, gt_label: torch.Tensor) -> torch.Tensor:
        """Args:
            s, t (Tensor): Student and teacher logits, (N, C).
            gt_label (Tensor): (N,) class indices; unlabelled (-1) samples get weight 1.

        Returns:
            Tensor: Scalar loss.
        """
        label = gt_label.clamp(min=0)
        ce_s = F.cross_entropy(s.detach(), label, reduction='none')
        ce_t = F.cross_entropy(t.detach(), label, reduction='none')
        w = (1 - torch.exp(-ce_s / ce_t.clamp(min=1e-7))).clamp(min=0)
        w = torch.where(gt_label >= 0, w, torch.ones_like(w))
        soft = -(self.log_probs(t).exp() * self.log_probs(s)).sum(1)
        return (w * soft).mean() * self.temperature**2

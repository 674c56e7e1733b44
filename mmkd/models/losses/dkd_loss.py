"""Decoupled knowledge distillation."""
import torch
import torch.nn.functional as F

from mmkd.registry import MODELS
from .utils import SoftenedLoss


@MODELS.register_module()
class DKDLoss(SoftenedLoss):
    """α·TCKD + β·NCKD, both × T² (Zhao et al., "Decoupled Knowledge Distillation", CVPR 2022).

    TCKD is the KL between the binary (target, non-target) probabilities of teacher and student;
    NCKD the KL between their distributions over the non-target classes (the target logit is
    lowered by 1000 before the softmax). Samples without a label (-1) use the teacher's argmax.

    Args:
        temperature (float): T. Defaults to 1.
        alpha (float): TCKD weight. Defaults to 1.
        beta (float): NCKD weight. Defaults to 1 (PaddleOCR v4 uses 2).
    """

    batch_inputs = ('gt_label', )

    def __init__(self, temperature: float = 1.0, alpha: float = 1.0, beta: float = 1.0) -> None:
        super().__init__(temperature, dim=1)
        self.alpha, self.beta = alpha, beta

    def forward(self, s: torch.Tensor, t: torch.Tensor, gt_label: torch.Tensor) -> torch.Tensor:
        """Args:
            s, t (Tensor): Student and teacher logits, (N, C).
            gt_label (Tensor): (N,) class indices, -1 for unlabelled samples.

        Returns:
            Tensor: Scalar loss.
        """
        label = torch.where(gt_label >= 0, gt_label, t.argmax(1))
        gt = F.one_hot(label, s.shape[1]).to(s.dtype)
        ps, pt = self.log_probs(s).exp(), self.log_probs(t).exp()
        bs = torch.stack([(ps * gt).sum(1), (ps * (1 - gt)).sum(1)], 1).clamp(min=1e-12)
        bt = torch.stack([(pt * gt).sum(1), (pt * (1 - gt)).sum(1)], 1).clamp(min=1e-12)
        tckd = (bt * (bt.log() - bs.log())).sum(1).mean()
        log_ps_nt = self.log_probs(s - 1000.0 * self.temperature * gt)
        log_pt_nt = self.log_probs(t - 1000.0 * self.temperature * gt)
        nckd = (log_pt_nt.exp() * (log_pt_nt - log_ps_nt)).sum(1).mean()
        return (self.alpha * tckd + self.beta * nckd) * self.temperature**2

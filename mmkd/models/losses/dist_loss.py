"""DIST: relation-based distillation with Pearson correlation."""
import torch
import torch.nn.functional as F

from mmkd.registry import MODELS
from .utils import SoftenedLoss


def pearson_rows(a: torch.Tensor, b: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Pearson correlation of each row of ``a`` with the same row of ``b``: (N, C) -> (N,)."""
    return F.cosine_similarity(a - a.mean(1, keepdim=True), b - b.mean(1, keepdim=True), 1, eps)


@MODELS.register_module()
class DISTLoss(SoftenedLoss):
    """T²·[β·(1 − mean_i ρ(p_s[i,:], p_t[i,:])) + γ·(1 − mean_c ρ(p_s[:,c], p_t[:,c]))].

    Inter-class (rows) and intra-class (columns) Pearson correlation ρ of softmax(x/T) outputs.
    Huang et al., "Knowledge Distillation from A Stronger Teacher", NeurIPS 2022.

    Args:
        beta (float): Inter-class weight. Defaults to 1.
        gamma (float): Intra-class weight. Defaults to 1.
        temperature (float): T. Defaults to 1.
    """

    def __init__(self, beta: float = 1.0, gamma: float = 1.0, temperature: float = 1.0) -> None:
        super().__init__(temperature, dim=1)
        self.beta, self.gamma = beta, gamma

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s, t (Tensor): Student and teacher logits, (N, C).

        Returns:
            Tensor: Scalar loss.
        """
        ps, pt = self.log_probs(s).exp(), self.log_probs(t).exp()
        inter = 1 - pearson_rows(ps, pt).mean()
        intra = 1 - pearson_rows(ps.t(), pt.t()).mean()
        return (self.beta * inter + self.gamma * intra) * self.temperature**2

"""Relational KD, angle term."""
import torch
import torch.nn.functional as F

from mmkd.registry import MODELS
from .utils import RelationalLoss


@MODELS.register_module()
class RKDAngleLoss(RelationalLoss):
    """SmoothL1 between the cosines of the angles e_i − e_j, e_k − e_j of all triplets, for
    student and teacher embeddings (Park et al., "Relational Knowledge Distillation",
    CVPR 2019). Embedding sizes may differ.

    Args:
        l2_norm (bool): L2-normalise each embedding first (MMRazor's default). Defaults to True.
    """

    @staticmethod
    def angles(e: torch.Tensor) -> torch.Tensor:
        """(N, D) -> (N·N·N,) cosines: entry [j, i, k] = cos∠(e_i − e_j, e_k − e_j)."""
        diff = F.normalize(e.unsqueeze(0) - e.unsqueeze(1), dim=2)  # [j, i] = e_i - e_j
        return torch.bmm(diff, diff.transpose(1, 2)).flatten()

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s (Tensor): (N, ...) student embeddings; t (Tensor): (N, ...) teacher ones.

        Returns:
            Tensor: Scalar loss.
        """
        return F.smooth_l1_loss(self.angles(self.embed(s)),
                                self.angles(self.embed(t)))

"""Relational KD, distance term."""
import torch
import torch.nn.functional as F

from mmkd.registry import MODELS
from .utils import RelationalLoss


@MODELS.register_module()
class RKDDistanceLoss(RelationalLoss):
    """SmoothL1 between the pairwise-distance matrices of student and teacher embeddings, each
    divided by its mean off-diagonal distance (Park et al., "Relational Knowledge
    Distillation", CVPR 2019). Embedding sizes may differ.

    Args:
        l2_norm (bool): L2-normalise each embedding first (MMRazor's default). Defaults to True.
    """

    @staticmethod
    def distances(e: torch.Tensor) -> torch.Tensor:
        """(N, D) -> (N, N) Euclidean distances over mean off-diagonal distance."""
        d = (e.unsqueeze(0) - e.unsqueeze(1)).pow(2).sum(-1).clamp(min=1e-12).sqrt()
        d = d * (1 - torch.eye(len(e), device=e.device, dtype=e.dtype))
        return d / (d.sum() / (len(e) * (len(e) - 1))).clamp(min=1e-12)

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s (Tensor): (N, ...) student embeddings; t (Tensor): (N, ...) teacher ones.

        Returns:
            Tensor: Scalar loss (mean over the N×N entries).
        """
        return F.smooth_l1_loss(self.distances(self.embed(s)),
                                self.distances(self.embed(t)))

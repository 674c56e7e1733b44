"""Channel-wise distillation for dense prediction."""
import torch

from mmkd.registry import MODELS
from .utils import SoftenedLoss


@MODELS.register_module()
class CWDLoss(SoftenedLoss):
    """Channel-wise divergence: each channel's activations, softened over the spatial positions.

    For every sample n and channel c, ``q = softmax(x[n, c] / τ)`` over the H·W positions; the
    loss is ``τ² · Σ_{n,c} KL(q_t ‖ q_s) / (N · C)``. Shu et al., "Channel-wise Knowledge
    Distillation for Dense Prediction", ICCV 2021 (MMRazor's form). PaddleSlim's
    SegChannelwiseLoss differs: softmax along the last axis (W) only, no temperature.

    Args:
        temperature (float): τ. Defaults to 1 (MMRazor's Cityscapes recipe).
    """

    def __init__(self, temperature: float = 1.0) -> None:
        super().__init__(temperature, dim=-1)

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s (Tensor): Student map (N, C, H, W), e.g. logits or a connected feature.
            t (Tensor): Teacher map, same shape.

        Returns:
            Tensor: Scalar loss.
        """
        n, c = s.shape[:2]
        log_qs = self.log_probs(s.flatten(2))
        log_qt = self.log_probs(t.flatten(2))
        kl = (log_qt.exp() * (log_qt - log_qs)).sum()
        return kl * self.temperature**2 / (n * c)

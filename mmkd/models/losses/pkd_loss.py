"""Pearson-correlation feature distillation (PKD)."""
import torch
import torch.nn.functional as F
from torch import nn

from mmkd.registry import MODELS


def standardise_channels(x: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    """Each channel to zero mean and unit variance over (N, H, W)."""
    flat = x.transpose(0, 1).reshape(x.shape[1], -1)
    mean, std = flat.mean(1), flat.std(1)
    return (x - mean[None, :, None, None]) / (std[None, :, None, None] + eps)


@MODELS.register_module()
class PKDLoss(nn.Module):
    """MSE between per-channel standardised feature maps, divided by 2 — i.e. 1 − Pearson
    correlation per channel (Cao et al., "PKD: General Distillation Framework for Object
    Detectors via Pearson Correlation Coefficient", NeurIPS 2022). The student's map is resized
    to the teacher's H×W when they differ; channels must match (use a connector).
    """

    same_shape = False

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s (Tensor): (N, C, H_s, W_s).
            t (Tensor): (N, C, H, W).

        Returns:
            Tensor: Scalar loss.
        """
        if s.shape[1] != t.shape[1]:
            raise ValueError(f'PKDLoss: channels differ, {s.shape[1]} vs {t.shape[1]}; add a '
                             'ConvConnector.')
        if s.shape[2:] != t.shape[2:]:
            s = F.interpolate(s, size=t.shape[2:], mode='bilinear', align_corners=False)
        return F.mse_loss(standardise_channels(s), standardise_channels(t)) / 2

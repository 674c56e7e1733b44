"""Attention transfer."""
import torch
import torch.nn.functional as F
from torch import nn

from mmkd.registry import MODELS


def attention_map(x: torch.Tensor) -> torch.Tensor:
    """normalise(mean_c x²), flattened: (N, C, H, W) -> (N, H·W)."""
    return F.normalize(x.pow(2).mean(1).flatten(1), dim=1)


@MODELS.register_module()
class ATLoss(nn.Module):
    """mean (a(s) − a(t))² with spatial attention maps a (Zagoruyko & Komodakis, "Paying More
    Attention to Attention", ICLR 2017). Channel counts may differ.

    Args:
        resize (bool): Resize the student's map to the teacher's spatial size (bilinear) when
            they differ; else a size mismatch is an error. Defaults to True.
    """

    same_shape = False

    def __init__(self, resize: bool = True) -> None:
        super().__init__()
        self.resize = resize

    def forward(self, s: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Args:
            s (Tensor): Student feature map (N, C_s, H_s, W_s).
            t (Tensor): Teacher feature map (N, C_t, H, W).

        Returns:
            Tensor: Scalar, mean over samples and positions.
        """
        if s.shape[2:] != t.shape[2:]:
            if not self.resize:
                raise ValueError(f'ATLoss: spatial sizes differ, {tuple(s.shape[2:])} vs '
                                 f'{tuple(t.shape[2:])}; set resize=True.')
            s = F.interpolate(s, size=t.shape[2:], mode='bilinear', align_corners=False)
        return (attention_map(s) - attention_map(t)).pow(2).mean()

"""1×1 convolution connector."""
import torch
from torch import nn

from mmkd.registry import MODELS


@MODELS.register_module()
class ConvConnector(nn.Module):
    """Maps a feature map to another channel count with a 1×1 conv (+ BatchNorm).

    Trained with the student, saved in the distillation checkpoint, dropped at conversion.

    Args:
        in_channels (int): Channels of the input (N, C_in, H, W).
        out_channels (int): Channels of the output (N, C_out, H, W).
        norm (bool): Add BatchNorm2d after the conv. Defaults to True.
    """

    def __init__(self, in_channels: int, out_channels: int, norm: bool = True) -> None:
        super().__init__()
        self.in_channels = in_channels
        self.conv = nn.Conv2d(in_channels, out_channels, 1, bias=not norm)
        self.bn = nn.BatchNorm2d(out_channels) if norm else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N, C_in, H, W) -> (N, C_out, H, W)."""
        if x.dim() != 4 or x.shape[1] != self.in_channels:
            raise ValueError(f'ConvConnector expects (N, {self.in_channels}, H, W), got '
                             f'{tuple(x.shape)}; set in_channels to the recorded tensor\'s '
                             'channel count.')
        return self.bn(self.conv(x))

"""The generator of masked generative distillation."""
import torch
from torch import nn

from mmkd.registry import MODELS


@MODELS.register_module()
class MGDConnector(nn.Module):
    """Align (1×1 conv if channels differ) → random mask → generator (conv3×3-ReLU-conv3×3).

    Yang et al., "Masked Generative Distillation", ECCV 2022. Pair with ``MGDLoss``; trained with
    the student, dropped at conversion.

    Args:
        student_channels (int): C_s of the student feature (N, C_s, H, W).
        teacher_channels (int): C_t of the teacher feature (N, C_t, H, W).
        lambda_mgd (float): Fraction masked out. Defaults to 0.65 (paper); PaddleClas 0.15.
        mask_on (str): ``'spatial'`` (a mask per position, paper) or ``'channel'`` (a mask per
            channel, PaddleClas classification). Defaults to ``'spatial'``.
    """

    def __init__(self, student_channels: int, teacher_channels: int, lambda_mgd: float = 0.65,
                 mask_on: str = 'spatial') -> None:
        super().__init__()
        if mask_on not in ('spatial', 'channel'):
            raise ValueError(f"MGDConnector: mask_on must be 'spatial' or 'channel', got "
                             f'{mask_on!r}.')
        self.lambda_mgd, self.mask_on = lambda_mgd, mask_on
        self.align = nn.Conv2d(student_channels, teacher_channels, 1) \
            if student_channels != teacher_channels else nn.Identity()
        self.generation = nn.Sequential(
            nn.Conv2d(teacher_channels, teacher_channels, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(teacher_channels, teacher_channels, 3, padding=1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(N, C_s, H, W) -> generated (N, C_t, H, W)."""
        x = self.align(x)
        n, c, h, w = x.shape
        shape = (n, 1, h, w) if self.mask_on == 'spatial' else (n, c, 1, 1)
        keep = (torch.rand(shape, device=x.device) >= self.lambda_mgd).to(x.dtype)
        return self.generation(x * keep)

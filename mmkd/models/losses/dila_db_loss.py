"""DilaDB: a DB teacher's dilated shrink map as the DB student's target."""
from typing import Sequence

import torch
import torch.nn.functional as F
from torch import nn

from mmkd.registry import MODELS


def dilate_2x2(x: torch.Tensor) -> torch.Tensor:
    """Binary dilation with a 2×2 kernel anchored at its bottom-right cell (OpenCV's anchor):
    ``out[i, j] = max(x[i-1:i+1, j-1:j+1])``. (N, H, W) -> (N, H, W)."""
    return F.max_pool2d(F.pad(x[:, None], (1, 0, 1, 0)), 2, stride=1)[:, 0]


@MODELS.register_module()
class DilaDBLoss(nn.Module):
    """The teacher's shrink map > ``threshold``, dilated 2×2 (no gradient), taught to the
    student's shrink map (masked balanced BCE with 3:1 hard negatives, × ``alpha``) and binary
    map (masked Dice), inside the DB ground truth's shrink mask. PaddleOCR's DistillationDilaDBLoss
    (PP-OCRv3, Li et al. 2022); the map losses are mmocr's own.

    Route it with ``keys=(['shrink', 'binary'], 'shrink')``: the student's shrink logits and
    binary map, the teacher's shrink logits.

    Args:
        alpha (float): Weight of the shrink-map term. Defaults to 5.
        threshold (float): Binarisation threshold of the teacher's probabilities. Defaults to 0.3.
        negative_ratio (float): Hard negatives per positive in the BCE. Defaults to 3.
    """

    same_shape = False
    batch_inputs = ('db_shrink_mask', )

    def __init__(self, alpha: float = 5.0, threshold: float = 0.3,
                 negative_ratio: float = 3.0) -> None:
        super().__init__()
        from mmocr.models.common.losses import MaskedBalancedBCEWithLogitsLoss, MaskedDiceLoss
        self.alpha = alpha
        self.threshold = threshold
        self.bce = MaskedBalancedBCEWithLogitsLoss(negative_ratio=negative_ratio)
        self.dice = MaskedDiceLoss()

    def forward(self, s: Sequence[torch.Tensor], t: torch.Tensor,
                db_shrink_mask: torch.Tensor) -> torch.Tensor:
        """Args:
            s (tuple[Tensor, Tensor]): Student shrink-map logits (N, 1, H, W) or (N, H, W) and
                binary map (N, H, W).
            t (Tensor): Teacher shrink-map logits, (N, 1, H, W) or (N, H, W).
            db_shrink_mask (Tensor): Pixels the DB loss counts (0 on ignored text), (N, H, W).

        Returns:
            Tensor: Scalar loss.
        """
        logits, binary = s
        shape = binary.shape
        with torch.no_grad():
            target = dilate_2x2((t.reshape(shape).sigmoid() > self.threshold).float())
        mask = db_shrink_mask.reshape(shape).float()
        return self.alpha * self.bce(logits.reshape(shape), target, mask) + \
            self.dice(binary, target, mask)

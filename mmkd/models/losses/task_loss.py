"""The sub-networks' own training losses, inside a distiller."""
from typing import Dict

import torch
from torch import nn

from mmkd.registry import MODELS


@MODELS.register_module()
class TaskLoss(nn.Module):
    """Marks sub-networks to be trained with their upstream loss against the labels.

    The distiller runs each named model in its upstream ``loss`` mode (CE for mmpretrain
    classifiers, CTC for CRNN, DB loss, decode-head CE ...), so the upstream loss modules are
    used unchanged. This module only weights what they return: every entry whose key contains
    ``'loss'`` is multiplied by the route's weight; other entries (accuracies) pass through.
    """

    pairwise = False

    def forward(self, losses: Dict[str, torch.Tensor], weight: float = 1.0) -> Dict:
        """Args:
            losses (dict): One model's upstream loss dict.
            weight (float): The route's weight.

        Returns:
            dict: The weighted loss dict.
        """
        out = {}
        for k, v in losses.items():
            if 'loss' in k:
                v = [x * weight for x in v] if isinstance(v, (list, tuple)) else v * weight
            out[k] = v
        return out

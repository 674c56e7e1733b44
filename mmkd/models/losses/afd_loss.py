"""Attention-based feature distillation (AFD): the loss."""
from typing import Tuple

import torch
from torch import nn

from mmkd.models.connectors.afd_connectors import afd_attention
from mmkd.registry import MODELS


@MODELS.register_module()
class AFDLoss(nn.Module):
    """Σ_t mean_n Σ_s α[n,t,s] · mean_hw (v_s[t][n,s] − v_t[t][n])² over all (student layer,
    teacher layer) pairs, with attention α from teacher queries and student keys (Ji et al.,
    "Show, Attend and Distill", AAAI 2021). Inputs come from ``AFDStudentConnector`` and
    ``AFDTeacherConnector`` on a route with ``keys=([student keys], [teacher keys])``.
    """

    same_shape = False

    def forward(self, s: Tuple, t: Tuple) -> torch.Tensor:
        """Args:
            s (tuple): The student connector's (keys, values, position embedding).
            t (tuple): The teacher connector's (query, values, position embedding).

        Returns:
            Tensor: Scalar loss.
        """
        (key, s_values, pos_s), (query, t_values, pos_t) = s, t
        att = afd_attention(key, query, pos_s, pos_t)
        loss = 0
        for i, (vs, vt) in enumerate(zip(s_values, t_values)):
            diff = (vs - vt.unsqueeze(1)).pow(2).mean(2)  # (N, L_s)
            loss = loss + (diff * att[:, i]).sum(1).mean()
        return loss

"""The trainable attention transforms of AFD, one connector per side."""
import math
from typing import List, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from mmkd.registry import MODELS


def _linear_bn(cin: int, cout: int, relu: bool) -> nn.Sequential:
    layers = [nn.Linear(cin, cout), nn.BatchNorm1d(cout)]
    return nn.Sequential(*layers, nn.ReLU()) if relu else nn.Sequential(*layers)


def spatial_energy(x: torch.Tensor) -> torch.Tensor:
    """normalise(mean_c x²) per sample: (N, C, H, W) -> (N, H·W)."""
    return F.normalize(x.pow(2).mean(1).flatten(1), dim=1)


@MODELS.register_module()
class AFDTeacherConnector(nn.Module):
    """Queries from the teacher's layers (Ji et al., "Show, Attend and Distill: Knowledge
    Distillation via Attention-based Feature Matching", AAAI 2021).

    Args:
        teacher_channels (Sequence[int]): C of each teacher feature map.
        qk_dim (int): Query/key size. Defaults to 128.

    Returns (forward): ``(query (N, L_t, qk), [values (N, H_t·W_t)] per teacher layer,
    position embedding (L_t, qk))``.
    """

    def __init__(self, teacher_channels: Sequence[int], qk_dim: int = 128) -> None:
        super().__init__()
        self.query = nn.ModuleList(_linear_bn(c, qk_dim, relu=False) for c in teacher_channels)
        self.pos = nn.Parameter(nn.init.xavier_normal_(torch.empty(len(teacher_channels),
                                                                   qk_dim)))

    def forward(self, feats: List[torch.Tensor]) -> Tuple:
        query = torch.stack([q(f.mean((2, 3))) for q, f in zip(self.query, feats)], 1)
        return query, [spatial_energy(f) for f in feats], self.pos


@MODELS.register_module()
class AFDStudentConnector(nn.Module):
    """Keys and resampled values from the student's layers (AFD, see AFDTeacherConnector).

    Args:
        student_channels (Sequence[int]): C of each student feature map.
        teacher_sizes (Sequence[Sequence[int]]): (H, W) of each teacher feature map.
        qk_dim (int): Query/key size. Defaults to 128.

    Returns (forward): ``(keys (N, L_s, L_t, qk), [values (N, L_s, H_t·W_t)] per teacher
    layer, position embedding (L_s, qk))``.
    """

    def __init__(self, student_channels: Sequence[int], teacher_sizes: Sequence[Sequence[int]],
                 qk_dim: int = 128) -> None:
        super().__init__()
        self.teacher_sizes = [tuple(s) for s in teacher_sizes]
        self.qk_dim = qk_dim
        self.key = nn.ModuleList(_linear_bn(c, qk_dim, relu=True) for c in student_channels)
        self.bilinear = _linear_bn(qk_dim, qk_dim * len(teacher_sizes), relu=False)
        self.pos = nn.Parameter(nn.init.xavier_normal_(torch.empty(len(student_channels),
                                                                   qk_dim)))

    def forward(self, feats: List[torch.Tensor]) -> Tuple:
        n, ls, lt = feats[0].shape[0], len(feats), len(self.teacher_sizes)
        key = torch.stack([k(f.mean((2, 3))) for k, f in zip(self.key, feats)], 1)
        key = self.bilinear(key.flatten(0, 1)).view(n, ls, lt, self.qk_dim)
        values = [torch.stack([spatial_energy(F.adaptive_avg_pool2d(f, size)) for f in feats], 1)
                  for size in self.teacher_sizes]
        return key, values, self.pos


def afd_attention(key: torch.Tensor, query: torch.Tensor, pos_s: torch.Tensor,
                  pos_t: torch.Tensor) -> torch.Tensor:
    """softmax over student layers of (key·query + pos_t·pos_sᵀ)/√qk: (N, L_t, L_s)."""
    logit = torch.einsum('bstq,btq->bts', key, query) + pos_t @ pos_s.t()
    return torch.softmax(logit / math.sqrt(key.shape[-1]), dim=2)

"""Deep mutual learning loss."""
from typing import Optional

import torch
from torch import nn

from mmkd.registry import MODELS
from .utils import check_act, log_probs, masked_mean


def _bernoulli_kl(log_p, log_1p, log_q, log_1q):
    """Element-wise KL(Bernoulli(p) ‖ Bernoulli(q)) from log-probabilities."""
    return log_p.exp() * (log_p - log_q) + log_1p.exp() * (log_1p - log_1q)


@MODELS.register_module()
class DMLLoss(nn.Module):
    """Symmetric KL between two models' predictions: ½ [KL(p_s‖p_t) + KL(p_t‖p_s)].

    Zhang et al., "Deep Mutual Learning", CVPR 2018. Always a scalar (the per-sample vector of
    PaddleOCR's KLJSLoss multiplies the loss by N at backward).

    Args:
        act (str): ``'softmax'`` (logits, distribution along ``dim``), ``'sigmoid'`` (logits of
            independent binary outputs, e.g. a text shrink map) or ``'none'`` (inputs already
            probabilities). Defaults to ``'softmax'``.
        dim (int): Class axis for categorical distributions. Defaults to -1.
        binary (bool, optional): Treat each element as a Bernoulli probability. Defaults to
            True for ``'sigmoid'``, False otherwise.
    """

    def __init__(self, act: str = 'softmax', dim: int = -1, binary: Optional[bool] = None) -> None:
        super().__init__()
        self.act = check_act(act)
        self.dim = dim
        self.binary = act == 'sigmoid' if binary is None else binary
        if act == 'softmax' and self.binary:
            raise ValueError('DMLLoss: binary=True needs act sigmoid or none.')

    def _binary_logs(self, x):
        if self.act == 'sigmoid':
            return torch.nn.functional.logsigmoid(x), torch.nn.functional.logsigmoid(-x)
        x = x.clamp(1e-7, 1 - 1e-7)
        return x.log(), (1 - x).log()

    def forward(self, s: torch.Tensor, t: torch.Tensor,
                mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Args:
            s, t (Tensor): The two predictions, same shape ((N, C), (N, L, C), (N, H, W) ...).
            mask (Tensor, optional): Valid positions: ``s.shape`` without the class axis
                (categorical) or ``s.shape`` (binary).

        Returns:
            Tensor: Scalar loss; categorical: summed over classes, mean over valid positions;
            binary: mean over valid elements.
        """
        if self.binary:
            a, b = self._binary_logs(s), self._binary_logs(t)
            kl = 0.5 * (_bernoulli_kl(*a, *b) + _bernoulli_kl(*b, *a))
            return masked_mean(kl, mask)
        log_ps = log_probs(s, self.act, self.dim)
        log_pt = log_probs(t, self.act, self.dim)
        kl = 0.5 * ((log_ps.exp() - log_pt.exp()) * (log_ps - log_pt)).sum(self.dim)
        return masked_mean(kl, mask)

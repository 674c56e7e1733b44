"""Jensen-Shannon divergence loss (SSLD)."""
import math
from typing import Optional

import torch

from mmkd.registry import MODELS
from .utils import SoftenedLoss, masked_mean


@MODELS.register_module()
class JSDivLoss(SoftenedLoss):
    """½ [KL(p_s‖m) + KL(p_t‖m)] with m = (p_s + p_t) / 2, times T².

    The symmetric, bounded divergence PaddleClas names as the SSLD loss (Cui et al., "Beyond
    Self-Supervision: A Simple Yet Effective Network Distillation Alternative...", 2021).

    Args:
        temperature (float): Softening temperature T. Defaults to 1.
        dim (int): Class axis. Defaults to -1.
    """

    def forward(self, s: torch.Tensor, t: torch.Tensor,
                mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Args:
            s, t (Tensor): Logits of the same shape, e.g. (N, C).
            mask (Tensor, optional): Valid positions, ``s.shape`` without the class axis.

        Returns:
            Tensor: Scalar loss (at most ln 2 · T²).
        """
        log_ps = self.log_probs(s)
        log_pt = self.log_probs(t)
        log_m = torch.logaddexp(log_ps, log_pt) - math.log(2.0)
        js = 0.5 * (log_ps.exp() * (log_ps - log_m) + log_pt.exp() * (log_pt - log_m))
        return masked_mean(js.sum(self.dim), mask) * self.temperature**2

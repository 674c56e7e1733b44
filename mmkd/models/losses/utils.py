"""Helpers shared by the distillation losses."""
from typing import Optional

import torch
import torch.nn.functional as F

ACTS = ('softmax', 'sigmoid', 'none')


def masked_mean(values: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:
    """Mean of ``values`` over the positions where ``mask`` is true (all when None).

    Args:
        values (Tensor): Per-position values, any shape.
        mask (Tensor, optional): Same shape as ``values`` (or broadcastable), bool or 0/1.

    Returns:
        Tensor: A scalar; 0 (still in the graph) when no position is valid.
    """
    if mask is None:
        return values.mean()
    mask = mask.to(values.dtype).expand_as(values)
    return (values * mask).sum() / mask.sum().clamp(min=1.0)


def log_probs(x: torch.Tensor, act: str, dim: int, temperature: float = 1.0) -> torch.Tensor:
    """Log-probabilities along ``dim`` from logits (``softmax``) or probabilities (``none``)."""
    if act == 'softmax':
        return F.log_softmax(x / temperature, dim=dim)
    if act == 'none':
        return x.clamp(min=1e-10).log()
    raise ValueError(f'act must be one of {ACTS} for a categorical loss, got {act!r}.')


def check_act(act: str) -> str:
    if act not in ACTS:
        raise ValueError(f'act must be one of {ACTS}, got {act!r}.')
    return act


def check_same_shape(s: torch.Tensor, t: torch.Tensor, loss: str) -> None:
    """Pairwise losses need equal shapes; say which and suggest a connector otherwise."""
    if s.shape != t.shape:
        raise ValueError(f'{loss}: the two tensors differ in shape, {tuple(s.shape)} vs '
                         f'{tuple(t.shape)}; add a connector (e.g. ConvConnector) to map one '
                         'onto the other.')


class SoftenedLoss(torch.nn.Module):
    """Base of the losses on temperature-softened class distributions.

    Args:
        temperature (float): Softening temperature T (> 0). Defaults to 1.
        dim (int): The class axis. Defaults to -1.
    """

    def __init__(self, temperature: float = 1.0, dim: int = -1) -> None:
        super().__init__()
        if temperature <= 0:
            raise ValueError(f'{type(self).__name__}: temperature must be > 0, got '
                             f'{temperature}.')
        self.temperature = temperature
        self.dim = dim

    def log_probs(self, x: torch.Tensor) -> torch.Tensor:
        """``log softmax(x / T)`` along the class axis."""
        return log_probs(x, 'softmax', self.dim, self.temperature)


class RelationalLoss(torch.nn.Module):
    """Base of the losses on relations between the samples of a batch (RKD).

    Args:
        l2_norm (bool): L2-normalise each flattened embedding first (MMRazor's default).
            Defaults to True.
    """

    same_shape = False  # student and teacher embeddings may differ in size

    def __init__(self, l2_norm: bool = True) -> None:
        super().__init__()
        self.l2_norm = l2_norm

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """(N, ...) -> (N, D) flattened (and normalised) embeddings."""
        x = x.flatten(1)
        return F.normalize(x, dim=1) if self.l2_norm else x

"""Linear connector."""
import torch
from torch import nn

from mmkd.registry import MODELS


@MODELS.register_module()
class LinearConnector(nn.Module):
    """Maps the last axis to another size with a linear layer.

    Args:
        in_features (int): Size of the input's last axis.
        out_features (int): Size of the output's last axis.
    """

    def __init__(self, in_features: int, out_features: int) -> None:
        super().__init__()
        self.fc = nn.Linear(in_features, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(..., in_features) -> (..., out_features)."""
        if x.shape[-1] != self.fc.in_features:
            raise ValueError(f'LinearConnector expects (..., {self.fc.in_features}), got '
                             f'{tuple(x.shape)}; set in_features to the recorded tensor\'s '
                             'last dimension.')
        return self.fc(x)

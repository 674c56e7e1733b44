"""Values taken from the batch's data samples for losses that need them (e.g. labels).

A loss declares them by name in a ``batch_inputs`` class attribute; the distiller passes each
as a keyword argument of the same name.
"""
from typing import Callable, Dict, List

import torch


def gt_label(data_samples: List) -> torch.Tensor:
    """Single-label ground truth of mmpretrain data samples, (N,) long; -1 where unlabelled."""
    labels = []
    for ds in data_samples or []:
        label = ds.get('gt_label') if hasattr(ds, 'get') else None
        if label is None or (torch.is_tensor(label) and label.numel() == 0):
            labels.append(-1)
        else:
            labels.append(int(label.reshape(-1)[0]) if torch.is_tensor(label) else int(label))
    return torch.tensor(labels, dtype=torch.long)


BATCH_FIELDS: Dict[str, Callable[[List], torch.Tensor]] = {'gt_label': gt_label}

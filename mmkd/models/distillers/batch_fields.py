"""Values taken from the batch's data samples for losses that need them (e.g. labels).

A loss declares them by name in a ``batch_inputs`` class attribute (the distiller passes each
as a keyword argument of the same name); a route's ``mask='<field>'`` passes one as ``mask``.
Each function takes the data samples and the route's first recorded tensor (for shapes).
"""
from typing import Callable, Dict, List

import torch
import torch.nn.functional as F


def gt_label(data_samples: List, ref: torch.Tensor = None) -> torch.Tensor:
    """Single-label ground truth of mmpretrain data samples, (N,) long; -1 where unlabelled."""
    labels = []
    for ds in data_samples or []:
        label = ds.get('gt_label') if hasattr(ds, 'get') else None
        if label is None or (torch.is_tensor(label) and label.numel() == 0):
            labels.append(-1)
        else:
            labels.append(int(label.reshape(-1)[0]) if torch.is_tensor(label) else int(label))
    return torch.tensor(labels, dtype=torch.long)


def text_mask(data_samples: List, ref: torch.Tensor) -> torch.Tensor:
    """Valid steps of teacher-forced attention-decoder outputs (N, T, C): (N, T) bool.

    Output step k predicts character k of the text and step L (the text's length) the end
    token; later steps are padding, and the last step is never supervised (mmocr's
    ``CEModuleLoss(ignore_first_char=True)``). Needs ``gt_text.indexes``, which mmocr's module
    losses set while computing the task loss.
    """
    lengths = []
    for ds in data_samples:
        indexes = ds.gt_text.get('indexes') if 'gt_text' in ds else None
        if indexes is None:
            raise KeyError('text_mask needs gt_text.indexes: run the model with a TaskLoss '
                           '(mmocr sets them while computing its loss).')
        lengths.append(min(len(indexes) + 1, ref.shape[1] - 1))
    steps = torch.arange(ref.shape[1])
    return steps[None, :] < torch.tensor(lengths)[:, None]


def seg_valid(data_samples: List, ref: torch.Tensor, ignore_index: int = 255) -> torch.Tensor:
    """Pixels of mmseg data samples whose label is not ``ignore_index`` (255, mmseg's default).

    The ``gt_sem_seg`` maps (N, H, W) are sampled (nearest) onto the spatial grid of ``ref``
    (N, C, h, w), the recorded logits, so the mask is (N, h, w) bool. Samples without a label
    map count as all valid.
    """
    size = ref.shape[2:]
    masks = []
    for ds in data_samples:
        if 'gt_sem_seg' not in ds:
            masks.append(torch.ones(size, dtype=torch.bool))
            continue
        label = ds.gt_sem_seg.data.reshape(1, 1, *ds.gt_sem_seg.data.shape[-2:]).float()
        label = F.interpolate(label, size=size, mode='nearest')[0, 0]
        masks.append(label != ignore_index)
    return torch.stack(masks).to(ref.device)


def db_shrink_mask(data_samples: List, ref: torch.Tensor) -> torch.Tensor:
    """The pixels mmocr's DB loss counts (0 inside ignored or too small text), (N, H, W) float:
    the ``gt_shrink_mask`` of ``DBModuleLoss.get_targets`` (default settings) for mmocr text
    detection data samples. (The DB loss shifts the polygons of kept texts in place; the mask
    depends only on the ignored ones, which it leaves, so computing it after the student's loss
    gives the student's mask.)"""
    global _DB_TARGETS
    if _DB_TARGETS is None:
        from mmocr.models.textdet.module_losses import DBModuleLoss
        _DB_TARGETS = DBModuleLoss()
    return _DB_TARGETS.get_targets(data_samples)[1]


_DB_TARGETS = None

BATCH_FIELDS: Dict[str, Callable[[List, torch.Tensor], torch.Tensor]] = {
    'db_shrink_mask': db_shrink_mask, 'gt_label': gt_label, 'seg_valid': seg_valid,
    'text_mask': text_mask
}

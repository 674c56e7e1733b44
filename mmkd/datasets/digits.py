"""Embedded classification data: scikit-learn's handwritten digits, made harder.

The 1,797 real 8×8 digits that scikit-learn ships are split (stratified, fixed seed) into a
train and a test part and written as 16×16 PNGs into mmpretrain's folder layout
(``train/<class>/*.png``, ``test/<class>/*.png``) with annotation lists ``meta/{train,test}.txt``.
Each digit is rescaled to a random size, placed at a random position, and overlaid with noise and
a distracting stroke, so that a small network is clearly below a larger one. A further render of
every training digit forms an unlabelled split (``unlabeled/*.png``, listed without labels in
``meta/unlabeled.txt``) for semi-supervised distillation (SSLD).
"""
import os
import os.path as osp

import cv2
import numpy as np

from .embedded import register_generator

CLASSES = tuple(str(i) for i in range(10))
SIZE = 16
TRAIN_COPIES = 3


def _render(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One 8×8 digit (values 0-16) -> a distorted 16×16 uint8 image."""
    side = int(rng.integers(9, 15))
    img = cv2.resize(digit.astype(np.float32) / 16.0, (side, side), interpolation=cv2.INTER_LINEAR)
    canvas = np.zeros((SIZE, SIZE), np.float32)
    y, x = rng.integers(0, SIZE - side + 1, size=2)
    canvas[y:y + side, x:x + side] = img
    p0, p1 = rng.integers(0, SIZE, size=(2, 2))  # a distracting stroke
    cv2.line(canvas, tuple(int(v) for v in p0), tuple(int(v) for v in p1),
             float(rng.uniform(0.3, 0.8)), 1)
    canvas += rng.normal(0.0, 0.2, canvas.shape).astype(np.float32)
    return (np.clip(canvas, 0, 1) * 255).astype(np.uint8)


@register_generator('digits', version='2')
def write_digits(root: str, seed: int = 0) -> None:
    """Write the digits dataset into ``root`` (see the module docstring)."""
    from sklearn.datasets import load_digits
    data = load_digits()
    rng = np.random.default_rng(seed)
    test_idx = []
    for c in range(10):  # stratified: a quarter of each class for testing
        idx = np.flatnonzero(data.target == c)
        test_idx += list(rng.choice(idx, size=len(idx) // 4, replace=False))
    test_set = set(int(i) for i in test_idx)
    os.makedirs(osp.join(root, 'meta'))
    lines = {'train': [], 'test': []}
    for i, (img, label) in enumerate(zip(data.images, data.target)):
        split = 'test' if i in test_set else 'train'
        for k in range(TRAIN_COPIES if split == 'train' else 1):
            rel = f'{split}/{label}/{i:04d}_{k}.png'
            os.makedirs(osp.join(root, split, str(label)), exist_ok=True)
            cv2.imwrite(osp.join(root, rel), _render(img, rng))
            lines[split].append(f'{rel} {label}')
    os.makedirs(osp.join(root, 'unlabeled'))
    lines['unlabeled'] = []
    for i, img in enumerate(data.images):
        if i not in test_set:
            rel = f'unlabeled/{i:04d}.png'
            cv2.imwrite(osp.join(root, rel), _render(img, rng))
            lines['unlabeled'].append(rel)
    for split, ls in lines.items():
        with open(osp.join(root, 'meta', f'{split}.txt'), 'w') as f:
            f.write('\n'.join(ls) + '\n')

"""Embedded semantic-segmentation data: textured shapes on cluttered backgrounds.

64×64 RGB images, each with 2-6 shapes of five classes (disc, ring, square, triangle, cross) at
random sizes, positions and angles, drawn in random order so later shapes occlude earlier ones.
Every shape and the background get a random texture (flat colour, stripes, checks or noise), so
colour says nothing about the class; only geometry does. Pixels next to a class boundary (the
uncertain, anti-aliased border) are labelled 255, mmseg's ``ignore_index``. Gaussian noise and
a few distracting lines go on top. Written, with a fixed seed, in mmseg's folder layout
(``img_dir/{train,val}/*.png``, ``ann_dir/{train,val}/*.png``) so mmseg's ``BaseSegDataset``,
transforms and ``IoUMetric`` read it unchanged.
"""
import os
import os.path as osp

import cv2
import numpy as np

from .embedded import register_generator

CLASSES = ('background', 'disc', 'ring', 'square', 'triangle', 'cross')
PALETTE = [[0, 0, 0], [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200],
           [245, 130, 48]]
SIZE = 64
IGNORE = 255
SPLITS = {'train': 4000, 'val': 300}


def _texture(rng: np.random.Generator) -> np.ndarray:
    """A random SIZE×SIZE×3 float texture in [0, 1]."""
    c0, c1 = rng.uniform(0, 1, 3), rng.uniform(0, 1, 3)
    yy, xx = np.mgrid[:SIZE, :SIZE].astype(np.float32)
    kind = rng.integers(4)
    if kind == 0:
        w = np.zeros((SIZE, SIZE), np.float32)
    elif kind == 1:  # stripes at a random angle and period
        a, period = rng.uniform(0, np.pi), rng.uniform(3, 9)
        w = (np.sin((xx * np.cos(a) + yy * np.sin(a)) * 2 * np.pi / period) > 0)
    elif kind == 2:  # checks
        s = int(rng.integers(2, 7))
        w = ((xx // s + yy // s) % 2)
    else:  # blotchy noise
        w = cv2.resize(rng.uniform(0, 1, (8, 8)).astype(np.float32), (SIZE, SIZE))
    w = np.asarray(w, np.float32)[..., None]
    return c0 * (1 - w) + c1 * w


def _shape_mask(cls: int, rng: np.random.Generator) -> np.ndarray:
    """A SIZE×SIZE uint8 mask of one shape of class ``cls`` (1-5)."""
    m = np.zeros((SIZE, SIZE), np.uint8)
    r = float(rng.uniform(6, 15))
    cx, cy = rng.uniform(r * 0.5, SIZE - r * 0.5, 2)
    angle = rng.uniform(0, 2 * np.pi)
    centre = (int(cx), int(cy))
    if cls == 1:
        cv2.circle(m, centre, int(r), 1, -1)
    elif cls == 2:
        cv2.circle(m, centre, int(r), 1, max(2, int(r * 0.35)))
    else:
        if cls == 3:
            t = np.array([0.25, 0.75, 1.25, 1.75]) * np.pi
        elif cls == 4:
            t = np.array([0.5, 1.1667, 1.8333]) * np.pi
        if cls in (3, 4):
            pts = np.stack([cx + r * np.cos(t + angle), cy + r * np.sin(t + angle)], 1)
            cv2.fillPoly(m, [pts.round().astype(np.int32)], 1)
        else:  # cross: two bars
            for a in (angle, angle + np.pi / 2):
                d = np.array([np.cos(a), np.sin(a)]) * r
                p0, p1 = np.array([cx, cy]) - d, np.array([cx, cy]) + d
                cv2.line(m, tuple(p0.round().astype(int)), tuple(p1.round().astype(int)), 1,
                         max(2, int(r * 0.4)))
    return m


def render(rng: np.random.Generator):
    """One (image uint8 H×W×3 BGR, label uint8 H×W) pair."""
    img = _texture(rng)
    label = np.zeros((SIZE, SIZE), np.uint8)
    for _ in range(int(rng.integers(2, 7))):
        cls = int(rng.integers(1, len(CLASSES)))
        m = _shape_mask(cls, rng).astype(bool)
        img[m] = _texture(rng)[m]
        label[m] = cls
    for _ in range(int(rng.integers(0, 3))):  # distracting lines, not objects
        p0, p1 = rng.integers(0, SIZE, (2, 2))
        cv2.line(img, tuple(int(v) for v in p0), tuple(int(v) for v in p1),
                 tuple(float(v) for v in rng.uniform(0, 1, 3)), 1)
    img = img + rng.normal(0, 0.08, img.shape)
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    border = cv2.dilate(label, cross) != cv2.erode(label, cross)
    label[border] = IGNORE
    return (np.clip(img, 0, 1) * 255).astype(np.uint8), label


@register_generator('shapes', version='2')
def write_shapes(root: str, seed: int = 0) -> None:
    """Write the shapes dataset into ``root`` (see the module docstring)."""
    rng = np.random.default_rng(seed)
    for split, n in SPLITS.items():
        for sub in ('img_dir', 'ann_dir'):
            os.makedirs(osp.join(root, sub, split))
        for i in range(n):
            img, label = render(rng)
            cv2.imwrite(osp.join(root, 'img_dir', split, f'{i:04d}.png'), img)
            cv2.imwrite(osp.join(root, 'ann_dir', split, f'{i:04d}.png'), label)

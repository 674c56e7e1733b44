"""Embedded text-detection data: words at random positions, sizes and angles over clutter.

256×256 colour images, each with 2-6 words (the pseudo-words of :mod:`.words`, DejaVu fonts,
14-34 px) rotated by up to ±40°, never overlapping, over textured backgrounds with distracting
lines, circles and blobs, blurred and noisy. Each word's polygon is the rotated quadrilateral
around its ink. Written, with a fixed seed, in mmocr's text-detection annotation format
(``textdet_train.json``, ``textdet_test.json``: ``{"metainfo", "data_list": [{"img_path",
"height", "width", "instances": [{"polygon", "bbox", "bbox_label", "ignore"}]}]}``) so mmocr's
OCRDataset, DB target generation and HmeanIOUMetric are used unchanged.
"""
import json
import os
import os.path as osp

import cv2
import numpy as np

from .embedded import register_generator
from .words import _fonts, _word

SIZE = 256
SPLITS = {'train': 1200, 'test': 200}


def _background(rng: np.random.Generator) -> np.ndarray:
    """A SIZE×SIZE×3 float image in [0, 255]: smooth colour field, stripes and clutter."""
    low = cv2.resize(rng.uniform(0, 255, (4, 4, 3)).astype(np.float32), (SIZE, SIZE),
                     interpolation=cv2.INTER_CUBIC)
    img = np.clip(low, 0, 255)
    if rng.random() < 0.5:
        yy, xx = np.mgrid[:SIZE, :SIZE].astype(np.float32)
        a, period = rng.uniform(0, np.pi), rng.uniform(6, 30)
        img += (np.sin((xx * np.cos(a) + yy * np.sin(a)) * 2 * np.pi / period)[..., None] *
                rng.uniform(10, 40))
    for _ in range(int(rng.integers(3, 10))):  # clutter: lines, rings, blobs
        colour = tuple(float(v) for v in rng.uniform(0, 255, 3))
        p = tuple(int(v) for v in rng.integers(0, SIZE, 2))
        kind = rng.integers(3)
        if kind == 0:
            q = tuple(int(v) for v in rng.integers(0, SIZE, 2))
            cv2.line(img, p, q, colour, int(rng.integers(1, 4)))
        elif kind == 1:
            cv2.circle(img, p, int(rng.integers(5, 40)), colour, int(rng.integers(1, 4)))
        else:
            cv2.ellipse(img, p, tuple(int(v) for v in rng.integers(3, 25, 2)),
                        float(rng.uniform(0, 180)), 0, 360, colour, -1)
    return img


def _word_patch(text: str, font_path: str, size: int):
    """(alpha mask float H×W in [0, 1], ink bbox (x0, y0, x1, y1)) of ``text``."""
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype(font_path, size)
    left, top, right, bottom = font.getbbox(text)
    pad = 2
    w, h = right - left + 2 * pad, bottom - top + 2 * pad
    img = Image.new('L', (w, h), 0)
    ImageDraw.Draw(img).text((pad - left, pad - top), text, fill=255, font=font)
    alpha = np.asarray(img, np.float32) / 255
    ys, xs = np.nonzero(alpha > 0.1)
    return alpha, (xs.min() - 1, ys.min() - 1, xs.max() + 2, ys.max() + 2)


def render(rng: np.random.Generator, fonts: list):
    """One (image uint8 SIZE×SIZE×3, list of polygons as 8 floats) pair."""
    img = _background(rng)
    occupied = np.zeros((SIZE, SIZE), np.uint8)
    polygons = []
    for _ in range(int(rng.integers(2, 7))):
        for _attempt in range(10):
            text = _word(rng)
            alpha, (x0, y0, x1, y1) = _word_patch(text, fonts[int(rng.integers(len(fonts)))],
                                                  int(rng.integers(14, 35)))
            h, w = alpha.shape
            angle = float(rng.uniform(-40, 40))
            m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
            corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
            rotated = corners @ m[:, :2].T + m[:, 2]
            lo, hi = rotated.min(0), rotated.max(0)
            if (hi - lo).max() >= SIZE - 4:
                continue
            offset = rng.uniform(-lo + 2, SIZE - 2 - hi)
            m[:, 2] += offset
            quad = rotated + offset
            region = np.zeros((SIZE, SIZE), np.uint8)
            cv2.fillPoly(region, [quad.round().astype(np.int32)], 1)
            if (region & occupied).any():
                continue
            occupied |= cv2.dilate(region, np.ones((5, 5), np.uint8))
            a = cv2.warpAffine(alpha, m, (SIZE, SIZE))[..., None]
            under = img[region.astype(bool)].mean(0)
            colour = np.where(under > 127, rng.uniform(0, 90, 3), rng.uniform(165, 255, 3))
            img = img * (1 - a) + colour * a
            polygons.append([round(float(v), 1) for v in quad.reshape(-1)])
            break
    img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.3, 1.0)))
    img += rng.normal(0, rng.uniform(4, 16), img.shape)
    return np.clip(img, 0, 255).astype(np.uint8), polygons


@register_generator('textdet', version='1')
def write_textdet(root: str, seed: int = 0) -> None:
    """Write the text-detection images and mmocr annotations into ``root``."""
    rng = np.random.default_rng(seed)
    fonts = _fonts()
    meta = {'dataset_type': 'TextDetDataset', 'task_name': 'textdet',
            'category': [{'id': 0, 'name': 'text'}]}
    for split, n in SPLITS.items():
        os.makedirs(osp.join(root, split))
        data_list = []
        for i in range(n):
            img, polygons = render(rng, fonts)
            rel = f'{split}/{i:05d}.png'
            cv2.imwrite(osp.join(root, rel), img)
            instances = []
            for poly in polygons:
                xs, ys = poly[0::2], poly[1::2]
                instances.append({'polygon': poly, 'bbox': [min(xs), min(ys), max(xs), max(ys)],
                                  'bbox_label': 0, 'ignore': False})
            data_list.append({'img_path': rel, 'height': SIZE, 'width': SIZE,
                              'instances': instances})
        with open(osp.join(root, f'textdet_{split}.json'), 'w') as f:
            json.dump({'metainfo': meta, 'data_list': data_list}, f)

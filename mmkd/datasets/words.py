"""Embedded text-recognition data: word images rendered with the DejaVu fonts matplotlib ships.

Written in mmocr's text-recognition annotation format (``textrecog_train.json``,
``textrecog_test.json``: ``{"metainfo": ..., "data_list": [{"img_path", "instances":
[{"text"}]}]}``) so that mmocr's OCRDataset, transforms and metrics are used unchanged. Words are
pronounceable pseudo-words and random letter/digit strings (lower case, the 36 characters of
mmocr's ``lower_english_digits`` dictionary), drawn in 12 font faces and various sizes and
colours over noisy, textured backgrounds, rotated, sheared and blurred, with a fixed seed.
"""
import json
import os
import os.path as osp

import cv2
import numpy as np

from .embedded import register_generator

CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'
CONSONANTS, VOWELS = 'bcdfghjklmnprstvwz', 'aeiouy'
HEIGHT = 32
SPLITS = {'train': 20000, 'test': 1000}


def _fonts() -> list:
    import matplotlib
    d = osp.join(matplotlib.get_data_path(), 'fonts', 'ttf')
    return sorted(osp.join(d, f) for f in os.listdir(d)
                  if f.startswith('DejaVu') and 'Display' not in f)


def _word(rng: np.random.Generator) -> str:
    if rng.random() < 0.7:  # pseudo-word of 1-4 syllables
        return ''.join(rng.choice(list(CONSONANTS)) + rng.choice(list(VOWELS)) +
                       (rng.choice(list(CONSONANTS)) if rng.random() < 0.4 else '')
                       for _ in range(int(rng.integers(1, 5))))
    return ''.join(rng.choice(list(CHARS), size=int(rng.integers(2, 9))))


def _render(text: str, font_path: str, rng: np.random.Generator) -> np.ndarray:
    """One distorted grey-scale word image of height 32."""
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype(font_path, int(rng.integers(22, 34)))
    left, top, right, bottom = font.getbbox(text)
    pad = int(rng.integers(2, 10))
    w, h = right - left + 2 * pad, bottom - top + 2 * pad
    bg = int(rng.integers(0, 256))
    fg = int((bg + rng.integers(70, 186)) % 256)  # always some contrast
    img = Image.new('L', (w, h), bg)
    ImageDraw.Draw(img).text((pad - left, pad - top), text, fill=fg, font=font)
    arr = np.asarray(img, np.float32)
    yy, xx = np.mgrid[0:h, 0:w]  # a smooth shading gradient
    arr += (xx / max(w, 1) * rng.normal(0, 40) + yy / h * rng.normal(0, 25)).astype(np.float32)
    angle, shear = rng.normal(0, 3), rng.normal(0, 0.15)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    m[0, 1] += shear
    arr = cv2.warpAffine(arr, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
    if rng.random() < 0.5:
        arr = cv2.GaussianBlur(arr, (0, 0), float(rng.uniform(0.5, 1.4)))
    arr += rng.normal(0, rng.uniform(3, 20), arr.shape).astype(np.float32)
    arr = cv2.resize(arr, (max(8, int(w * HEIGHT / h)), HEIGHT), interpolation=cv2.INTER_AREA)
    return np.clip(arr, 0, 255).astype(np.uint8)


@register_generator('words', version='1')
def write_words(root: str, seed: int = 0) -> None:
    """Write the word images and mmocr annotations into ``root`` (see the module docstring)."""
    rng = np.random.default_rng(seed)
    fonts = _fonts()
    meta = {'dataset_type': 'TextRecogDataset', 'task_name': 'textrecog'}
    for split, n in SPLITS.items():
        os.makedirs(osp.join(root, split))
        data_list = []
        for i in range(n):
            text = _word(rng)
            rel = f'{split}/{i:05d}.png'
            cv2.imwrite(osp.join(root, rel), _render(text, fonts[int(rng.integers(len(fonts)))],
                                                     rng))
            data_list.append({'img_path': rel, 'instances': [{'text': text}]})
        with open(osp.join(root, f'textrecog_{split}.json'), 'w') as f:
            json.dump({'metainfo': meta, 'data_list': data_list}, f)

# The small CRNN trained alone on the embedded words (the baseline of every recipe):
#   python tools/train.py configs/ocr/crnn_student.py
# A 5-stage ResNet (16-128 channels; height 32 -> 1, width 100 -> 25 time steps) under mmocr's
# CRNN decoder (BiLSTM + CTC).
_base_ = '../_base_/ocr_words.py'
model = dict(
    backbone=dict(
        _delete_=True,
        type='ResNet',
        in_channels=1,
        stem_channels=[16],
        block_cfgs=dict(type='BasicBlock', use_conv1x1=True),
        arch_layers=[1, 1, 1, 1, 1],
        arch_channels=[16, 32, 64, 96, 128],
        strides=[(2, 2), (2, 2), (2, 1), (2, 1), (2, 1)]),
    decoder=dict(in_channels=128))

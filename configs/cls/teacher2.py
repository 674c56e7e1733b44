# A second teacher of another architecture (ResNet-34, CIFAR stem, 16 base channels) for
# multi_teacher.py:   python tools/train.py configs/cls/teacher2.py
_base_ = './teacher.py'
model = dict(
    backbone=dict(depth=34, stem_channels=16, base_channels=16),
    head=dict(in_channels=128))

# The DBNet student for the embedded text images: dbnet_large.py with the ResNet-18 body at half
# the width (16-128 channels); the same FPNC neck and DB head.
_base_ = './dbnet_large.py'
model = dict(
    backbone=dict(base_channels=16),
    neck=dict(in_channels=[16, 32, 64, 128]))

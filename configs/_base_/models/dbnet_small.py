# The DBNet student for the embedded text images: dbnet_large.py at half the width
# (ResNet-18 body at 16-128 channels, 16 lateral and output channels).
_base_ = './dbnet_large.py'
model = dict(
    backbone=dict(base_channels=16),
    neck=dict(in_channels=[16, 32, 64, 128], lateral_channels=16, out_channels=16),
    det_head=dict(in_channels=64))

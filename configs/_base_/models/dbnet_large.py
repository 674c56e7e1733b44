# The DBNet teacher for the embedded text images: mmocr's DBNet (ResNet-18 body at 32-256
# channels, FPNC neck with 32 lateral and output channels, DB head), no pretrained weights.
_base_ = 'mmocr::textdet/dbnet/_base_dbnet_resnet18_fpnc.py'
model = dict(
    backbone=dict(base_channels=32, init_cfg=None),
    neck=dict(in_channels=[32, 64, 128, 256], lateral_channels=32, out_channels=32),
    det_head=dict(in_channels=128))

# The segmentation teacher for the embedded shapes: mmseg's DeepLabV3+ with a ResNetV1c-18 at
# 32-256 channels (output stride 8), an ASPP head with a stride-4 low-level branch and an FCN
# auxiliary head on stage 3; 6 classes, BN (SyncBN needs CUDA), no pretrained weights.
_base_ = 'mmseg::_base_/models/deeplabv3plus_r50-d8.py'
norm_cfg = dict(type='BN', requires_grad=True)
model = dict(
    data_preprocessor=dict(size=(64, 64)),
    pretrained=None,
    backbone=dict(depth=18, stem_channels=32, base_channels=32, norm_cfg=norm_cfg),
    decode_head=dict(in_channels=256, channels=64, dilations=(1, 2, 3, 4), c1_in_channels=32,
                     c1_channels=16, num_classes=6, norm_cfg=norm_cfg,
                     loss_decode=dict(avg_non_ignore=True)),
    auxiliary_head=dict(in_channels=128, channels=32, num_classes=6, norm_cfg=norm_cfg,
                        loss_decode=dict(avg_non_ignore=True)))

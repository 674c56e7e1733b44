# The segmentation student for the embedded shapes: shapes_deeplabv3plus_large.py at half the
# width (ResNetV1c-18 at 16-128 channels, 32-channel heads; about a quarter of the compute).
_base_ = './shapes_deeplabv3plus_large.py'
model = dict(
    backbone=dict(stem_channels=16, base_channels=16),
    decode_head=dict(in_channels=128, channels=32, c1_in_channels=16, c1_channels=8),
    auxiliary_head=dict(in_channels=64, channels=16))

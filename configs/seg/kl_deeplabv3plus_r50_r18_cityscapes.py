# PaddleSeg's pair on Cityscapes: mmseg's DeepLabV3+ ResNet-50 (frozen, 80.09 mIoU) teaches
# DeepLabV3+ ResNet-18 (76.89 alone) with pixel-wise KL (weight 3) next to its own losses.
# mmseg has no optic-disc dataset; Cityscapes replaces it. Get the teacher weights first:
#   mkdir -p checkpoints && wget -P checkpoints https://download.openmmlab.com/mmsegmentation/v0.5/deeplabv3plus/deeplabv3plus_r50-d8_512x1024_80k_cityscapes/deeplabv3plus_r50-d8_512x1024_80k_cityscapes_20200606_114049-f9fb496d.pth  # noqa: E501
#   tools/dist_train.sh configs/seg/kl_deeplabv3plus_r50_r18_cityscapes.py 4
_base_ = '../_base_/seg_distill_cityscapes.py'
model = dict(
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(
            config='mmseg::deeplabv3plus/deeplabv3plus_r50-d8_4xb2-80k_cityscapes-512x1024.py',
            checkpoint='checkpoints/deeplabv3plus_r50-d8_512x1024_80k_cityscapes_20200606_114049-f9fb496d.pth',  # noqa: E501
            frozen=True),
        Student=dict(
            config='mmseg::deeplabv3plus/deeplabv3plus_r18-d8_4xb2-80k_cityscapes-512x1024.py')),
    recorders=dict(logits=dict(type='ModuleOutputs', source='decode_head.conv_seg')),
    losses=dict(
        task=dict(type='TaskLoss', models=['Student'], weight=1.0),
        kl=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits', dim=1,
                temperature=1.0, mask='seg_valid', weight=3.0)))

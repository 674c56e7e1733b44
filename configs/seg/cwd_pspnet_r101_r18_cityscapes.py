# MMRazor's CWD recipe: mmseg's PSPNet ResNet-101 (frozen) teaches PSPNet ResNet-18 through
# channel-wise divergence on the logits (tau 1, weight 5); MMRazor reports 74.87 -> 75.54 mIoU
# (4 GPUs x 2 crops of 512x1024, 80k iterations). Get the teacher weights first:
#   mkdir -p checkpoints && wget -P checkpoints https://download.openmmlab.com/mmsegmentation/v0.5/pspnet/pspnet_r101-d8_512x1024_80k_cityscapes/pspnet_r101-d8_512x1024_80k_cityscapes_20200606_112211-e1e1100f.pth  # noqa: E501
#   tools/dist_train.sh configs/seg/cwd_pspnet_r101_r18_cityscapes.py 4
_base_ = '../_base_/seg_distill_cityscapes.py'
model = dict(
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(
            config='mmseg::pspnet/pspnet_r101-d8_4xb2-80k_cityscapes-512x1024.py',
            checkpoint='checkpoints/pspnet_r101-d8_512x1024_80k_cityscapes_20200606_112211-e1e1100f.pth',  # noqa: E501
            frozen=True),
        Student=dict(config='mmseg::pspnet/pspnet_r18-d8_4xb2-80k_cityscapes-512x1024.py')),
    recorders=dict(logits=dict(type='ModuleOutputs', source='decode_head.conv_seg')),
    losses=dict(
        task=dict(type='TaskLoss', models=['Student'], weight=1.0),
        cwd=dict(type='CWDLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=1.0,
                 weight=5.0)))

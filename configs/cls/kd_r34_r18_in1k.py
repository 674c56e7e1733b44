# Hinton KD on ImageNet-1k: mmpretrain's ResNet-34 (frozen) teaches ResNet-18 (MMRazor reports
# 69.90 -> 71.81 top-1). Get the teacher weights first:
#   mkdir -p checkpoints && wget -P checkpoints https://download.openmmlab.com/mmclassification/v0/resnet/resnet34_8xb32_in1k_20210831-f257d4e6.pth  # noqa: E501
_base_ = '../_base_/cls_distill_in1k.py'
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='mmpretrain::resnet/resnet34_8xb32_in1k.py',
                     checkpoint='checkpoints/resnet34_8xb32_in1k_20210831-f257d4e6.pth',
                     frozen=True),
        Student=dict(config='mmpretrain::resnet/resnet18_8xb32_in1k.py')),
    recorders=dict(logits=dict(type='ModuleOutputs', source='head.fc')),
    losses=dict(
        task=dict(type='TaskLoss', models=['Student'], weight=1.0),
        kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=4,
                weight=0.9)))

# Deep mutual learning on ImageNet-1k: two mmpretrain ResNet-18s trained together, each with its
# own cross-entropy and the symmetric KL to the other (PaddleClas DML recipe, on ResNet-18).
_base_ = '../_base_/cls_distill_in1k.py'
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='mmpretrain::resnet/resnet18_8xb32_in1k.py'),
        Student=dict(config='mmpretrain::resnet/resnet18_8xb32_in1k.py')),
    recorders=dict(logits=dict(type='ModuleOutputs', source='head.fc')),
    losses=dict(
        task=dict(type='TaskLoss', models=['Student', 'Teacher']),
        dml=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='logits', weight=1.0)))

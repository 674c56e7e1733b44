# Attention transfer on ImageNet-1k between the last stages (7x7) of ResNet-34 and ResNet-18.
_base_ = './kd_r34_r18_in1k.py'
model = dict(
    recorders=dict(feat=dict(type='ModuleOutputs', source='backbone.layer4')),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        at=dict(type='ATLoss', pairs=[('Student', 'Teacher')], key='feat', weight=1000)))

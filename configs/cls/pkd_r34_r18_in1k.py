# PKD on ImageNet-1k: Pearson-correlation loss between the last stages (512 ch, 7x7).
_base_ = './kd_r34_r18_in1k.py'
model = dict(
    recorders=dict(feat=dict(type='ModuleOutputs', source='backbone.layer4')),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        pkd=dict(type='PKDLoss', pairs=[('Student', 'Teacher')], key='feat', weight=1.0)))

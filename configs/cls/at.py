# AT: spatial attention maps of the last student stage and the teacher stage of the same size.
_base_ = './kd.py'
model = dict(
    recorders=dict(
        Student=dict(feat=dict(type='ModuleOutputs', source='backbone.layer2')),
        Teacher=dict(feat=dict(type='ModuleOutputs', source='backbone.layer2'))),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        at=dict(type='ATLoss', pairs=[('Student', 'Teacher')], key='feat', weight=1000)))

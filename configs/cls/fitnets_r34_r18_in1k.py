# FitNets on ImageNet-1k: L2 hint between the third stages (256 ch, 14x14) through a 1x1 conv.
_base_ = './kd_r34_r18_in1k.py'
model = dict(
    recorders=dict(feat=dict(type='ModuleOutputs', source='backbone.layer3')),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        hint=dict(type='DistanceLoss', mode='l2', pairs=[('Student', 'Teacher')], key='feat',
                  connector=dict(type='ConvConnector', in_channels=256, out_channels=256))))

# DIST on ImageNet-1k, ResNet-34 -> ResNet-18 (PaddleClas: weight 2; 71.99 top-1).
_base_ = './kd_r34_r18_in1k.py'
model = dict(losses=dict(
    _delete_=True,
    task=dict(type='TaskLoss', models=['Student']),
    dist=dict(type='DISTLoss', pairs=[('Student', 'Teacher')], key='logits', weight=2.0)))

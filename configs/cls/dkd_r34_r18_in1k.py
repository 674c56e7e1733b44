# DKD on ImageNet-1k, ResNet-34 -> ResNet-18 (PaddleClas: T=1, alpha=1, beta=1; 72.59 top-1).
_base_ = './kd_r34_r18_in1k.py'
model = dict(losses=dict(
    _delete_=True,
    task=dict(type='TaskLoss', models=['Student']),
    dkd=dict(type='DKDLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=1,
             alpha=1, beta=1)))

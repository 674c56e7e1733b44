# SKD on ImageNet-1k, ResNet-34 -> ResNet-18 (PaddleClas: T=1, multiplier 2, alpha 0.9; 72.84).
_base_ = './kd_r34_r18_in1k.py'
model = dict(losses=dict(
    _delete_=True,
    skd=dict(type='SKDLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=1,
             multiplier=2, alpha=0.9)))

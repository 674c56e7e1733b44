# WSL on ImageNet-1k, ResNet-34 -> ResNet-18 (PaddleClas: T=2, weight 2.5; 72.23 top-1).
_base_ = './kd_r34_r18_in1k.py'
model = dict(losses=dict(
    _delete_=True,
    task=dict(type='TaskLoss', models=['Student']),
    wsl=dict(type='WSLLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=2,
             weight=2.5)))

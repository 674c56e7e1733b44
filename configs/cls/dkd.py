# DKD: decoupled KD (target-class + non-target-class KL) from the frozen teacher, plus CE.
_base_ = './kd.py'
model = dict(losses=dict(
    _delete_=True,
    task=dict(type='TaskLoss', models=['Student']),
    dkd=dict(type='DKDLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=1,
             alpha=1, beta=1)))

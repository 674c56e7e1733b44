# AT: spatial attention maps of the last student stage and the teacher stage of the same size.
_base_ = '../_base_/cls_feat_kd_digits.py'
model = dict(
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        at=dict(type='ATLoss', pairs=[('Student', 'Teacher')], key='feat', weight=1000)))

# DIST: inter- and intra-class Pearson correlation of the softmax outputs, plus CE.
_base_ = './kd.py'
model = dict(losses=dict(
    _delete_=True,
    task=dict(type='TaskLoss', models=['Student']),
    dist=dict(type='DISTLoss', pairs=[('Student', 'Teacher')], key='logits', beta=1, gamma=1,
              weight=2.0)))

# RKD on ImageNet-1k: distance (25) and angle (50) relations of the pooled 512-d embeddings
# (MMRazor: 70.23 top-1).
_base_ = './kd_r34_r18_in1k.py'
model = dict(
    recorders=dict(emb=dict(type='ModuleOutputs', source='neck', item=0)),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        rkd_d=dict(type='RKDDistanceLoss', pairs=[('Student', 'Teacher')], key='emb', weight=25),
        rkd_a=dict(type='RKDAngleLoss', pairs=[('Student', 'Teacher')], key='emb', weight=50)))

# RKD: distance (25) and angle (50) relations between the pooled embeddings of a batch (MMRazor
# weights); the embeddings may differ in size (16 vs 256). Plus CE.
_base_ = './kd.py'
model = dict(
    recorders=dict(emb=dict(type='ModuleOutputs', source='neck', item=0)),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        rkd_d=dict(type='RKDDistanceLoss', pairs=[('Student', 'Teacher')], key='emb', weight=25),
        rkd_a=dict(type='RKDAngleLoss', pairs=[('Student', 'Teacher')], key='emb', weight=50)))

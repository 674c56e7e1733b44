# UDML (PaddleClas): mutual learning on the logits plus an L2 distance between the two models'
# intermediate features (the output of the first residual stage).
_base_ = ['./dml.py']
model = dict(
    recorders=dict(feat=dict(type='ModuleOutputs', source='backbone.layer1')),
    losses=dict(
        feat=dict(type='DistanceLoss', mode='l2', pairs=[('Student', 'Teacher')], key='feat',
                  weight=1.0)))

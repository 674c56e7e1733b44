# Channel-wise distillation (Shu et al. 2021; MMRazor's CWD recipe): each logit channel of the
# student, softened over the spatial positions with temperature 1, matches the teacher's
# (KL, x tau^2, / (N*C)), weight 3, next to the student's own losses.
#   python tools/train.py configs/seg/cwd.py
_base_ = './kl.py'
model = dict(
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student'], weight=1.0),
        cwd=dict(type='CWDLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=1.0,
                 weight=3.0)))

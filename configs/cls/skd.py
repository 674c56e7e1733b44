# SKD: KD on standardised logits; its CE term (on the standardised student logits) replaces the
# student's own CE.
_base_ = './kd.py'
model = dict(losses=dict(
    _delete_=True,
    skd=dict(type='SKDLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=1,
             multiplier=2, alpha=0.9)))

# WSL: soft labels weighted per sample by the student/teacher cross-entropy ratio, plus CE.
_base_ = './kd.py'
model = dict(losses=dict(
    _delete_=True,
    task=dict(type='TaskLoss', models=['Student']),
    wsl=dict(type='WSLLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=2,
             weight=2.5)))

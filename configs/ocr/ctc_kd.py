# A frozen, larger CRNN (train it first: configs/ocr/crnn_teacher.py) teaches the small one:
# KL between their CTC outputs at every time step, next to the student's CTC loss.
_base_ = './ctc_dml.py'
model = dict(
    models=dict(Teacher=dict(config='configs/ocr/crnn_teacher.py',
                             checkpoint='work_dirs/crnn_teacher/best_*.pth', frozen=True)),
    losses=dict(
        _delete_=True,
        ctc=dict(type='TaskLoss', models=['Student'], weight=1.0),
        kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='ctc', temperature=1,
                weight=1.0)))

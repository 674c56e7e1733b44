# Deep mutual learning: two students of equal size, both trained, each learning from the labels
# and from the other's predictions (PaddleClas DML). Both are evaluated; the best checkpoint
# follows Student.
_base_ = '../_base_/cls_distill_digits.py'
model = dict(
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='configs/cls/student.py'),
        Student=dict(config='configs/cls/student.py')),
    recorders=dict(logits=dict(type='ModuleOutputs', source='head.fc')),
    losses=dict(
        task=dict(type='TaskLoss', models=['Student', 'Teacher']),
        dml=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='logits', weight=1.0)))

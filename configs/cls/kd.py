# Hinton KD: the frozen teacher (train it first with configs/cls/teacher.py) teaches the small
# student through temperature-softened logits, next to the student's own cross-entropy.
_base_ = '../_base_/cls_distill_digits.py'
model = dict(
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='configs/cls/teacher.py', checkpoint='work_dirs/teacher/best_*.pth',
                     frozen=True),
        Student=dict(config='configs/cls/student.py')),
    recorders=dict(logits=dict(type='ModuleOutputs', source='head.fc')),
    losses=dict(
        task=dict(type='TaskLoss', models=['Student'], weight=0.1),
        kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=4,
                weight=0.9)))

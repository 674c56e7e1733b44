# Pixel-wise KL (PaddleSeg's distillation): the frozen teacher (train it first with
# configs/seg/teacher.py) teaches the student through the softened class distribution at every
# pixel of the logits, averaged over pixels whose label is not 255 (ignored), weight 3, next to
# the student's own decode-head and auxiliary-head cross-entropy, weight 1.
#   python tools/train.py configs/seg/kl.py
_base_ = '../_base_/seg_distill_shapes.py'
model = dict(
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='configs/seg/teacher.py',
                     checkpoint='work_dirs/seg_teacher/best_mIoU_*.pth', frozen=True),
        Student=dict(config='configs/seg/student.py')),
    recorders=dict(logits=dict(type='ModuleOutputs', source='decode_head.conv_seg')),
    losses=dict(
        task=dict(type='TaskLoss', models=['Student'], weight=1.0),
        kl=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits', dim=1,
                temperature=1.0, mask='seg_valid', weight=3.0)))

# PaddleOCR's detection distillation: the frozen DBNet teacher (train it first with
# configs/det/db_teacher.py) teaches the small DBNet through DilaDB — the teacher's shrink map
# > 0.3, dilated 2x2, is the target of the student's shrink map (balanced BCE, x5) and binary
# map (Dice) — next to the student's own DB loss.
#   python tools/train.py configs/det/db_distill.py
_base_ = '../_base_/det_distill_text.py'
model = dict(
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='configs/det/db_teacher.py',
                     checkpoint='work_dirs/db_teacher/best_icdar_hmean_*.pth', frozen=True),
        Student=dict(config='configs/det/db_student.py')),
    recorders=dict(
        shrink=dict(type='ModuleOutputs', source='det_head.binarize'),  # (N, 1, H, W) logits
        # the student's own DB targets: DilaDB's mask without generating them a second time
        Student=dict(binary=dict(type='MethodOutputs', source='det_head._diff_binarize'),
                     db_shrink_mask=dict(type='MethodOutputs',
                                         source='det_head.module_loss.get_targets', item=1))),
    losses=dict(
        db=dict(type='TaskLoss', models=['Student']),
        dila_db=dict(type='DilaDBLoss', pairs=[('Student', 'Teacher')],
                     keys=(['shrink', 'binary'], 'shrink'))))

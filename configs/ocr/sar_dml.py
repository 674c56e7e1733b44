# Two SAR recognisers learn from each other: SAR cross-entropy for both (padding ignored), DML
# between their teacher-forced decoder outputs over the valid steps only (the characters and
# the end token; PaddleOCR does not mask the padding, mmkd does), L2 between backbones.
_base_ = '../_base_/ocr_distill_words.py'
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='configs/ocr/sar_student.py'),
        Student=dict(config='configs/ocr/sar_student.py')),
    recorders=dict(
        sar=dict(type='MethodOutputs', source='decoder.forward_train'),  # (N, 15, C) logits
        feat=dict(type='ModuleOutputs', source='backbone')),
    losses=dict(
        ce=dict(type='TaskLoss', models=['Student', 'Teacher'], weight=1.0),
        dml=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='sar', mask='text_mask',
                 weight=1.0),
        feat=dict(type='DistanceLoss', mode='l2', pairs=[('Student', 'Teacher')], key='feat',
                  weight=1.0)))

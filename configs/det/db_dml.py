# Detection DML (PaddleOCR's ch_PP-OCRv3_det dml): two small DBNets, each with its own DB loss,
# learn from each other through a symmetric KL between their shrink maps (each pixel a
# Bernoulli probability, mean over pixels).
#   python tools/train.py configs/det/db_dml.py
_base_ = '../_base_/det_distill_text.py'
model = dict(
    type='mmkd.Distiller',
    models=dict(
        Student=dict(config='configs/det/db_student.py'),
        Student2=dict(config='configs/det/db_student.py')),
    recorders=dict(shrink=dict(type='ModuleOutputs', source='det_head.binarize')),
    losses=dict(
        db=dict(type='TaskLoss', models=['Student', 'Student2']),
        dml=dict(type='DMLLoss', pairs=[('Student', 'Student2')], key='shrink', act='sigmoid')))

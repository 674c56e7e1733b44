# The PP-OCRv3 recognition recipe: two multi-head recognisers (shared backbone, CTC head + SAR
# head) learn from each other. Losses as in the seed: CTC and SAR losses of both (1.0 each),
# DML on the CTC outputs (1.0), DML on the SAR outputs over the valid steps (0.5), L2 between
# the backbones (1.0). Prediction, evaluation and export use the CTC head.
_base_ = '../_base_/ocr_distill_words.py'
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='configs/ocr/ctc_sar_student.py'),
        Student=dict(config='configs/ocr/ctc_sar_student.py')),
    recorders=dict(
        ctc=dict(type='MethodOutputs', source='decoder.forward_train'),
        sar=dict(type='MethodOutputs', source='aux_decoder.forward_train'),
        feat=dict(type='ModuleOutputs', source='backbone')),
    losses=dict(
        task=dict(type='TaskLoss', models=['Student', 'Teacher'], weight=1.0),
        dml_ctc=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='ctc', weight=1.0),
        dml_sar=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='sar',
                     mask='text_mask', weight=0.5),
        feat=dict(type='DistanceLoss', mode='l2', pairs=[('Student', 'Teacher')], key='feat',
                  weight=1.0)))

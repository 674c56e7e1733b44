# The flagship: two CRNNs learn from each other on the embedded words (PaddleOCR's CTC DML):
# each its own CTC loss, DML between their CTC outputs (softmax over the 37 classes, averaged
# over the 25 time steps) and an L2 distance between their backbone outputs.
#   python tools/train.py configs/ocr/ctc_dml.py
_base_ = '../_base_/ocr_distill_words.py'
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='configs/ocr/crnn_student.py'),
        Student=dict(config='configs/ocr/crnn_student.py')),
    recorders=dict(
        ctc=dict(type='MethodOutputs', source='decoder.forward_train'),  # (N, T, C) logits
        feat=dict(type='ModuleOutputs', source='backbone')),  # (N, 128, 1, T)
    losses=dict(
        ctc=dict(type='TaskLoss', models=['Student', 'Teacher'], weight=1.0),
        dml=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='ctc', act='softmax',
                 weight=1.0),
        feat=dict(type='DistanceLoss', mode='l2', pairs=[('Student', 'Teacher')], key='feat',
                  weight=1.0)))

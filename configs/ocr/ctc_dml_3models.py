# Three CRNNs supervise each other (PaddleOCR's Student2 example): CTC on each, DML on every
# pair's CTC outputs, L2 between backbones.
_base_ = './ctc_dml.py'
model = dict(
    models=dict(Student2=dict(config='configs/ocr/crnn_student.py')),
    losses=dict(
        ctc=dict(models=['Student', 'Teacher', 'Student2']),
        dml=dict(pairs=[('Student', 'Teacher'), ('Student', 'Student2'),
                        ('Teacher', 'Student2')]),
        feat=dict(pairs=[('Student', 'Teacher'), ('Student', 'Student2'),
                         ('Teacher', 'Student2')])))

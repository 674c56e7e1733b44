# PP-OCRv3's CML: the frozen DBNet teacher (configs/det/db_teacher.py first) teaches two small
# DBNets with DilaDB, the two students learn from each other with DML on their shrink maps, and
# each has its own DB loss.
#   python tools/train.py configs/det/db_cml.py
_base_ = './db_distill.py'
model = dict(
    models=dict(Student2=dict(config='configs/det/db_student.py')),
    recorders=dict(
        Student2=dict(binary=dict(type='MethodOutputs', source='det_head._diff_binarize'),
                      db_shrink_mask={{_base_.model.recorders.Student.db_shrink_mask}})),
    losses=dict(
        db=dict(models=['Student', 'Student2']),
        dila_db=dict(pairs=[('Student', 'Teacher'), ('Student2', 'Teacher')]),
        dml=dict(type='DMLLoss', pairs=[('Student', 'Student2')], key='shrink', act='sigmoid')))

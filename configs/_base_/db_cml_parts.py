# The recorders and losses of PP-OCRv3's CML with mmocr's DBNet (Teacher frozen, Student and
# Student2 trainable), for the real-data CML configs: the shrink-map logits of every model, the
# binary maps of the students; DB loss on both students, DilaDB from the teacher to each,
# DML between the students' shrink maps.
_student = dict(  # the binary map and the model's own DB targets (DilaDB's mask)
    binary=dict(type='MethodOutputs', source='det_head._diff_binarize'),
    db_shrink_mask=dict(type='MethodOutputs', source='det_head.module_loss.get_targets', item=1))
db_cml_recorders = dict(
    shrink=dict(type='ModuleOutputs', source='det_head.binarize'), Student=_student,
    Student2=_student)
db_cml_losses = dict(
    db=dict(type='TaskLoss', models=['Student', 'Student2']),
    dila_db=dict(type='DilaDBLoss', pairs=[('Student', 'Teacher'), ('Student2', 'Teacher')],
                 keys=(['shrink', 'binary'], 'shrink')),
    dml=dict(type='DMLLoss', pairs=[('Student', 'Student2')], key='shrink', act='sigmoid'))

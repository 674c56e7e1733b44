# PP-OCRv3's CML (configs/det/db_cml.py) on Total-Text (curved text): the
# DBNet-R50 of configs/det/db_teacher_r50_totaltext.py (train it first; frozen) teaches two
# DBNet-R18 students (mmocr: 81.8 hmean alone) with DilaDB; DML between the students.
#   tools/dist_train.sh configs/det/db_cml_totaltext.py 4
_base_ = ['../_base_/det_distill_totaltext.py', '../_base_/db_cml_parts.py']
student = 'mmocr::textdet/dbnet/dbnet_resnet18_fpnc_1200e_totaltext.py'
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='configs/det/db_teacher_r50_totaltext.py',
                     checkpoint='work_dirs/db_teacher_r50_totaltext/best_icdar_hmean_*.pth',
                     frozen=True),
        Student=dict(config=student),
        Student2=dict(config=student)),
    recorders={{_base_.db_cml_recorders}},
    losses={{_base_.db_cml_losses}})

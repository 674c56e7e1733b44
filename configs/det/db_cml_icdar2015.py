# PP-OCRv3's CML (configs/det/db_cml.py) on ICDAR2015: mmocr's DBNet-R50 (frozen, 85.0 hmean)
# teaches two DBNet-R18 students (81.7 alone) with DilaDB; DML between the students; DB loss on
# both. Get the teacher weights first:
#   mkdir -p checkpoints && wget -P checkpoints https://download.openmmlab.com/mmocr/textdet/dbnet/dbnet_resnet50_1200e_icdar2015/dbnet_resnet50_1200e_icdar2015_20221102_115917-54f50589.pth  # noqa: E501
#   tools/dist_train.sh configs/det/db_cml_icdar2015.py 4
_base_ = ['../_base_/det_distill_icdar2015.py', '../_base_/db_cml_parts.py']
student = 'mmocr::textdet/dbnet/dbnet_resnet18_fpnc_1200e_icdar2015.py'
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='mmocr::textdet/dbnet/dbnet_resnet50_1200e_icdar2015.py',
                     checkpoint='checkpoints/dbnet_resnet50_1200e_icdar2015_20221102_115917-54f50589.pth',  # noqa: E501
                     frozen=True),
        Student=dict(config=student),
        Student2=dict(config=student)),
    recorders={{_base_.db_cml_recorders}},
    losses={{_base_.db_cml_losses}})

# A DBNet-R50 teacher for Total-Text (mmocr releases none): mmocr's DBNet-R18 Total-Text recipe
# with the ResNet-50 body and neck of its ICDAR2015 R50 model.
#   tools/dist_train.sh configs/det/db_teacher_r50_totaltext.py 4
_base_ = ['mmocr::textdet/dbnet/dbnet_resnet18_fpnc_1200e_totaltext.py']
model = dict(
    backbone=dict(depth=50, norm_eval=True, style='pytorch',
                  init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet50')),
    neck=dict(in_channels=[256, 512, 1024, 2048]))

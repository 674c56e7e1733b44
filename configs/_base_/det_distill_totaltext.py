# DB distillation on Total-Text with mmocr's DBNet-R18 recipe (data/totaltext, curved text),
# plus what distillation adds (as det_distill_icdar2015.py).
_base_ = ['mmocr::textdet/dbnet/dbnet_resnet18_fpnc_1200e_totaltext.py']
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/icdar/hmean', rule='greater'))

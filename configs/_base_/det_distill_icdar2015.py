# DB distillation on ICDAR2015 with mmocr's DBNet-R18 recipe: its data (data/icdar2015), pipelines,
# runtime and 1200-epoch SGD schedule, plus what distillation adds (every sub-model evaluated as
# <Model>/icdar/..., the best checkpoint by the student's hmean, frozen models not optimised).
_base_ = ['mmocr::textdet/dbnet/dbnet_resnet18_fpnc_1200e_icdar2015.py']
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/icdar/hmean', rule='greater'))

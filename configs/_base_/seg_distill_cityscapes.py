# Segmentation distillation on Cityscapes with mmseg's own data pipeline (512x1024 crops,
# data/cityscapes), runtime and 80k-iteration SGD schedule (4 GPUs x 2 images), plus what
# distillation adds: every sub-model evaluated as <Model>/mIoU, the best checkpoint by the
# student's mIoU, frozen sub-models out of the optimizer.
_base_ = [
    'mmseg::_base_/datasets/cityscapes.py', 'mmseg::_base_/default_runtime.py',
    'mmseg::_base_/schedules/schedule_80k.py'
]
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/mIoU', rule='greater'))

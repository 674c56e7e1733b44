# Segmentation distillation on the embedded shapes: seg_shapes.py plus what distillation adds —
# every sub-model evaluated with IoUMetric as <Model>/mIoU, the best checkpoint by the
# student's mIoU, frozen sub-models out of the optimizer.
_base_ = './seg_shapes.py'
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/mIoU'))

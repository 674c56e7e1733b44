# Text-detection distillation on the embedded text images: det_text.py plus what distillation
# adds — every sub-model evaluated with HmeanIOUMetric as <Model>/icdar/{precision,recall,hmean},
# the best checkpoint by the student's hmean, frozen sub-models out of the optimizer.
_base_ = './det_text.py'
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/icdar/hmean'))

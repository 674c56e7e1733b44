# Distillation on the embedded digits: data, schedule and runtime, plus what distillation adds —
# every sub-model is evaluated and logged as <Model>/<metric>, the best checkpoint follows the
# student, frozen sub-models stay out of the optimizer.
_base_ = ['./datasets/digits.py', './schedules/digits.py', './default_runtime.py']
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/accuracy/top1', rule='greater'))

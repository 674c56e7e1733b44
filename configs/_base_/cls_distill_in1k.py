# Distillation on ImageNet-1k with mmpretrain's own data pipeline, schedule and runtime
# (ResNet-18 recipe: data/imagenet, 8 GPUs x 32 images), plus what distillation adds.
_base_ = ['mmpretrain::resnet/resnet18_8xb32_in1k.py']
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/accuracy/top1', rule='greater'))

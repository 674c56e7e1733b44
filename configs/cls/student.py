# The student trained alone (the baseline every recipe is compared with).
_base_ = [
    '../_base_/models/digits_resnet_small.py', '../_base_/datasets/digits.py',
    '../_base_/schedules/digits.py', '../_base_/default_runtime.py'
]

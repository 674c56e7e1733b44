# Train the embedded-data teacher alone (a plain mmpretrain run):
#   python tools/train.py configs/cls/teacher.py      -> work_dirs/teacher/best_*.pth
_base_ = [
    '../_base_/models/digits_resnet_large.py', '../_base_/datasets/digits.py',
    '../_base_/schedules/digits.py', '../_base_/default_runtime.py'
]

# The small DeepLabV3+ trained alone, the baseline of every segmentation recipe
# (into work_dirs/seg_student):
#   python tools/train.py configs/seg/student.py
_base_ = ['../_base_/models/shapes_deeplabv3plus_small.py', '../_base_/seg_shapes.py']
work_dir = './work_dirs/seg_student'

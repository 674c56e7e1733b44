# Train the DeepLabV3+ segmentation teacher on the embedded shapes (into work_dirs/seg_teacher):
#   python tools/train.py configs/seg/teacher.py
_base_ = ['../_base_/models/shapes_deeplabv3plus_large.py', '../_base_/seg_shapes.py']
work_dir = './work_dirs/seg_teacher'

# Train the larger DBNet (the teacher of db_distill / db_cml) on the embedded text images:
#   python tools/train.py configs/det/db_teacher.py
_base_ = ['../_base_/models/dbnet_large.py', '../_base_/det_text.py']

# The small DBNet trained alone, the baseline of every detection recipe:
#   python tools/train.py configs/det/db_student.py
_base_ = ['../_base_/models/dbnet_small.py', '../_base_/det_text.py']

# Self-distillation: the teacher has the student's own architecture, trained first with
#   python tools/train.py configs/cls/student.py
# and then teaches a fresh copy (KL, T=4). For the joint variant (two copies trained together)
# see dml.py.
_base_ = './kd.py'
model = dict(models=dict(Teacher=dict(config='configs/cls/student.py',
                                      checkpoint='work_dirs/student/best_*.pth')))

# configs/cls/kd.py with one feature map of each model recorded as `feat`: the student's last
# stage (16 ch, 8x8) and the teacher's stage of the same size (64 ch, 8x8). Feature recipes
# (at, fitnets, mgd, pkd) inherit this and set their losses.
_base_ = '../cls/kd.py'
model = dict(
    recorders=dict(
        Student=dict(feat=dict(type='ModuleOutputs', source='backbone.layer2')),
        Teacher=dict(feat=dict(type='ModuleOutputs', source='backbone.layer2'))))

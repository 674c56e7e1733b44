# The larger CRNN teacher on the embedded words (the student's layout, twice the channels and
# more blocks: 4.1 M parameters; same 25 time steps, so its CTC outputs align with the student's):
#   python tools/train.py configs/ocr/crnn_teacher.py   -> work_dirs/crnn_teacher/best_*.pth
_base_ = './crnn_student.py'
model = dict(
    backbone=dict(stem_channels=[32], arch_layers=[1, 2, 2, 2, 1],
                  arch_channels=[32, 64, 128, 192, 256]),
    decoder=dict(in_channels=256))

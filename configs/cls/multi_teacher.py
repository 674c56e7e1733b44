# Two frozen teachers of different architectures (ResNet-18/32 ch and ResNet-34/16 ch; train
# both first: configs/cls/teacher.py, configs/cls/teacher2.py) teach one student; the KD terms
# are summed with their weights.
_base_ = './kd.py'
model = dict(
    models=dict(Teacher2=dict(config='configs/cls/teacher2.py',
                              checkpoint='work_dirs/teacher2/best_*.pth', frozen=True)),
    losses=dict(
        kd=dict(weight=0.45),
        kd2=dict(type='KLDivLoss', pairs=[('Student', 'Teacher2')], key='logits',
                 temperature=4, weight=0.45)))

# AFD on ImageNet-1k, ResNet-34 -> ResNet-18: all four stages of each, qk_dim 128, weight 50,
# with KL (T=4, 0.9) and CE as PaddleClas (71.68 top-1).
_base_ = './kd_r34_r18_in1k.py'
model = dict(
    recorders=dict(**{f'l{i}': dict(type='ModuleOutputs', source=f'backbone.layer{i}')
                      for i in range(1, 5)}),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=4,
                weight=0.9),
        afd=dict(type='AFDLoss', pairs=[('Student', 'Teacher')],
                 keys=(['l1', 'l2', 'l3', 'l4'], ['l1', 'l2', 'l3', 'l4']), weight=50,
                 connector=(dict(type='AFDStudentConnector', student_channels=[64, 128, 256, 512],
                                 teacher_sizes=[(56, 56), (28, 28), (14, 14), (7, 7)]),
                            dict(type='AFDTeacherConnector',
                                 teacher_channels=[64, 128, 256, 512])))))

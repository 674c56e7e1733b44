# AFD: every student stage is matched to every teacher stage, weighted by a learned attention
# (teacher queries, student keys); with KL (T=4) and CE as in PaddleClas.
_base_ = './kd.py'
model = dict(
    recorders=dict(
        Student=dict(
            s1=dict(type='ModuleOutputs', source='backbone.layer1'),
            s2=dict(type='ModuleOutputs', source='backbone.layer2')),
        Teacher=dict(
            t2=dict(type='ModuleOutputs', source='backbone.layer2'),
            t3=dict(type='ModuleOutputs', source='backbone.layer3'),
            t4=dict(type='ModuleOutputs', source='backbone.layer4'))),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        kd=dict(type='KLDivLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=4,
                weight=0.9),
        afd=dict(type='AFDLoss', pairs=[('Student', 'Teacher')],
                 keys=(['s1', 's2'], ['t2', 't3', 't4']), weight=50,
                 connector=(dict(type='AFDStudentConnector', student_channels=[8, 16],
                                 teacher_sizes=[(8, 8), (4, 4), (2, 2)], qk_dim=32),
                            dict(type='AFDTeacherConnector', teacher_channels=[64, 128, 256],
                                 qk_dim=32)))))

# MGD on ImageNet-1k, on the last stage (512 ch, 7x7 for both), channel masks as PaddleClas
# (lambda 0.15, alpha_mgd 1.756 as LOSSES.md records for PaddleClas; 71.86 top-1).
_base_ = './kd_r34_r18_in1k.py'
model = dict(
    recorders=dict(feat=dict(type='ModuleOutputs', source='backbone.layer4')),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        mgd=dict(type='MGDLoss', pairs=[('Student', 'Teacher')], key='feat', alpha_mgd=1.756,
                 connector=dict(type='MGDConnector', student_channels=512,
                                teacher_channels=512, lambda_mgd=0.15, mask_on='channel'))))

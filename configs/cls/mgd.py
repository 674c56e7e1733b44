# MGD: the student's last-stage feature (16 ch, 8x8), channel-masked, must regenerate the
# teacher's feature of the same size (64 ch) through a trained generator; plus CE.
_base_ = '../_base_/cls_feat_kd_digits.py'
model = dict(
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        # alpha scaled to this feature size (64 x 8 x 8 values per sample)
        mgd=dict(type='MGDLoss', pairs=[('Student', 'Teacher')], key='feat', alpha_mgd=2.5e-4,
                 connector=dict(type='MGDConnector', student_channels=16, teacher_channels=64,
                                lambda_mgd=0.15, mask_on='channel'))))

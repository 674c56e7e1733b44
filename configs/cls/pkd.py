# PKD: MSE of per-channel standardised features (i.e. Pearson correlation) after a 1x1-conv
# connector from the student's last stage (16 ch) to the teacher's stage of that size (64 ch).
_base_ = '../_base_/cls_feat_kd_digits.py'
model = dict(
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        pkd=dict(type='PKDLoss', pairs=[('Student', 'Teacher')], key='feat',
                 connector=dict(type='ConvConnector', in_channels=16, out_channels=64))))

# FitNets: a 1x1-conv regressor maps the student's last stage (16 ch) onto the teacher's stage of
# the same size (64 ch); L2 hint loss plus CE.
_base_ = '../_base_/cls_feat_kd_digits.py'
model = dict(
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student']),
        hint=dict(type='DistanceLoss', mode='l2', pairs=[('Student', 'Teacher')], key='feat',
                  connector=dict(type='ConvConnector', in_channels=16, out_channels=64))))

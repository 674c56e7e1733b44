# ctc_dml.py on real data: mmocr's CRNN recipe (MJSynth training; CUTE80, IIIT5K, SVT, SVTP,
# IC13, IC15 testing under data/, as mmocr's dataset preparer writes them) with two mini-VGG
# CRNNs learning from each other. Differs from ctc_dml.py only in _base_ and data roots.
_base_ = 'mmocr::textrecog/crnn/crnn_mini-vgg_5e_mj.py'
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/IIIT5K/recog/word_acc_ignore_case',
                                     rule='greater'))
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(
        Teacher=dict(config='mmocr::textrecog/crnn/crnn_mini-vgg_5e_mj.py'),
        Student=dict(config='mmocr::textrecog/crnn/crnn_mini-vgg_5e_mj.py')),
    recorders=dict(
        ctc=dict(type='MethodOutputs', source='decoder.forward_train'),
        feat=dict(type='ModuleOutputs', source='backbone')),
    losses=dict(
        ctc=dict(type='TaskLoss', models=['Student', 'Teacher']),
        dml=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='ctc'),
        feat=dict(type='DistanceLoss', pairs=[('Student', 'Teacher')], key='feat')))

# sar_dml.py on real data: mmocr's SAR recipe (ResNet-31 + parallel decoder; MJSynth/SynthText
# subsets plus the real training sets; CUTE80, IIIT5K, SVT, SVTP, IC13, IC15 testing under data/,
# as mmocr's dataset preparer writes them) with two SAR recognisers learning from each other:
# SAR CE each, DML on the teacher-forced outputs over the valid steps, L2 between backbones.
_base_ = 'mmocr::textrecog/sar/sar_resnet31_parallel-decoder_5e_st-sub_mj-sub_sa_real.py'
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/IIIT5K/recog/word_acc_ignore_case',
                                     rule='greater'))
model = dict(
    _delete_=True,
    type='mmkd.Distiller',
    models=dict(Teacher=dict(model=_base_.model), Student=dict(model=_base_.model)),
    recorders=dict(
        sar=dict(type='MethodOutputs', source='decoder.forward_train'),
        feat=dict(type='ModuleOutputs', source='backbone')),
    losses=dict(
        ce=dict(type='TaskLoss', models=['Student', 'Teacher']),
        dml=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='sar', mask='text_mask'),
        feat=dict(type='DistanceLoss', pairs=[('Student', 'Teacher')], key='feat')))

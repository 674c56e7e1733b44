# SSLD: the frozen teacher's predictions are the only signal — JS divergence, no ground-truth
# loss — on the training images plus an unlabelled split. No label is used, so both are read
# without labels (their folders scanned by mmpretrain's CustomDataset). At T=1 the JS signal is
# too weak for this tiny student (chance level after 8 epochs); T=4 (x T^2) trains it.
# PaddleClas' SSLD config uses DML on the same pair; set type='DMLLoss' (no temperature) for it.
_base_ = './kd.py'
train_dataloader = dict(dataset=dict(
    _delete_=True,
    type='ConcatDataset',
    datasets=[
        dict(type='mmkd.EmbeddedDataset', name='digits',
             dataset=dict(type='CustomDataset', data_root='data/digits', data_prefix=split,
                          with_label=False, classes={{_base_.classes}},
                          pipeline={{_base_.train_pipeline}}))
        for split in ('train', 'unlabeled')
    ]))
model = dict(losses=dict(
    _delete_=True,
    ssld=dict(type='JSDivLoss', pairs=[('Student', 'Teacher')], key='logits', temperature=4,
              weight=1.0)))

# Text recognition on the embedded word images (20,000 train / 1,000 test, rendered into
# data/words on first use in mmocr's textrecog JSON format), with mmocr's own runtime, Adam
# schedule, CRNN pipelines and lower-case dictionary. Recogniser configs set `model`.
_base_ = [
    'mmocr::textrecog/_base_/default_runtime.py',
    'mmocr::textrecog/_base_/schedules/schedule_adam_step_5e.py',
    'mmocr::textrecog/crnn/_base_crnn_mini-vgg.py',
]
train_cfg = dict(max_epochs=6, val_interval=1)
param_scheduler = [dict(type='MultiStepLR', milestones=[5], end=6)]
train_dataloader = dict(
    batch_size=64,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='mmkd.EmbeddedDataset',
        name='words',
        dataset=dict(type='OCRDataset', data_root='data/words', ann_file='textrecog_train.json',
                     pipeline=_base_.train_pipeline)))
val_dataloader = dict(
    batch_size=64,
    num_workers=2,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='mmkd.EmbeddedDataset',
        name='words',
        dataset=dict(type='OCRDataset', data_root='data/words', ann_file='textrecog_test.json',
                     test_mode=True, pipeline=_base_.train_pipeline[:2] + [
                         dict(type='Resize', scale=(100, 32), keep_ratio=False),
                         _base_.test_pipeline[-1]])))
test_dataloader = val_dataloader
val_evaluator = [
    dict(type='WordMetric', mode=['exact', 'ignore_case', 'ignore_case_symbol']),
    dict(type='CharMetric')
]
test_evaluator = val_evaluator
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    checkpoint=dict(type='CheckpointHook', interval=1, max_keep_ckpts=1,
                    save_best='recog/word_acc_ignore_case', rule='greater'))
randomness = dict(seed=0)

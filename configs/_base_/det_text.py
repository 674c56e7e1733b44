# Text detection on the embedded text images (1,200 train / 200 test 256x256 images, written to
# data/textdet on first use in mmocr's textdet JSON format) with mmocr's runtime and metric
# (HmeanIOUMetric). Training on random text-containing crops (30-100 % of a side, mmocr's
# RandomCrop) resized and padded to 128x128 as in mmocr's DBNet recipe, testing on whole
# images; Adam 1e-3 with poly decay over 12 epochs of 75 iterations.
# Detector configs set `model` (mmocr's DBNet bases bring their own, unused, `train_pipeline`).
_base_ = ['mmocr::textdet/_base_/default_runtime.py']
data_root = 'data/textdet'
_train_pipeline = [
    dict(type='LoadImageFromFile', color_type='color_ignore_orientation'),
    dict(type='LoadOCRAnnotations', with_polygon=True, with_bbox=True, with_label=True),
    dict(type='RandomCrop', min_side_ratio=0.3),
    dict(type='Resize', scale=(128, 128), keep_ratio=True),
    dict(type='Pad', size=(128, 128)),
    dict(type='PackTextDetInputs', meta_keys=('img_path', 'ori_shape', 'img_shape'))
]
_test_pipeline = [
    dict(type='LoadImageFromFile', color_type='color_ignore_orientation'),
    dict(type='Resize', scale=(256, 256), keep_ratio=True),
    dict(type='LoadOCRAnnotations', with_polygon=True, with_bbox=True, with_label=True),
    dict(type='PackTextDetInputs',
         meta_keys=('img_path', 'ori_shape', 'img_shape', 'scale_factor'))
]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='mmkd.EmbeddedDataset',
        name='textdet',
        dataset=dict(type='OCRDataset', data_root=data_root, ann_file='textdet_train.json',
                     filter_cfg=dict(filter_empty_gt=True, min_size=32),
                     pipeline=_train_pipeline)))
val_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='mmkd.EmbeddedDataset',
        name='textdet',
        dataset=dict(type='OCRDataset', data_root=data_root, ann_file='textdet_test.json',
                     test_mode=True, pipeline=_test_pipeline)))
test_dataloader = val_dataloader
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='Adam', lr=1e-3))
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=12, val_interval=4)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
param_scheduler = [dict(type='PolyLR', power=0.9, eta_min=1e-7, end=12)]
default_hooks = dict(
    logger=dict(type='LoggerHook', interval=25),
    checkpoint=dict(type='CheckpointHook', interval=4, max_keep_ckpts=1,
                    save_best='icdar/hmean', rule='greater'))
randomness = dict(seed=0)

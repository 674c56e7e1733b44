# Embedded segmentation data: 4,000 train / 300 val 64x64 images of five textured shape classes,
# written to data/shapes on first use in mmseg's img_dir/ann_dir layout (255 = ignored border).
data_root = 'data/shapes'
metainfo = dict(classes=('background', 'disc', 'ring', 'square', 'triangle', 'cross'),
                palette=[[0, 0, 0], [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200],
                         [245, 130, 48]])
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackSegInputs')
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations'),
    dict(type='PackSegInputs')
]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(
        type='mmkd.EmbeddedDataset',
        name='shapes',
        dataset=dict(type='BaseSegDataset', data_root=data_root, metainfo=metainfo,
                     img_suffix='.png', seg_map_suffix='.png',
                     data_prefix=dict(img_path='img_dir/train', seg_map_path='ann_dir/train'),
                     pipeline=train_pipeline)))
val_dataloader = dict(
    batch_size=50,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='mmkd.EmbeddedDataset',
        name='shapes',
        dataset=dict(type='BaseSegDataset', data_root=data_root, metainfo=metainfo,
                     img_suffix='.png', seg_map_suffix='.png', test_mode=True,
                     data_prefix=dict(img_path='img_dir/val', seg_map_path='ann_dir/val'),
                     pipeline=test_pipeline)))
test_dataloader = val_dataloader
val_evaluator = dict(type='IoUMetric', iou_metrics=['mIoU'])
test_evaluator = val_evaluator

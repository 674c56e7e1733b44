# Embedded classification data: scikit-learn's digits, distorted, as 16x16 PNGs listed in
# mmpretrain CustomDataset annotation files; written to data/digits on first use.
data_root = 'data/digits'
data_preprocessor = dict(num_classes=10, mean=[32.0] * 3, std=[64.0] * 3, to_rgb=False)
classes = [str(i) for i in range(10)]
train_pipeline = [dict(type='LoadImageFromFile'), dict(type='PackInputs')]
test_pipeline = [dict(type='LoadImageFromFile'), dict(type='PackInputs')]
train_dataloader = dict(
    batch_size=64,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='mmkd.EmbeddedDataset',
        name='digits',
        dataset=dict(type='CustomDataset', data_root=data_root, ann_file='meta/train.txt',
                     classes=classes, pipeline=train_pipeline)))
val_dataloader = dict(
    batch_size=128,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='mmkd.EmbeddedDataset',
        name='digits',
        dataset=dict(type='CustomDataset', data_root=data_root, ann_file='meta/test.txt',
                     classes=classes, pipeline=test_pipeline)))
test_dataloader = val_dataloader
val_evaluator = dict(type='Accuracy', topk=(1, ))
test_evaluator = val_evaluator

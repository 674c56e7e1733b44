# Segmentation on the embedded shapes with mmseg's runtime and iteration-based schedule: AdamW
# (lr 2e-3, small models from scratch learn far faster with it than with SGD) and poly decay over
# 2,000 iterations, validation every 500. Segmentor configs set `model`.
_base_ = [
    'mmseg::_base_/default_runtime.py',
    'mmseg::_base_/schedules/schedule_20k.py',
    './datasets/shapes.py',
]
optim_wrapper = dict(optimizer=dict(_delete_=True, type='AdamW', lr=2e-3, weight_decay=0.01))
train_cfg = dict(max_iters=2000, val_interval=500)
param_scheduler = [dict(type='PolyLR', eta_min=1e-5, power=0.9, begin=0, end=2000,
                        by_epoch=False)]
default_hooks = dict(
    logger=dict(interval=50),
    checkpoint=dict(interval=500, max_keep_ckpts=1, save_best='mIoU', rule='greater'))
randomness = dict(seed=0)

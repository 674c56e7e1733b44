# A short schedule for the embedded digits (minutes on 2 CPU cores).
optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1, momentum=0.9, weight_decay=5e-4))
param_scheduler = dict(type='CosineAnnealingLR', by_epoch=True, T_max=8, eta_min=1e-3)
train_cfg = dict(by_epoch=True, max_epochs=8, val_interval=1)
auto_scale_lr = dict(base_batch_size=64)

# Recognition distillation on the embedded words: ocr_words.py plus what distillation adds —
# every sub-model evaluated with WordMetric/CharMetric as <Model>/recog/..., the best
# checkpoint by the student's case-insensitive word accuracy, frozen models out of the optimizer.
_base_ = './ocr_words.py'
val_cfg = dict(type='mmkd.DistillValLoop')
test_cfg = dict(type='mmkd.DistillTestLoop')
optim_wrapper = dict(constructor='mmkd.DistillOptimWrapperConstructor')
default_hooks = dict(checkpoint=dict(save_best='Student/recog/word_acc_ignore_case'))

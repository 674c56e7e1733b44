# PaddleSeg's "intermediate tensors" recipe: pixel-wise KL on the logits (configs/seg/kl.py)
# plus channel-wise losses on two intermediate tensors of each model —
#   stage4: a module output, the last backbone stage (student 128 ch -> 1x1 conv -> teacher's
#           256 ch, 8x8);
#   aspp:   a function's result inside the decode head's forward, the ASPP features upsampled
#           to the low-level branch by the head's 2nd call of mmseg's `resize` (32 -> 64 ch,
#           16x16), recorded with FunctionOutputs (the seed's "function API" tensor).
#   python tools/train.py configs/seg/kl_cwd_feat.py
_base_ = './kl.py'
model = dict(
    recorders=dict(
        stage4=dict(type='ModuleOutputs', source='backbone.layer4'),
        aspp=dict(type='FunctionOutputs', source='mmseg.models.decode_heads.sep_aspp_head.resize',
                  index=1)),
    losses=dict(
        cwd_stage4=dict(type='CWDLoss', pairs=[('Student', 'Teacher')], key='stage4',
                        connector=dict(type='ConvConnector', in_channels=128, out_channels=256),
                        temperature=1.0, weight=1.0),
        cwd_aspp=dict(type='CWDLoss', pairs=[('Student', 'Teacher')], key='aspp',
                      connector=dict(type='ConvConnector', in_channels=32, out_channels=64),
                      temperature=1.0, weight=1.0)))

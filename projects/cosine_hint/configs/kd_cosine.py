# configs/cls/kd.py plus a cosine hint between the pooled features of the student's and the
# teacher's last stages, both defined in projects/cosine_hint (loaded with custom_imports).
_base_ = ['../../../configs/cls/kd.py']
custom_imports = dict(imports=['projects.cosine_hint.cosine_hint'], allow_failed_imports=False)
model = dict(
    recorders=dict(
        Student=dict(pooled=dict(type='PooledModuleOutputs', source='backbone.layer2')),
        Teacher=dict(pooled=dict(type='PooledModuleOutputs', source='backbone.layer4'))),
    losses=dict(
        cosine=dict(type='CosineHintLoss', pairs=[('Student', 'Teacher')], key='pooled',
                    connector=dict(type='LinearConnector', in_features=16, out_features=256),
                    weight=1.0)))

# The PP-OCRv3-style recogniser: the small CRNN's backbone with two heads trained together — a
# CTC head (which predicts) and a SAR branch (which only guides training).
_base_ = './sar_student.py'
model = dict(
    _delete_=True,
    type='mmkd.MultiHeadRecognizer',
    data_preprocessor=_base_.model.data_preprocessor,
    backbone=_base_.model.backbone,
    decoder=dict(
        type='CRNNDecoder',
        in_channels=128,
        rnn_flag=True,
        module_loss=dict(type='CTCModuleLoss', letter_case='lower'),
        postprocessor=dict(type='CTCPostProcessor'),
        dictionary=_base_.dictionary),
    aux_encoder=_base_.sar_encoder,
    aux_decoder=_base_.sar_decoder)

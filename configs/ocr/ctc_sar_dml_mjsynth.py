# ctc_sar_dml.py on real data: mmocr's CRNN data and schedule (MJSynth training; CUTE80, IIIT5K,
# SVT, SVTP, IC13, IC15 testing under data/) with two multi-head recognisers — mmocr's mini-VGG
# backbone shared by a CTC head (which predicts) and a SAR branch — learning from each other
# with the PP-OCRv3 losses (CTC 1, SAR 1, DML-CTC 1, DML-SAR 0.5 on valid steps, L2 1).
_base_ = './ctc_dml_mjsynth.py'
_recognizer = dict(
    type='mmkd.MultiHeadRecognizer',
    data_preprocessor=dict(type='TextRecogDataPreprocessor', mean=[127], std=[127]),
    backbone=dict(type='MiniVGG', leaky_relu=False, input_channels=1),
    decoder=dict(
        type='CRNNDecoder',
        in_channels=512,
        rnn_flag=True,
        module_loss=dict(type='CTCModuleLoss', letter_case='lower'),
        postprocessor=dict(type='CTCPostProcessor'),
        dictionary=_base_.dictionary),
    aux_encoder=dict(type='SAREncoder', enc_bi_rnn=False, d_model=512, d_enc=512),
    aux_decoder=dict(
        type='ParallelSARDecoder',
        enc_bi_rnn=False,
        d_model=512,
        d_enc=512,
        d_k=512,
        pred_concat=True,
        max_seq_len=30,
        module_loss=dict(type='CEModuleLoss', ignore_first_char=True, reduction='mean',
                         letter_case='lower'),
        postprocessor=dict(type='AttentionPostprocessor'),
        dictionary=dict(type='Dictionary', dict_file=_base_.dictionary.dict_file,
                        with_start=True, with_end=True, same_start_end=True,
                        with_padding=True, with_unknown=True)))
model = dict(
    models=dict(Teacher=dict(_delete_=True, model=_recognizer),
                Student=dict(_delete_=True, model=_recognizer)),
    recorders=dict(sar=dict(type='MethodOutputs', source='aux_decoder.forward_train')),
    losses=dict(
        _delete_=True,
        task=dict(type='TaskLoss', models=['Student', 'Teacher']),
        dml_ctc=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='ctc'),
        dml_sar=dict(type='DMLLoss', pairs=[('Student', 'Teacher')], key='sar',
                     mask='text_mask', weight=0.5),
        feat=dict(type='DistanceLoss', pairs=[('Student', 'Teacher')], key='feat')))

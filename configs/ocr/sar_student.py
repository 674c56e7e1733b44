# A small SAR recogniser (mmocr SARNet) for the embedded words: the small CRNN's backbone, SAR's
# LSTM encoder and parallel attention decoder (teacher-forced in training), cross-entropy with
# padding ignored.
_base_ = './crnn_student.py'
sar_dictionary = dict(
    type='Dictionary',
    dict_file=_base_.dictionary.dict_file,  # mmocr's lower_english_digits.txt
    with_start=True,
    with_end=True,
    same_start_end=True,
    with_padding=True,
    with_unknown=True)
sar_encoder = dict(type='SAREncoder', enc_bi_rnn=False, d_model=128, d_enc=128)
sar_decoder = dict(
    type='ParallelSARDecoder',
    enc_bi_rnn=False,
    dec_bi_rnn=False,
    d_model=128,
    d_enc=128,
    d_k=64,
    pred_concat=True,
    max_seq_len=15,
    module_loss=dict(type='CEModuleLoss', ignore_first_char=True, reduction='mean',
                     letter_case='lower'),
    postprocessor=dict(type='AttentionPostprocessor'),
    dictionary=sar_dictionary)
model = dict(
    type='SARNet',
    encoder=dict(_delete_=True, **sar_encoder),
    decoder=dict(_delete_=True, **sar_decoder))

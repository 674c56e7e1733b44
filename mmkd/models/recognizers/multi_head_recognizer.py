"""A text recogniser with one backbone and two heads (CTC + attention), as in PP-OCRv3."""
from typing import Dict, Optional, Sequence

import torch
from mmocr.models.textrecog.recognizers import EncoderDecoderRecognizer
from mmocr.registry import MODELS as MMOCR_MODELS

from mmkd.registry import MODELS


@MODELS.register_module()
class MultiHeadRecognizer(EncoderDecoderRecognizer):
    """``backbone`` feeds a CTC head (``decoder``, which predicts) and an auxiliary attention
    branch (``aux_encoder`` + ``aux_decoder``, e.g. SAR) trained with it; the auxiliary
    branch guides the shared backbone during training and costs nothing at inference
    (Li et al., "PP-OCRv3: More Attempts for the Improvement of Ultra Lightweight OCR
    System", 2022). Use from mmocr configs as ``type='mmkd.MultiHeadRecognizer'``.

    Args:
        backbone, decoder, encoder, preprocessor, data_preprocessor, init_cfg: As
            :class:`mmocr.models.EncoderDecoderRecognizer` (``decoder`` is the CTC head).
        aux_encoder (dict): The auxiliary branch's encoder (e.g. ``SAREncoder``).
        aux_decoder (dict): The auxiliary branch's decoder (e.g. ``ParallelSARDecoder``).
    """

    def __init__(self, backbone: Dict, decoder: Dict, aux_encoder: Dict, aux_decoder: Dict,
                 encoder: Optional[Dict] = None, preprocessor: Optional[Dict] = None,
                 data_preprocessor: Optional[Dict] = None, init_cfg=None) -> None:
        super().__init__(backbone=backbone, decoder=decoder, encoder=encoder,
                         preprocessor=preprocessor, data_preprocessor=data_preprocessor,
                         init_cfg=init_cfg)
        self.aux_encoder = MMOCR_MODELS.build(aux_encoder)
        self.aux_decoder = MMOCR_MODELS.build(aux_decoder)

    def loss(self, inputs: torch.Tensor, data_samples: Sequence, **kwargs) -> Dict:
        """Both heads' losses on one backbone pass: ``ctc.<key>`` and ``aux.<key>``."""
        feat = self.extract_feat(inputs)
        out_enc = self.encoder(feat, data_samples) if self.with_encoder else None
        losses = {f'ctc.{k}': v
                  for k, v in self.decoder.loss(feat, out_enc, data_samples).items()}
        # each head builds its own targets (dictionaries differ), on copies of the samples
        aux_samples = []
        for ds in data_samples:
            aux = ds.clone()  # shallow: gt_text must be a copy too
            aux.gt_text = ds.gt_text.clone()
            aux.set_metainfo(dict(have_target=False))
            aux_samples.append(aux)
        aux_enc = self.aux_encoder(feat, aux_samples)
        losses.update({f'aux.{k}': v for k, v in
                       self.aux_decoder.loss(feat, aux_enc, aux_samples).items()})
        return losses

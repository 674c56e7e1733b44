"""OCR pieces against mmocr's own target generation: the SAR valid-step mask, multi-head loss."""
import pytest
import torch
from mmengine.config import Config
from mmengine.registry import MODELS, DefaultScope

from conftest import REPO
from mmkd.models.distillers.batch_fields import text_mask
from mmkd.models.losses import DMLLoss


def build(cfg_path):
    cfg = Config.fromfile(f'{REPO}/{cfg_path}')
    with DefaultScope.overwrite_default_scope('mmocr'):
        return MODELS.build(cfg.model)


def data_samples(texts):
    from mmengine.structures import LabelData
    from mmocr.structures import TextRecogDataSample
    out = []
    for t in texts:
        ds = TextRecogDataSample(metainfo=dict(valid_ratio=1.0))
        ds.gt_text = LabelData(item=t)
        out.append(ds)
    return out


def test_text_mask_marks_exactly_the_supervised_sar_steps():
    sar = build('configs/ocr/sar_student.py')
    texts = ['ab', 'hello7', 'x', 'abcdefghijklmnopq']  # the last is cut at max_seq_len
    ds = sar.decoder.module_loss.get_targets(data_samples(texts))
    out = torch.zeros(4, sar.decoder.max_seq_len, 5)
    mask = text_mask(ds, out)
    pad = sar.decoder.dictionary.padding_idx
    # output step k is trained (CEModuleLoss, ignore_first_char) against padded_indexes[k + 1]
    targets = torch.stack([d.gt_text.padded_indexes for d in ds])[:, 1:]
    expected = torch.cat([targets != pad, torch.zeros(4, 1, dtype=torch.bool)], 1)
    assert torch.equal(mask, expected)
    assert mask.sum(1).tolist() == [3, 7, 2, 14]


def test_masked_dml_ignores_padding_steps():
    g = torch.Generator().manual_seed(0)
    s, t = torch.randn(2, 5, 7, generator=g), torch.randn(2, 5, 7, generator=g)
    mask = torch.tensor([[1, 1, 0, 0, 0], [1, 1, 1, 1, 0]], dtype=torch.bool)
    s2, t2 = s.clone(), t.clone()
    s2[~mask] = torch.randn(int((~mask).sum()), 7) * 10  # padding content must not matter
    assert DMLLoss()(s2, t2, mask).item() == pytest.approx(DMLLoss()(s, t, mask).item())
    assert DMLLoss()(s2, t2).item() != pytest.approx(DMLLoss()(s, t).item())


def test_multi_head_recogniser_trains_both_heads_and_predicts_with_ctc():
    m = build('configs/ocr/ctc_sar_student.py')
    m.train()
    ds = data_samples(['ab', 'cat9'])
    losses = m.loss(torch.randn(2, 1, 32, 100), ds)
    assert set(losses) == {'ctc.loss_ctc', 'aux.loss_ce'}
    sum(losses.values()).backward()
    assert any(p.grad is not None for p in m.decoder.parameters())
    assert any(p.grad is not None for p in m.aux_decoder.parameters())
    # the CTC targets stay on the shared samples; the SAR ones were made on copies
    assert 'padded_indexes' not in ds[1].gt_text and ds[1].gt_text.indexes.tolist() == \
        [12, 10, 29, 9]
    m.eval()
    with torch.no_grad():
        preds = m.predict(torch.randn(2, 1, 32, 100), data_samples(['', '']))
    assert all(isinstance(p.pred_text.item, str) for p in preds)

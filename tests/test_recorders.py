"""Recorders on plain PyTorch modules: values, in-place safety, function patching."""
import pytest
import torch
from torch import nn

from mmkd.models.recorders import (FunctionOutputs, MethodOutputs, ModuleInputs, ModuleOutputs,
                                   Parameter, RecorderSet, build_recorder)


class Net(nn.Module):

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)
        self.act = nn.ReLU(inplace=True)
        self.fc2 = nn.Linear(3, 2)

    def features(self, x):
        return self.act(self.fc1(x))

    def forward(self, x):
        h = torch.flatten(self.features(x), 1)
        return self.fc2(torch.flatten(h, 1))


def make(recs):
    torch.manual_seed(0)
    net = Net()
    return net, RecorderSet('Net', net, recs)


def test_module_outputs_inputs_method_and_parameter():
    net, rs = make({'pre': ModuleOutputs('fc1', copy=True), 'in2': ModuleInputs('fc2'),
                    'feat': MethodOutputs('features'), 'w': Parameter('fc2.weight'),
                    'out': ModuleOutputs('fc2')})
    x = torch.randn(5, 4)
    with rs.recording():
        y = net(x)
    pre = x @ net.fc1.weight.T + net.fc1.bias
    torch.testing.assert_close(rs.get('pre'), pre)
    torch.testing.assert_close(rs.get('in2'), pre.clamp(min=0))
    torch.testing.assert_close(rs.get('feat'), pre.clamp(min=0))
    assert rs.get('w') is net.fc2.weight
    assert rs.get('out') is y


def test_recording_does_not_change_results():
    torch.manual_seed(0)
    plain = Net()
    net, rs = make({'pre': ModuleOutputs('fc1', copy=True), 'feat': MethodOutputs('features'),
                    'flat': FunctionOutputs('torch.flatten', index=0)})
    net.load_state_dict(plain.state_dict())
    x = torch.randn(5, 4)
    with rs.recording():
        y = net(x)
    assert torch.equal(y, plain(x))


def test_inplace_modification_is_detected_and_copy_fixes_it():
    net, rs = make({'pre': ModuleOutputs('fc1')})
    with rs.recording():
        net(torch.randn(5, 4))
    with pytest.raises(RuntimeError, match='modified in place.*copy=True'):
        rs.get('pre')


def test_function_outputs_patched_only_during_recording():
    original = torch.flatten
    net, rs = make({'flat': FunctionOutputs('torch.flatten', index=-1),
                    'twice': FunctionOutputs('torch.flatten')})
    x = torch.randn(5, 4)
    with rs.recording():
        assert torch.flatten is not original
        y = net(x)
    assert torch.flatten is original
    expected_in = net.act(net.fc1(x))
    torch.testing.assert_close(rs.get('flat'), expected_in)
    torch.testing.assert_close(net.fc2(rs.get('flat')), y)
    with pytest.raises(RuntimeError, match='ran 2 times.*index='):
        rs.get('twice')


def test_records_are_fresh_each_forward_and_cleared():
    net, rs = make({'out': ModuleOutputs('fc2')})
    with rs.recording():
        net(torch.randn(5, 4))
    with rs.recording():
        y2 = net(torch.randn(5, 4))
    assert rs.get('out') is y2
    rs.clear()
    with pytest.raises(RuntimeError, match='recorded nothing'):
        rs.get('out')
    net(torch.randn(5, 4))  # outside recording: nothing is kept
    with pytest.raises(RuntimeError, match='recorded nothing'):
        rs.get('out')


def test_item_picks_tuple_element():

    class Two(nn.Module):

        def forward(self, x):
            return x, x * 2

    m = nn.Sequential(Two())
    rs = RecorderSet('m', m, {'second': ModuleOutputs('0', item=1)})
    x = torch.ones(2)
    with rs.recording():
        m(x)
    assert torch.equal(rs.get('second'), x * 2)


def test_missing_sources_and_types():
    net = Net()
    rec = ModuleOutputs('fc3')
    assert not rec.exists(net) and 'fc1' in rec.candidates(net)
    assert not MethodOutputs('fc1.nope').exists(net)
    assert not FunctionOutputs('torch.nope').exists(net)
    assert not Parameter('fc1.weights').exists(net)
    with pytest.raises(KeyError, match="unknown recorder type 'ModuleOutput'.*ModuleOutputs"):
        build_recorder('x', dict(type='ModuleOutput', source='fc1'))
    with pytest.raises(TypeError, match='recorders.x'):
        build_recorder('x', dict(type='ModuleOutputs', sources='fc1'))

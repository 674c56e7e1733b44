from .base_recorder import BaseRecorder
from .function_outputs import FunctionOutputs
from .method_outputs import MethodOutputs
from .module_recorders import ModuleInputs, ModuleOutputs
from .parameter import Parameter
from .recorder_set import RecorderSet, build_recorder

__all__ = ['BaseRecorder', 'FunctionOutputs', 'MethodOutputs', 'ModuleInputs', 'ModuleOutputs',
           'Parameter', 'RecorderSet', 'build_recorder']

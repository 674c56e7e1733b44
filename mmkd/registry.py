"""mmkd registries: children of MMEngine's root registries, scope ``mmkd``.

Upstream configs can name mmkd components with the ``mmkd.`` prefix
(``type='mmkd.Distiller'``) whatever their ``default_scope`` is.
"""
from mmengine.registry import DATASETS as MMENGINE_DATASETS
from mmengine.registry import HOOKS as MMENGINE_HOOKS
from mmengine.registry import LOOPS as MMENGINE_LOOPS
from mmengine.registry import MODELS as MMENGINE_MODELS
from mmengine.registry import OPTIM_WRAPPER_CONSTRUCTORS as MMENGINE_OPTIM_WRAPPER_CONSTRUCTORS
from mmengine.registry import TRANSFORMS as MMENGINE_TRANSFORMS
from mmengine.registry import Registry

#: Distillers, losses and connectors.
MODELS = Registry('model', parent=MMENGINE_MODELS, locations=['mmkd.models'])
#: Recorders: named taps on tensors inside a sub-network's forward.
RECORDERS = Registry('recorder', scope='mmkd', locations=['mmkd.models.recorders'])
#: Distillation validation and test loops.
LOOPS = Registry('loop', parent=MMENGINE_LOOPS, locations=['mmkd.engine'])
HOOKS = Registry('hook', parent=MMENGINE_HOOKS, locations=['mmkd.engine'])
OPTIM_WRAPPER_CONSTRUCTORS = Registry(
    'optimizer wrapper constructor',
    parent=MMENGINE_OPTIM_WRAPPER_CONSTRUCTORS,
    locations=['mmkd.engine'])
DATASETS = Registry('dataset', parent=MMENGINE_DATASETS, locations=['mmkd.datasets'])
TRANSFORMS = Registry('transform', parent=MMENGINE_TRANSFORMS, locations=['mmkd.datasets'])

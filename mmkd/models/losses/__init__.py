from .distance_loss import DistanceLoss
from .dml_loss import DMLLoss
from .js_div_loss import JSDivLoss
from .kl_div_loss import KLDivLoss
from .soft_ce_loss import SoftCELoss
from .task_loss import TaskLoss

__all__ = ['DistanceLoss', 'DMLLoss', 'JSDivLoss', 'KLDivLoss', 'SoftCELoss', 'TaskLoss']

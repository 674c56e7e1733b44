from .afd_loss import AFDLoss
from .at_loss import ATLoss
from .cwd_loss import CWDLoss
from .dila_db_loss import DilaDBLoss
from .dist_loss import DISTLoss
from .distance_loss import DistanceLoss
from .dkd_loss import DKDLoss
from .dml_loss import DMLLoss
from .js_div_loss import JSDivLoss
from .kl_div_loss import KLDivLoss
from .mgd_loss import MGDLoss
from .pkd_loss import PKDLoss
from .rkd_angle_loss import RKDAngleLoss
from .rkd_distance_loss import RKDDistanceLoss
from .skd_loss import SKDLoss
from .soft_ce_loss import SoftCELoss
from .task_loss import TaskLoss
from .wsl_loss import WSLLoss

__all__ = [
    'AFDLoss', 'ATLoss', 'CWDLoss', 'DilaDBLoss', 'DISTLoss', 'DistanceLoss', 'DKDLoss', 'DMLLoss',
    'JSDivLoss', 'KLDivLoss', 'MGDLoss', 'PKDLoss', 'RKDAngleLoss', 'RKDDistanceLoss', 'SKDLoss',
    'SoftCELoss', 'TaskLoss', 'WSLLoss'
]

from .checkpoint import (extract_submodel, load_file, register_safe_globals, state_dict_of,
                         submodel_names)
from .config import load_model_cfg, resolve_config_path
from .misc import did_you_mean, nearest

__all__ = ['extract_submodel', 'load_file', 'register_safe_globals', 'state_dict_of',
           'submodel_names', 'load_model_cfg', 'resolve_config_path', 'did_you_mean', 'nearest']

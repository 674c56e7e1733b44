from .distiller import Distiller
from .loss_routes import LossRoute

__all__ = ['Distiller', 'LossRoute']

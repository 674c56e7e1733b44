from .conv_connector import ConvConnector
from .linear_connector import LinearConnector

__all__ = ['ConvConnector', 'LinearConnector']

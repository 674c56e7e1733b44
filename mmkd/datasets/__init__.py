from . import digits  # noqa: F401  (registers the generator)
from .embedded import GENERATORS, EmbeddedDataset, prepare, register_generator

__all__ = ['GENERATORS', 'EmbeddedDataset', 'prepare', 'register_generator']

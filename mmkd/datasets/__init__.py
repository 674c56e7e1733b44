from . import digits, shapes, words  # noqa: F401  (register the generators)
from .embedded import GENERATORS, EmbeddedDataset, prepare, register_generator

__all__ = ['GENERATORS', 'EmbeddedDataset', 'prepare', 'register_generator']

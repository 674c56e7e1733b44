from . import digits, shapes, textdet, words  # noqa: F401  (register the generators)
from .embedded import GENERATORS, EmbeddedDataset, prepare, register_generator

__all__ = ['GENERATORS', 'EmbeddedDataset', 'prepare', 'register_generator']

from .multi_head_recognizer import MultiHeadRecognizer

__all__ = ['MultiHeadRecognizer']

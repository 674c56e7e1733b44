from .connectors import *  # noqa: F401,F403
from .distillers import *  # noqa: F401,F403
from .losses import *  # noqa: F401,F403
from .recorders import *  # noqa: F401,F403

try:  # the OCR models need mmocr
    from .recognizers import *  # noqa: F401,F403
except ImportError:  # pragma: no cover
    pass

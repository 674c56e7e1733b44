"""Small helpers shared by mmkd's modules."""
import difflib
from typing import Iterable, List


def nearest(name: str, candidates: Iterable[str], n: int = 5) -> List[str]:
    """The candidates closest to ``name`` (for "did you mean" messages).

    Args:
        name (str): The name the user wrote.
        candidates (Iterable[str]): The valid names.
        n (int): How many to return at most.

    Returns:
        list[str]: Up to ``n`` valid names, closest first.
    """
    candidates = list(candidates)
    close = difflib.get_close_matches(name, candidates, n=n, cutoff=0.4)
    if len(close) < n:
        # Names sharing the last dotted component or a prefix are useful too.
        tail = name.split('.')[-1]
        close += [c for c in candidates
                  if c not in close and (c.endswith(tail) or name.startswith(c))]
    return close[:n]


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A sentence listing the valid names closest to ``name``."""
    candidates = list(candidates)
    close = nearest(name, candidates)
    if close:
        return 'Nearest valid names: ' + ', '.join(repr(c) for c in close) + '.'
    shown = ', '.join(repr(c) for c in candidates[:10])
    return f'Valid names: {shown}{" ..." if len(candidates) > 10 else ""}.'


def with_context(err: Exception, where: str) -> Exception:
    """A copy of ``err`` whose message starts with ``where`` (same type where possible)."""
    msg = f'{where}: {err.args[0] if len(err.args) == 1 else err}'
    try:
        new = type(err)(msg)
    except Exception:  # noqa: BLE001 - exception types with other constructors
        new = RuntimeError(msg)
    return new

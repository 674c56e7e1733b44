"""Base class of recorders: named taps on tensors produced inside a sub-network's forward."""
from typing import Any, List, Optional, Union

import torch
from torch import nn


class BaseRecorder:
    """Records a value each time its source runs while recording is active.

    Args:
        source (str): What to record; its meaning depends on the recorder (a module path, a
            method path, a function path or a parameter name).
        item (int | str, optional): Pick one element of a tuple/list/dict value (e.g. the last
            stage of a backbone's tuple of outputs). Defaults to None (the whole value).
        index (int, optional): Which call to return when the source ran several times in one
            forward. Defaults to None: the source must have run exactly once.
        copy (bool): Store a copy, for values that the forward later modifies in place
            (``ReLU(inplace=True)``, ``out += identity``). Without it such a modification is
            detected and reported. Defaults to False.
    """

    def __init__(self, source: str, item: Union[int, str, None] = None,
                 index: Optional[int] = None, copy: bool = False) -> None:
        if not isinstance(source, str):
            raise TypeError(f'{type(self).__name__}: source must be a string, got {source!r}.')
        self.source = source
        self.item = item
        self.index = index
        self.copy = copy
        self.active = False
        self.name = '?'  # "<key> in <model>", set by RecorderSet for messages
        self._records: List[Any] = []

    # ----- to be provided by subclasses ------------------------------------------------------
    def exists(self, model: nn.Module) -> bool:
        """Whether ``model`` has this recorder's source."""
        raise NotImplementedError

    def candidates(self, model: nn.Module) -> List[str]:
        """Valid sources in ``model`` (for error messages)."""
        raise NotImplementedError

    def attach(self, model: nn.Module) -> None:
        """Install the tap on ``model`` (called once)."""
        raise NotImplementedError

    # ----- shared behaviour --------------------------------------------------------------------
    def start(self) -> None:
        """Begin a forward: forget earlier records and record from now on."""
        self._records = []
        self.active = True

    def stop(self) -> None:
        """Stop recording (records are kept until :meth:`clear`)."""
        self.active = False

    def clear(self) -> None:
        """Drop the recorded values (so no tensor is held between iterations)."""
        self._records = []

    def record(self, value: Any) -> None:
        """Store ``value`` (its ``item``; a copy if ``copy``) if recording is active."""
        if not self.active:
            return
        if self.item is not None:
            try:
                value = value[self.item]
            except (IndexError, KeyError, TypeError) as e:
                raise KeyError(f'recorder {self.name}: cannot take item {self.item!r} of the '
                               f'recorded {type(value).__name__}: {e}') from e
        if isinstance(value, torch.Tensor):
            if self.copy:
                value = value.clone()
            self._records.append((value, value._version))
        else:
            self._records.append((value, None))

    def get(self) -> Any:
        """The recorded value of the current forward.

        Raises:
            RuntimeError: Nothing was recorded, several calls and no ``index``, or the tensor
                was modified in place after it was recorded.
        """
        n = len(self._records)
        if n == 0:
            raise RuntimeError(f'recorder {self.name} ({type(self).__name__} of '
                               f'{self.source!r}) recorded nothing in this forward: the source '
                               'did not run in the forward of this model.')
        if self.index is None and n > 1:
            raise RuntimeError(f'recorder {self.name} ({type(self).__name__} of '
                               f'{self.source!r}) ran {n} times in one forward; set index= to '
                               'pick one call (0 = first, -1 = last).')
        try:
            value, version = self._records[0 if self.index is None else self.index]
        except IndexError:
            raise RuntimeError(f'recorder {self.name}: index={self.index} but the source ran '
                               f'{n} time(s).') from None
        if version is not None and value._version != version:
            raise RuntimeError(
                f'recorder {self.name} ({type(self).__name__} of {self.source!r}): the recorded '
                'tensor was modified in place later in the forward (e.g. by ReLU(inplace=True) '
                'or `out += identity`), so it no longer holds the recorded value. Set copy=True '
                'on this recorder, or record another module.')
        return value

    def __repr__(self) -> str:
        return f'{type(self).__name__}(source={self.source!r})'

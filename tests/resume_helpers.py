"""A hook that kills the training process right after an epoch's checkpoint is written
(imported through ``custom_imports`` by tests/test_resume.py)."""
import os

from mmengine.hooks import Hook
from mmengine.registry import HOOKS


@HOOKS.register_module()
class KillAfterEpoch(Hook):
    """Exit at once, as a killed process would, after epoch ``epoch``'s checkpoint."""

    priority = 'LOWEST'  # after CheckpointHook

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch

    def after_train_epoch(self, runner) -> None:
        if runner.epoch + 1 == self.epoch:
            os._exit(137)

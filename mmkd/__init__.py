"""mmkd: knowledge distillation for OpenMMLab 2.0."""
from .utils.checkpoint import register_safe_globals
from .version import __version__

register_safe_globals()


def register_all_modules(init_default_scope: bool = False) -> None:
    """Import every mmkd module so that all its components are registered.

    Args:
        init_default_scope (bool): Also make ``mmkd`` the default scope. Defaults to False
            (mmkd components are named with the ``mmkd.`` prefix from upstream scopes).
    """
    import mmkd.datasets  # noqa: F401
    import mmkd.engine  # noqa: F401
    import mmkd.models  # noqa: F401
    if init_default_scope:
        from mmengine.registry import DefaultScope
        DefaultScope.get_instance('mmkd', scope_name='mmkd')


__all__ = ['__version__', 'register_all_modules']

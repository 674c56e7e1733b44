import os.path as osp
import sys

import pytest

REPO = osp.dirname(osp.abspath(__file__))
sys.path.insert(0, REPO)


@pytest.fixture(scope='session', autouse=True)
def _register():
    import mmkd
    mmkd.register_all_modules()


@pytest.fixture
def in_repo(monkeypatch):
    """Run with the repository root as working directory (configs/ and data/ live there)."""
    monkeypatch.chdir(REPO)
    return REPO

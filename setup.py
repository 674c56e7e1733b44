"""mmkd: knowledge distillation for OpenMMLab 2.0."""
import os.path as osp

from setuptools import find_packages, setup


def get_version() -> str:
    ns: dict = {}
    with open(osp.join(osp.dirname(__file__), 'mmkd', 'version.py')) as f:
        exec(f.read(), ns)
    return ns['__version__']


def parse_requirements(fname: str) -> list:
    path = osp.join(osp.dirname(__file__), 'requirements', fname)
    reqs = []
    with open(path) as f:
        for line in f:
            line = line.split('#')[0].strip()
            if line:
                reqs.append(line)
    return reqs


if __name__ == '__main__':
    setup(
        name='mmkd',
        version=get_version(),
        description='Knowledge distillation for OpenMMLab 2.0 (classification, '
        'OCR detection and recognition, segmentation)',
        long_description=open('README.md', encoding='utf-8').read(),
        long_description_content_type='text/markdown',
        keywords='knowledge distillation, mutual learning, openmmlab',
        packages=find_packages(
            exclude=('configs*', 'tools*', 'tests*', 'projects*', 'benchmarks*')),
        include_package_data=True,
        python_requires='>=3.8',
        license='Apache License 2.0',
        install_requires=parse_requirements('runtime.txt') + ['mmcv>=2.0.0,<2.1.0'],
        extras_require={'tests': parse_requirements('tests.txt')},
        zip_safe=False)

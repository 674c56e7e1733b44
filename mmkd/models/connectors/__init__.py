from .afd_connectors import AFDStudentConnector, AFDTeacherConnector
from .conv_connector import ConvConnector
from .linear_connector import LinearConnector
from .mgd_connector import MGDConnector

__all__ = ['AFDStudentConnector', 'AFDTeacherConnector', 'ConvConnector', 'LinearConnector',
           'MGDConnector']

"""bizcall: a Korean business-consultation assistant in the spirit of 서울비즈콜.

The package holds everything the Rasa actions and the command line share:
settings, the database, the program catalogue, Korean NLP components and the
process runner. Nothing here opens a connection or starts a JVM at import time.
"""

__version__ = "0.1.0"

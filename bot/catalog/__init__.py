"""The SBA program catalogue: reviewable YAML under ``catalog/``, loaded into the database.

``loader`` validates and loads the files, ``queries`` reads them back, ``search``
finds programs from what users type, and ``nlu`` generates the NLU data for the
``program`` entity, so the catalogue stays the one source of truth.
"""

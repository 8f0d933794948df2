"""Korean NLP for Rasa: morpheme tokenisation with exact offsets and catalogue entity matching.

The Rasa components (``tokenizer.KoreanTokenizer``, ``matcher.CatalogEntityMatcher``)
are thin; the work is in ``morph`` (analyser backends and offset alignment), which
the CLI and tests use directly too.
"""

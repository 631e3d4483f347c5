"""The data stage: read ``data/<kind>/<id>.yaml`` safely, validate each entry against its schema and
resolve the references between entries into a graph.

Owns: the YAML loader and its errors and warnings, what a plain scalar means, the JSON Schemas and what
editors need of them, the examples made from them, the reference graph, and prose (the text fields and
the links written in them, with the one link policy every later stage applies).

May import: ``loopbook.model``, ``loopbook.codes``, ``loopbook.diagnostics``, ``loopbook.files``,
``loopbook.progress``. Never ``analysis``, ``render``, ``checks``, ``engines`` or ``cli``: every other stage
builds on what this one hands over.
"""

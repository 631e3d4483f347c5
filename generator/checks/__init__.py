"""The checks: what must hold of the site before it is published, found without building it (links,
anchors, modelines, external URLs) or by looking at what was built (the output guard).

May import: ``loopbook.data``, ``loopbook.analysis``, ``loopbook.render`` and the top-level basics. Never
``engines`` or ``cli``.
"""

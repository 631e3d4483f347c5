"""The render stage: the site's pages as Markdown, made from the graph and the analyses.

Owns: the site map (every page's path, URL and nav place), the page values and what each template
receives, the cross-kind views, the reference pages (schema, codes), escaping for Markdown and HTML, the
Jinja environment and its renderer, and the Anki deck (the same questions, rendered for another reader).

May import: ``loopbook.data``, ``loopbook.analysis`` and the top-level basics. Never ``checks``,
``engines`` or ``cli``.
"""

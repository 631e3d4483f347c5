"""The analysis stage: what the handbook's entries say taken together, as hints and plans.

Owns: the quality hints (warnings, never errors), the measures other stages share (speaking time, review
dates, today), consistency across stories, the house severity policy and the loop planner.

May import: ``loopbook.data`` and the top-level basics (``model``, ``codes``, ``diagnostics``). Never
``render``, ``checks``, ``engines`` or ``cli``: an analysis does not know how it will be shown.
"""

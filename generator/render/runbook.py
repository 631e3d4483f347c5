"""What a runbook page is given beyond its entry: the facts an engineer reads first, the first sentence of
the summary (the rest is folded), and the JSON its scripts read (theme/assets/javascripts/runbook-parameters.js and runbook-checklist.js):
the runbook's id for the checklist, the parameters and where each command uses them.

The page reads whole without the scripts: the commands show their placeholders as written, the review
banner is the build's verdict, and the checklist is a numbered list.
"""

from __future__ import annotations

from typing import Any, TypedDict

from loopbook.data.parameters import commands, declared, pattern_of, placeholders
from loopbook.data.prose import first_sentence
from loopbook.model import Entry
from loopbook.render.escape import script_json


class Lead(TypedDict):
    first: str  # the summary's first sentence, shown at the top
    rest: str  # the rest of the summary, folded; "" when it is one sentence


def lead(runbook: Entry) -> Lead:
    first, rest = first_sentence(str(runbook.data["summary"]))
    return Lead(first=first, rest=rest)


def page_data(runbook: Entry) -> str:
    """The script's JSON. Each command that uses a parameter is given by its text (white space collapsed,
    as the page's code block may differ in it) and its placeholders in order: the name, the quoting in
    force there, and which occurrence of that <name> in the text it is."""
    params = [{"name": str(p["name"]), "pattern": pattern_of(p)} for p in declared(runbook)]
    names = {p["name"] for p in params}
    filled = []
    for _, command in commands(runbook):
        slots = [[s.name, s.quoting, command.count(f"<{s.name}>", 0, s.start)] for s in placeholders(command) if s.name in names]
        if slots:
            filled.append({"text": " ".join(command.split()), "slots": slots})
    return script_json({"runbook": runbook.id, "parameters": params, "commands": filled})


def used_parameters(runbook: Entry) -> list[dict[str, Any]]:
    """The declared parameters that some command uses, in their declared order: the page's form."""
    used = {s.name for _, command in commands(runbook) for s in placeholders(command)}
    return [p for p in declared(runbook) if p["name"] in used]

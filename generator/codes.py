"""Every diagnostic code loopbook reports, with what it means and how to fix it.

One registry, as yamllint keeps each rule's id beside its explanation: ``Diagnostics`` refuses a code
that is not here, and the "Diagnostic codes" page of the handbook is generated from it, so the
documentation cannot miss a code or explain one that nothing reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Code:
    severity: Literal["error", "warning"]
    meaning: str  # Markdown, one line
    fix: str  # Markdown, one line


CODES: dict[str, Code] = {
    "yaml-syntax": Code("error", "The file is not valid YAML. The position is where the broken construct starts (an unclosed quote or bracket), with the line where the parser gave up; an indentation mistake names the column expected.",
                          "Follow the message: close the quote or bracket, line the key or `-` up with its siblings, quote values that contain `: `; indent with spaces."),
    "yaml-alias": Code("error", "An alias (`*a`): YAML aliases are not allowed.",
                         "Write the value out in full."),
    "yaml-anchor": Code("error", "An anchor (`&a`): YAML anchors are not allowed.",
                         "Remove the anchor and write each value out."),
    "yaml-tag": Code("error", "An explicit tag (`!tag`): YAML tags are not allowed.",
                         "Remove the tag."),
    "duplicate-key": Code("error", "The same key twice in one mapping.",
                         "Keep one."),
    "complex-key": Code("error", "A key that is a list or a mapping.",
                         "Keys are plain words."),
    "too-deep": Code("error", "Nesting deeper than 20 levels.",
                         "Flatten the value."),
    "encoding": Code("error", "The file is not UTF-8.",
                         "Save it as UTF-8."),
    "file-too-large": Code("error", "The file is over 256 KiB.",
                         "Split the entry, or shorten it."),
    "symlink": Code("error", "The file is a symbolic link.",
                         "Put the file itself under `data/`."),
    "empty-file": Code("error", "The file holds no entry.",
                         "Write keys and values, as `loopbook new` does."),
    "not-a-mapping": Code("error", "The file holds no entry.",
                         "Write keys and values, as `loopbook new` does."),
    "bad-id": Code("error", "The file name is not a valid id.",
                         "Rename it: lower-case words joined by hyphens, at most 64 characters, ending in `.yaml`."),
    "unknown-kind": Code("error", "The file is not directly inside a kind folder.",
                         "Move it to one of `data/principles/`, `data/stories/`, `data/questions/`, `data/runbooks/`, `data/metrics/`, `data/projects/`, `data/roles/`."),
    "duplicate-id": Code("error", "Two files give the same id (`x.yaml` and `x.yml`).",
                         "Keep one."),
    "unknown-key": Code("error", "A key the schema does not define.",
                         "Use the suggested key, or see the kind on the Schema reference page. The id is the file name, never a key."),
    "missing-key": Code("error", "A required key is missing.",
                         "Add it; the message says what it holds."),
    "wrong-type": Code("error", "A value of the wrong shape: text where a list is wanted, an empty value, an unquoted number or true/false where text is wanted.",
                         "Give it a value of the kind named; quote text that contains `: `, and text YAML reads as a number (`period: '2023'`)."),
    "bad-value": Code("error", "A value outside the allowed ones, or not in the required form.",
                         "Use one of the values the message lists, or the form it describes."),
    "bad-date": Code("error", "A date that does not exist or is not `YYYY-MM-DD`.",
                         "Write a real date, e.g. `2026-01-31`."),
    "empty-value": Code("error", "An empty text or list where one is required.",
                         "Fill it in, or remove an optional key."),
    "too-long": Code("error", "Text or a list longer than allowed.",
                         "Shorten it to the limit in the message."),
    "duplicate-item": Code("error", "A list holds the same item twice.",
                         "Keep one."),
    "invalid": Code("error", "Any other schema rule.",
                         "Follow the message."),
    "missing-ref": Code("error", "A reference to an id that does not exist.",
                          "Use the suggested id (a misspelling, or the one id that begins with what you wrote), or create the entry; `loopbook list KIND` shows the ids."),
    "broken-link": Code("error", "A link to a page or heading that does not exist.",
                         "Fix the link; prefer `[[kind:id]]`."),
    "broken-anchor": Code("error", "A link to a page or heading that does not exist.",
                         "Fix the link; prefer `[[kind:id]]`."),
    "unsafe-link": Code("error", "A link with a scheme other than http, https or mailto.",
                         "Link to a web page or to an entry."),
    "external-broken": Code("error", "(`check --external` only) The URL answers with an HTTP error such as 404.",
                         "Update the URL, or remove the link if the page is gone."),
    "external-unreachable": Code("error", "(`check --external` only) No answer: timed out, refused, or the name does not resolve.",
                         "Check the URL; if the site is only down for a while, the next scheduled run will tell."),
    "external-refused": Code("error", "(`check --external` only) The name resolves to a loopback, private or link-local address, which the check does not contact.",
                         "Link to a public address, or allow the host under `extra.loopbook.external.allow_hosts` in `mkdocs.yml`."),
    "unsafe-output": Code("error", "The built site holds what no page may: an event handler, a link with an unsafe scheme, or a script the theme did not write. The site is not published.",
                         "A template or Markdown extension let data through as HTML: open an issue with the message; it is a bug, not a data problem."),
    "search-index": Code("error", "Pagefind could not index the built site for search (not installed, failed, or found no page "
                         "to index). The site is not published.",
                         "Follow the message; `make setup` installs the pinned Pagefind. No page indexed means the theme's "
                         "`data-pagefind-body` is missing: a bug in loopbook, not a data problem."),
    "mkdocs": Code("error", "The site build, or MkDocs reading `mkdocs.yml`, reported a problem (or `extra.loopbook.strict` is not a list of codes).",
                     "Follow the message."),
    "mkdocs-config": Code("error", "The site build, or MkDocs reading `mkdocs.yml`, reported a problem (or `extra.loopbook.strict` is not a list of codes).",
                            "Follow the message."),
    "zensical": Code("error", "`loopbook build --engine zensical` failed, or Zensical is not installed.",
                         "Follow the message; `make setup` installs the pinned Zensical."),
    "stale-schema": Code("error", "`loopbook schemas --check` found `schemas/` out of date.",
                         "Run `make schemas` and commit the result."),
    "schema-export": Code("error", "`loopbook schemas --export` could not write the folder.",
                         "Check the path and its permissions."),
    "schema-comment": Code("warning", "The file's first line does not point editors at its schema.",
                         "Make the first line what the message says, e.g. `# yaml-language-server: $schema=../../schemas/story.schema.json`."),
    "result-without-number": Code("warning", "A story's result has no figure.",
                         "Say what changed, and by how much."),
    "speaking-time": Code("warning", "A story takes too long or too short to tell.",
                         "Aim for the range in the message: cut detail, or add the missing part of the STAR."),
    "we-not-i": Code("warning", "A story's actions say \"we\" more than \"I\".",
                         "Say what you did."),
    "few-stories": Code("warning", "Too few stories show a principle.",
                         "Write another story, or cite the principle from one that shows it."),
    "review-overdue": Code("warning", "A runbook is past its review date.",
                         "Review it, then update `last_reviewed`."),
    "sla-policy": Code("warning", "A runbook's SLA (`acknowledge` or `resolve`) differs from the severity policy for its severity, "
                       "and the runbook does not say why. Reported at the `sla` line.",
                       "Use the policy's targets, or keep yours and say why under `sla.reason`."),
    "bad-parameter": Code("error", "A runbook parameter the page could not use: its name declared twice or taken by the site (`q`, the search's words), a `pattern` that is not a "
                          "regular expression in the syntax Python and JavaScript share, or an `example` its own pattern refuses.",
                          "Follow the message: keep one declaration or rename it, write the pattern with classes, groups, `|` and quantifiers "
                          "(no inline flags, `\\A`/`\\Z` or named groups), or change the example or the pattern."),
    "undeclared-parameter": Code("warning", "In a runbook that declares `parameters`, a command writes `<name>` (a word without spaces "
                                 "between `<` and `>`) that names none of them, so the page cannot fill it in.",
                                 "Declare it under `parameters`, correct the name, or write it with a space (`<first bad time>`) if it "
                                 "is free text for the reader."),
    "unused-parameter": Code("warning", "A runbook declares a parameter that no command of its steps, verification or rollback writes as `<name>`.",
                             "Write `<name>` where the value goes, or remove the parameter."),
    "figure-reused": Code("warning", "The same figure, for the same measured thing, is credited to different causes in different "
                          "stories (one warning per story, naming the other files and lines).",
                          "Credit the figure to one cause, or link stories that tell the same event under `consistency`; "
                          "the contributing guide says how."),
    "self-reference": Code("error", "An entry names itself in a reference field (`related`, `evidence`, ...) or links to its own page from its prose.",
                             "Remove it; to point at a heading of the same page, write `[[kind:id#anchor]]`."),
    "ambiguous-number": Code("error", "An unquoted value such as `1_000` or `.5e3` that check-jsonschema and the editor read differently (one as a number, one as text).",
                               "Quote it, or write the number plainly (`1000`)."),
    "merged-list-item": Code("warning", "A `- item` line indented further than the items above it: it is not an item but part of the text of the item above.",
                               "Move its `-` to the column of the other items."),
    "comment-in-value": Code("warning", "In an unquoted value, ` #` started a comment, so the rest of the line was dropped (`title: CI speed-up #2` is `CI speed-up`).",
                               "Quote the whole value: `title: \"CI speed-up #2\"`. A comment meant as one is written `# text`, with a space."),
}


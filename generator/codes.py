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
    "yaml-syntax": Code("error", "The file is not valid YAML. The position is where the broken construct starts (an unclosed quote "
                          "or bracket), with the line where the parser gave up; an indentation mistake names the column expected.",
                          "Follow the message: close the quote or bracket, line the key or `-` up with its siblings, quote values "
                          "that contain `: `; indent with spaces."),
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
    "not-an-entry": Code("error", "Something under `data/` is named like an entry but is no file loopbook reads: a folder, FIFO, socket "
                         "or device named `*.yaml`, a file that cannot be read, or an extension in capitals (`.YAML`). It is "
                         "reported at its path and never opened.",
                         "Keep regular files named `<id>.yaml` under `data/<kind>/`; move anything else out of `data/`."),
    "control-character": Code("error", "A control character other than tab and line break (ESC, BEL, NUL, ...), made by a "
                              "YAML escape such as `\\e` or `\\x07` in a double-quoted value: a page, a terminal or Anki would "
                              "act on it instead of showing it. Reported where the escape is written.",
                              "Remove the escape; write a line break as a line break (or `\\n`), a tab as `\\t`."),
    "bidi-control": Code("error", "A bidirectional control character (U+202A-U+202E, U+2066-U+2069), raw or escaped, anywhere "
                         "in the file: it reorders how the text around it is shown, so a title or a command can read differently "
                         "from what it says (the Trojan Source trick). An error, not a warning: no entry needs one, and right-"
                         "to-left text needs only the marks LRM, RLM and ALM, which are fine.",
                         "Remove it; to set the direction of right-to-left text, use U+200E (LRM) or U+200F (RLM)."),
    "empty-file": Code("error", "The file holds no entry.",
                         "Write keys and values, as `loopbook new` does."),
    "not-a-mapping": Code("error", "The file holds no entry.",
                         "Write keys and values, as `loopbook new` does."),
    "bad-id": Code("error", "The file name is not a valid id, or is `index`, the name of the kind's index page.",
                         "Rename it: lower-case words joined by hyphens, at most 64 characters, ending in `.yaml`."),
    "unknown-kind": Code("error", "The file is not directly inside a kind folder.",
                         "Move it to one of `data/principles/`, `data/stories/`, `data/questions/`, `data/runbooks/`, "
                         "`data/metrics/`, `data/projects/`, `data/roles/`, `data/loops/`, `data/debriefs/`, or the same folder "
                         "under `data/private/` to keep it private."),
    "duplicate-id": Code("error", "Two files give the same id (`x.yaml` and `x.yml`).",
                         "Keep one."),
    "unknown-key": Code("error", "A key the schema does not define.",
                         "Use the suggested key, or see the kind on the Schema reference page. The id is the file name, never a key."),
    "missing-key": Code("error", "A required key is missing.",
                         "Add it; the message says what it holds."),
    "wrong-type": Code("error", "A value of the wrong shape: text where a list is wanted, an empty value, an unquoted number or "
                         "true/false where text is wanted.",
                         "Give it a value of the kind named; quote text that contains `: `, and text YAML reads as a number "
                         "(`period: '2023'`)."),
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
    "conflicting-keys": Code("error", "An item that takes one of two keys has both (a debrief's asked question with both "
                         "`question` and `text`).",
                         "Keep the one that fits: `question` for a question of the bank, `text` for one it lacks."),
    "invalid": Code("error", "Any other schema rule.",
                         "Follow the message."),
    "missing-ref": Code("error", "A reference to an id that does not exist.",
                          "Use the suggested id (a misspelling, or the one id that begins with what you wrote), or create the "
                          "entry; `loopbook list KIND` shows the ids."),
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
    "external-never-resolves": Code("error", "(`check --external` only) The URL's host is under a name RFC 6761 reserves: "
                                    "`.invalid`, `.test` and `.example` (and those names themselves) never resolve in the "
                                    "public DNS, and a name under `.localhost` is this machine's loopback. No reader can follow "
                                    "the link. Found from the name alone, before any request, so it is reported even when the "
                                    "network is down. `example.com`, `.net` and `.org` are real sites, checked like any other; "
                                    "`localhost` itself is judged by its address (`external-refused`).",
                                    "Link the real host. A host you run under such a name (a `.test` name a local resolver "
                                    "answers) is checked like any other when listed under `extra.loopbook.external.allow_hosts`; "
                                    "`extra.loopbook.external.ignore` leaves a URL out of the check."),
    "external-refused": Code("error", "(`check --external` only) The name resolves to a loopback, private or link-local address, "
                         "which the check does not contact.",
                         "Link to a public address, or allow the host under `extra.loopbook.external.allow_hosts` in `mkdocs.yml`."),
    "unsafe-output": Code("error", "The built site holds what no page may: an event handler, a link with an unsafe scheme, or a "
                         "script the theme did not write. The site is not published.",
                         "A template or Markdown extension let data through as HTML: open an issue with the message; it is a "
                         "bug, not a data problem."),
    "search-index": Code("error", "Pagefind could not index the built site for search (not installed, failed, or found no page "
                         "to index). The site is not published.",
                         "Follow the message; `make setup` installs the pinned Pagefind. No page indexed means the theme's "
                         "`data-pagefind-body` is missing: a bug in loopbook, not a data problem."),
    "mkdocs": Code("error", "The site build, or MkDocs reading `mkdocs.yml`, reported a problem (or `extra.loopbook.strict` is "
                     "not a list of codes).",
                     "Follow the message."),
    "mkdocs-config": Code("error", "The site build, or MkDocs reading `mkdocs.yml`, reported a problem (or `extra.loopbook.strict` "
                            "is not a list of codes).",
                            "Follow the message."),
    "site-dir": Code("error", "`site_dir` names a folder the build must not replace: the project folder, one that holds or lies "
                     "inside the docs folder, `data/`, `.git` or another source, one outside the project (unless "
                     "`extra.loopbook.allow_outside_project` lists `site_dir`), a link or a file, or a folder of files "
                     "loopbook did not write (no `.loopbook-site` marker). Nothing is built or deleted. Reported at the "
                     "`site_dir` line.",
                     "Point `site_dir` at a folder of the build's own, such as `site`; an old site built before the marker "
                     "existed is deleted once by hand."),
    "docs-dir": Code("error", "`docs_dir` or `theme.custom_dir` names a folder outside the project, whose files the site would "
                     "publish (or `docs_dir` is the project folder itself, which would publish `data/` and `.git`).",
                     "Keep the pages in the project (`docs_dir: docs`); a folder outside is allowed only by listing its "
                     "setting under `extra.loopbook.allow_outside_project` in `mkdocs.yml`."),
    "outside-link": Code("error", "A symbolic link in the docs folder, the theme folder or `.cache` that leads outside the project "
                         "(or cannot be resolved): the site would publish, or loopbook write, what it points at.",
                         "Copy the file into the project, or remove the link."),
    "config-code": Code("error", "`mkdocs.yml` asks a command that builds nothing (`check`, `plan`, `export`, the pre-commit hook) "
                        "to run code: a YAML tag that runs Python (`!!python/object/apply:...`), a Markdown extension imported "
                        "from the project folder, or an `INHERIT` file outside the project. Those commands read `mkdocs.yml` "
                        "without running anything (`!ENV`, `!relative` and `!!python/name:` are read as values, never imported); "
                        "a build runs MkDocs, which runs them.",
                        "Use `!!python/name:` or a plain value, an installed extension, an `INHERIT` file in the project."),
    "zensical": Code("error", "`loopbook build --engine zensical` failed, or Zensical is not installed.",
                         "Follow the message; `make setup` installs the pinned Zensical."),
    "stale-schema": Code("error", "`loopbook schemas --check` found `schemas/` out of date.",
                         "Run `make schemas` and commit the result."),
    "schema-export": Code("error", "`loopbook schemas --export` could not write the folder.",
                         "Check the path and its permissions."),
    "schema-comment": Code("warning", "The file's first line does not point editors at its schema.",
                         "Make the first line what the message says, e.g. "
                         "`# yaml-language-server: $schema=../../schemas/story.schema.json`."),
    "result-without-number": Code("warning", "A story's result has no figure.",
                         "Say what changed, and by how much."),
    "speaking-time": Code("warning", "A story takes too long or too short to tell.",
                         "Aim for the range in the message: cut detail, or add the missing part of the STAR."),
    "we-not-i": Code("warning", "A story's actions say \"we\" more than \"I\".",
                         "Say what you did."),
    "few-stories": Code("warning", "Too few stories show a principle (a story set aside for its errors counts, and is named).",
                         "Write another story, or cite the principle from one that shows it."),
    "review-overdue": Code("warning", "A runbook is past its review date.",
                         "Review it, then update `last_reviewed`."),
    "sla-policy": Code("warning", "A runbook's SLA (`acknowledge` or `resolve`) differs from the severity policy for its severity, "
                       "and the runbook does not say why. Reported at the `sla` line.",
                       "Use the policy's targets, or keep yours and say why under `sla.reason`."),
    "bad-parameter": Code("error", "A runbook parameter the page could not use: its name declared twice or taken by the site "
                          "(`q`, the search's words), a `pattern` that is not a regular expression in the syntax Python and "
                          "JavaScript share, or an `example` its own pattern refuses.",
                          "Follow the message: keep one declaration or rename it, write the pattern with classes, groups, `|` "
                          "and quantifiers (no inline flags, `\\A`/`\\Z` or named groups), or change the example or the pattern."),
    "undeclared-parameter": Code("warning", "In a runbook that declares `parameters`, a command writes `<name>` (a word without spaces "
                                 "between `<` and `>`) that names none of them, so the page cannot fill it in.",
                                 "Declare it under `parameters`, correct the name, or write it with a space (`<first bad time>`) if it "
                                 "is free text for the reader."),
    "unused-parameter": Code("warning", "A runbook declares a parameter that no command of its steps, verification or rollback "
                             "writes as `<name>`.",
                             "Write `<name>` where the value goes, or remove the parameter."),
    "figure-reused": Code("warning", "The same figure, for the same measured thing, is credited to different causes in different "
                          "stories (one warning per story, naming up to 5 of the other files and lines and counting the rest). "
                          "A figure the prose only refers back to (\"the 45 % gain held\", \"that 20 %\") is no credit.",
                          "Credit the figure to one cause, or link stories that tell the same event under `consistency`; "
                          "the contributing guide says how."),
    "private-link": Code("error", "A public entry links a private one from its prose (`[[story:...]]`). The public site leaves "
                         "the private entry out, so the link would lead nowhere and its text would show what is private.",
                         "Remove the link, or make the linking entry private too (`private: true`, or move it under `data/private/`). "
                         "References in lists (`related`, evidence, consistency) need nothing: the public site leaves them out."),
    "privacy-leak": Code("error", "A file of the public site holds a redacted term (`extra.loopbook.redact` in `mkdocs.yml`) or a private "
                         "entry's id or title. The site is not published; the previous one stays as it was.",
                         "The message names the file. A hand-written page under `docs/` or a setting in `mkdocs.yml` is not redacted: "
                         "reword it. An id or a tag is never redacted: rename the file or the tag. A private entry's id or title that "
                         "is a common word is found everywhere: give it a name of its own."),
    "story-retold": Code("warning", "A debrief tells a story that the same company heard in an earlier round (another debrief of one of "
                         "its loops). The Bar Raiser compares the rounds. Reported at the later telling's `story` line.",
                         "Nothing to change in the record; `loopbook plan` now plans that story last for the company: prepare "
                         "another for the rounds to come."),
    "self-reference": Code("error", "An entry names itself in a reference field (`related`, `evidence`, ...) or links to its own "
                             "page from its prose.",
                             "Remove it; to point at a heading of the same page, write `[[kind:id#anchor]]`."),
    "ambiguous-number": Code("error", "An unquoted value such as `1_000` or `.5e3` that check-jsonschema and the editor read "
                               "differently (one as a number, one as text).",
                               "Quote it, or write the number plainly (`1000`)."),
    "merged-list-item": Code("warning", "A `- item` line indented further than the items above it: it is not an item but part "
                               "of the text of the item above.",
                               "Move its `-` to the column of the other items."),
    "comment-in-value": Code("warning", "In an unquoted value, ` #` started a comment, so the rest of the line was dropped "
                               "(`title: CI speed-up #2` is `CI speed-up`).",
                               "Quote the whole value: `title: \"CI speed-up #2\"`. A comment meant as one is written "
                               "`# text`, with a space."),
    "alert-source": Code("error", "An alert source named under `extra.loopbook.alerts` in `mkdocs.yml` cannot be read: the "
                         "pattern matches no file or points outside the project, the file is reached through a symbolic link, "
                         "or it is not one of the formats (a Prometheus rule file, a `PrometheusRule`, Terraform's "
                         "`aws_cloudwatch_metric_alarm`, `aws cloudwatch describe-alarms` JSON) or not valid in its format.",
                         "Follow the message: fix the pattern or the file; `promtool check rules FILE` and `terraform validate` "
                         "say more about their formats."),
    "alert-without-runbook": Code("warning", "An alert or alarm of the alert sources that no runbook lists under `alerts:`. "
                                  "Reported at the alert's line in its rule file.",
                                  "Add the alert's name to the `alerts:` of the runbook that answers it, or write that runbook "
                                  "(`loopbook new runbook ID`). List the code under `extra.loopbook.strict` to make it fail the build."),
    "unknown-alert": Code("error", "A runbook's `alerts:` names an alert that no alert source defines (or `mkdocs.yml` names "
                          "no alert source). Reported at the runbook's line.",
                          "Correct the name (alert names are case-sensitive), or add the file that defines it to `extra.loopbook.alerts`."),
    "duplicate-alert": Code("error", "Two runbooks list the same alert. An alert's address (`alerts/<name>/`) leads to one runbook.",
                            "Keep the alert in the runbook that answers it, and link the other runbook from it under `related`."),
    "runbook-url-missing": Code("warning", "An alert that a runbook lists carries no link to it: a Prometheus rule without a "
                                "`runbook_url` annotation, or a CloudWatch alarm whose `alarm_description` holds no URL of this "
                                "site. The message gives the URL.",
                                "Add the URL the message gives; `loopbook alerts --fix` writes it into Prometheus rule files. "
                                "List the code under `extra.loopbook.strict` to make it fail the build."),
    "runbook-url-mismatch": Code("error", "An alert's `runbook_url` (for CloudWatch, the URL in `alarm_description`) points at "
                                 "a page this site does not have, at another site, or at another runbook than the one that lists "
                                 "the alert. Compared in full when `site_url` is set in `mkdocs.yml`, by its path otherwise.",
                                 "Use the URL the message gives; `loopbook alerts --fix` corrects Prometheus rule files, keeping "
                                 "the query string."),
    "alert-fix": Code("error", "`loopbook alerts --fix` could not rewrite a rule file without changing more than its "
                      "`runbook_url` annotations (ruamel.yaml would not give the file back as written), or it needs "
                      "`site_url` to write absolute URLs.",
                      "Set `site_url` in `mkdocs.yml`, or write the URL the message gives by hand."),
}


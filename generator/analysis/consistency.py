"""Consistency across stories: what a Bar Raiser, who compares the rounds, would catch.

Two checks. `figure_clashes` finds one figure credited to different causes in different stories:
"45 % better accuracy" as the result of a query fix in one story and of a proof of concept in
another. A credit is a figure with the thing it measures, taken from a story's `metrics`
entries ({value, what}) and from percentages written in its headline and result. Two credits
are the same claim when their figures are equal once normalised ("45%", "45 %", "~45 %" and
"45 percent" are one figure) and their measured things share a word that says what was measured
("accuracy", "provisioning"), generic words such as "better" or "data" aside. Only percentages
count in prose, so years, counts ("3 models") and durations written in passing never clash.

`told_differently` reads a story's `consistency` list: another story that tells the same event,
with a note on how to tell the two consistently. Stories linked that way are one event, so a
figure they share is not a clash.

A figure the prose refers back to credits nothing new: "so the 45 % gain in data accuracy held",
"that 20 %", "the same 30 %". Its clause says the figure held (held, remained, kept, was not
affected ...) or names it with a demonstrative, and it is not counted as a credit.

Growth, so that a handbook of thousands of stories that share figures stays fast and its report
small: credits are read once per story, O(text); clashes are found by joining credits that share
(figure, measured word), one dictionary look-up per word of a credit, O(credits), never a comparison
of every pair; each message names at most ``NAMED`` other places and counts the rest, so the report
is O(credits) too. `told_differently` and the events are O(stories + consistency items).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from loopbook.model import DataPath, Entry, line_col

_PERCENT = re.compile(r"(?<![\w.])[~≈]?\s*(\d+(?:\.\d+)?)\s*(?:%|percent\b)", re.I)
_APPROX = re.compile(r"^(?:~|≈|about |around |approximately |roughly )\s*", re.I)
_WORD = re.compile(r"[a-z][a-z0-9-]+")
# Words that say how a figure moved or link words, not what was measured.
_GENERIC = frozenset("""
a an the and or of in on for from with by to at as its their our my into across after afterwards
better worse improvement improved improving improve gain gains boost boosted up down less more fewer
lower higher faster slower reduced reducing reduction cut cuts increase increased decrease decreased
overall supported enhanced enhancing achieved was were is be been about around roughly nearly
data system time total team's goal reported project which that this these those it
""".split())
_PROSE_FIELDS = ("headline", "result")
_CLAUSE = re.compile(r"[,;:]|\band\b|\bwhile\b|\bwhich\b|—|–")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# A figure the prose only refers back to: its clause says it held, or a demonstrative names it.
_HELD = re.compile(r"\b(?:held|holds?|holding|remain(?:s|ed)?|stay(?:s|ed)?|kept|keeps|maintained|preserved|retained|sustained|"
                   r"intact|unaffected|unchanged|not\s+(?:\w+\s+)?(?:affected|lost|changed))\b", re.I)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|those|these|the\s+(?:same|earlier|previous|original|existing))\s*$", re.I)
NAMED = 5  # other places a figure-reused message names before it counts the rest


@dataclass(frozen=True)
class FigureCredit:
    figure: str  # normalised, e.g. "45 %"
    story: Entry
    path: DataPath  # where in the entry (loopbook.model.Path), for the YAML position
    cause: str  # what the figure is credited to, in a few words (e.g. the metric's `what`, or the sentence)


def normalise(figure: str) -> str:
    """One spelling per figure: '45%', '45 %', '~45 %' and '45 percent' are all '45 %'."""
    m = _PERCENT.search(figure)
    if m:
        return f"{m.group(1)} %"
    return " ".join(_APPROX.sub("", figure.strip()).lower().split())


def credits(story: Entry) -> list[FigureCredit]:
    """The story's figures with what each is credited to: its metrics first, then the percentages
    of its headline and result that the story has not already stated for the same thing."""
    found = []
    for i, item in enumerate(story.data.get("metrics", []) or []):
        value, what = str(item.get("value", "")), str(item.get("what", ""))
        if re.search(r"\d", value):
            found.append(FigureCredit(normalise(value), story, ("metrics", i, "value"), what))
    seen = [(c.figure, _terms(c.cause)) for c in found]
    for field in _PROSE_FIELDS:
        for sentence in _SENTENCE.split(str(story.data.get(field, ""))):
            for m in _PERCENT.finditer(sentence):
                if _refers_back(sentence, m):
                    continue
                figure, measured = normalise(m.group(0)), _measured_in(sentence, m)
                if not any(f == figure and t & measured for f, t in seen):
                    found.append(FigureCredit(figure, story, (field,), " ".join(sentence.split())))
                    seen.append((figure, measured))
    return found


def _clause(sentence: str, m: re.Match[str]) -> tuple[int, int]:
    """Where the clause around a figure in prose starts and ends."""
    start = max((c.end() for c in _CLAUSE.finditer(sentence, 0, m.start())), default=0)
    end = next((c.start() for c in _CLAUSE.finditer(sentence, m.end())), len(sentence))
    return start, end


def _measured_in(sentence: str, m: re.Match[str]) -> frozenset[str]:
    """What a figure in prose measures: the words of its own clause ('data accuracy by 45 %')."""
    start, end = _clause(sentence, m)
    return _terms(sentence[start:m.start()] + " " + sentence[m.end():end])


def _refers_back(sentence: str, m: re.Match[str]) -> bool:
    """A figure the prose refers back to rather than credits: 'so the 45 % gain in data accuracy held',
    'that 20 %', 'the same 30 %'."""
    start, end = _clause(sentence, m)
    return bool(_HELD.search(sentence, start, end) or _DEMONSTRATIVE.search(sentence, start, m.start()))


def _terms(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _GENERIC)


def _measured(credit: FigureCredit) -> frozenset[str]:
    if credit.path[0] == "metrics":
        return _terms(credit.cause)
    m = next((m for m in _PERCENT.finditer(credit.cause) if normalise(m.group(0)) == credit.figure), None)
    return _measured_in(credit.cause, m) if m else _terms(credit.cause)


def figure_clashes(stories: list[Entry]) -> list[list[FigureCredit]]:
    """Groups of credits of one figure for one measured thing, across at least two stories that
    are not linked as telling the same event; one credit per story, in the stories' order.

    Two credits are joined when they share a figure and a measured word, through a dictionary from
    (figure, word) to the first credit that had it: O(credits), where comparing every pair of credits
    of one figure grows with the square of the stories that share it."""
    event = _events(stories)
    all_credits = [c for s in stories for c in credits(s)]
    parent = list(range(len(all_credits)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, c in enumerate(all_credits):
        for word in _measured(c):
            j = first.setdefault((c.figure, word), i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[FigureCredit]] = {}
    in_group: dict[int, set[str]] = {}
    for i, c in enumerate(all_credits):
        r = root(i)
        group, ids = groups.setdefault(r, []), in_group.setdefault(r, set())
        if c.story.id not in ids:
            ids.add(c.story.id)
            group.append(c)
    return [g for g in groups.values() if len({event[c.story.id] for c in g}) >= 2]


def told_differently(stories: list[Entry]) -> list[tuple[Entry, Entry, str]]:
    """(story, the other story, note) for each `consistency` item whose story is in the list;
    an item naming its own story is left out (citing oneself says nothing)."""
    by_id = {s.id: s for s in stories}
    out = []
    for story in stories:
        for item in story.data.get("consistency", []) or []:
            other = by_id.get(str(item.get("story", "")))
            if other is not None and other is not story:
                out.append((story, other, str(item.get("note", ""))))
    return out


def counterparts(story: Entry, linked: list[Entry]) -> list[tuple[Entry, str]]:
    """The stories told differently from this one, each with its note, whichever of the two wrote it;
    linked are the stories joined to it under `consistency` in either direction."""
    group = list({s.id: s for s in [story, *linked]}.values())
    return [(b if a is story else a, note) for a, b, note in told_differently(group) if story is a or story is b]


def _events(stories: list[Entry]) -> dict[str, str]:
    """Each story's event: stories linked through `consistency` share one (the first id in order)."""
    event = {s.id: s.id for s in stories}

    def find(x: str) -> str:
        while event[x] != x:
            event[x] = event[event[x]]  # halve the path, so that thousands of copies of one event stay O(stories)
            x = event[x]
        return x

    for a, b, _ in told_differently(stories):
        ra, rb = find(a.id), find(b.id)
        if ra != rb:
            event[max(ra, rb)] = min(ra, rb)
    return {s.id: find(s.id) for s in stories}


def position(credit: FigureCredit) -> tuple[int, int]:
    """Line and column of the credit in its YAML file: the metric's value, or the figure as written
    in the prose."""
    source = credit.story.source
    span = source.at(credit.path)
    if credit.path[0] == "metrics":
        return span.line, span.col
    for m in _PERCENT.finditer(source.text, span.start, max(span.end, span.start)):
        if normalise(m.group(0)) == credit.figure:
            return line_col(source.text, m.start(1))
    return span.line, span.col


def clash_messages(clashes: list[list[FigureCredit]], stories: list[Entry]) -> list[tuple[FigureCredit, str]]:
    """One message per credit of each clash among stories, naming at most NAMED of the other stories'
    credits (of other events: a story linked to this one as the same event is no clash with it) and
    counting the rest."""
    events = _events(stories)
    out = []
    for group in clashes:
        event_of = {id(c): events[c.story.id] for c in group}
        size = Counter(event_of.values())
        # The first NAMED credits of each event are enough to name the first NAMED others of any credit,
        # and of those the first 2 * NAMED hold at most NAMED of the credit's own event.
        shortlist = _first_per_event(group, event_of)[: 2 * NAMED]
        where = {id(c): f"{c.story.source.path}:{position(c)[0]}" for c in shortlist}
        for c in group:
            mine = event_of[id(c)]
            others = [where[id(o)] for o in shortlist if event_of[id(o)] != mine][:NAMED]
            more = len(group) - size[mine] - len(others)
            named = ", ".join(others) + (f" and {more} more" if more else "")
            out.append((c, f"{c.figure} ({short(c.cause)}) is also credited to other causes in {named}; "
                           "a Bar Raiser compares rounds: credit it to one cause, "
                           "or link stories that tell the same event under consistency"))
    return out


def _first_per_event(group: list[FigureCredit], event_of: dict[int, str]) -> list[FigureCredit]:
    seen: Counter[str] = Counter()
    kept = []
    for c in group:
        e = event_of[id(c)]
        if seen[e] < NAMED:
            seen[e] += 1
            kept.append(c)
    return kept


def short(cause: str, limit: int = 60) -> str:
    """A cause in a few words, for a message or a table cell."""
    cause = " ".join(cause.split())
    return cause if len(cause) <= limit else cause[: limit - 1].rstrip() + "…"

"""Measure ingest against hand-labelled articles: entities, types, aliases, event dates, error kinds.

usage: python benchmarks/ingest/evaluate.py [--set real|regression|all]
                                            [--split dev|held-out|fresh|...|fresh6|all]
                                            [--articles] [--show] [--with-review]
                                            [--seed ARTICLE [--seed-labels YAML]]

Two sets. ``real/`` holds published news articles in the shared article-file format (headline,
date, ``publisher | URL``, blank line, body) with a JSON label file each, labelled by
``../shared/ingest-labelling.md``; its split is in the label file. ``eval/`` holds the articles
written for the project (YAML labels), kept as a regression set.

Each article is drafted as a new user would: an empty registry, the publication date and the
publisher given. Only what the draft accepts is scored: entities and events below the
confidence threshold go into the draft commented out for review, and count as not predicted
(``--with-review`` scores them as accepted, to see what review would add).

Scoring, by the shared rule:

- an entity matches a label when any of its names equals any of the label's (case, accents and
  a leading 'the' aside); P/R/F1 by the label's type (a false positive by its predicted type,
  with Briefing's ``event`` and ``programme`` counted as ``other``);
- type accuracy: matched entities of the right type; alias merges: label aliases that stand
  alone in the text and ended up on the matched entity;
- an event matches a label when the phrases overlap and the label's text and the event's
  sentence hold one another; its date is right when the dates agree once qualifiers (``~``,
  ``?``) are dropped and intervals are reduced to their start (their end when the start is
  open). A date more precise than the label is wrong. Precision is right dates over accepted
  events, recall right dates over labelled events.

Error kinds, as issue 13 names them: ``boundary`` (a predicted name overlaps a label's name but
is not one of its names), ``type``, ``spurious`` (a predicted entity matching nothing),
``alias`` (a label alias left on another entity or dropped; or two labels merged into one
entity), ``missed`` (a label with no predicted entity, not even a boundary error), and for dates
``date-wrong``, ``date-spurious`` (an accepted event matching no label) and ``date-missed``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

from check_labels import SPLITS  # noqa: E402

from generator.ingest.article import Article  # noqa: E402
from generator.ingest.curation import Curation  # noqa: E402
from generator.ingest.gazetteer import fold  # noqa: E402
from generator.ingest.pipeline import DraftOptions, draft_brief  # noqa: E402
from generator.ingest.reading import read_article  # noqa: E402
from generator.ingest.registry import known_names  # noqa: E402
from generator.ingest.sentences import article_sentences  # noqa: E402

FIXED_TODAY = date(2000, 1, 1)
TYPES = ("person", "organization", "place", "other")
SCORED_TYPE = {"event": "other", "programme": "other"}
ERROR_KINDS = (
    "boundary",
    "type",
    "spurious",
    "alias",
    "missed",
    "date-wrong",
    "date-spurious",
    "date-missed",
)


def norm(text: str) -> str:
    return fold(text.replace("’", "'")).removeprefix("the ").strip()


def scored_type(kind: str) -> str:
    return SCORED_TYPE.get(kind, kind)


def comparable_date(value: str) -> str:
    """'2025-07/2025-12' → '2025-07', '../2027' → '2027', '2024-02-29~' → '2024-02-29'."""
    text = str(value).replace("~", "").replace("?", "").replace("%", "").strip()
    if "/" in text:
        start, end = text.split("/", 1)
        text = end if start in ("", "..") else start
    return text


@dataclass
class Tally:
    """Counts summed over articles."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    typed_right: int = 0
    alias_right: int = 0
    alias_total: int = 0
    event_predicted: int = 0
    event_labelled: int = 0
    event_right: int = 0
    review_entities: int = 0
    review_events: int = 0

    def add(self, other: Tally) -> None:
        for name in ("tp", "fp", "fn", "errors"):
            getattr(self, name).update(getattr(other, name))
        for name in (
            "typed_right",
            "alias_right",
            "alias_total",
            "event_predicted",
            "event_labelled",
            "event_right",
            "review_entities",
            "review_events",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def entity_prf(self, kind: str | None = None) -> tuple[float, float, float]:
        pick = (lambda c: c[kind]) if kind else (lambda c: sum(c.values()))
        tp, fp, fn = pick(self.tp), pick(self.fp), pick(self.fn)
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        return p, r, f1(p, r)

    def type_accuracy(self) -> float:
        return ratio(self.typed_right, sum(self.tp.values()))

    def event_pr(self) -> tuple[float, float]:
        return ratio(self.event_right, self.event_predicted), ratio(self.event_right, self.event_labelled)


@dataclass(frozen=True)
class Case:
    """One labelled article: its text, labels and where it belongs."""

    name: str
    article: Article
    published: date | None
    publisher: str
    split: str
    entities: list[dict]
    events: list[dict]


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --- loading ----------------------------------------------------------------------------------


def real_case(text_path: Path) -> Case:
    """An article file of the shared format and its JSON labels."""
    lines = text_path.read_text(encoding="utf-8").split("\n")
    headline, published, source = lines[0], date.fromisoformat(lines[1]), lines[2]
    publisher, _, url = (part.strip() for part in source.partition("|"))
    body = "\n".join(lines[4:])
    paragraphs = tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip())
    title = "" if headline.startswith("(headline not kept") else headline
    article = Article(text_path.name, title, paragraphs, published, publisher, url)
    labels = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
    return Case(
        text_path.stem,
        article,
        published,
        publisher,
        labels["split"],
        labels["entities"],
        labels["events"],
    )


def regression_case(label_path: Path, text_path: Path | None = None) -> Case:
    labels = yaml.safe_load(label_path.read_text(encoding="utf-8"))
    events = [
        {"date": str(e["date"]), "phrase": e["phrase"], "text": e.get("context") or ""}
        for e in labels.get("events") or []
    ]
    entities = [
        {"name": e["name"], "type": scored_type(e["type"]), "aliases": e.get("aliases") or []}
        for e in labels.get("entities") or []
    ]
    article = read_article(text_path or label_path.with_suffix(".txt"))
    return Case(label_path.stem, article, labels.get("published"), "", "regression", entities, events)


def load_cases(which: str, split: str) -> dict[str, list[Case]]:
    sets: dict[str, list[Case]] = {}
    if which in ("real", "all"):
        cases = [real_case(p) for p in sorted((HERE / "real").glob("*.txt"))]
        for wanted in SPLITS:
            if split in (wanted, "all"):
                sets[f"real {wanted}"] = [c for c in cases if c.split == wanted]
    if which in ("regression", "all"):
        sets["regression (project-written)"] = [
            regression_case(p) for p in sorted((HERE / "eval").glob("*.yaml"))
        ]
    return sets


# --- scoring ----------------------------------------------------------------------------------


def evaluate_case(case: Case, with_review: bool, show: bool) -> Tally:
    draft = draft_brief(
        case.article,
        known_names({}, Curation()),
        Curation(),
        DraftOptions(today=FIXED_TODAY, published=case.published, publisher=case.publisher),
    )
    entities = list(draft.new_entities) + (list(draft.review_entities) if with_review else [])
    events = list(draft.events) + (list(draft.review_events) if with_review else [])
    tally = Tally(
        review_entities=len(draft.review_entities),
        review_events=len(draft.review_events),
    )
    text = " ".join([case.article.title, *case.article.paragraphs])
    notes: list[str] = []
    _score_entities(entities, case.entities, text, tally, notes)
    sentences = {s.index: s.text for s in article_sentences(case.article)}
    _score_events(events, sentences, case.events, tally, notes)
    if show:
        for note in notes:
            print(f"    {note}")
    return tally


def _score_entities(predicted, labelled: list[dict], text: str, tally: Tally, notes: list[str]) -> None:
    names = [{norm(p.name), *(norm(a) for a in p.aliases)} for p in predicted]
    label_names = [
        {norm(label["name"]), *(norm(a) for a in label.get("aliases") or [])} for label in labelled
    ]
    matched: dict[int, int] = {}  # label → predicted
    for li, wanted in enumerate(label_names):
        taken = set(matched.values())
        candidates = [i for i in range(len(predicted)) if i not in taken and names[i] & wanted]
        candidates.sort(key=lambda i: norm(predicted[i].name) not in wanted)
        if candidates:
            matched[li] = candidates[0]
    merged = Counter(i for i in range(len(predicted)) for ln in label_names if names[i] & ln)
    for i, count in merged.items():
        if count > 1:
            tally.errors["alias"] += count - 1
            notes.append(f"merge    {predicted[i].name} holds {count} labelled entities")
    unmatched = set(range(len(predicted))) - set(matched.values())
    boundary_hits: set[int] = set()
    for li, label in enumerate(labelled):
        kind = label["type"]
        if li not in matched:
            tally.fn[kind] += 1
            near = [i for i in unmatched if _overlaps(names[i], label_names[li])]
            if near:
                boundary_hits.update(near)
                tally.errors["boundary"] += 1
                notes.append(f"boundary {kind:<12} {label['name']}: predicted {predicted[near[0]].name!r}")
            else:
                tally.errors["missed"] += 1
                notes.append(f"missed   {kind:<12} {label['name']}")
        else:
            match = predicted[matched[li]]
            tally.tp[kind] += 1
            if scored_type(match.type) == kind:
                tally.typed_right += 1
            else:
                tally.errors["type"] += 1
                notes.append(f"type     {label['name']}: {match.type}, labelled {kind}")
        _score_aliases(label, li in matched and names[matched[li]], text, tally, notes)
    for i in sorted(unmatched):
        tally.fp[scored_type(predicted[i].type)] += 1
        if i not in boundary_hits:
            tally.errors["spurious"] += 1
            notes.append(f"spurious {predicted[i].type:<12} {predicted[i].name} {list(predicted[i].aliases)}")


def _overlaps(predicted: set[str], wanted: set[str]) -> bool:
    """A boundary error: one name's words hold the other's ('Fed Chair Janet Yellen')."""
    for a in predicted:
        for b in wanted:
            if a != b and (f" {a} " in f" {b} " or f" {b} " in f" {a} "):
                return True
    return False


def _score_aliases(label: dict, names: set[str] | bool, text: str, tally: Tally, notes: list[str]) -> None:
    aliases = label.get("aliases") or []
    longer = sorted([label["name"], *aliases], key=len, reverse=True)
    for alias in aliases:
        # An alias counts where it stands alone, not inside a longer name of the same label.
        rest = text
        for name in longer[: longer.index(alias)]:
            rest = rest.replace(name, " ")
        if not re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", rest):
            continue
        tally.alias_total += 1
        if names and norm(alias) in names:
            tally.alias_right += 1
        else:
            tally.errors["alias"] += 1
            notes.append(f"alias    '{alias}' not merged into {label['name']}")


def _score_events(predicted, sentences: dict[int, str], labelled: list[dict], tally: Tally, notes) -> None:
    tally.event_predicted += len(predicted)
    tally.event_labelled += len(labelled)
    unmatched = list(range(len(predicted)))
    for label in labelled:
        phrase, context = norm(label["phrase"]), norm(label.get("text") or "")
        match = next((i for i in unmatched if _same_event(predicted[i], phrase, context, sentences)), None)
        if match is None:
            tally.errors["date-missed"] += 1
            notes.append(f"no event '{label['phrase']}' ({label['date']}) in “{label.get('text', '')}”")
            continue
        unmatched.remove(match)
        if comparable_date(predicted[match].date) == comparable_date(label["date"]):
            tally.event_right += 1
        else:
            tally.errors["date-wrong"] += 1
            notes.append(
                f"date     '{predicted[match].phrase}': {predicted[match].date}, labelled {label['date']}"
            )
    for i in unmatched:
        tally.errors["date-spurious"] += 1
        notes.append(f"extra event '{predicted[i].phrase}' → {predicted[i].date}")


def _same_event(event, phrase: str, context: str, sentences: dict[int, str]) -> bool:
    said = norm(event.phrase)
    if not (phrase in said or said in phrase):
        return False
    sentence = norm(sentences[event.sentence])
    return not context or context in sentence or sentence in context


# --- report -----------------------------------------------------------------------------------


def report(title: str, tally: Tally) -> None:
    p, r, f = tally.entity_prf()
    tp, fp, fn = (sum(c.values()) for c in (tally.tp, tally.fp, tally.fn))
    print(f"\n== {title}")
    print(f"entities   precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    for kind in TYPES:
        t, f_p, f_n = tally.tp[kind], tally.fp[kind], tally.fn[kind]
        if t + f_p + f_n:
            kp, kr, kf = tally.entity_prf(kind)
            print(
                f"  {kind:<13} precision {kp:.3f}  recall {kr:.3f}  F1 {kf:.3f}  (tp {t}, fp {f_p}, fn {f_n})"
            )
    print(f"type accuracy        {tally.type_accuracy():.3f}  ({tally.typed_right}/{tp} matched)")
    print(
        f"alias merges         {ratio(tally.alias_right, tally.alias_total):.3f}  "
        f"({tally.alias_right}/{tally.alias_total} aliases standing alone in the text)"
    )
    ep, er = tally.event_pr()
    print(
        f"event dates          precision {ep:.3f}  recall {er:.3f}  "
        f"({tally.event_right} right of {tally.event_predicted} accepted, {tally.event_labelled} labelled)"
    )
    print(
        f"for review           {tally.review_entities} entities, {tally.review_events} events (commented out)"
    )
    print("error kinds          " + ", ".join(f"{k} {tally.errors[k]}" for k in ERROR_KINDS))


def article_line(case: Case, tally: Tally) -> str:
    _, _, f = tally.entity_prf()
    ep, er = tally.event_pr()
    return (
        f"  {case.name:<40} entity F1 {f:.2f}  types {tally.type_accuracy():.2f}  "
        f"dates P {ep:.2f} R {er:.2f}  ({tally.event_right}/{tally.event_predicted}/{tally.event_labelled})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("real", "regression", "all"), default="all", dest="which")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("--articles", action="store_true", help="a line of scores per article")
    parser.add_argument("--show", action="store_true", help="list every miss, extra and wrong date")
    parser.add_argument("--with-review", action="store_true", help="score review items as accepted")
    parser.add_argument("--seed", type=Path, help="also evaluate this article (the project's seed)")
    parser.add_argument("--seed-labels", type=Path, default=HERE / "seed-labels.yaml")
    args = parser.parse_args(argv)
    sets = load_cases(args.which, args.split)
    if args.seed:
        sets[f"seed article {args.seed.name} (no publication date)"] = [
            regression_case(args.seed_labels, args.seed)
        ]
    for title, cases in sets.items():
        overall = Tally()
        lines = []
        for case in cases:
            if args.show:
                print(f"-- {case.name}")
            tally = evaluate_case(case, args.with_review, args.show)
            overall.add(tally)
            lines.append(article_line(case, tally))
        report(f"{title}: {len(cases)} articles", overall)
        if args.articles:
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measure ingest against hand-labelled articles: entities, types, aliases and event dates.

usage: python benchmarks/ingest/evaluate.py [--split dev|held-out|all] [--seed ARTICLE]
                                            [--seed-labels YAML] [--show]

Each article in eval/ has a .txt and a .yaml of labels (published date, entities with type and
aliases, events with phrase and partial date). Ingest runs with an empty registry, so every
entity must be found by the rules. A predicted entity matches a label when any of its names
equals any of the label's (case and accents aside). Reported:

- entity precision, recall and F1 (by the label's type; a false positive by its predicted type);
- type accuracy: matched entities whose type is right;
- alias-merge accuracy: label aliases that occur in the text and ended up on the right entity;
- event-date precision and recall: events whose phrase matches a label's and whose partial date
  equals it exactly, over all predicted events and over all labelled events.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from generator.ingest.curation import Curation  # noqa: E402
from generator.ingest.gazetteer import fold  # noqa: E402
from generator.ingest.pipeline import DraftOptions, draft_brief  # noqa: E402
from generator.ingest.reading import read_article  # noqa: E402
from generator.ingest.registry import known_names  # noqa: E402
from generator.ingest.sentences import article_sentences  # noqa: E402
from generator.model import ENTITY_TYPES  # noqa: E402

FIXED_TODAY = date(2000, 1, 1)
COUNTS = (
    "typed_right",
    "alias_right",
    "alias_total",
    "event_predicted",
    "event_labelled",
    "event_found",
    "event_right",
)  # dates only briefs without a publication date; never events


def norm(text: str) -> str:
    return fold(text.replace("’", "'")).removeprefix("the ")


@dataclass
class Tally:
    """Counts summed over articles."""

    tp: Counter
    fp: Counter
    fn: Counter
    typed_right: int = 0
    alias_right: int = 0
    alias_total: int = 0
    event_predicted: int = 0
    event_labelled: int = 0
    event_found: int = 0
    event_right: int = 0

    @classmethod
    def empty(cls) -> Tally:
        return cls(Counter(), Counter(), Counter())

    def add(self, other: Tally) -> None:
        self.tp.update(other.tp)
        self.fp.update(other.fp)
        self.fn.update(other.fn)
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def evaluate_article(text_path: Path, labels: dict, show: bool) -> Tally:
    article = read_article(text_path)
    published = labels.get("published")
    draft = draft_brief(
        article,
        known_names({}, Curation()),
        Curation(),
        DraftOptions(today=FIXED_TODAY, published=published),
    )
    tally = Tally.empty()
    full_text = " ".join([article.title, *article.paragraphs])
    _score_entities(draft.new_entities, labels.get("entities") or [], full_text, tally, show)
    sentences = {s.index: s.text for s in article_sentences(article)}
    _score_events(draft.events, sentences, labels.get("events") or [], tally, show)
    return tally


def _score_entities(predicted, labelled, text: str, tally: Tally, show: bool) -> None:
    names = [{norm(p.name), *(norm(a) for a in p.aliases)} for p in predicted]
    unmatched = set(range(len(predicted)))
    for label in labelled:
        wanted = {norm(label["name"]), *(norm(a) for a in label.get("aliases") or [])}
        candidates = [i for i in sorted(unmatched) if names[i] & wanted]
        candidates.sort(key=lambda i: norm(predicted[i].name) not in wanted)
        if not candidates:
            tally.fn[label["type"]] += 1
            if show:
                print(f"    missed   {label['type']:<12} {label['name']}")
        else:
            match = predicted[candidates[0]]
            unmatched.discard(candidates[0])
            tally.tp[label["type"]] += 1
            tally.typed_right += match.type == label["type"]
            if show and match.type != label["type"]:
                print(f"    type     {label['name']}: {match.type}, labelled {label['type']}")
        longer = sorted([label["name"], *(label.get("aliases") or [])], key=len, reverse=True)
        for alias in label.get("aliases") or []:
            # An alias counts where it stands alone, not inside a longer name of the same label.
            rest = text
            for name in longer[: longer.index(alias)]:
                rest = rest.replace(name, " ")
            if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", rest):
                tally.alias_total += 1
                right = bool(candidates) and norm(alias) in names[candidates[0]]
                tally.alias_right += right
                if show and not right:
                    print(f"    alias    '{alias}' not merged into {label['name']}")
    for i in sorted(unmatched):
        tally.fp[predicted[i].type] += 1
        if show:
            print(f"    extra    {predicted[i].type:<12} {predicted[i].name} {list(predicted[i].aliases)}")


def _score_events(predicted, sentences: dict[int, str], labelled, tally: Tally, show: bool) -> None:
    tally.event_predicted += len(predicted)
    tally.event_labelled += len(labelled)
    unmatched = list(range(len(predicted)))
    for label in labelled:
        phrase, context = norm(label["phrase"]), norm(label.get("context") or "")
        match = next(
            (
                i
                for i in unmatched
                if (phrase in norm(predicted[i].phrase) or norm(predicted[i].phrase) in phrase)
                and context in norm(sentences[predicted[i].sentence])
            ),
            None,
        )
        if match is None:
            if show:
                print(f"    no event for '{label['phrase']}' ({label['date']})")
            continue
        unmatched.remove(match)
        tally.event_found += 1
        right = predicted[match].date == str(label["date"])
        tally.event_right += right
        if show and not right:
            print(
                f"    date     '{predicted[match].phrase}': {predicted[match].date}, labelled {label['date']}"
            )
    if show:
        for i in unmatched:
            print(f"    extra event '{predicted[i].phrase}' → {predicted[i].date}")


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def report(title: str, tally: Tally) -> None:
    tp, fp, fn = sum(tally.tp.values()), sum(tally.fp.values()), sum(tally.fn.values())
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    print(f"\n== {title}")
    print(f"entities   precision {p:.3f}  recall {r:.3f}  F1 {f1(p, r):.3f}  (tp {tp}, fp {fp}, fn {fn})")
    for kind in ENTITY_TYPES:
        t, f_p, f_n = tally.tp[kind], tally.fp[kind], tally.fn[kind]
        if t + f_p + f_n:
            kp, kr = ratio(t, t + f_p), ratio(t, t + f_n)
            print(
                f"  {kind:<13} precision {kp:.3f}  recall {kr:.3f}  F1 {f1(kp, kr):.3f}  (tp {t}, fp {f_p}, fn {f_n})"
            )
    print(f"type accuracy        {ratio(tally.typed_right, tp):.3f}  ({tally.typed_right}/{tp} matched)")
    print(
        f"alias-merge accuracy {ratio(tally.alias_right, tally.alias_total):.3f}  ({tally.alias_right}/{tally.alias_total} aliases in the text)"
    )
    ep, er = (
        ratio(tally.event_right, tally.event_predicted),
        ratio(tally.event_right, tally.event_labelled),
    )
    print(
        f"event dates          precision {ep:.3f}  recall {er:.3f}  "
        f"({tally.event_right} exact of {tally.event_predicted} predicted, {tally.event_labelled} labelled; "
        f"{tally.event_found} phrases found)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "held-out", "fresh", "all"), default="all")
    parser.add_argument("--seed", type=Path, help="also evaluate this article (the project's seed)")
    parser.add_argument("--seed-labels", type=Path, default=HERE / "seed-labels.yaml")
    parser.add_argument("--show", action="store_true", help="list every miss, extra and wrong date")
    args = parser.parse_args(argv)
    overall = Tally.empty()
    for label_path in sorted((HERE / "eval").glob("*.yaml")):
        labels = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        if args.split != "all" and labels.get("split") != args.split:
            continue
        if args.show:
            print(f"-- {label_path.stem}")
        overall.add(evaluate_article(label_path.with_suffix(".txt"), labels, args.show))
    report(f"eval set ({args.split})", overall)
    if args.seed:
        labels = yaml.safe_load(args.seed_labels.read_text(encoding="utf-8"))
        if args.show:
            print(f"-- {args.seed.name}")
        report(
            f"seed article {args.seed.name} (no publication date)",
            evaluate_article(args.seed, labels, args.show),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

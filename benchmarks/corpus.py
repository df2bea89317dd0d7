"""A deterministic synthetic briefing site for benchmarks: N briefs in the content contract.

Each brief has a 500–700-word Markdown body, names 3–8 of the entities (2,000 by default),
carries 1–4 dated events and 1–3 of ~40 tags. The same arguments give the same bytes.

    python benchmarks/corpus.py OUT_DIR --briefs 1000 [--entities 2000] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

WORDS = (
    "ministry committee defence industry programme cooperation analysts report officials said "
    "production research contract export budget agreement talks delegation summit exercise "
    "supply chain factory engineers equipment procurement sanctions policy region border "
    "security council minister statement plan schedule review partners investment capacity "
    "technology development testing delivery order share market growth forecast signal"
).split()
TYPES = ("person", "organization", "place", "event", "programme", "other")
FIRST = "Anna Boris Clara Dmitri Elena Farid Greta Hugo Irina Jonas Katya Lev Mira Nikolai Olga".split()
LAST = "Petrov Ivanova Novak Kowalski Horvat Lindqvist Moreau Rossi Schmidt Tanaka Weber Young".split()


def entity_name(rng: random.Random, kind: str, i: int) -> str:
    if kind == "person":
        return f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
    stem = rng.choice(WORDS).title()
    return {
        "organization": f"{stem} Agency {i}",
        "place": f"Port {stem} {i}",
        "event": f"{stem} Forum {i}",
        "programme": f"{stem} Programme {i}",
        "other": f"{stem} System {i}",
    }[kind]


def partial_date(rng: random.Random) -> str:
    year = rng.randint(2000, 2026)
    shape = rng.random()
    if shape < 0.3:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if shape < 0.55:
        return f"{year}-{rng.randint(1, 12):02d}"
    if shape < 0.75:
        return str(year)
    if shape < 0.85:
        return f"{year}~"
    if shape < 0.93:
        return f"{year}/{min(year + rng.randint(1, 4), 2030)}"
    return f"../{year}"


def write_corpus(out: Path, briefs: int, entities: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    (out / "content" / "briefs").mkdir(parents=True, exist_ok=True)
    (out / "site.yaml").write_text(
        "title: Benchmark desk\ndescription: Synthetic briefs for benchmarks.\n"
        "base_url: https://example.org/desk/\nlanguage: en\nauthor: Bench\n",
        encoding="utf-8",
    )
    registry = {}
    for i in range(entities):
        kind = TYPES[i % len(TYPES)]
        name = entity_name(rng, kind, i)
        registry[f"e{i}"] = {"name": name, "type": kind, "aliases": [f"{name.split()[0]} {i}X"]}
    lines = [f"e{i}: {json.dumps(spec)}" for i, spec in enumerate(registry.values())]
    (out / "content" / "entities.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tags = [f"topic-{i}" for i in range(40)]
    start = date(2020, 1, 1)
    for b in range(briefs):
        ids = rng.sample(range(entities), rng.randint(3, 8))
        names = [registry[f"e{i}"]["name"] for i in ids]
        paragraphs = []
        words_left = rng.randint(500, 700)
        while words_left > 0:
            n = min(words_left, rng.randint(40, 90))
            words = [rng.choice(WORDS) for _ in range(n)]
            words.insert(rng.randrange(len(words)), rng.choice(names))
            paragraphs.append(" ".join(words).capitalize() + ".")
            words_left -= n
        key_points = [f"- {p[:80]}" for p in paragraphs[1:3]]
        body = "\n\n".join([paragraphs[0], "## Key points", "\n".join(key_points), *paragraphs[1:]])
        events = [
            {
                "date": partial_date(rng),
                "title": f"Event {b}-{k} {rng.choice(WORDS)}",
                "entities": [f"e{i}" for i in rng.sample(ids, 2)],
                "phrase": "as the wire dated it",  # a constant: the corpus stays as it was otherwise
            }
            for k in range(rng.randint(1, 4))
        ]
        front = {
            "title": f"Brief {b}: {' '.join(rng.choice(WORDS) for _ in range(5))}",
            "date": (start + timedelta(days=b % 2000)).isoformat(),
            "summary": " ".join(rng.choice(WORDS) for _ in range(25)).capitalize() + ".",
            "sources": [
                {"title": "Wire report", "publisher": "Example Wire", "url": f"https://example.org/wire/{b}"}
            ],
            "entities": [f"e{i}" for i in ids],
            "events": events,
            "tags": rng.sample(tags, rng.randint(1, 3)),
        }
        text = (
            "---\n" + "\n".join(f"{k}: {json.dumps(v)}" for k, v in front.items()) + "\n---\n\n" + body + "\n"
        )
        (out / "content" / "briefs" / f"brief-{b:05d}.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.out, args.briefs, args.entities, args.seed)


if __name__ == "__main__":
    main()

"""Markdown engines side by side: speed on the corpus' bodies and CommonMark spec conformance.

    python benchmarks/markdown_engines.py [--briefs 1000] [--spec commonmark.json]

For each candidate that is installed (python-markdown as Briefing configured it before, cmarkgfm,
pyromark, markdown-it-py with mdit-py-plugins, markdown-it-pyrs) it prints:

- **ms/brief**: the median of 5 passes over the bodies of ``--briefs`` generated briefs
  (benchmarks/corpus.py), the engine alone, then with Briefing's nh3 sanitiser after it;
- **CommonMark**: spec examples passed in the engine's plain CommonMark mode with raw HTML on
  (a measure of the parser only; Briefing never runs an engine that way), after normalising
  both sides' HTML (attribute order, whitespace between tags, entity forms);
- **safe**: the same count over the examples whose expected HTML has no raw HTML, with the
  engine configured as Briefing would ship it (raw HTML escaped or omitted, GFM extensions on);
- **GFM**: which of tables, strikethrough, autolinks (bare ``www.`` and ``https://``), task
  lists, footnotes and heading ids the shipped configuration produces.

The spec examples are the ``commonmark.json`` that markdown-it-py's source distribution ships in
``tests/test_cmark_spec/``; without ``--spec`` the script fetches that sdist once with
``pip download`` into the work folder.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import write_corpus  # noqa: E402

GFM_CASES = {
    "table": ("| a | b |\n| - | :-: |\n| 1 | 2 |\n", ["<table>", "<th"]),
    "strikethrough": ("a ~~gone~~ b\n", ["gone</"]),
    "autolink www": ("see www.example.com today\n", ['href="http://www.example.com"']),
    "autolink https": ("see https://example.com/x today\n", ['href="https://example.com/x"']),
    "task list": ("- [x] done\n- [ ] open\n", ['type="checkbox"', "checked"]),
    "footnotes": ("A claim.[^1]\n\n[^1]: The source.\n", ["<sup", "The source."]),
    "heading ids": ("## Key points\n", ['id="key-points"']),
}


class _Normaliser(HTMLParser):
    """HTML → a canonical string: sorted attributes, one form of entities, no layout whitespace."""

    BLOCK: ClassVar[set[str]] = set(
        "address blockquote body dd div dl dt fieldset figure footer form h1 h2 h3 h4 h5 h6 head "
        "header hr html li ol p pre section table tbody td tfoot th thead tr ul".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_pre = 0

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.in_pre += 1
        rendered = "".join(f' {k}="{html.escape(v or "")}"' for k, v in sorted(attrs))
        self.parts.append(f"<{tag}{rendered}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "pre":
            self.in_pre -= 1
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.in_pre:
            data = " ".join(data.split(" ")) if data.strip() else ("" if "\n" in data else data)
            data = data.replace("\n", " ") if data.strip() else data
        self.parts.append(html.escape(data, quote=False))

    def handle_comment(self, data):
        self.parts.append(f"<!--{data}-->")

    def result(self) -> str:
        text = "".join(self.parts)
        for tag in self.BLOCK:  # whitespace next to block tags is layout, not content
            for form in (f"<{tag}", f"</{tag}>"):
                text = text.replace(" " + form, form)
            text = text.replace(f"</{tag}> ", f"</{tag}>")
        return text.strip()


def normalise(markup: str) -> str:
    parser = _Normaliser()
    parser.feed(markup)
    parser.close()
    return parser.result()


def engines() -> dict[str, tuple[Callable[[str], str], Callable[[str], str], str]]:
    """name → (plain CommonMark with raw HTML, as shipped, version) for each installed engine."""
    found = {}
    try:
        import markdown

        from generator.load.markdown import MarkdownSettings, markdown_engine

        shipped = markdown_engine(MarkdownSettings("python-markdown", ("extra", "sane_lists")))
        plain = markdown.Markdown(output_format="html")
        found["python-markdown"] = (lambda t: plain.reset().convert(t), shipped, markdown.__version__)
    except ImportError:
        pass
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options

        from generator.load.markdown import MarkdownSettings, markdown_engine

        shipped = markdown_engine(MarkdownSettings("cmark-gfm"))
        found["cmarkgfm"] = (
            lambda t: cmarkgfm.markdown_to_html(t, Options.CMARK_OPT_UNSAFE),
            shipped,
            cmarkgfm.__version__ if hasattr(cmarkgfm, "__version__") else _version("cmarkgfm"),
        )
    except ImportError:
        pass
    try:
        import pyromark

        gfm = (
            pyromark.Options.ENABLE_TABLES
            | pyromark.Options.ENABLE_STRIKETHROUGH
            | pyromark.Options.ENABLE_TASKLISTS
            | pyromark.Options.ENABLE_FOOTNOTES
        )
        found["pyromark"] = (  # it has no option to escape raw HTML: the sanitiser must do it
            lambda t: pyromark.html(t),
            lambda t: pyromark.html(t, options=gfm),
            _version("pyromark"),
        )
    except ImportError:
        pass
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.anchors import anchors_plugin
        from mdit_py_plugins.footnote import footnote_plugin
        from mdit_py_plugins.tasklists import tasklists_plugin

        plain_it = MarkdownIt("commonmark")
        try:
            import linkify_it  # noqa: F401

            shipped_it = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable("linkify")
        except ImportError:
            shipped_it = MarkdownIt("commonmark", {"html": False})
        shipped_it.enable(["table", "strikethrough"]).use(footnote_plugin).use(tasklists_plugin)
        shipped_it.use(anchors_plugin, max_level=6)
        found["markdown-it-py"] = (plain_it.render, shipped_it.render, _version("markdown-it-py"))
    except ImportError:
        pass
    try:
        import markdown_it_pyrs

        plain_rs = markdown_it_pyrs.MarkdownIt("commonmark")
        shipped_rs = markdown_it_pyrs.MarkdownIt("zero").enable_many(  # CommonMark less raw HTML
            [rule for rule in plain_rs.list_plugins() if rule not in ("html_block", "html_inline",
             "replacements", "smartquotes", "sourcepos", "front_matter", "deflist", "linkify")]
        )  # fmt: skip
        found["markdown-it-pyrs"] = (plain_rs.render, shipped_rs.render, _version("markdown-it-pyrs"))
    except ImportError:
        pass
    return found


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def spec_examples(path: Path | None, work: Path) -> list[dict]:
    if path is None:
        path = work / "commonmark.json"
        if not path.exists():
            work.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                 "markdown-it-py", "-d", str(work)],
                check=True, capture_output=True,
            )  # fmt: skip
            sdist = next(work.glob("markdown_it_py-*.tar.gz"))
            with tarfile.open(sdist) as archive:
                member = next(
                    m for m in archive.getmembers() if m.name.endswith("test_cmark_spec/commonmark.json")
                )
                path.write_bytes(archive.extractfile(member).read())
    return json.loads(path.read_text(encoding="utf-8"))


RAW_HTML_SECTIONS = {"HTML blocks", "Raw HTML"}
RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*[\s/>]|<!--|<\?|<![A-Z]|<!\[CDATA")


HEADING_ID = re.compile(r'(<h[1-6][^>]*?) id="[^"]*"')
ANCHOR = re.compile(r'<a aria-hidden="true" class="anchor".*?</a>', re.S)  # markdown-it-pyrs'


def conformance(render: Callable[[str], str], examples: list[dict], heading_ids: bool = False) -> int:
    """Examples passed; ``heading_ids``: ignore the ids an engine adds to headings (the spec has none)."""
    passed = 0
    for example in examples:
        try:
            produced = render(example["markdown"])
            if heading_ids:
                produced = ANCHOR.sub("", HEADING_ID.sub(r"\1", produced))
            if normalise(produced) == normalise(example["html"]):
                passed += 1
        except Exception:  # an engine failing an example fails it
            pass
    return passed


def timing(render: Callable[[str], str], bodies: list[str], passes: int = 5) -> float:
    runs = []
    for _ in range(passes):
        started = time.perf_counter()
        for body in bodies:
            render(body)
        runs.append((time.perf_counter() - started) / len(bodies) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--spec", type=Path, help="commonmark.json (default: fetched once)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "briefing-bench")
    args = parser.parse_args()

    from generator.load.brief import split_front_matter
    from generator.load.markdown import sanitize_html

    corpus = args.work / f"markdown-{args.briefs}"
    if not corpus.exists():
        write_corpus(corpus, args.briefs, entities=2000, seed=1)
    bodies = [
        split_front_matter(p.read_text(encoding="utf-8"))[1]
        for p in sorted((corpus / "content" / "briefs").glob("*.md"))
    ]
    examples = spec_examples(args.spec, args.work)
    safe_examples = [
        e for e in examples if e["section"] not in RAW_HTML_SECTIONS and not RAW_TAG.search(e["markdown"])
    ]
    print(
        f"{len(bodies)} bodies; {len(examples)} CommonMark examples, {len(safe_examples)} without raw HTML\n"
    )
    print("| engine | version | ms/brief | + sanitiser | CommonMark | safe | GFM features |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for name, (plain, shipped, version) in engines().items():
        alone = timing(shipped, bodies)
        sanitised = timing(lambda t, s=shipped: sanitize_html(s(t)), bodies)
        passed = conformance(plain, examples)
        safe = conformance(shipped, safe_examples, heading_ids=True)
        features = [
            feature
            for feature, (source, expected) in GFM_CASES.items()
            if all(piece in shipped(source) for piece in expected)
            and (feature != "strikethrough" or re.search(r"<(del|s)>gone</(del|s)>", shipped(source)))
        ]
        missing = [f for f in GFM_CASES if f not in features]
        print(
            f"| {name} | {version} | {alone:.3f} | {sanitised:.3f} | {passed}/{len(examples)} "
            f"| {safe}/{len(safe_examples)} | {'all' if not missing else 'no ' + ', '.join(missing)} |"
        )


if __name__ == "__main__":
    main()

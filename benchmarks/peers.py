"""The peers: Hugo, Pelican, MkDocs and Jekyll, each fed the same briefs with a minimal config.

Each peer turns the Briefing corpus into its own project (a page per brief with the same
Markdown body), knows its build command, what to delete for a cold build, which of its own
templates to touch for a warm build, and which file holds a given brief for the edit phase.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

VENV = Path("/tmp/briefing-bench/venv")
PIP_PACKAGES = ("pelican", "mkdocs>=1.6,<1.7", "markdown")
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Brief:
    slug: str
    front: dict
    body: str


def read_corpus(root: Path) -> tuple[list[Brief], dict[str, dict]]:
    """The briefs (slug, front matter, Markdown body) and the entity registry of a Briefing site."""
    briefs = []
    for path in sorted((root / "content" / "briefs").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        briefs.append(Brief(path.stem, yaml.load(front, Loader=Loader), body.lstrip("\n")))
    entities = yaml.load((root / "content" / "entities.yaml").read_text(encoding="utf-8"), Loader=Loader)
    return briefs, entities


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def yaml_front(fields: dict) -> str:
    """Front matter as one JSON value per line: valid YAML for every peer, and fast to write."""
    return "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in fields.items()) + "---\n\n"


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


class Peer:
    name = ""
    output = ""  # the folder the build writes, relative to the project
    caches: tuple[str, ...] = ()  # what else a cold build deletes
    template: str | None = None  # the project's own template touched for a warm build

    def available(self) -> bool:
        raise NotImplementedError

    def install(self) -> None:
        raise NotImplementedError

    def version(self) -> str:
        raise NotImplementedError

    def prepare(self, project: Path, briefs: list[Brief], entities: dict[str, dict]) -> None:
        raise NotImplementedError

    def command(self, project: Path, cold: bool) -> list[str]:
        raise NotImplementedError

    def brief_file(self, project: Path, brief: Brief) -> Path:
        raise NotImplementedError

    def clean(self, project: Path) -> None:
        remove(project / self.output, *(project / c for c in self.caches))


def apt_install(*packages: str) -> None:
    if os.geteuid() != 0:
        raise SystemExit(f"install {' '.join(packages)} (apt-get needs root) or pass --skip-install")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-q", *packages], check=True, env=env)


def venv_install() -> None:
    if not (VENV / "bin" / "pip").exists():
        subprocess.run(["python3", "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", *PIP_PACKAGES], check=True)


def first_line(cmd: list[str]) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]


class Hugo(Peer):
    """Taxonomies ``entities`` and ``tags``: a page per brief and per term, minimal own layouts."""

    name = "hugo"
    output = "public"
    caches = ("resources",)
    template = "layouts/_default/baseof.html"

    def available(self) -> bool:
        return shutil.which("hugo") is not None

    def install(self) -> None:
        apt_install("hugo")

    def version(self) -> str:
        return first_line(["hugo", "version"])

    def prepare(self, project, briefs, entities):
        write(
            project / "config.toml",
            'baseURL = "https://example.org/desk/"\ntitle = "Benchmark desk"\nlanguageCode = "en"\nrssLimit = 50\n'
            '[taxonomies]\n  entity = "entities"\n  tag = "tags"\n'
            '[outputs]\n  home = ["HTML", "RSS"]\n  section = ["HTML"]\n  taxonomy = ["HTML"]\n'
            '  term = ["HTML"]\n',
        )
        layouts = project / "layouts" / "_default"
        write(
            layouts / "baseof.html",
            '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8">'
            "<title>{{ .Title }} · {{ .Site.Title }}</title></head>\n<body>\n"
            '<header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>\n'
            '<main>{{ block "main" . }}{{ end }}</main>\n</body>\n</html>\n',
        )
        write(
            layouts / "single.html",
            '{{ define "main" }}<article><h1>{{ .Title }}</h1>\n'
            '<p><time>{{ .Date.Format "2 January 2006" }}</time></p>\n<p>{{ .Params.summary }}</p>\n'
            "{{ .Content }}\n"
            # .GetTerms is superlinear in Hugo before 0.128 (Hugo PR 12611): link the terms directly
            '<p>Entities: {{ range .Params.entities }}<a href="{{ printf "entities/%s/" (urlize .) | relURL }}">'
            "{{ . }}</a> {{ end }}</p>\n"
            '<p>Tags: {{ range .Params.tags }}<a href="{{ printf "tags/%s/" (urlize .) | relURL }}">{{ . }}</a> '
            "{{ end }}</p>\n</article>{{ end }}\n",
        )
        write(
            layouts / "list.html",
            '{{ define "main" }}<h1>{{ .Title }}</h1>\n<ul>\n{{ range .Pages }}'
            '<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Date.Format "2006-01-02" }}</li>\n'
            "{{ end }}</ul>{{ end }}\n",
        )
        for brief in briefs:
            f = brief.front
            front = {
                "title": f["title"],
                "date": f["date"],
                "summary": f["summary"],
                "entities": [entities[e]["name"] for e in f["entities"]],
                "tags": f["tags"],
            }
            write(self.brief_file(project, brief), yaml_front(front) + brief.body)

    def command(self, project, cold):
        return ["hugo", "--quiet", "--source", str(project), *(["--ignoreCache"] if cold else [])]

    def brief_file(self, project, brief):
        return project / "content" / "briefs" / f"{brief.slug}.md"


class Pelican(Peer):
    """Articles with tags in Pelican's default theme (it also writes category, author, archive pages)."""

    name = "pelican"
    output = "output"
    caches = ("cache", "__pycache__")

    def available(self) -> bool:
        return (VENV / "bin" / "pelican").exists()

    def install(self) -> None:
        venv_install()

    def version(self) -> str:
        return "pelican " + first_line([str(VENV / "bin" / "pelican"), "--version"])

    def prepare(self, project, briefs, entities):
        write(
            project / "pelicanconf.py",
            'AUTHOR = "Bench"\nSITENAME = "Benchmark desk"\nSITEURL = ""\nPATH = "content"\n'
            'TIMEZONE = "UTC"\nDEFAULT_LANG = "en"\nDEFAULT_CATEGORY = "briefs"\n'
            'FEED_ALL_ATOM = "feeds/all.atom.xml"\nCATEGORY_FEED_ATOM = None\n'
            "TRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n",
        )
        for brief in briefs:
            f = brief.front
            meta = (
                f"Title: {f['title']}\nDate: {f['date']}\nTags: {', '.join(f['tags'])}\n"
                f"Summary: {f['summary']}\nSlug: {brief.slug}\n\n"
            )
            write(self.brief_file(project, brief), meta + brief.body)

    def command(self, project, cold):
        pelican = str(VENV / "bin" / "pelican")
        return [pelican, str(project / "content"), "-s", str(project / "pelicanconf.py"), "-o",
                str(project / self.output), "-q"]  # fmt: skip

    def brief_file(self, project, brief):
        return project / "content" / f"{brief.slug}.md"


class MkDocs(Peer):
    """Brief pages only, default theme; nav lists the home page alone and search is off (see README)."""

    name = "mkdocs"
    output = "site"

    def available(self) -> bool:
        return (VENV / "bin" / "mkdocs").exists()

    def install(self) -> None:
        venv_install()

    def version(self) -> str:
        return first_line([str(VENV / "bin" / "mkdocs"), "--version"]).split(" from ")[0]

    def prepare(self, project, briefs, entities):
        write(
            project / "mkdocs.yml",
            "site_name: Benchmark desk\nsite_url: https://example.org/desk/\n"
            "nav:\n  - Home: index.md\nplugins: []\n",
        )
        write(project / "docs" / "index.md", "# Benchmark desk\n\nSynthetic briefs for benchmarks.\n")
        for brief in briefs:
            front = {"title": brief.front["title"], "date": brief.front["date"]}
            write(self.brief_file(project, brief), yaml_front(front) + brief.body)

    def command(self, project, cold):
        mkdocs = str(VENV / "bin" / "mkdocs")
        return [mkdocs, "build", "--quiet", "--config-file", str(project / "mkdocs.yml")]

    def brief_file(self, project, brief):
        return project / "docs" / "briefs" / f"{brief.slug}.md"


class Jekyll(Peer):
    """Posts with tags, and entities as categories; a stub page per tag and per entity lists its posts."""

    name = "jekyll"
    output = "_site"
    caches = (".jekyll-cache",)
    template = "_layouts/default.html"

    def available(self) -> bool:
        return shutil.which("jekyll") is not None

    def install(self) -> None:
        apt_install("jekyll")

    def version(self) -> str:
        return first_line(["jekyll", "--version"])

    def prepare(self, project, briefs, entities):
        write(
            project / "_config.yml",
            "title: Benchmark desk\nurl: https://example.org\nbaseurl: /desk\n"
            "permalink: /briefs/:title/\nmarkdown: kramdown\nplugins: []\n",
        )
        write(project / "_data" / "entities.json", json.dumps({k: v["name"] for k, v in entities.items()}))
        write(
            project / "_layouts" / "default.html",
            '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8">'
            "<title>{{ page.title }} · {{ site.title }}</title></head>\n<body>\n"
            '<header><a href="{{ "/" | relative_url }}">{{ site.title }}</a></header>\n'
            "<main>{{ content }}</main>\n</body>\n</html>\n",
        )
        write(
            project / "_layouts" / "brief.html",
            "---\nlayout: default\n---\n<article><h1>{{ page.title }}</h1>\n"
            '<p><time>{{ page.date | date: "%-d %B %Y" }}</time></p>\n<p>{{ page.summary }}</p>\n'
            "{{ content }}\n<p>Entities: {% for id in page.categories %}"
            '<a href="{{ "/entities/" | append: id | append: "/" | relative_url }}">'
            "{{ site.data.entities[id] }}</a> {% endfor %}</p>\n"
            '<p>Tags: {% for tag in page.tags %}<a href="{{ "/tags/" | append: tag | append: "/" | '
            'relative_url }}">{{ tag }}</a> {% endfor %}</p>\n</article>\n',
        )
        write(
            project / "_layouts" / "term.html",
            "---\nlayout: default\n---\n<h1>{{ page.title }}</h1>\n"
            '{% if page.kind == "tag" %}{% assign posts = site.tags[page.term] %}'
            "{% else %}{% assign posts = site.categories[page.term] %}{% endif %}\n<ul>\n"
            '{% for post in posts %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a> '
            '{{ post.date | date: "%Y-%m-%d" }}</li>\n{% endfor %}</ul>\n',
        )
        write(
            project / "index.html",
            "---\nlayout: default\ntitle: Home\n---\n<ul>\n{% for post in site.posts limit:20 %}"
            '<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a></li>\n{% endfor %}</ul>\n',
        )
        tags = sorted({t for b in briefs for t in b.front["tags"]})
        self._stubs(project / "tags", "tag", ((t, t) for t in tags))
        self._stubs(project / "entities", "entity", ((k, v["name"]) for k, v in entities.items()))
        for brief in briefs:
            f = brief.front
            front = {
                "layout": "brief",
                "title": f["title"],
                "summary": f["summary"],
                "categories": f["entities"],
                "tags": f["tags"],
            }
            write(self.brief_file(project, brief), yaml_front(front) + brief.body)

    def _stubs(self, folder: Path, kind: str, terms: Iterable[tuple[str, str]]) -> None:
        for term, title in terms:
            front = {"layout": "term", "kind": kind, "term": term, "title": title}
            front["permalink"] = f"/{folder.name}/{term}/"
            write(folder / f"{term}.html", yaml_front(front))

    def command(self, project, cold):
        return ["jekyll", "build", "--quiet", "--source", str(project), "--destination",
                str(project / self.output)]  # fmt: skip

    def brief_file(self, project, brief):
        return project / "_posts" / f"{brief.front['date']}-{brief.slug}.md"


PEERS: dict[str, Peer] = {p.name: p for p in (Hugo(), Pelican(), MkDocs(), Jekyll())}

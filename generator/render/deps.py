"""What a page's template depends on: the template and every template it reaches.

References are found with Jinja's own parser (``jinja2.meta``), so every form counts:
``extends``, ``include`` (with a name, a list of names or a conditional), ``import`` and
``from … import``. A name computed at render time could be any template, so a template that uses
one depends on all of them. Parsing is the costly part, so the references found in a source are
kept by the source's digest: ``known`` is what an earlier build found, ``references`` what this
one used, to hand on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
import jinja2.meta

from generator.files import digest, digest_parts

# the digest of a template's source → the templates it names (None: one computed at render time)
References = dict[str, list[str | None]]


@dataclass
class TemplateDigests:
    """Digest of each template together with every template it extends, includes or imports."""

    env: jinja2.Environment
    known: References = field(default_factory=dict)
    references: References = field(default_factory=dict)
    _digests: dict[tuple[str, str], str] = field(default_factory=dict)

    def of(self, name: str) -> str:
        """The digest, with the catalogs the environment's translations came from (render.i18n)."""
        catalogs = self.env.globals.get("catalog_digest", "")
        if (name, catalogs) not in self._digests:
            closure = sorted(self.closure(name))
            parts = [catalogs, *(part for n in closure for part in (n, self._source(n)))]
            self._digests[(name, catalogs)] = digest_parts(parts)
        return self._digests[(name, catalogs)]

    def of_all(self) -> str:
        """One digest of every template (not the static files beside them) and the catalogs."""
        names = sorted(n for n in set(self.env.list_templates()) if not n.startswith("static/"))
        catalogs = self.env.globals.get("catalog_digest", "")
        return digest_parts([catalogs, *(part for n in names for part in (n, self._source(n)))])

    def closure(self, name: str) -> set[str]:
        """``name`` and every template it may load, directly or through others."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            for child in self._references(current):
                if child is None:  # computed at render time: it may be any template
                    return seen | set(self.env.list_templates())
                todo.append(child)
        return seen

    def _references(self, name: str) -> list[str | None]:
        source = self._source(name)
        if not source:
            return []
        key = digest(source)
        found = self.references.get(key, self.known.get(key))
        if found is None:
            try:
                found = list(jinja2.meta.find_referenced_templates(self.env.parse(source)))
            except jinja2.TemplateSyntaxError:
                return []  # rendering reports it, with its line
        self.references[key] = found
        return found

    def _source(self, name: str) -> str:
        try:
            return self.env.loader.get_source(self.env, name)[0]
        except jinja2.TemplateNotFound:
            return ""  # a page rendered in Python (timeline.json); rendering reports a real miss

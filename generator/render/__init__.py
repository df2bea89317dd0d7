"""Render: a ``PageSpec`` to bytes, through the theme's Jinja templates (see ``theme.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

import jinja2
from jinja2 import meta

from generator.errors import TemplateError
from generator.model import SiteConfig
from generator.model.urls import absolute_url, base_path, relative_url
from generator.pages import Lazy, PageSpec
from generator.render.i18n import install as install_language
from generator.render.theme import default_theme_dir
from generator.render.timeline_json import timeline_json, timeline_lookup_json


@dataclass
class Renderer:
    """Renders ``PageSpec``s of one site to bytes (``made``: what ``timeline_json`` keeps of one
    build for the next)."""

    config: SiteConfig
    env: jinja2.Environment
    made: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        install_language(self.env, self.config, default_theme_dir())

    def render(self, spec: PageSpec) -> bytes:
        """The page's bytes; links are relative to its URL (root-absolute for the 404 page)."""
        if spec.template == "timeline.json":
            return timeline_json(self.config, spec.context["parts"], self.made).encode("utf-8")
        if spec.template == "timeline-lookup.json":
            return timeline_lookup_json(spec.context["pages"]).encode("utf-8")
        if spec.absolute_links:
            root = base_path(self.config.base_url)

            def link(target) -> str:
                return root + _target_url(target)
        else:

            def link(target) -> str:
                return relative_url(spec.url, _target_url(target))

        try:
            parts = self.env.get_template(spec.template).generate(
                site=self.config,
                page_url=spec.url,
                url=link,
                abs_url=lambda target: absolute_url(self.config.base_url, _target_url(target)),
                **{k: v.compute() if isinstance(v, Lazy) else v for k, v in spec.context.items()},
            )
            return _encode(parts)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(f"{error.filename or error.name}:{error.lineno}: {error.message}") from None
        except jinja2.TemplateNotFound as error:
            raise TemplateError(
                f"{self._file(spec.template)}: extends or includes '{error.name}', which is not a template "
                "(fix the name in {% extends %} or {% include %}, or add the file to templates/)"
            ) from None
        except jinja2.TemplateError as error:
            raise TemplateError(f"template {spec.template} (page {spec.url or 'home'}): {error}") from None
        except RecursionError:
            raise TemplateError(
                f"{self._file(self._loop(spec.template))}: extends or includes itself, directly or "
                "through another template (a site template cannot extend the theme's file of the same "
                "name: copy the theme's file and edit it)"
            ) from None

    def _loop(self, name: str) -> str:
        """The template that closes a loop of extends/includes starting at ``name``."""
        seen: list[str] = []
        while name not in seen:
            seen.append(name)
            try:
                source = self.env.loader.get_source(self.env, name)[0]
                parents = [p for p in meta.find_referenced_templates(self.env.parse(source)) if p]
            except jinja2.TemplateError:
                return seen[0]
            loop = next((p for p in parents if p in seen), None)
            if loop is not None:
                return name
            if not parents:
                return seen[0]
            name = parents[0]
        return name

    def _file(self, name: str) -> str:
        """The file a template name loads from, for messages."""
        try:
            return self.env.loader.get_source(self.env, name)[1] or name
        except jinja2.TemplateError:
            return name


def _encode(parts: Iterator[str], batch: int = 8192) -> bytes:
    """A template's output as UTF-8, joined a batch at a time: a large page (the timeline) never
    sits in memory as a million small strings and one wide string besides its bytes."""
    data = bytearray()
    while chunk := list(islice(parts, batch)):
        data += "".join(chunk).encode("utf-8")
    return bytes(data)


def _target_url(target) -> str:
    return target if isinstance(target, str) else target.url

"""The theme in the site's language: gettext catalogs for its strings, Babel (CLDR) for dates
and numbers, and the text direction.

The theme's catalogs are ``locales/<language>.po`` in the theme; a site adds or overrides
messages in its own ``locales/<language>.po`` (a message the site's file leaves out falls back
to the theme's, then to English). Catalogs are compiled in memory when a build starts, so
there are no ``.mo`` files to keep in step. ``model.dates`` labels stay English for machine
uses (timeline.json, logs); pages use ``DateFormat``.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import jinja2
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from markupsafe import Markup

from generator.errors import ConfigError
from generator.files import digest_parts
from generator.load.config import language_chain, site_catalogs
from generator.model import Event, SiteConfig
from generator.model.dates import OPEN, DatePoint, PartialDate, Precision

LOCALES = "locales"


def theme_catalogs(theme_dir: Path, language: str) -> list[Path]:
    """The theme's catalogs for ``language``, most specific first."""
    folder = theme_dir / LOCALES
    return [p for p in (folder / f"{name}.po" for name in language_chain(language)) if p.is_file()]


@lru_cache(maxsize=32)
def _compiled(path: str, mtime_ns: int, size: int) -> tuple[bytes, str]:
    """A .po file compiled to .mo bytes, with its digest (cached while the file is unchanged)."""
    text = Path(path).read_bytes()
    try:
        catalog = read_po(io.BytesIO(text), locale=Path(path).stem)
    except Exception as error:  # Babel raises several kinds for a malformed catalog
        raise ConfigError(f"{path}: cannot read the translation catalog: {error}") from None
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue(), digest_parts([text])


def load_translations(paths: list[Path]) -> tuple[gettext.NullTranslations, str]:
    """Catalogs chained so the first that has a message gives it; and one digest of them all."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    digests = []
    for path in reversed(paths):  # the least specific is the last fallback
        stat = path.stat()
        data, digest = _compiled(str(path), stat.st_mtime_ns, stat.st_size)
        translations = gettext.GNUTranslations(io.BytesIO(data))
        translations.add_fallback(chain)
        chain = translations
        digests.append(digest)
    return chain, digest_parts(digests)


def babel_locale(language: str) -> Locale:
    """The CLDR locale for a language tag; plain 'en' writes dates the British way, as the
    theme's English does ('1 December 2026'; 'en-US' for 'December 1, 2026')."""
    if language == "en":
        language = "en-GB"
    try:
        return Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(language.split("-")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en")


@dataclass(frozen=True)
class DateFormat:
    """Dates, partial dates and numbers as a reader of ``locale`` writes them."""

    locale: Locale
    gettext: gettext.NullTranslations
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def formatted(self, method: str, value) -> str:
        """``method``'s text for ``value``, worked out once: CLDR formatting is slow and a site
        shows the same dates and counts on page after page."""
        try:
            return self.memo[method, value]
        except KeyError:
            text = self.memo[method, value] = getattr(self, method)(value)
            return text
        except TypeError:  # a value a site's template passes that cannot be a key
            return getattr(self, method)(value)

    def _(self, message: str, **values) -> str:
        return self.gettext.gettext(message) % values

    def date(self, value: date) -> str:
        """'1 December 2026', '1 grudnia 2026', '1 декабря 2026 г.'"""
        return format_date(value, "long", locale=self.locale)

    def month(self, value: date) -> str:
        """'December 2026', 'grudzień 2026'."""
        return format_skeleton("yMMMM", value, locale=self.locale)

    def number(self, value: int) -> str:
        """'10,000', '10 000', '10.000'."""
        return format_decimal(value, locale=self.locale)

    def point(self, point: DatePoint, inflected: bool = False) -> str:
        """One end of a date at its precision; ``inflected`` after a preposition ('until …',
        'c. …'), where Slavic month names take the genitive ('do grudnia 2026', 'до декабря 2026 г.')."""
        day = point.lower
        inflected = inflected or point.approximate
        if point.precision >= Precision.DAY:
            text = self.date(day)
        elif point.precision == Precision.MONTH:
            text = format_date(day, self._month_pattern(inflected), locale=self.locale)
        elif point.precision == Precision.YEAR:
            text = format_skeleton("y", day, locale=self.locale)
        else:
            text = self._("%(decade)ss", decade=self.number_plain(day.year))
        if point.approximate:
            text = self._("c. %(date)s", date=text)
        if point.uncertain:
            text = self._("%(date)s?", date=text)
        return text

    def _month_pattern(self, inflected: bool) -> str:
        """The locale's month-and-year pattern; in 'format' (inflected) or 'stand-alone' form."""
        pattern = self.locale.datetime_skeletons.get("yMMMM")
        text = getattr(pattern, "pattern", None) or str(pattern or "MMMM y")
        if inflected:
            return text.replace("LLLL", "MMMM")
        return text

    @staticmethod
    def number_plain(year: int) -> str:
        return str(year)

    def partial(self, value: PartialDate) -> str:
        """A partial date at its true precision: 'c. 2019', 'until 2025', 'March 2024', '2010s',
        '2019–2021' in the locale's words."""
        if not value.is_interval:
            return self.point(value.start)
        if not value.is_known:
            return self._("date unknown")
        if value.start is None:
            end = self.point(value.end, inflected=True)
            if value.start_marker == OPEN:
                return self._("until %(date)s", date=end)
            return self._("unknown start, until %(date)s", date=end)
        if value.end is None:
            start = self.point(value.start, inflected=True)
            if value.end_marker == OPEN:
                return self._("from %(date)s", date=start)
            return self._("from %(date)s, end unknown", date=start)
        return self.interval(value.start, value.end)

    def interval(self, a: DatePoint, b: DatePoint) -> str:
        """'2019 – 2021', 'March – May 2024' as CLDR joins them; each end keeps its qualifiers."""
        plain = not (a.approximate or a.uncertain or b.approximate or b.uncertain)
        skeleton = {Precision.MONTH: "yMMMM", Precision.YEAR: "y"}.get(a.precision)  # days: in full
        if plain and skeleton and a.precision == b.precision:
            return format_interval(a.lower, b.lower, skeleton, locale=self.locale)
        return self._("%(start)s–%(end)s", start=self.point(a), end=self.point(b))

    def note(self, event: Event) -> str:
        """What a reader should know about an event's date, with the source's wording."""
        d = event.date
        parts = []
        if not d.is_known:
            parts.append(self._("No known date."))
        else:
            if d.approximate and d.uncertain:
                parts.append(self._("Approximate and uncertain date."))
            elif d.approximate:
                parts.append(self._("Approximate date."))
            elif d.uncertain:
                parts.append(self._("Uncertain date."))
            if d.is_interval and d.start is None:
                parts.append(self._("No known start."))
            elif d.is_interval and d.end is None:
                parts.append(
                    self._("No end given.") if d.end_marker == OPEN else self._("The end is unknown.")
                )
        if event.phrase:
            parts.append(self._("The source says “%(phrase)s”.", phrase=event.phrase))
        return " ".join(parts)


def text_direction(locale: Locale) -> str:
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def install(env: jinja2.Environment, config: SiteConfig, theme_dir: Path) -> str:
    """Give ``env`` the site language's messages, date and number filters; return a digest of
    the catalogs it read (pages depend on it)."""
    language = config.language
    translations, digest = load_translations(
        site_catalogs(config.root, language) + theme_catalogs(theme_dir, language)
    )
    locale = babel_locale(language)
    lookup = lru_cache(maxsize=None)(translations.gettext)  # along the chain once, not per page
    env.install_gettext_callables(
        gettext=lookup,
        ngettext=lru_cache(maxsize=None)(translations.ngettext),
        pgettext=translations.pgettext,
        npgettext=translations.npgettext,
        newstyle=True,
    )
    env.globals["_"] = _message_function(lookup)
    env.globals["date_format"] = DateFormat(locale, translations)
    env.globals["text_direction"] = text_direction(locale)
    env.globals["catalog_digest"] = digest
    return digest


def _message_function(lookup: Callable[[str], str]) -> Callable[..., str]:
    """Templates' ``_()``: what Jinja's newstyle gettext gives (the message, escaped and
    formatted with its values when the template escapes), without its two indirections per
    call; a message with no values is formatted once (a page shows about 30)."""
    done: dict[tuple[str, bool], str] = {}

    def formatted(string: str, escaping: bool, values: dict) -> str:
        return (Markup(lookup(string)) if escaping else lookup(string)) % values

    @jinja2.pass_context
    def message(context: jinja2.runtime.Context, string: str, **values) -> str:
        escaping = context.eval_ctx.autoescape
        if values:
            return formatted(string, escaping, values)
        if (string, escaping) not in done:
            done[string, escaping] = formatted(string, escaping, {})
        return done[string, escaping]

    return message


# Filter name → DateFormat method. Jinja binds filters when it compiles a template, so the
# filters look the formatter up at each call: one environment can render one site in Polish and
# then, after site.yaml changes, in Russian.
FILTERS = {
    "long_date": "date",
    "month_year": "month",
    "number": "number",
    "partial_date": "partial",
    "date_note": "note",
}


def add_filters(env: jinja2.Environment) -> None:
    """The date and number filters, in English until ``install`` gives the site's language."""
    for name, method in FILTERS.items():
        env.filters[name] = _delegate(method)
    env.globals["date_format"] = DateFormat(babel_locale("en"), gettext.NullTranslations())
    env.globals["text_direction"] = "ltr"


def _delegate(method: str):
    @jinja2.pass_environment
    def apply(env: jinja2.Environment, value):
        return env.globals["date_format"].formatted(method, value)

    return apply

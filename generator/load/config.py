"""``site.yaml`` → a typed, validated ``SiteConfig``; and finding the site folder."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import ConfigError
from generator.files import digest_parts
from generator.load.markdown import markdown_settings
from generator.load.yamlfile import YamlSyntaxError, load_yaml
from generator.model import SiteConfig

CONFIG_NAME = "site.yaml"
LOCALES_DIR = "locales"  # a site's own translations: locales/<language>.po
# A BCP 47 language tag as browsers, Pagefind and Babel read it: 'en', 'pt-BR', 'sr-Latn', 'zh-Hant-TW'.
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$")

# Every option with its type (defaults are ``model.SiteConfig``'s); ``paths`` holds the folder options.
OPTIONS: dict[str, type] = {
    "title": str,
    "description": str,
    "base_url": str,
    "language": str,
    "author": str,
    "home_briefs": int,
    "archive_page_size": int,
    "cname": str,
    "search": bool,
    "paths": dict,
    "markdown": dict,  # {engine: cmark-gfm | python-markdown, extensions: [...]}, see load/markdown.py
}
# paths.<key>: (SiteConfig field, default folder inside the site root)
PATH_OPTIONS = {
    "content": ("content_dir", "content"),
    "output": ("output_dir", "site"),
    "templates": ("templates_dir", "templates"),
    "static": ("static_dir", "static"),
}


def find_site_root(root_arg: str | None = None) -> Path:
    """The folder holding site.yaml: ``--root`` if given, else the current folder or a parent."""
    if root_arg:
        root = Path(root_arg).resolve()
        if not (root / CONFIG_NAME).is_file():
            raise ConfigError(
                f"{root}: no {CONFIG_NAME} here (run 'briefing init {root_arg}' to start a site)"
            )
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ConfigError(
        f"no {CONFIG_NAME} in {here} or any parent (cd into a site, pass --root DIR, or run 'briefing init DIR')"
    )


def load_config(root: Path, base_url: str | None = None) -> SiteConfig:
    """Read and validate ``root/site.yaml``; ``base_url`` overrides the file's value."""
    path = root / CONFIG_NAME
    try:
        data, lines = load_yaml(path.read_text(encoding="utf-8"))
    except YamlSyntaxError as error:
        raise ConfigError(f"{path}:{error.line}: {error.message} (fix the YAML syntax)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: site.yaml must be a mapping of option: value")

    def fail(key: str, message: str) -> ConfigError:
        line = lines.get((key,), 1)
        return ConfigError(f"{path}:{line}: {message}")

    for key, value in data.items():
        expected = OPTIONS.get(key)
        if expected is None:
            raise fail(key, f"unknown option '{key}' (known: {', '.join(OPTIONS)})")
        if value is not None and (
            not isinstance(value, expected) or (expected is int and isinstance(value, bool))
        ):
            raise fail(key, f"'{key}' must be {expected.__name__}, not {type(value).__name__}")
    if not data.get("title"):
        raise fail("title", "'title' is required (the site's name)")

    options = {
        k: v for k, v in data.items() if k in OPTIONS and k not in ("paths", "markdown") and v is not None
    }
    if base_url is not None:
        options["base_url"] = base_url
    options["base_url"] = normalize_base_url(options.get("base_url", "/"), lambda m: fail("base_url", m))
    if "language" in options:
        options["language"] = normalize_language(options["language"], lambda m: fail("language", m))
    for key in ("home_briefs", "archive_page_size"):
        if key in options and options[key] < 1:
            raise fail(key, f"'{key}' must be at least 1, not {options[key]}")
    options["markdown"] = markdown_settings(data.get("markdown"), lambda m: fail("markdown", m))

    root = root.resolve()
    folders = {field: root / default for field, default in PATH_OPTIONS.values()}
    for key, value in (data.get("paths") or {}).items():
        if key not in PATH_OPTIONS:
            raise fail("paths", f"unknown path '{key}' (known: {', '.join(PATH_OPTIONS)})")
        folder = (root / str(value)).resolve()
        if not folder.is_relative_to(root):
            raise fail("paths", f"paths.{key} '{value}' leaves the site folder; keep it inside {root}")
        folders[PATH_OPTIONS[key][0]] = folder
    translations = site_catalogs(root, options.get("language", "en"))
    options["translations"] = digest_parts(str(p) + "\0" + p.read_text("utf-8") for p in translations)
    return SiteConfig(root=root, **options, **folders)


def normalize_language(value: str, fail) -> str:
    """'pt_br' or 'PT-br' → 'pt-BR'; anything that is not a BCP 47 language tag is an error."""
    parts = value.strip().replace("_", "-").split("-")
    tag = "-".join(
        [parts[0].lower()]
        + [p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p for p in parts[1:]]
    )
    if not LANGUAGE_TAG.match(tag):
        raise fail(f"language '{value}' is not a language tag like en, pl, pt-BR or sr-Latn")
    return tag


def language_chain(language: str) -> list[str]:
    """The catalog names a language reads, most specific first: 'pt-BR' → ['pt_BR', 'pt']."""
    parts = language.split("-")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def site_catalogs(root: Path, language: str) -> list[Path]:
    """The site's own catalogs for ``language`` (locales/pt_BR.po, locales/pt.po), most specific first."""
    folder = root / LOCALES_DIR
    return [p for p in (folder / f"{name}.po" for name in language_chain(language)) if p.is_file()]


def normalize_base_url(value: str, fail) -> str:
    """'https://x.github.io/repo' → 'https://x.github.io/repo/'; '/' and '/repo/' stay paths."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise fail(f"base_url '{value}' must start with http://, https:// or /")
    if not parts.scheme and not value.startswith("/"):
        raise fail(
            f"base_url '{value}' must be a full URL like https://user.github.io/repo/ or a path like /"
        )
    return value if value.endswith("/") else value + "/"

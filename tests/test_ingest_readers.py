"""Ingest readers: text, Markdown and HTML articles, and the files they refuse."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from generator.ingest.errors import IngestError
from generator.ingest.reading import MAX_ARTICLE_BYTES, read_article
from generator.ingest.sentences import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_text_reader_takes_first_line_as_headline_and_keeps_paragraphs():
    article = read_article(FIXTURES / "harbour-deal.txt")
    assert article.title == "Port authority signs dredging deal with Danish contractor"
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("The Port of Gdansk Authority signed")
    assert article.published is None


def test_text_reader_reads_a_date_line_and_drops_the_byline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Storm closes ports\nBy Jo Reporter\nPublished: 14 March 2024\n\nThe storm closed three ports on Tuesday.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.title == "Storm closes ports"
    assert article.published == date(2024, 3, 14)
    assert article.paragraphs == ("The storm closed three ports on Tuesday.",)


def test_text_reader_reads_the_labelled_article_format(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Storm closes ports\n2024-03-14\nHarbour Times | https://example.org/storm\n\nThe storm closed ports.\n",
        encoding="utf-8",
    )
    article = read_article(path)
    assert (article.title, article.published) == ("Storm closes ports", date(2024, 3, 14))
    assert (article.publisher, article.url) == ("Harbour Times", "https://example.org/storm")
    assert article.paragraphs == ("The storm closed ports.",)


def test_text_reader_title_option_overrides_the_first_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A first line that is a sentence.\nAnother sentence follows here.\n", encoding="utf-8")
    assert read_article(path, title="Chosen headline").title == "Chosen headline"


def test_lines_that_end_sentences_are_separate_paragraphs(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Headline\nFirst paragraph ends here.\nSecond paragraph ends too.\n", encoding="utf-8")
    assert read_article(path).paragraphs == (
        "First paragraph ends here.",
        "Second paragraph ends too.",
    )


def test_markdown_reader_uses_front_matter_and_strips_markup():
    article = read_article(FIXTURES / "ministry-note.md")
    assert article.title == "Ministry opens review of rail subsidies"
    assert article.published == date(2024, 5, 10)
    assert article.publisher == "Example Wire"
    assert article.url == "https://example.com/rail-review"
    text = " ".join(article.paragraphs)
    assert "**" not in text and "](" not in text
    assert "Ministry of Transport" in text and "Spoorweg Review" in text


def test_html_reader_finds_the_article_and_its_metadata():
    article = read_article(FIXTURES / "script-laden.html")
    assert article.title == "Water agency warns of summer drought"
    assert article.published == date(2024, 6, 3)
    assert article.publisher == "Example Herald"
    assert article.url == "https://example.com/drought"
    text = " ".join(article.paragraphs)
    assert text.startswith("The Environment Agency warned on Monday")
    for boilerplate in ("Home", "cookies", "Related", "Copyright", "By Staff"):
        assert boilerplate not in text


def test_html_reader_drops_scripts_styles_handlers_and_tag_text():
    article = read_article(FIXTURES / "script-laden.html")
    everything = " ".join([article.title, article.publisher, article.url, *article.paragraphs])
    for bad in (
        "<script",
        "alert('meta')",
        "evil",
        "cookie",
        "injected",
        "javascript",
        "onload",
        "<p>",
    ):
        assert bad not in everything


def test_html_reader_falls_back_to_json_ld_article_body(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        '"headline": "Quiet page", "datePublished": "2023-01-02", "articleBody": '
        '"The council met on Monday and approved the budget for the coming year after a long debate."}]}'
        "</script></head><body><div id=app></div></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.title == "Quiet page"
    assert article.published == date(2023, 1, 2)
    assert article.paragraphs[0].startswith("The council met on Monday")


def test_sentences_keep_abbreviations_inside():
    assert split_sentences("Dr. Ana Ruiz met U.S. officials. They agreed.") == [
        "Dr. Ana Ruiz met U.S. officials.",
        "They agreed.",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"  \n\n", "the file is empty"),
        ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("bad.txt", b"Title\nBroken \x81\x8d\x8f\x90\x9d bytes.\n", "not UTF-8 or Windows-1252"),
        ("page.pdf", b"%PDF-1.4", "use .txt, .md or .html"),
        (
            "nothing.html",
            b"<html><body><script>x()</script><nav>Menu</nav></body></html>",
            "no article text",
        ),
    ],
)
def test_bad_files_give_one_clear_error_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        read_article(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_article(tmp_path / "missing.txt")


def test_file_over_the_size_limit_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Headline\n" + b"word " * (10 * 1024 * 1024 // 5))
    assert path.stat().st_size > MAX_ARTICLE_BYTES
    with pytest.raises(IngestError, match="MB limit"):
        read_article(path)


def test_windows_1252_text_is_read_with_a_warning(tmp_path, caplog):
    path = tmp_path / "old.txt"
    path.write_bytes(
        "Café owners protest\n\nThe owners said on Monday that rents rose “sharply”.\n".encode("cp1252")
    )
    with caplog.at_level(logging.WARNING):
        article = read_article(path)
    assert article.title == "Café owners protest"
    assert "“sharply”" in article.paragraphs[0]
    assert "Windows-1252" in caplog.text or "cp1252" in caplog.text


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Headline\n\nThe minister spoke on Friday about the budget.\n".encode("utf-16"))
    assert read_article(path).title == "Headline"

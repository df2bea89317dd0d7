"""Real saved news pages (``benchmarks/ingest/html/pages``) read by the HTML reader and ingest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.ingest.reading import read_article

PAGES = Path(__file__).resolve().parents[1] / "benchmarks" / "ingest" / "html" / "pages"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    (root / "content" / "briefs").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Test desk\nbase_url: /\n", encoding="utf-8")
    (root / "content" / "entities.yaml").write_text("# The desk's registry.\n", encoding="utf-8")
    return root


def test_ingest_drafts_a_real_news_page_with_its_headline_date_and_body(site):
    assert main(["ingest", str(PAGES / "yna.co.kr1.html"), "--root", str(site)]) == 0
    [path] = (site / "content" / "briefs").iterdir()
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == "N. Korea slams S. Korea for joint military drill, warns of consequences"
    assert front["date"] == date(2019, 8, 20)
    assert front["sources"][0]["publisher"] == "Yonhap News Agency"
    assert "North Korea's official newspaper blasted South Korea on Tuesday" in text
    # the "Most Viewed" headlines beside the story are links to other pages, not its text
    assert "Lee Sun-kyun" not in text
    # the dateline's 'SEOUL' and the body's 'Seoul' are one place, and the registry loads
    registry = yaml.safe_load((site / "content" / "entities.yaml").read_text(encoding="utf-8"))
    seouls = [e for e in registry.values() if e["name"].lower() == "seoul"]
    assert [(e["name"], e["type"]) for e in seouls] == [("Seoul", "place")]
    assert main(["build", "--root", str(site), "--drafts", "--no-search"]) == 0


def test_a_japanese_page_is_read_not_refused():
    article = read_article(PAGES / "afpbb.com1.html")
    assert article.title == "動画：ナイジェリアで少女らによる自爆攻撃、ロケット弾も撃ち込まれ31人死亡"
    assert article.paragraphs[0].startswith("【6月18日 AFP】ナイジェリア北東部ボルノ")
    assert len(article.paragraphs) == 6


def test_a_list_of_links_that_is_the_article_is_kept():
    article = read_article(PAGES / "pixelmonkey.org2.html")
    assert any(p.startswith("TechCrunch: Parse.ly Raises $5M") for p in article.paragraphs)

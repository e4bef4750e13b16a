"""content/bibliography.*: real Zotero/Better BibTeX exports load, bad files are one-line errors."""
from __future__ import annotations

import inspect
import json
import textwrap
import shutil
from pathlib import Path

import pytest

from tests.support import MINIMAL_SITE, ROOT, build, write_tree

FIXTURES = ROOT / "tests" / "fixtures" / "bibliography"
EVENT = """\
    ---
    title: Event
    date: 2019-02-26
    sources:
      - ref: {ref}
        pages: "12"
    ---
    Body.
    """


def site_with(tmp_path: Path, bibliography_name: str, text: str | None = None, source: Path | None = None,
              ref: str = "x", extra: dict | None = None) -> Path:
    content = write_tree(tmp_path / "content", {"site.yaml": MINIMAL_SITE,
                                                "events/e.md": EVENT.format(ref=ref), **(extra or {})})
    if source is not None:
        shutil.copy(source, content / bibliography_name)
    else:
        (content / bibliography_name).write_text(text, encoding="utf-8")
    return content


def test_real_zotero_csl_json_export_builds_sources_page(tmp_path: Path) -> None:
    content = site_with(tmp_path, "bibliography.json", source=FIXTURES / "zotero-bbt-export.json", ref="Berndt1994")
    run = build(content, tmp_path / "site")
    assert run.code == 0, run.err
    page = (tmp_path / "site" / "sources.html").read_text(encoding="utf-8")
    assert "4 works" in page
    # Chicago author-date, with the export's rich text kept as markup, and the work's citing event
    assert "Berndt, R. 1994." in page
    assert "<i>Prouerbia</i>" in page
    assert 'id="work-Berndt1994"' in page and 'href="events/e.html">Event</a>' in page
    exported = json.loads((tmp_path / "site" / "bibliography.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in exported] == ["Adams2001", "Berndt1994", "Dunning2016", "Wordsworth1883"]
    event = (tmp_path / "site" / "events" / "e.html").read_text(encoding="utf-8")
    assert 'href="../sources.html#work-Berndt1994"' in event and ": 12" in event


@pytest.mark.parametrize("name, ref, expected", [
    ("bbt-vietnamese.bib", "vu_ngoc_formes_2000", "Vũ Ngọc, S. 2000."),
    ("bbt-inbook.bib", "yzelman2015", "Sparse Matrix-Vector Multiplication"),
])
def test_real_better_bibtex_export_builds(tmp_path: Path, name: str, ref: str, expected: str) -> None:
    content = site_with(tmp_path, "bibliography.bib", source=FIXTURES / name, ref=ref)
    run = build(content, tmp_path / "site")
    assert run.code == 0, run.err
    assert expected in (tmp_path / "site" / "sources.html").read_text(encoding="utf-8")


def test_bibtex_inbook_is_a_chapter_in_its_book(tmp_path: Path) -> None:
    content = site_with(tmp_path, "bibliography.bib", source=FIXTURES / "bbt-inbook.bib", ref="yzelman2015")
    assert build(content, tmp_path / "site").code == 0
    item = json.loads((tmp_path / "site" / "bibliography.json").read_text(encoding="utf-8"))[0]
    assert item["type"] == "chapter"
    assert item["container-title"].startswith("High Performance Parallelism Pearls")
    assert item["author"][0] == {"family": "Yzelman", "given": "Albert-Jan N."}
    assert item["page"] == "457\u2013476"


@pytest.mark.parametrize("name, text, expected", [
    ("bibliography.json", '[\n  {"id": "x", "title": "A"},\n  {"id": "y" "title": "B"}\n]\n',
     "content/bibliography.json:3: invalid CSL-JSON: Expecting ',' delimiter (column 14)"),
    ("bibliography.bib", "@book{x,\n  title = {A},\n}\n\n@book{y,\n  title = {B\n}\n",
     "content/bibliography.bib:5: malformed BibTeX entry"),
    ("bibliography.yaml", "- id: x\n  title: A\n- id: x\n  title: B\n",
     "content/bibliography.yaml:3: duplicate id 'x' (first on line 1)"),
    ("bibliography.json", '[{"id": "x", "title": "A"},\n {"id": "x", "title": "B"}]',
     "content/bibliography.json:1: duplicate id 'x'"),
    ("bibliography.bib", "@book{x, title = {A}}\n@book{x, title = {B}}\n",
     "content/bibliography.bib:2: duplicate id 'x'"),
    ("bibliography.yaml", "- id: x\n  type: book\n  publisher: P\n",
     "content/bibliography.yaml:1: work 'x' has no title"),
    ("bibliography.yaml", "- title: No id\n", "content/bibliography.yaml:1: a work without an 'id'"),
])
def test_bad_bibliography_is_one_line_naming_file_and_line(tmp_path: Path, name: str, text: str,
                                                           expected: str) -> None:
    content = site_with(tmp_path, name, text)
    run = build(content, tmp_path / "site")
    assert run.code == 1
    assert any(line.startswith(expected) for line in run.error_lines), run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "site").exists()


def test_unknown_ref_suggests_the_closest_id(tmp_path: Path) -> None:
    content = site_with(tmp_path, "bibliography.yaml", "- id: fifield2019\n  title: The Great Successor\n",
                        ref="fifeld2019")
    run = build(content, tmp_path / "site")
    assert run.code == 1
    assert "content/events/e.md:5: unknown work 'fifeld2019' (did you mean 'fifield2019'?)" in run.err


def test_citation_style_names_a_csl_file_under_content(tmp_path: Path) -> None:
    import citeproc
    harvard = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"
    content = site_with(tmp_path, "bibliography.yaml",
                        "- id: x\n  type: book\n  title: The Great Successor\n  author:\n"
                        "    - {family: Fifield, given: Anna}\n  publisher: PublicAffairs\n  issued: 2019\n",
                        extra={"site.yaml": MINIMAL_SITE + "citation_style: harvard.csl\n"})
    shutil.copy(harvard, content / "harvard.csl")
    run = build(content, tmp_path / "site")
    assert run.code == 0, run.err
    assert "Fifield, A. (2019)" in (tmp_path / "site" / "sources.html").read_text(encoding="utf-8")
    assert "warning" not in run.err


def test_markup_in_a_work_cannot_run_script(tmp_path: Path) -> None:
    content = site_with(tmp_path, "bibliography.json",
                        json.dumps([{"id": "x", "type": "webpage", "title": "T <script>alert(1)</script><img src=x "
                                     "onerror=alert(2)> & co", "URL": "https://e.org/?a=<b>"}]))
    assert build(content, tmp_path / "site").code == 0
    for page in ("sources.html", "events/e.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "alert(" not in html.split("</main>")[0].split("<main")[1], page


def test_a_broken_citation_style_is_one_line(tmp_path: Path) -> None:
    content = site_with(tmp_path, "bibliography.yaml", "- id: x\n  title: T\n",
                        extra={"site.yaml": MINIMAL_SITE + "citation_style: mine.csl\n"})
    (content / "mine.csl").write_text("<style><info>\n", encoding="utf-8")
    run = build(content, tmp_path / "site")
    assert run.code == 1
    assert run.error_lines[0].startswith("content/mine.csl:")
    assert "not a CSL style citeproc-py can read" in run.error_lines[0] and len(run.error_lines) == 1


def test_a_newspaper_article_without_an_edition_says_no_edition(tmp_path: Path) -> None:
    # citeproc-py 0.11 printed the label of an empty <label variable="edition"/>: "Edition."
    content = site_with(tmp_path, "bibliography.yaml",
                        "- id: x\n  type: article-newspaper\n  title: Kim arrives\n  author: [{family: Lee, given: Ann}]\n"
                        "  container-title: The Korea Herald\n  issued: 2019-02-26\n"
                        "- id: y\n  type: book\n  title: Book\n  edition: 2\n  issued: 2019\n"
                        "  author: [{family: Fifield, given: Anna}]\n")
    assert build(content, tmp_path / "site").code == 0
    page = (tmp_path / "site" / "sources.html").read_text(encoding="utf-8")
    assert "Lee, A. 2019. “Kim Arrives”. <i>The Korea Herald</i>, February 26.</span>" in page
    assert "Fifield, A. 2019. <i>Book</i>. 2nd ed.</span>" in page


def test_formatting_leaves_citeproc_itself_unchanged(tmp_path: Path) -> None:
    # The label fix and the kept lookups live in the style tree a build parses, so another user
    # of citeproc-py in the same process (a plugin, a test) gets the library as shipped.
    from citeproc import model

    from chronicle.formats import cite

    cite._LATEST.clear()  # format now, in this process
    content = site_with(tmp_path, "bibliography.yaml",
                        "- id: x\n  type: article-newspaper\n  title: Kim arrives\n  issued: 2019-02-26\n")
    assert build(content, tmp_path / "site").code == 0
    page = (tmp_path / "site" / "sources.html").read_text(encoding="utf-8")
    assert "Kim Arrives" in page and "Edition" not in page
    classes = [cls for cls in vars(model).values() if isinstance(cls, type) and cls.__module__ == model.__name__]
    replaced = [f"{cls.__name__}.{name}" for cls in classes for name, value in vars(cls).items()
                if inspect.isfunction(value) and value.__module__ != model.__name__]
    assert len(classes) > 30 and "process" in vars(model.Label)
    assert replaced == []


def test_formatted_bibliography_is_cached_and_a_tampered_cache_cannot_add_script(tmp_path: Path) -> None:
    import sqlite3

    from chronicle.formats import cite

    cite._LATEST.clear()  # format in this build, and keep the result in its cache
    content = site_with(tmp_path, "bibliography.yaml", "- id: x\n  type: book\n  title: The Great Successor\n"
                                                       "  author: [{family: Fifield, given: Anna}]\n  issued: 2019\n")
    assert build(content, tmp_path / "site").code == 0
    db = sqlite3.connect(tmp_path / ".chronicle-cache" / "site.sqlite")
    with db:
        changed = db.execute("UPDATE bodies SET html = replace(html, 'Fifield', '<script>alert(1)</script>Fifield') "
                             "WHERE html LIKE '%Fifield%'").rowcount
    db.close()
    assert changed == 1  # the bibliography's formatted entries are one row of the build's cache
    cite._LATEST.clear()  # this test runs builds in one process: forget the copy kept in memory
    (content / "events" / "e.md").write_text(textwrap.dedent(EVENT.format(ref="x")).replace("Body.", "Body, edited."),
                                              encoding="utf-8")
    assert build(content, tmp_path / "site").code == 0
    page = (tmp_path / "site" / "sources.html").read_text(encoding="utf-8")
    assert "Fifield, A. 2019." in page and "alert(1)" not in page


def test_a_bibliography_formatted_by_another_citeproc_is_formatted_again(tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    from chronicle.formats import cite

    cite._LATEST.clear()  # format in this build, and keep the result in its cache
    content = site_with(tmp_path, "bibliography.yaml", "- id: x\n  type: book\n  title: The Great Successor\n"
                                                       "  author: [{family: Fifield, given: Anna}]\n  issued: 2019\n")
    assert build(content, tmp_path / "site").code == 0
    db = sqlite3.connect(tmp_path / ".chronicle-cache" / "site.sqlite")
    with db:  # stands for what an older citeproc-py wrote
        assert db.execute("UPDATE bodies SET html = replace(html, 'Fifield', 'Older') "
                          "WHERE html LIKE '%Fifield%'").rowcount == 1
    db.close()
    page = tmp_path / "site" / "sources.html"
    runs = ((cite.processor_version(), "Older, A. 2019."), ("citeproc-py=99.0;lxml=6.0", "Fifield, A. 2019."))
    for version, expected in runs:
        monkeypatch.setattr(cite, "processor_version", lambda version=version: version)
        cite._LATEST.clear()  # this test runs builds in one process: forget the copy kept in memory
        event = content / "events" / "e.md"
        event.write_text(event.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
        assert build(content, tmp_path / "site").code == 0
        assert expected in page.read_text(encoding="utf-8"), version

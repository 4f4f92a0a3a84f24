"""`transcheck report --html`: the side-by-side page, read back with an HTML parser."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcheck.cli import main
from transcheck.engine import run
from transcheck.html_report import html_report
from transcheck.progress import Progress

from .conftest import ROOT, SHARED, holding_share, quiet_cli

CORPUS = str(ROOT / "corpus")
REALCORPUS = SHARED / "realcorpus" / "Texts"
_VOID = {"meta", "br", "img", "input", "hr", "link", "wbr", "col", "source"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        out = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                    out.append(child)
                out.extend(child.find_all(tag, cls))
        return out


class Tree(HTMLParser):
    """A strict tree: every end tag must close the element opened last."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#root", {}, None)
        self.misnested: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.node)
        self.node.children.append(node)
        if tag not in _VOID:
            self.node = node

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if self.node.tag != tag:
            self.misnested.append(f"</{tag}> closes <{self.node.tag}>")
            return
        self.node = self.node.parent

    def handle_data(self, data):
        self.node.children.append(data)


@pytest.fixture(scope="module")
def seeds():
    result = run([CORPUS])
    return result, Tree(html_report(result))


def test_the_page_is_well_nested_and_self_contained(seeds):
    _, tree = seeds
    assert not tree.misnested
    for node in tree.root.find_all():
        for name in ("src", "href"):
            value = node.attrs.get(name) or ""
            assert not value or value.startswith("#"), f"<{node.tag} {name}={value}> leaves the page"
        assert node.tag not in ("link", "iframe", "object", "embed", "img")


def test_one_column_per_language_and_one_row_per_aligned_section(seeds):
    result, tree = seeds
    (table,) = tree.root.find_all("table", "sbs")
    head = [th.children[0] for th in table.find_all("th") if th.parent.parent.tag == "thead"]
    assert head == ["§", "fi", "is", "pl", "ru", "sv"]
    body_rows = [tr for tr in table.find_all("tr") if tr.parent.tag == "tbody"]
    labels = [tr.children[0].text() for tr in body_rows]
    assert labels == ["meta", "1", "2", "3", "4", "5", "6"]
    for tr in body_rows:
        assert len([c for c in tr.children if isinstance(c, Node) and c.tag == "td"]) == 5


def test_every_finding_is_explained_once_and_highlighted_in_place(seeds):
    result, tree = seeds
    notes = tree.root.find_all("li", "note")
    assert len(notes) == len(result.findings) == 21
    marks = {m.attrs["id"]: m for m in tree.root.find_all("mark") if "id" in m.attrs}
    for note in notes:
        number = note.attrs["id"][2:]
        assert f"m-{number}" in marks, note.text()[:80]  # every seed finding is marked in the text
        code = re.search(r"TC\d{3}", note.text()).group()
        assert f"r-{code}" in marks[f"m-{number}"].classes


def test_the_five_stray_marks_are_highlighted(seeds):
    _, tree = seeds
    stray = [m for m in tree.root.find_all("mark", "r-TC301") if m.attrs.get("id")]
    shown = sorted(m.text() for m in stray)
    assert sum(1 for text in shown if text.startswith(",.")) == 5, shown


def test_the_highlights_row_shows_the_swedish_and_icelandic_gaps(seeds):
    _, tree = seeds
    (table,) = tree.root.find_all("table", "sbs")
    row = next(tr for tr in table.find_all("tr") if "Höjdpunkter" in tr.text())
    cells = {td.attrs["lang"]: td for td in row.find_all("td")}
    gaps = {lang for lang, td in cells.items() if td.find_all("div", "gapnote")}
    assert gaps == {"sv", "is"}
    assert "1 bullet fewer here: 2 here; 3 in fi, is, pl, ru" in cells["sv"].text()
    assert cells["sv"].find_all("mark", "r-TC401") and cells["is"].find_all("mark", "r-TC101")


def test_a_missing_section_is_a_gap_cell(tmp_path):
    src = ROOT / "corpus" / "social-media-optimization-smo"
    art = tmp_path / "smo"
    art.mkdir()
    for f in src.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.stem == "pl":  # cut the last section of one version
            text = text[: text.index("## Przegląd")]
        (art / f.name).write_text(text, encoding="utf-8")
    tree = Tree(html_report(run([str(art)])))
    gaps = tree.root.find_all("td", "gap")
    assert [td.attrs["class"] for td in gaps] == ["gap l-pl"]
    assert "no counterpart of this section in pl" in gaps[0].text()
    assert gaps[0].parent.find_all("td", "cell")[0].text().startswith("Kohokohdat")


HOSTILE = """---
title: "</title><script>document.title='PWNED-fm'</script>"
description: <img src=x onerror="document.title='PWNED-fm2'">
---
# Hostile <script>document.title='PWNED-h1'</script>

<script>document.title='PWNED-block'</script>

Text with <img src=x onerror="document.title='PWNED-img'"> and <svg onload="document.title='PWNED-svg'"></svg>.
A [javascript link](javascript:document.title='PWNED-js') and [data](data:text/html,<script>alert(1)</script>),
![image](javascript:document.title='PWNED-imgsrc') and <a href="javascript:document.title='PWNED-a'">a</a>.

<iframe src="javascript:document.title='PWNED-iframe'"></iframe>

- item [x](/x) [y](/x) with \U000f0001 private-use characters \U000f0000
"""


def hostile_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    article = root / 'x"><img src=x onerror=document.title=1>'
    article.mkdir(parents=True)
    (article / "en.md").write_text(HOSTILE, encoding="utf-8")
    (article / "fi.md").write_text(HOSTILE.replace("Text with", "Teksti, jossa"), encoding="utf-8")
    return root


def test_article_text_cannot_inject_markup(tmp_path):
    page = html_report(run([str(hostile_corpus(tmp_path))]))
    tree = Tree(page)
    assert not tree.misnested
    scripts = tree.root.find_all("script")
    assert len(scripts) == 1 and "PWNED" not in scripts[0].text()
    for node in tree.root.find_all():
        assert node.tag not in ("img", "svg", "iframe", "a") or node.attrs.get("href", "#").startswith("#")
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            assert "javascript:" not in (value or "") or name == "title", (node.tag, name, value)
    assert tree.root.find_all("title")[0].text() == "transcheck report"
    assert "&lt;script&gt;document.title=&#x27;PWNED-block&#x27;" in page or "&lt;script&gt;" in page
    # The Content-Security-Policy allows exactly the page's own script.
    csp = next(m.attrs["content"] for m in tree.root.find_all("meta")
               if m.attrs.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(scripts[0].text().encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_realcorpus_report_places_every_finding(tmp_path):
    result = run([str(REALCORPUS)])
    tree = Tree(html_report(result))
    assert not tree.misnested
    notes = tree.root.find_all("li", "note")
    assert len(notes) == len(result.findings)
    placed = {m.attrs["id"] for m in tree.root.find_all("mark") if "id" in m.attrs}
    assert len(placed) >= 0.9 * len(result.findings)
    assert len(tree.root.find_all("table", "sbs")) == len(result.articles)


def test_cli_writes_the_page_and_keeps_stderr_quiet_when_not_a_terminal(tmp_path):
    out = tmp_path / "out.html"
    res = CliRunner().invoke(main, ["report", CORPUS, "--html", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() would create it, not mkstemp's 0600
    assert "\r" not in res.output


def test_progress_is_drawn_only_on_a_terminal(monkeypatch):
    monkeypatch.setattr("transcheck.progress.DELAY", 0.0)

    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(stream=stream)
        for done in range(1, 4):
            bar(done, 3, "articles checked")
        bar.close()
    assert "3/3 articles checked" in tty.getvalue() and tty.getvalue().endswith("\r\033[K")
    assert pipe.getvalue() == ""


# -- a real browser -------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _browser(url: str, tmp_path: Path, *extra: str) -> str:
    import subprocess

    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,2400", *extra, url]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def chromium():
    if CHROMIUM is None:
        if os.environ.get("TRANSCHECK_REQUIRE_BROWSER"):
            pytest.fail("chromium is required (TRANSCHECK_REQUIRE_BROWSER is set) but not installed")
        pytest.skip("chromium is not installed (.ci/run installs it)")
    return CHROMIUM


@pytest.mark.parametrize("which", ["seeds", "hostile"])
def test_in_chromium_no_article_script_runs_and_the_table_is_there(chromium, tmp_path, which):
    paths = [CORPUS] if which == "seeds" else [str(hostile_corpus(tmp_path))]
    page = tmp_path / "report.html"
    page.write_text(html_report(run(paths)), encoding="utf-8")
    dom = _browser(page.as_uri(), tmp_path, "--dump-dom")
    tree = Tree(dom)
    html_node = tree.root.find_all("html")[0]
    assert html_node.attrs.get("data-js") == "on"  # scripts ran: the page's own did
    assert tree.root.find_all("title")[0].text() == "transcheck report"  # no article script did
    assert "PWNED" not in tree.root.find_all("title")[0].text()
    assert tree.root.find_all("table", "sbs")
    assert tree.root.find_all("form")[0].attrs.get("hidden") is None  # the filters were shown
    shot = tmp_path / "report.png"
    _browser(page.as_uri(), tmp_path, f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_lang_keeps_the_columns_but_explains_only_that_language():
    result = run([CORPUS])
    tree = Tree(html_report(result, ("sv",)))
    notes = tree.root.find_all("li", "note")
    assert len(notes) == sum(1 for f in result.findings if f.lang == "sv") == 4
    assert all(li.parent.parent.attrs["lang"] == "sv" for li in notes)
    assert len(tree.root.find_all("td", "l-fi")) == 7  # the other versions stay for comparison


# -- scaling (issue #9) ------------------------------------------------------------------------
def _snap_by_scanning(block, offset: int, is_start: bool):
    """The placement as it was computed before _Snap (every span and link scanned per call):
    the oracle _Snap must agree with."""
    spans = []
    for node in block.walk():
        for inline in node.inlines:
            for k, content_start in enumerate(inline.line_starts):
                content_end = inline.line_starts[k + 1] - 1 if k + 1 < len(inline.line_starts) else len(inline.content)
                begin = inline.line_offsets[k]
                spans.append((begin, begin + max(0, content_end - content_start), inline))
    if not spans:
        return None
    spans.sort(key=lambda s: s[0])
    if offset < spans[0][0]:
        offset = spans[0][0]
    elif offset > spans[-1][1]:
        offset = spans[-1][1]
    else:
        for i, (begin, end, _) in enumerate(spans):
            if begin <= offset <= end:
                break
            if i + 1 < len(spans) and end < offset < spans[i + 1][0]:
                offset = spans[i + 1][0] if is_start else end
                break
    for _, _, inline in spans:
        for link in inline.links:
            whole = link.kind in ("autolink", "reference")
            if (link.start < offset < link.end) if whole else (link.text_end <= offset < link.end):
                return link.start if is_start else link.end
    return offset


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["[a](/x)", "[b ![i](/i) c](/y)", "![j](/j)", "<http://u.fi>", "[r][ref]",
                                 "[c ![k][ref] d][ref]", " ", "t", "\n", "\n  ", "- ", "> ", "| x | y |\n|---|---|\n",
                                 "## ", "`c`"]), max_size=30))
def test_snap_places_as_scanning_every_span_did(parts):
    from transcheck.html_report import _Snap

    from .conftest import version_of

    version = version_of("".join(parts) + "\n\n[ref]: /r\n", "fi")
    for block in version.walk():
        snap = _Snap(block)
        for offset in range(len(version.source.text) + 2):
            for is_start in (True, False):
                assert snap(offset, is_start) == _snap_by_scanning(block, offset, is_start), (offset, is_start)


def test_a_paragraph_of_10000_links_renders_in_linear_time_and_size(tmp_path):
    """Placing each finding scanned every link of its block, and a finding over the whole
    paragraph repeated its message at every link: 10,000 links took 50 s and 1.2 GB."""
    import time

    art = tmp_path / "article"
    art.mkdir()
    (art / "fi.md").write_text("# T\n\n" + " ".join("[a](/x)" for _ in range(10_000)) + "\n", encoding="utf-8")
    (art / "sv.md").write_text("---\ntitle: T\n---\n\n# T\n\nText [a](/x).\n", encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["report", str(art), "--html", str(tmp_path / "r.html")])
    took = time.perf_counter() - start
    size = (tmp_path / "r.html").stat().st_size
    print(f"\nreport --html, 10,000 links on a line: {took:.2f} s, {size / 1e6:.1f} MB")
    assert result.exit_code == 0, result.output
    assert took < 20 and size < 30e6  # measured 2.4 s, 7.2 MB
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    tree = Tree(page)
    assert not tree.misnested
    placed = {m.attrs["id"] for m in tree.root.find_all("mark") if m.attrs.get("id")}
    notes = {n.attrs["id"] for n in tree.root.find_all("li", "note")}
    assert len(placed) >= 10_000 and {f"f-{p[2:]}" for p in placed} <= notes


def test_findings_at_one_point_are_point_markers_not_nested_highlights(tmp_path):
    """A zero-width finding's end sorted before its start, so its <mark> was opened and never
    closed: 5,000 sections missing at the end of a file nested 5,000 elements."""
    art = tmp_path / "article"
    art.mkdir()
    (art / "fi.md").write_text("# T\n\n" + "".join(f"## Osa {k}\n\nTeksti {k} [a](/x{k}).\n\n" for k in range(40)),
                               encoding="utf-8")
    (art / "sv.md").write_text("# T\n\nText.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert CliRunner().invoke(main, ["report", str(art), "--html", str(out)]).exit_code == 0
    tree = Tree(out.read_text(encoding="utf-8"))
    assert not tree.misnested
    sv_cells = [td for td in tree.root.find_all("td") if td.attrs.get("lang") == "sv"]
    points = [m for td in sv_cells for m in td.find_all("mark", "point")]
    assert len(points) >= 40
    assert all(not m.find_all("mark") for td in sv_cells for m in td.find_all("mark"))  # none inside another


# -- the streamed page (issue #8: memory stays flat) --------------------------------------------
def _html_cli(path, out, *args, read: bool = True) -> str | None:
    res = CliRunner().invoke(main, ["report", str(path), "--html", str(out), *map(str, args)], env={"NO_COLOR": "1"})
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8") if read else None


def test_the_streamed_page_is_the_page_of_the_whole_run(synth_corpus, tmp_path, monkeypatch):
    """`report --html` renders each article where it is checked (in --jobs processes) and
    keeps its section on disk: the page is the one made from the whole run held in memory,
    byte for byte, also with --lang and when the findings spill to disk."""
    from transcheck import spill

    whole = run([str(synth_corpus)])
    assert _html_cli(synth_corpus, tmp_path / "a.html", "-j", "2") == html_report(whole)
    monkeypatch.setattr(spill, "HELD", 5)
    assert _html_cli(synth_corpus, tmp_path / "b.html", "-j", "1", "--lang", "sv") == html_report(whole, ("sv",))


def test_the_streamed_page_applies_the_configuration(tmp_path):
    """Per-file ignores and severity overrides change the page as they change the findings."""
    art = tmp_path / "articles" / "smo"
    shutil.copytree(ROOT / "corpus" / "social-media-optimization-smo", art)
    (tmp_path / "transcheck.toml").write_text('[per-file-ignores]\n"articles/*/sv.md" = ["heading-missing-space"]\n'
                                              '[severity]\nTC301 = "info"\n', encoding="utf-8")
    tree = Tree(_html_cli(tmp_path / "articles", tmp_path / "r.html", "-j", "1"))
    notes = [li.text() for li in tree.root.find_all("li", "note")]
    assert len(notes) == 20  # the seeds' 21 less the Swedish heading
    assert not any("TC101" in li.text() for li in tree.root.find_all("li", "note") if li.parent.parent.attrs["lang"] == "sv")
    stray = [n for n in notes if "TC301" in n]
    assert len(stray) >= 5 and all(n.split(" TC301")[0].endswith(" info") for n in stray)


def test_the_streamed_page_does_not_keep_the_articles(synth_corpus, tmp_path):
    """Memory: the page is written as it is made, an article at a time; its peak grows with
    the corpus by a small share of what holding the parsed articles would add (0.09-0.12 when
    measured; held, the page and the parsed articles made `report --html` 340 MB at 2,000
    files)."""
    page = tmp_path / "m.html"
    assert holding_share(synth_corpus, tmp_path, lambda path: quiet_cli("report", path, "--html", page, "-j", "1")) < 0.3


def test_article_anchors_are_stable_and_distinct():
    from transcheck.html_report import anchor

    assert anchor("intro", "docs/intro") == anchor("intro", "docs/intro") != anchor("intro", "blog/intro")
    assert anchor("intro", "docs/intro").startswith("intro-")
    assert anchor("a b", "k").startswith("a_b-") and anchor("a b", "k") != anchor("a_b", "k2")


def test_two_articles_with_one_slug_are_both_shown(tmp_path):
    """A directory `x/` and files whose front matter says `translationKey: x` are two articles
    with the slug x: the page shows both, each with its own findings and anchors (it kept
    one of them, and gave it the findings of both)."""
    for name, text in (("x/fi.md", "# Otsikko\n\nTeksti 7 ),.\n"), ("x/sv.md", "# Rubrik\n\nText 7 ),.\n"),
                       ("y/fi.md", "---\ntranslationKey: x\n---\n##Otsikko\n\nToinen 7.\n"),
                       ("z/fi.md", "---\ntranslationKey: x\n---\n# Otsikko\n\nToinen 7.\n")):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run([str(tmp_path)])
    assert [a.slug for a in result.articles] == ["x", "x"]
    whole = html_report(result)
    tree = Tree(whole)
    sections = tree.root.find_all("section", "article")
    assert len(sections) == 2 and len({s.attrs["id"] for s in sections}) == 2
    ids = [n.attrs["id"] for n in tree.root.find_all() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    for section in sections:  # each section explains the findings of its own files
        shown = {small.text() for small in section.find_all("small") if small.text().endswith(".md")}
        notes = section.find_all("li", "note")
        assert len(notes) == sum(1 for f in result.findings if f.path in shown)
    assert len(tree.root.find_all("li", "note")) == len(result.findings)
    for jobs in ("1", "2"):
        assert _html_cli(tmp_path, tmp_path.parent / f"s{jobs}.html", "-j", jobs) == whole


@pytest.mark.parametrize("unlabelled", [False, True])
def test_the_page_of_joined_and_unlabelled_files_is_the_page_of_the_whole_run(tmp_path, unlabelled):
    """Two files far apart join one article by translationKey (checked together at the end),
    and a file whose path names no language sends the run to the serial path: either way
    the page is the one made from the whole run."""
    for i in range(30):
        for lang in ("en", "fi", "sv"):
            (tmp_path / f"a{i:02}").mkdir(exist_ok=True)
            (tmp_path / f"a{i:02}" / f"{lang}.md").write_text(f"# Title {i}\n\nSome text 12 here ),.\n\n- one\n- two\n",
                                                              encoding="utf-8")
    for slug in ("a01", "a28"):
        (tmp_path / slug / "fi.md").write_text("---\ntranslationKey: shared\n---\n# Other\n\nText 7.\n", encoding="utf-8")
    if unlabelled:
        (tmp_path / "a03" / "notes.md").write_text("# Notes\n\nThis is an English text about nothing.\n")
    whole = html_report(run([str(tmp_path)]))
    assert 'id="a-shared-' in whole  # the joined article, by the slug its front matter gives
    for jobs in ("1", "2"):
        assert _html_cli(tmp_path, tmp_path.parent / f"p{jobs}.html", "-j", jobs) == whole


def test_two_versions_in_one_language_each_have_their_column(tmp_path):
    """Front matter can join two files of one language into one article: each is shown in
    its own column and each one's findings are explained (the page keyed the columns by
    language, and showed one file twice and the other's findings nowhere)."""
    for slug, text in (("a", "Teksti 7 ),.\n"), ("b", "Toinen teksti 7 ),.\n")):
        (tmp_path / slug).mkdir()
        (tmp_path / slug / "fi.md").write_text(f"---\ntranslationKey: shared\n---\n# Otsikko\n\n{text}",
                                               encoding="utf-8")
    result = run([str(tmp_path)])
    assert {f.path for f in result.findings} == {str(tmp_path / "a" / "fi.md"), str(tmp_path / "b" / "fi.md")}
    tree = Tree(html_report(result))
    heads = [th.find_all("small")[0].text() for th in tree.root.find_all("th") if th.find_all("small")
             and th.parent.parent.tag == "thead"]
    assert sorted(heads) == sorted({f.path for f in result.findings})
    assert len(tree.root.find_all("li", "note")) == len(result.findings)


def test_the_page_is_never_made_from_cached_articles(tmp_path, monkeypatch):
    """A cached article has findings but no rendered section: a run that renders the page
    reads no cache (report passes none today; this keeps it so if one is ever passed)."""
    from transcheck import parallel
    from transcheck.rules import CHECK_RULES
    from transcheck.spill import PageStore

    corpus = ROOT / "corpus"
    cache = tmp_path / "cache"
    settings = parallel.Settings(CHECK_RULES, None, (), None, False, str(cache))
    parallel.run_chunked([str(corpus)], None, settings, jobs=2)  # fills the cache
    assert cache.exists()
    pages = PageStore()
    try:
        settings = parallel.Settings(CHECK_RULES, None, (), None, False, str(cache), html=((), None))
        result = parallel.run_chunked([str(corpus)], None, settings, jobs=2, pages=pages)
        assert result.stats["hits"] == 0 and sum(len(found) for found in pages.articles.values()) == 1
    finally:
        pages.close()

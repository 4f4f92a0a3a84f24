"""`check --changed-since REF`: only the articles a branch touches, every version of them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcheck.cli import main

from .conftest import SEED_DIR, SHARED

TEXTS = SHARED / "realcorpus" / "Texts"
SLUG = "escrow"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """Two articles in slug-dir layout on branch main, then a branch `work`."""
    shutil.copytree(SEED_DIR, tmp_path / "articles" / "smo")
    for language in TEXTS.iterdir():
        code = {"English": "en", "Finnish": "fi", "Swedish": "sv", "Polish": "pl", "Icelandic": "is",
                "Russian": "ru"}[language.name]
        target = tmp_path / "articles" / SLUG / f"{code}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(language / f"{SLUG}.md", target)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "two articles")
    git(tmp_path, "checkout", "-q", "-b", "work")
    return tmp_path


def check(repo: Path, *args: str):
    old = os.getcwd()
    os.chdir(repo)
    try:
        res = CliRunner().invoke(main, ["check", "articles", "--format", "json", *args])
    finally:
        os.chdir(old)
    return res


def test_only_the_touched_article_is_checked_with_all_its_versions(repo):
    sv = repo / "articles" / SLUG / "sv.md"
    sv.write_text(sv.read_text(encoding="utf-8") + "\nEn mening med fel ),. här.\n", encoding="utf-8")
    git(repo, "commit", "-qam", "a stray mark in sv")
    res = check(repo, "--changed-since", "main")
    doc = json.loads(res.stdout)
    assert {f["article"] for f in doc["findings"]} == {SLUG}
    assert doc["summary"]["files"] == 6  # every version of the touched article, none of the other
    assert any(f["rule"] == "stray-punctuation" and f["path"].endswith("sv.md") for f in doc["findings"])
    full = json.loads(check(repo).stdout)
    assert {f["article"] for f in full["findings"]} == {SLUG, "smo"}
    assert [f for f in full["findings"] if f["article"] == SLUG] == doc["findings"]


def test_uncommitted_and_new_files_count_and_deleted_ones_do_not(repo):
    (repo / "articles" / "smo" / "sv.md").unlink()
    assert "no Markdown file changed" in check(repo, "--changed-since", "main").stderr
    new = repo / "articles" / "smo" / "de.md"
    shutil.copy2(repo / "articles" / "smo" / "fi.md", new)
    doc = json.loads(check(repo, "--changed-since", "main").stdout)
    assert {f["article"] for f in doc["findings"]} == {"smo"}


def test_nothing_changed_exits_zero_and_a_bad_ref_exits_two(repo):
    res = check(repo, "--changed-since", "main")
    assert res.exit_code == 0 and json.loads(res.stdout)["findings"] == []
    bad = check(repo, "--changed-since", "no-such-branch")
    assert bad.exit_code == 2 and "--changed-since no-such-branch: git merge-base" in bad.stderr

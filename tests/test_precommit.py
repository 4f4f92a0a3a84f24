"""The pre-commit hooks, run by pre-commit itself in a temporary git repository.

The hook repository is this working tree committed into a temporary repository (so the
test runs what is here, not the last commit), installed once per session by pre-commit
into its own environment (PRE_COMMIT_HOME in a temporary directory).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from transcheck.engine import run

from .conftest import ROOT, SHARED

TEXTS = SHARED / "realcorpus" / "Texts"
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This working tree (tracked and untracked, not ignored files) as a one-commit repository."""
    pytest.importorskip("pre_commit")
    repo = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = repo / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hooks under test")
    return repo, git(repo, "rev-parse", "HEAD").stdout.strip()


def clean_article() -> str:
    """A real article whose Swedish version has links and no finding (the other versions
    may have some: the hook reports only the files a commit touches)."""
    result = run([str(TEXTS)])
    dirty = {f.article for f in result.findings if f.lang == "sv"}
    clean = sorted(a.slug for a in result.articles if a.slug not in dirty and len(a.versions) >= 5
                   and "](/" in (TEXTS / "Swedish" / f"{a.slug}.md").read_text(encoding="utf-8"))
    assert clean, "the real corpus has no clean Swedish version with links to start from"
    return clean[0]


@pytest.fixture
def project(tmp_path, hook_repo, tmp_path_factory) -> tuple[Path, str]:
    """A content repository with one clean article in six languages and both hooks installed."""
    repo, rev = hook_repo
    slug = clean_article()
    project = tmp_path / "site"
    for language_dir in TEXTS.iterdir():
        target = project / "Texts" / language_dir.name
        target.mkdir(parents=True)
        shutil.copy2(language_dir / f"{slug}.md", target / f"{slug}.md")
    config = {"repos": [{"repo": str(repo), "rev": rev,
                         "hooks": [{"id": "transcheck"}, {"id": "transcheck-fix", "stages": ["manual"]}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "clean article")
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    os.environ["PRE_COMMIT_HOME"] = str(home)
    subprocess.run([*PRE_COMMIT, "install"], cwd=project, check=True, capture_output=True)
    return project, slug


def commit(project: Path, message: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    return subprocess.run(["git", "commit", "-m", message], cwd=project, env=env, capture_output=True, text=True,
                          timeout=900)


def test_a_good_commit_passes_and_a_bad_swedish_version_is_refused(project):
    project, slug = project
    swedish = project / "Texts" / "Swedish" / f"{slug}.md"
    text = swedish.read_text(encoding="utf-8")

    # A good change: a word changed in a sentence.
    good = text.replace(" och ", " samt ", 1)
    assert good != text
    swedish.write_text(good, encoding="utf-8")
    git(project, "add", str(swedish))
    done = commit(project, "reword")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^transcheck\.+Passed$", done.stdout + done.stderr, re.M)  # the hook ran

    # A bad one, visible only beside the other versions: a link dropped (its text kept).
    start = good.index("](")
    open_bracket = good.rindex("[", 0, start)
    close = good.index(")", start)
    bad = good[:open_bracket] + good[open_bracket + 1 : start] + good[close + 1 :]
    swedish.write_text(bad, encoding="utf-8")
    git(project, "add", str(swedish))
    done = commit(project, "drop a link")
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "link-missing" in output and f"Texts/Swedish/{slug}.md" in output
    assert "Failed" in output
    assert git(project, "log", "--oneline").stdout.count("\n") == 2  # the bad commit did not happen


def test_hooks_file_declares_both_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"transcheck", "transcheck-fix"}
    for hook in hooks.values():
        assert hook["types"] == ["markdown"] and hook["require_serial"] is True and hook["language"] == "python"


def test_transcheck_fix_repairs_the_file(project):
    project, slug = project
    swedish = project / "Texts" / "Swedish" / f"{slug}.md"
    text = swedish.read_text(encoding="utf-8")
    at = text.index(", ", text.index("\n\n", text.index("\n---") + 4))
    broken = text[:at] + ",." + text[at + 1:]  # a stray `,.` in the body
    swedish.write_text(broken, encoding="utf-8")
    git(project, "add", str(swedish))
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run([*PRE_COMMIT, "run", "--hook-stage", "manual", "transcheck-fix",
                           "--files", str(swedish.relative_to(project))],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "files were modified by this hook" in output, output  # pre-commit's way
    assert swedish.read_text(encoding="utf-8") == text  # repaired to the byte
    check = subprocess.run([*PRE_COMMIT, "run", "transcheck", "--files", str(swedish.relative_to(project))],
                           cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert check.returncode == 0, check.stdout + check.stderr  # and the check hook now passes

"""`transcheck fix` never writes outside the paths it was given, keeps modes, and leaves a
file alone when it changed, or a symbolic link to it changed, since it was read (issue #9)."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from transcheck import fixer
from transcheck.cli import main

DEFECT = "# Rubrik\n\nText [sociala](/x) [medier](/x) här.\n"
FIXED = "# Rubrik\n\nText [sociala medier](/x) här.\n"


def _fix(*args: str):
    result = CliRunner().invoke(main, ["fix", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_a_symlinked_directory_inside_the_tree_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "sv.md").write_text(DEFECT, encoding="utf-8")
    tree = tmp_path / "tree"
    (tree / "own").mkdir(parents=True)
    (tree / "own" / "sv.md").write_text(DEFECT, encoding="utf-8")
    (tree / "linked").symlink_to(outside, target_is_directory=True)
    result = _fix(str(tree))
    assert "Fixed 1 finding in 1 file." in result.output
    assert (tree / "own" / "sv.md").read_text(encoding="utf-8") == FIXED
    assert (outside / "sv.md").read_text(encoding="utf-8") == DEFECT  # not reached through the link


def test_a_symlink_to_a_file_outside_is_not_written_even_when_named_through_the_tree(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(DEFECT, encoding="utf-8")
    tree = tmp_path / "tree" / "art"
    tree.mkdir(parents=True)
    (tree / "sv.md").symlink_to(outside)
    result = _fix(str(tmp_path / "tree"))
    assert "not fixed: it is a symbolic link that leads out of the paths given" in result.output
    assert outside.read_text(encoding="utf-8") == DEFECT and (tree / "sv.md").is_symlink()


@pytest.mark.parametrize("mode", [0o640, 0o755, 0o600, 0o444])
def test_the_file_mode_is_kept(tmp_path, mode):
    path = tmp_path / "sv.md"
    path.write_text(DEFECT, encoding="utf-8")
    os.chmod(path, mode)
    result = _fix(str(path))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(os.stat(path).st_mode) == mode


def test_a_file_changed_between_read_and_write_is_left_alone(tmp_path):
    path = tmp_path / "sv.md"
    path.write_text(DEFECT, encoding="utf-8")
    outcome = fixer.fix([str(path)])
    path.write_text(DEFECT.replace("Text", "Texten"), encoding="utf-8")
    assert "changed on disk" in fixer.write(outcome.changed[0])
    assert path.read_text(encoding="utf-8") == DEFECT.replace("Text", "Texten")


def test_a_file_replaced_by_a_fifo_between_read_and_write_is_left_alone(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "sv.md"
    path.write_text(DEFECT, encoding="utf-8")
    outcome = fixer.fix([str(path)])
    path.unlink()
    os.mkfifo(path)  # reading it to compare would wait for a writer for ever
    assert "changed on disk" in fixer.write(outcome.changed[0])
    assert stat.S_ISFIFO(os.stat(path).st_mode)


def test_a_symlink_retargeted_out_of_the_tree_after_the_check_is_not_written_through(tmp_path):
    """The link was checked to lead inside the named paths; if it is pointed elsewhere before
    the write (at a file with the same bytes, so that the changed-on-disk check passes), the
    write would have gone outside the tree."""
    tree = tmp_path / "tree"
    (tree / "real").mkdir(parents=True)
    (tree / "real" / "notes.md").write_text(DEFECT, encoding="utf-8")
    (tree / "sv.md").symlink_to(tree / "real" / "notes.md")
    outcome = fixer.fix([str(tree)])
    outside = tmp_path / "outside.md"
    outside.write_text(DEFECT, encoding="utf-8")
    (tree / "sv.md").unlink()
    (tree / "sv.md").symlink_to(outside)
    file = next(f for f in outcome.changed if f.path.endswith("sv.md"))
    assert "a symbolic link changed" in fixer.write(file)
    assert outside.read_text(encoding="utf-8") == DEFECT

"""atomic.write_atomically: the one way transcheck writes a file, whole or not at all."""

from __future__ import annotations

import os

import pytest

from transcheck import atomic
from transcheck.atomic import write_atomically


def test_replaces_the_file_and_keeps_its_mode(tmp_path):
    path = tmp_path / "fi.md"
    path.write_text("vanha\n", encoding="utf-8")
    path.chmod(0o640)
    assert write_atomically(str(path), ["uusi", " teksti\n"]) is True
    assert path.read_text(encoding="utf-8") == "uusi teksti\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.md"]


def test_a_new_file_gets_the_mode_open_would_give_it(tmp_path):
    umask = os.umask(0o022)
    try:
        write_atomically(str(tmp_path / "report.html"), "<p>ok</p>")
    finally:
        os.umask(umask)
    assert (tmp_path / "report.html").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


def test_bytes_are_written_as_they_are(tmp_path):
    path = tmp_path / "sv.md"
    write_atomically(str(path), "rad\r\nå\n".encode("utf-8"), durable=True)
    assert path.read_bytes() == b"rad\r\n\xc3\xa5\n"


def test_a_failed_rename_leaves_the_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "pl.md"
    path.write_bytes(b"oryginal\n")

    def full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    with pytest.raises(OSError):
        write_atomically(str(path), "nowy\n")
    assert path.read_bytes() == b"oryginal\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pl.md"]


def test_nothing_is_written_when_no_longer_wanted(tmp_path):
    path = tmp_path / "is.md"
    path.write_bytes(b"upprunalegt\n")
    assert write_atomically(str(path), "nytt\n", still_wanted=lambda: False) is False
    assert path.read_bytes() == b"upprunalegt\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["is.md"]


def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    import stat
    import threading

    pipe = tmp_path / "out.json"
    os.mkfifo(pipe)
    got = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    try:
        assert write_atomically(str(pipe), ["[", "]\n"], output=True) is True
    finally:
        reader.join(10)
    assert got == [b"[]\n"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)  # a file renamed over it would have replaced it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_dev_null_is_written_into_never_renamed_over(monkeypatch):
    import stat

    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)

    def replace(src, dst):  # the rename that made /dev/null a regular file (as root)
        os.unlink(src)
        raise AssertionError(f"renamed a file over {dst}")

    monkeypatch.setattr(os, "replace", replace)
    assert write_atomically(os.devnull, "findings\n", output=True) is True


def test_a_symlink_is_kept_and_the_file_it_points_to_replaced(tmp_path):
    target = tmp_path / "reports" / "latest.json"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    write_atomically(str(link), "new\n", output=True)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new\n"


def test_the_users_files_are_never_written_through_a_link(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "fi.md"  # a link put where the fixer's checked file was
    link.symlink_to(outside)
    write_atomically(str(link), "fixed\n", durable=True)
    assert outside.read_text(encoding="utf-8") == "keep\n"
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "fixed\n"


def test_dev_stdout_is_written_where_the_descriptor_stands_not_reopened(tmp_path):
    """``check -o /dev/stdout >> log``: the output is appended, as a shell writes it; reopening
    /dev/stdout would truncate the log (its earlier lines lost)."""
    import subprocess
    import sys

    log = tmp_path / "log.txt"
    log.write_text("earlier run\n", encoding="utf-8")
    with open(log, "a", encoding="utf-8") as appended:
        subprocess.run([sys.executable, "-c", "from transcheck.atomic import write_atomically\n"
                        "write_atomically('/dev/stdout', ['new ', 'run\\n'], output=True)"],
                       stdout=appended, check=True, timeout=60)
    assert log.read_text(encoding="utf-8") == "earlier run\nnew run\n"
    assert not log.is_symlink()


def test_the_temporary_file_is_new_private_and_beside_the_target(tmp_path, monkeypatch):
    # a name already taken (a file, or a link an attacker put there) is never opened: the next is tried
    names = iter([b"\x00" * 8, b"\x00" * 8, b"\x01" * 8])
    monkeypatch.setattr(atomic.os, "urandom", lambda n: next(names))
    taken = tmp_path / f".transcheck-{'00' * 8}.tmp"
    taken.write_bytes(b"someone else's\n")
    seen = []
    real_open = atomic.os.open

    def spy(path, flags, mode=0o777):
        fd = real_open(path, flags, mode)
        seen.append((path, os.stat(fd).st_mode & 0o777))
        return fd

    monkeypatch.setattr(atomic.os, "open", spy)
    path = tmp_path / "ru.md"
    assert write_atomically(str(path), "новый\n") is True
    assert seen == [(str(tmp_path / f".transcheck-{'01' * 8}.tmp"), 0o600)]
    assert path.read_text(encoding="utf-8") == "новый\n"
    assert taken.read_bytes() == b"someone else's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name, "ru.md"]


def test_no_free_temporary_name_leaves_the_target_as_it_was(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic.os, "urandom", lambda n: b"\x07" * n)
    (tmp_path / f".transcheck-{'07' * 8}.tmp").symlink_to(tmp_path / "elsewhere")
    path = tmp_path / "fi.md"
    path.write_bytes(b"alkuperainen\n")
    with pytest.raises(FileExistsError):
        write_atomically(str(path), "uusi\n")
    assert path.read_bytes() == b"alkuperainen\n"
    assert not (tmp_path / "elsewhere").exists()  # the link was not followed

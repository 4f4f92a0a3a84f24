"""The file size limit (max-file-size) and special files: reported, never read whole, never a hang."""

from __future__ import annotations

import os
import time

import pytest
from click.testing import CliRunner

from transcheck import reading
from transcheck.cli import main
from transcheck.config import ConfigError, parse
from transcheck.engine import run

GOOD = "---\ntitle: T\n---\n\n# T\n\nText ,. here.\n".encode()


def _article(tmp_path, **files: bytes):
    art = tmp_path / "article"
    art.mkdir()
    for name, data in files.items():
        (art / f"{name}.md").write_bytes(data)
    return art


def _invoke(*args: str):
    result = CliRunner().invoke(main, [*args, "--no-cache"] if args[0] == "check" else list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_limit_is_reported_at_1_1_with_its_size_and_the_limit(tmp_path, jobs):
    art = _article(tmp_path, fi=b"# Otsikko\n\n" + b"Sana. " * 2000, sv=GOOD)  # 12,011 bytes
    result = _invoke("check", str(art), "--max-file-size", "10KB", "--jobs", jobs, "--format", "json")
    import json

    findings = json.loads(result.output)["findings"]
    big = [f for f in findings if f["path"].endswith("fi.md")]
    assert [(f["rule"], f["code"], f["line"], f["column"], f["severity"]) for f in big] == \
        [("file-too-large", "TC007", 1, 1, "error")]
    assert "12,011 bytes" in big[0]["message"] and "10 KB (10,240 bytes)" in big[0]["message"]
    assert any(f["path"].endswith("sv.md") for f in findings)  # the other version is still checked
    assert result.exit_code == 1


def test_a_file_at_the_limit_is_read(tmp_path):
    data = b"# Otsikko\n\n" + b"Sana ,. " * 100
    art = _article(tmp_path, fi=data)
    result = run([str(art)], max_size=len(data))
    assert "file-too-large" not in {f.rule for f in result.findings}
    assert "space-before-punctuation" in {f.rule for f in result.findings}
    assert "file-too-large" in {f.rule for f in run([str(art)], max_size=len(data) - 1).findings}


def test_the_default_limit_is_5_mb_and_a_huge_file_is_not_read(tmp_path):
    art = _article(tmp_path, sv=GOOD)
    with open(art / "fi.md", "wb") as handle:  # 8 GB, sparse: reading it would take minutes
        handle.truncate(8 * 1024 ** 3)
    start = time.perf_counter()
    result = _invoke("check", str(art))
    assert time.perf_counter() - start < 10
    assert "TC007 file-too-large the file is 8 GB (8,589,934,592 bytes), over the limit of 5 MB" in result.output
    assert reading.DEFAULT_MAX_FILE_SIZE == 5 * 1024 * 1024


def test_read_bytes_reads_no_more_than_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "grows.md"
    path.write_bytes(b"x" * 100)
    asked = []

    def growing(fd, size):  # a file that grew after its fstat: the read is still cut at limit + 1
        asked.append(size)
        return b"x" * size

    monkeypatch.setattr(reading.os, "read", growing)
    with pytest.raises(reading.TooLarge) as raised:
        reading.read_bytes(str(path), 1000)
    assert asked == [1001] and raised.value.size == 1001


def test_limit_from_the_configuration_and_the_command_line(tmp_path):
    art = _article(tmp_path, fi=b"# Otsikko\n\n" + b"Sana. " * 200, sv=GOOD)  # 1,211 bytes
    (tmp_path / "transcheck.toml").write_text('max-file-size = "1KB"\n', encoding="utf-8")
    assert "TC007 file-too-large" in _invoke("check", str(art)).output
    assert "TC007" not in _invoke("check", str(art), "--max-file-size", "2000").output  # the option wins
    for command in (["fix"], ["report"]):  # fix reports what remains
        assert "file-too-large" in _invoke(*command, str(art)).output


@pytest.mark.parametrize("value, size", [(4096, 4096), ("4096", 4096), ("5MB", 5 * 1024 ** 2), ("512 kb", 512 * 1024),
                                         ("1GiB", 1024 ** 3), ("2M", 2 * 1024 ** 2)])
def test_sizes_parse(value, size):
    assert parse({"max-file-size": value}).max_file_size == size


@pytest.mark.parametrize("value", [0, -1, "5 parsecs", "MB", "", 1.5, True, ["5MB"]])
def test_a_bad_size_is_a_configuration_error(value, tmp_path):
    with pytest.raises(ConfigError, match="max-file-size"):
        parse({"max-file-size": value}, tmp_path / "transcheck.toml")


def test_a_bad_size_on_the_command_line_is_a_usage_error(tmp_path):
    art = _article(tmp_path, sv=GOOD)
    result = _invoke("check", str(art), "--max-file-size", "lots")
    assert result.exit_code == 2 and "--max-file-size" in result.output and "Traceback" not in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_reported_not_waited_on(tmp_path):
    art = _article(tmp_path, sv=GOOD)
    os.mkfifo(art / "fi.md")  # no writer: opening it for reading the usual way blocks for ever
    start = time.perf_counter()
    for jobs in ("1", "2"):
        result = _invoke("check", str(art), "--jobs", jobs)
        assert "fi.md:1:1: TC001 read-error cannot read the file: it is a FIFO (named pipe), not a regular " \
               "file" in result.output
    assert time.perf_counter() - start < 20


def test_a_link_to_a_device_is_not_read(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    art = _article(tmp_path, sv=GOOD)
    os.symlink("/dev/zero", art / "fi.md")  # endless: a plain read() would never return
    result = _invoke("check", str(art), "--jobs", "1")
    assert "TC001 read-error cannot read the file: it is a device, not a regular file" in result.output


def test_read_bytes_gives_the_whole_file(tmp_path):
    """``read_bytes`` reads in chunks (``_read_to_end``): every size around their bounds
    comes back whole, with and without a limit, and one byte over a limit is too large."""
    for size in (0, 1, 4095, 4096, 4097, 70_000):
        data = bytes(range(256)) * (size // 256) + bytes(size % 256)
        path = tmp_path / f"{size}.md"
        path.write_bytes(data)
        assert reading.read_bytes(str(path), None) == data
        assert reading.read_bytes(str(path), size or 1) == data
        if size:
            with pytest.raises(reading.TooLarge):
                reading.read_bytes(str(path), size - 1)

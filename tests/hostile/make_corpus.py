"""Generate the hostile-input corpus (issue #9) into a directory; nothing of it is committed.

Each case is a directory ``<root>/<case>/article/`` in the slug-dir layout: the hostile
``fi.md`` beside a well-formed ``sv.md`` (so the cross-version rules run too), or, for
the cases about the tree itself, links and special files beside ``sv.md``. Run
``python -m tests.hostile.make_corpus DIR`` to write it for a look by hand.

``CASES`` maps a case name to (builder, what the checker must report for ``fi.md``:
a rule name that must appear, or None when only "no crash, in time" is asked).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

MB = 1024 * 1024

GOOD_SV = ("---\ntitle: Sociala medier\n---\n\n# Sociala medier\n\n"
           "Optimering av [sociala medier](/social-media) ger räckvidd.\n\n"
           "## Exempel\n\n- Kampanj\n- Varumärke\n").encode("utf-8")
BODY = ("# Sosiaalinen media\n\nOptimointi [sosiaalisen median](/social-media) kautta, «lainaus» "
        "„cytat” – ja — ő … ð þ æ ą ę ł Ж.\n\n## Esimerkki\n\n- Kampanja\n- Brändi\n")
PARAGRAPH = ("Optimointi [sosiaalisen median](/social-media) kautta tuo näkyvyyttä, «lainaus» "
             "ja 2018 . Вот текст ,. ##Otsikko\n\n")


def _fi(data: bytes):
    def build(art: Path) -> None:
        (art / "fi.md").write_bytes(data)
    return build


def _lazy(make):
    """A builder whose bytes are made only when the case is built (the big ones)."""
    def build(art: Path) -> None:
        (art / "fi.md").write_bytes(make())
    return build


def _symlink_loop(art: Path) -> None:
    os.symlink("fi.md", art / "loop.md")
    os.symlink("loop.md", art / "fi.md")
    os.symlink(".", art / "again")  # a directory link back to itself


def _dangling(art: Path) -> None:
    os.symlink(art / "nowhere" / "gone.md", art / "fi.md")


def _unreadable(art: Path) -> None:
    (art / "fi.md").write_bytes(b"# Salainen\n\nTeksti.\n")
    os.chmod(art / "fi.md", 0)


def _fifo(art: Path) -> None:
    os.mkfifo(art / "fi.md")  # opening it for reading would wait for a writer for ever


def _sections(count: int) -> bytes:
    return ("# T\n\n" + "".join(f"## Osa {k}\n\nTeksti [linkki](/x{k % 7}) ja [toinen](/y) ,.\n\n"
                                  for k in range(count))).encode()


INJECTION = ("---\ntitle: \"</title><script>alert('fm')</script>\"\ndescription: <img src=x onerror=alert(2)>\n---\n\n"
             "# Otsikko <script>alert('h1')</script>\n\n<script>alert('block')</script>\n\n"
             "Teksti <img src=x onerror=alert(3)> ,. [js](javascript:alert(4)) ja ![kuva](javascript:alert(5)) "
             "<a href=\"javascript:alert(6)\">a</a> \U000f0000\U000f0001 \"'&<>\n\n"
             "<iframe src=\"javascript:alert(7)\"></iframe>\n\n##Otsikko\n").encode()


def _billion_laughs() -> bytes:
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, 12):
        refs = ",".join(f"*a{k - 1}" for _ in range(9))
        lines.append(f"a{k}: &a{k} [{refs}]")
    lines += ["title: Nauru", "---", "", BODY]
    return "\n".join(lines).encode()


def _nested_lists(depth: int) -> bytes:
    """``- - - ... taso``: each marker opens a list inside the previous item (one line, not
    ``depth`` lines indented ever deeper, which would be quadratic in size)."""
    return b"# T\n\n" + b"- " * depth + "taso\n".encode()


def _big(size: int) -> bytes:
    """``size`` bytes of realistic Markdown with defects (front matter, paragraphs, headings)."""
    head = "---\ntitle: Iso\n---\n\n" + BODY + "\n"
    chunk = PARAGRAPH.encode("utf-8")
    count = max(0, (size - len(head)) // len(chunk))
    return head.encode() + chunk * count


CASES: dict[str, tuple] = {
    "binary": (_fi(bytes(range(256)) * 64 + b"\x00\xff\xfe" * 1000), "read-error"),
    "invalid-utf8": (_fi(b"---\ntitle: T\n---\n\n# Otsikko\n\nHyv\xe4 teksti \xff\xfe.\n"), "read-error"),
    "utf16-bom": (_fi(("---\ntitle: T\n---\n\n" + BODY).encode("utf-16")), "read-error"),  # with its BOM
    "utf8-bom": (_fi(b"\xef\xbb\xbf---\ntitle: T\n---\n\n" + BODY.encode() + b"\n##Otsikko\n"),
                 "heading-missing-space"),
    "crlf": (_fi(("---\r\ntitle: T\r\n---\r\n\r\n" + BODY.replace("\n", "\r\n") + "\r\n##Otsikko\r\n").encode()),
             "heading-missing-space"),
    "cr-only": (_fi(("---\rtitle: T\r---\r\r" + BODY.replace("\n", "\r") + "\r##Otsikko\r").encode()),
                "heading-missing-space"),
    "nul-byte": (_fi(b"---\ntitle: T\x00\n---\n\n# Ots\x00ikko\n\nTeksti\x00 ,. [a\x00](/x)\n\n##Otsikko\n"),
                 None),
    "empty": (_fi(b""), "file-empty"),
    "fm-not-mapping": (_fi(b"---\n- a\n- b\n---\n\n" + BODY.encode()), "parse-error"),
    "fm-scalar": (_fi(b"---\njust a string\n---\n\n" + BODY.encode()), "parse-error"),
    "fm-duplicate-keys": (_fi(b"---\ntitle: Yksi\nlang: fi\ntitle: Kaksi\n---\n\n" + BODY.encode()), "parse-error"),
    "fm-unterminated": (_fi(b"---\ntitle: T\nlang: fi\n\n" + BODY.encode()), "parse-error"),
    "fm-billion-laughs": (_lazy(_billion_laughs), "parse-error"),
    "fm-recursive-alias": (_fi(b"---\na: &a [*a]\ntitle: T\n---\n\n" + BODY.encode()), "parse-error"),
    "fm-deep-nesting": (_fi(b"---\nt: " + b"[" * 10_000 + b"]" * 10_000 + b"\n---\n\n" + BODY.encode()),
                        "parse-error"),
    "big-10mb": (_lazy(lambda: _big(10 * MB)), "file-too-large"),
    "big-4mb": (_lazy(lambda: _big(4 * MB)), "stray-punctuation"),
    "line-1mb": (_lazy(lambda: b"# T\n\n" + ("Sana ,. [linkki](/x) «x» – " * 40_000).encode()[:MB] + b"\n"), None),
    "nested-lists-10000": (_lazy(lambda: _nested_lists(10_000)), None),
    "nested-brackets-10000": (_lazy(lambda: b"# T\n\n" + b"[" * 10_000 + b"x" + b"]" * 10_000 + b"(/x)\n"), None),
    "nested-quotes-10000": (_lazy(lambda: b"# T\n\n" + b">" * 10_000 + b" syv\xc3\xa4\n"), None),
    "links-100000": (_lazy(lambda: b"# T\n\n" + b" ".join(b"[a](/x)" for _ in range(100_000)) + b"\n"), None),
    "sections-5000": (_lazy(lambda: _sections(5000)), "stray-punctuation"),
    "html-injection": (_fi(INJECTION), "heading-missing-space"),
    "symlink-loop": (_symlink_loop, "read-error"),
    "dangling-symlink": (_dangling, "read-error"),
    "unreadable": (_unreadable, "read-error"),
    "fifo": (_fifo, "read-error"),
}


def build(root: Path, names=None) -> dict[str, Path]:
    """Write the cases (all, or ``names``) under ``root``; return each case's directory."""
    out = {}
    for name, (builder, _) in CASES.items():
        if names is not None and name not in names:
            continue
        art = root / name / "article"
        art.mkdir(parents=True)
        (art / "sv.md").write_bytes(GOOD_SV)
        builder(art)
        out[name] = root / name
    return out


def size_mb(case_dir: Path) -> float:
    """The bytes of a case's regular files, in MB (links and special files count 0)."""
    total = 0
    for path in (case_dir / "article").iterdir():
        try:
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
        except OSError:
            pass
    return total / MB


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.hostile.make_corpus DIR")
    for case, where in build(Path(sys.argv[1])).items():
        print(f"{case}: {where}")

"""Build a synthetic corpus for the benchmark: N articles x 5 languages, slug-dir layout.

Each article is a copy of one real article (``../shared/realcorpus/Texts``, five
translations) or of the seed article (``corpus/``), taken in turn, with small random
edits so that no two files are the same (and a cache or a deduplicating reader gains
nothing a real corpus would not give it): a number changed, two words swapped, a
sentence appended, and, in about one version in five, an injected defect of the kinds
transcheck reports (``),.``, ``##Heading``, a split link, a dropped bullet, a changed
number).

Usage: python benchmarks/synth.py OUT --articles N [--seed S]
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
LANGS = {"Finnish": "fi", "Swedish": "sv", "Polish": "pl", "Icelandic": "is", "Russian": "ru"}
_NUMBER = re.compile(r"\b\d{2,4}\b")
_WORDS = re.compile(r"[^\W\d_]{4,}")


def sources() -> list[dict[str, str]]:
    """Each source article as {lang: text}."""
    out = []
    texts = SHARED / "realcorpus" / "Texts"
    if not texts.is_dir():
        print(f"synth.py: {texts} not found: every article is a copy of the seed article, whose "
              f"defects are many more than a real article's; the figures are not comparable with "
              f"a corpus built from the real articles", file=sys.stderr)
    else:
        for path in sorted((texts / "Finnish").glob("*.md")):
            versions = {}
            for language, code in LANGS.items():
                candidate = texts / language / path.name
                if candidate.is_file():
                    versions[code] = candidate.read_text(encoding="utf-8")
            if len(versions) == len(LANGS):
                out.append(versions)
    seed = ROOT / "corpus" / "social-media-optimization-smo"
    out.append({code: (seed / f"{code}.md").read_text(encoding="utf-8") for code in LANGS.values()})
    return out


def _body_start(text: str) -> int:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text.find("\n", end + 4) + 1 or len(text)
    return 0


def edit(text: str, rng: random.Random, index: int) -> str:
    """Small edits in the body (front matter kept valid), and sometimes a defect."""
    start = _body_start(text)
    head, body = text[:start], text[start:]
    words = list(_WORDS.finditer(body))
    if len(words) > 10:
        i = rng.randrange(len(words) - 1)
        a, b = words[i], words[i + 1]
        body = body[:a.start()] + b.group() + body[a.end():b.start()] + a.group() + body[b.end():]
    body = body.rstrip("\n") + f"\n\nArticle {index}.\n"
    if rng.random() < 0.2:
        body = inject(body, rng)
    return head + body


def inject(body: str, rng: random.Random) -> str:
    kind = rng.choice(["stray", "heading", "split", "bullet", "number"])
    numbers = list(_NUMBER.finditer(body))
    if kind == "number" and numbers:
        m = rng.choice(numbers)
        return body[:m.start()] + str(int(m.group()) + rng.randint(1, 9)) + body[m.end():]
    if kind == "stray" and ", " in body:
        half = len(body) // 2
        at = body.index(", ", half) if ", " in body[half:] else body.index(", ")
        return body[:at] + ",." + body[at + 1:]
    if kind == "heading" and "\n## " in body:
        return body.replace("\n## ", "\n##", 1)
    if kind == "split":
        m = re.search(r"\[([^\]\s]+) ([^\]]+)\]\(([^)\s]+)\)", body)
        if m:
            return body[:m.start()] + f"[{m.group(1)}]({m.group(3)}) [{m.group(2)}]({m.group(3)})" + body[m.end():]
    if kind == "bullet":
        m = re.search(r"^- .*\n", body, re.M)
        if m:
            return body[:m.start()] + body[m.end():]
    return body


def build(out: Path, articles: int, seed: int = 1) -> int:
    """Write the corpus; return the number of files."""
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    pool = sources()
    count = 0
    for i in range(articles):
        base = pool[i % len(pool)]
        directory = out / f"article-{i:05d}"
        directory.mkdir(parents=True)
        for code, text in base.items():
            (directory / f"{code}.md").write_text(edit(text, rng, i), encoding="utf-8")
            count += 1
    return count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    files = build(args.out, args.articles, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*.md"))
    print(f"{files} files, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()

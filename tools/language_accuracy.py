"""Per-paragraph language identification accuracy on ../shared/realcorpus (or another tree).

Usage: python tools/language_accuracy.py [TEXTS_DIR] [--show-wrong]

Every paragraph (and list-item paragraph) with at least four words of prose, names, code
and URLs left out, is identified among the corpus's languages by ``transcheck.langid``
and compared with its file's language. Prints accuracy per language and overall. A
paragraph that most versions of its article keep word for word (a Latin motto, a
quotation) is not counted: it is in no version's language.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from transcheck.engine import run  # noqa: E402
from transcheck.langid import identifier  # noqa: E402
from transcheck.model import MASK  # noqa: E402
from transcheck.rules.untranslated_text import letters  # noqa: E402

MIN_WORDS = 4


def measure(texts: Path) -> dict:
    result = run([str(texts)], rules=())
    langs = tuple(sorted({v.lang for a in result.articles for v in a.versions if v.lang}))
    ident = identifier(langs)
    total, right, wrong = Counter(), Counter(), []
    for article in result.articles:
        paragraphs = {v.path: [b for b in v.walk() if b.kind == "paragraph" and b.inline is not None]
                      for v in article.versions}
        kept = {path: [letters(b.inline.masked) for b in blocks] for path, blocks in paragraphs.items()}
        for version in article.versions:
            for block in paragraphs[version.path]:
                text = " ".join(block.inline.masked.replace(MASK, " ").split())
                if len(text.split()) < MIN_WORDS:
                    continue
                own = letters(block.inline.masked)
                shared = sum(1 for path, items in kept.items() if path != version.path and own in items)
                if shared * 2 >= len(article.versions) - 1:
                    continue  # kept word for word by most versions: a quotation, in no version's language
                lang, probability = ident.detect(text)
                total[version.lang] += 1
                if lang == version.lang:
                    right[version.lang] += 1
                else:
                    wrong.append((version.path, block.start_line + 1, version.lang, lang, probability, text[:80]))
    return {"total": total, "right": right, "wrong": wrong, "langs": langs}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("texts", nargs="?", default=str(ROOT.parent / "shared" / "realcorpus" / "Texts"))
    ap.add_argument("--show-wrong", action="store_true")
    args = ap.parse_args()
    r = measure(Path(args.texts))
    for lang in sorted(r["total"]):
        print(f"  {lang}  {r['right'][lang]:5d}/{r['total'][lang]:<5d} {r['right'][lang] / r['total'][lang]:.4f}")
    n, ok = sum(r["total"].values()), sum(r["right"].values())
    print(f"overall {ok}/{n} paragraphs: {ok / max(n, 1):.4f}")
    if args.show_wrong:
        for path, line, lang, got, p, text in r["wrong"]:
            print(f"  {path}:{line} {lang} -> {got} ({p:.2f}) {text}")


if __name__ == "__main__":
    main()

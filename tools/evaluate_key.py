"""Score transcheck against a hand-made key of real defects (``realcorpus-dev-key.jsonl``).

Usage: python tools/evaluate_key.py [--key FILE] [--texts DIR] [--show-extra]

For every key entry whose kind maps to a rule transcheck has, the entry is found when a
finding of an accepted rule (severity warning or error) is reported on that line of
that version. Findings on the keyed articles that match no entry are listed with
``--show-extra`` so that a person can judge them: the key is not the whole truth.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from transcheck.engine import run  # noqa: E402
from transcheck.rules import ALL_RULES  # noqa: E402

# The key's kinds and the rules that may report each (from shared/eval/README.md).
KIND_RULES = {
    "heading-missing-space": {"heading-missing-space"},
    "stray-punctuation": {"stray-punctuation"},
    "bullet-marker-invalid": {"bullet-marker-invalid", "bullet-count-mismatch"},
    "named-entity-missing": {"entity-missing"},
    "link-span-overextended": {"link-span-overextended"},
    "space-before-punctuation": {"space-before-punctuation", "link-text-spacing"},
    "untranslated-text": {"untranslated-text"},
    "link-split": {"link-split"},
    "paragraph-missing": {"paragraph-count-mismatch", "section-missing"},
    "link-span-on-punctuation-or-function-word": {"link-text-trivial"},
    "frontmatter-mismatch": {"frontmatter-mismatch"},
    "link-malformed": {"link-malformed"},
    "number-mismatch": {"number-mismatch"},
}


def evaluate(key_path: Path, texts: Path) -> dict:
    entries = [json.loads(line) for line in key_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    have = {rule.name for rule in ALL_RULES}
    result = run([str(texts)])
    slugs = {e["slug"] for e in entries}
    found = defaultdict(list)
    for f in result.findings:
        if f.article in slugs and f.severity.value != "info":
            found[(f.article, f.lang, f.line)].append(f)
    per_kind = defaultdict(lambda: [0, 0])
    missed, used = [], set()
    for e in entries:
        rules = KIND_RULES.get(e["kind"], set()) & have
        if not rules:
            continue
        hits = [f for f in found[(e["slug"], e["lang"], e["line"])] if f.rule in rules]
        per_kind[e["kind"]][1] += 1
        if hits:
            per_kind[e["kind"]][0] += 1
            used.update(id(f) for f in hits)
        else:
            missed.append(e)
    keyed_lines = {(e["slug"], e["lang"], e["line"]) for e in entries}
    extra = [f for fs in found.values() for f in fs if id(f) not in used]
    # Precision over the versions the key covers: a finding is confirmed when the key
    # marks a defect (of any kind, `other` included) on its line.
    key_langs = {e["lang"] for e in entries}
    judged = [f for fs in found.values() for f in fs if f.lang in key_langs]
    confirmed = [f for f in judged if (f.article, f.lang, f.line) in keyed_lines]
    return {
        "per_kind": dict(per_kind),
        "found": sum(v[0] for v in per_kind.values()),
        "total": sum(v[1] for v in per_kind.values()),
        "missed": missed,
        "extra": extra,
        "extra_on_keyed_lines": [f for f in extra if (f.article, f.lang, f.line) in keyed_lines],
        "precision": len(confirmed) / max(len(judged), 1),
        "unconfirmed": [f for f in judged if (f.article, f.lang, f.line) not in keyed_lines],
        "all_findings": result.findings,
    }


def main() -> None:
    shared = HERE.parent.parent / "shared"
    ap = argparse.ArgumentParser()
    ap.add_argument("--key", type=Path, default=shared / "eval" / "realcorpus-dev-key.jsonl")
    ap.add_argument("--texts", type=Path, default=shared / "realcorpus" / "Texts")
    ap.add_argument("--show-extra", action="store_true")
    args = ap.parse_args()
    r = evaluate(args.key, args.texts)
    print(f"key entries of implemented kinds found: {r['found']}/{r['total']} "
          f"({100 * r['found'] / max(r['total'], 1):.1f}%)")
    for kind, (ok, total) in sorted(r["per_kind"].items()):
        print(f"  {kind:45} {ok}/{total}")
    print(f"precision on the key's versions: {r['precision']:.3f} "
          f"({len(r['unconfirmed'])} findings on lines the key does not mark)")
    for e in r["missed"]:
        print(f"  missed: {e['slug']}/{e['lang']}:{e['line']} {e['kind']}: {e['evidence']}")
    print(f"other warnings/errors on the keyed articles: {len(r['extra'])} "
          f"({len(r['extra_on_keyed_lines'])} on lines the key marks for another kind)")
    print("  by rule:", dict(Counter(f.rule for f in r["extra"])))
    for f in r["unconfirmed"]:
        print(f"  unconfirmed: {f.article}/{f.lang}:{f.line}:{f.column} {f.rule}: {f.message[:140]}")
    if args.show_extra:
        for f in r["extra"]:
            print(f"  extra: {f.article}/{f.lang}:{f.line}:{f.column} {f.rule}: {f.message[:150]}")


if __name__ == "__main__":
    main()

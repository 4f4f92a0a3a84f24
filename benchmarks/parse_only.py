"""The parse-only floor: read every Markdown file under the given paths with
python-frontmatter and parse its body with markdown-it-py (CommonMark). Nothing else.

Usage: python parse_only.py [--jobs N] PATH... (``--jobs`` first). With N > 1 the files, in
order, are split into N runs of about equal count, each parsed in its own process
(forked): the floor at that job count."""

import sys
from pathlib import Path

import frontmatter
from markdown_it import MarkdownIt


def files(paths):
    out = []
    for raw in paths:
        root = Path(raw)
        out += sorted(root.rglob("*.md")) if root.is_dir() else [root]
    return out


def parse(chosen):
    md = MarkdownIt("commonmark")
    for path in chosen:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        md.parse(post.content)
    return len(chosen)


def main(argv):
    jobs = 1
    if argv[:1] == ["--jobs"]:
        jobs, argv = int(argv[1]), argv[2:]
    chosen = files(argv)
    if jobs <= 1:
        print(parse(chosen))
        return
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, -(-len(chosen) // jobs))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        print(sum(pool.map(parse, [chosen[i:i + size] for i in range(0, len(chosen), size)])))


if __name__ == "__main__":
    main(sys.argv[1:])

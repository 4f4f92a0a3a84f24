"""The parse-only floor: read every Markdown file under the given paths with
python-frontmatter and parse its body with markdown-it-py (CommonMark). Nothing else."""

import sys
from pathlib import Path

import frontmatter
from markdown_it import MarkdownIt


def main(paths):
    md = MarkdownIt("commonmark")
    count = 0
    for raw in paths:
        root = Path(raw)
        files = sorted(root.rglob("*.md")) if root.is_dir() else [root]
        for path in files:
            post = frontmatter.loads(path.read_text(encoding="utf-8"))
            md.parse(post.content)
            count += 1
    print(count)


if __name__ == "__main__":
    main(sys.argv[1:])

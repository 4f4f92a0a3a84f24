"""Command line: ``transcheck check``, ``transcheck rules``. Thin: parses options, calls the engine."""

from __future__ import annotations

import sys

import click

from . import __version__
from .discovery import LAYOUTS
from .findings import Severity
from .formats import FORMATS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="transcheck")
def main() -> None:
    """Check the language versions of Markdown articles against each other."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning",
              show_default=True, help="Exit 1 when a finding of this severity or higher is reported.")
@click.option("--layout", type=click.Choice(LAYOUTS), default=None,
              help="Force how files are grouped into articles (default: detect per directory).")
@click.option("--source", "source", default=None, metavar="LANG",
              help="Compare translations with this language's version instead of the consensus of the "
                   "others (e.g. en).")
@click.option("--include", "include", multiple=True, metavar="GLOB",
              help="File name pattern searched for in directories (repeatable; default *.md). Files named "
                   "on the command line are checked whatever their name.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              metavar="FILE", help="Write the output to FILE (whole or not at all) instead of standard output.")
@click.option("--exit-zero", is_flag=True, default=False,
              help="Exit 0 even when findings are reported (a usage or input error still exits 2).")
@click.option("--shard", "shard", default=None, metavar="K/N", callback=lambda ctx, param, value: _shard(value),
              help="Check only shard K of N: the articles whose slug hashes to K. N jobs, K = 1..N, "
                   "check every article once; `transcheck merge` joins their JSON or SARIF outputs.")
def check(paths: tuple[str, ...], fmt: str, fail_on: str, layout: str | None, source: str | None,
          include: tuple[str, ...], output: str | None, exit_zero: bool, shard: tuple[int, int] | None) -> None:
    """Check PATHS (files or directories of Markdown versions)."""
    result = _run(paths, layout, source, include, shard)
    _emit(FORMATS[fmt](result), output)
    threshold = Severity(fail_on).rank
    failed = any(f.severity.rank >= threshold for f in result.findings) and not exit_zero
    sys.exit(2 if result.missing else 1 if failed else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              metavar="FILE", help="Write the merged output to FILE instead of standard output.")
def merge(files: tuple[str, ...], output: str | None) -> None:
    """Merge the JSON or SARIF outputs of `check --shard K/N` jobs (FILES) into one, the
    output one unsharded run writes: findings sorted as `check` sorts them, summary counts
    recomputed. Exit 2 when the files are not all JSON or all SARIF, or overlap."""
    import json

    from .shards import merge as merge_docs

    docs = []
    for name in files:
        try:
            with open(name, encoding="utf-8") as handle:
                docs.append(json.load(handle))
        except (OSError, ValueError) as exc:
            click.echo(f"transcheck: {name}: not a JSON or SARIF output of transcheck check ({exc})", err=True)
            sys.exit(2)
    try:
        text = merge_docs(docs)
    except (ValueError, KeyError, TypeError) as exc:
        click.echo(f"transcheck: cannot merge: {exc}", err=True)
        sys.exit(2)
    _emit(text, output)


def _emit(text: str, output: str | None) -> None:
    """Print ``text``, or write it (atomically) to ``output``; an unwritable file exits 2."""
    if not output:
        click.echo(text, nl=False)
        return
    try:
        _write_atomically(output, text)
    except OSError as exc:
        click.echo(f"transcheck: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(2)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--markdown", "markdown_file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write a Markdown summary (for a pull-request comment) to this file.")
@click.option("--lang", "langs", multiple=True, metavar="LANG",
              help="Report only these languages (repeatable).")
@click.option("--layout", type=click.Choice(LAYOUTS), default=None,
              help="Force how files are grouped into articles (default: detect per directory).")
@click.option("--source", "source", default=None, metavar="LANG",
              help="Compare translations with this language's version instead of the consensus.")
@click.option("--include", "include", multiple=True, metavar="GLOB",
              help="File name pattern searched for in directories (repeatable; default *.md).")
def report(paths: tuple[str, ...], markdown_file: str | None, langs: tuple[str, ...], layout: str | None,
           source: str | None, include: tuple[str, ...]) -> None:
    """Show the findings of PATHS for translators: a summary per language, the articles
    worst first, and each finding in context (the line, a caret under the span, what the
    other versions have). Colours on a terminal unless NO_COLOR is set."""
    import os

    from . import report as reports
    from .languages import code_of

    for value in langs:
        if code_of(value) is None:
            raise click.BadParameter(f"{value!r} is not a language code or name", param_hint="--lang")
    result = _run(paths, layout, source, include)
    wanted = tuple(code_of(lang) for lang in langs)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    click.echo(reports.terminal(result, wanted, color=color), nl=False)
    if markdown_file:
        _write_atomically(markdown_file, reports.markdown(result, wanted))
    sys.exit(2 if result.missing else 0)


def _shard(value: str | None) -> tuple[int, int] | None:
    from .shards import parse_shard

    try:
        return parse_shard(value) if value is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None


def _run(paths: tuple[str, ...], layout: str | None, source: str | None, include: tuple[str, ...],
         shard: tuple[int, int] | None = None):
    """Run the checks for a command; a bad --source, or no input at all, ends it (exit 2)."""
    from .discovery import INCLUDE
    from .engine import run
    from .languages import code_of

    if source is not None and code_of(source) is None:
        raise click.BadParameter(f"{source!r} is not a language code or name", param_hint="--source")
    result = run(list(paths), layout, source=code_of(source) if source else None, include=include or INCLUDE,
                 shard=shard)
    for raw in result.missing:
        click.echo(f"transcheck: {raw}: no such file or directory", err=True)
    if result.files == 0 and not result.elsewhere:
        click.echo("transcheck: no input: no Markdown files found in " + ", ".join(paths), err=True)
        sys.exit(2)
    return result


def _write_atomically(path: str, text: str) -> None:
    """Write a report file whole or not at all (a temporary file renamed over it)."""
    import os
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".transcheck-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--layout", type=click.Choice(LAYOUTS), default=None,
              help="Force how files are grouped into articles (default: detect per directory).")
@click.option("--width", type=click.IntRange(16, 80), default=30, show_default=True, help="Column width.")
def align(paths: tuple[str, ...], layout: str | None, width: int) -> None:
    """Show how the sections of each article's versions line up.

    One table per article: rows are aligned sections, columns are languages; each cell
    gives the heading (cut short), then its paragraphs (p), bullets (b) and links (l).
    A dash is a gap: that version has no counterpart of the section.
    """
    from .align import align as align_article
    from .engine import run
    from .formats import alignment_table

    result = run(list(paths), layout, rules=())
    for raw in result.missing:
        click.echo(f"transcheck: {raw}: no such file or directory", err=True)
    if result.files == 0:
        click.echo("transcheck: no input: no Markdown files found in " + ", ".join(paths), err=True)
        sys.exit(2)
    click.echo("\n".join(alignment_table(align_article(a), width) for a in result.articles), nl=False)


@main.command("rules")
@click.argument("name", required=False)
def rules_cmd(name: str | None) -> None:
    """List the rules, or print the full documentation of rule NAME (name or code)."""
    from .rules import ALL_RULES, find_rule

    if name:
        rule = find_rule(name)
        if rule is None:
            click.echo(f"transcheck: unknown rule {name!r}; `transcheck rules` lists them", err=True)
            sys.exit(2)
        click.echo(f"{rule.code} {rule.name} ({rule.severity.value})\n")
        click.echo(rule.doc.strip())
        return
    for rule in ALL_RULES:
        click.echo(f"{rule.code}  {rule.name:26} {rule.severity.value:8} {rule.summary}")

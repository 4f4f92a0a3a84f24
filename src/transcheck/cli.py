"""Command line: ``transcheck check``, ``report``, ``fix``, ``align``, ``rules``. Thin: parses
options, calls the engine (or the fixer) and a format."""

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
def check(paths: tuple[str, ...], fmt: str, fail_on: str, layout: str | None, source: str | None,
          include: tuple[str, ...]) -> None:
    """Check PATHS (files or directories of Markdown versions)."""
    result = _run(paths, layout, source, include)
    click.echo(FORMATS[fmt](result), nl=False)
    threshold = Severity(fail_on).rank
    failed = any(f.severity.rank >= threshold for f in result.findings)
    sys.exit(2 if result.missing else 1 if failed else 0)


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


def _run(paths: tuple[str, ...], layout: str | None, source: str | None, include: tuple[str, ...]):
    """Run the checks for a command; a bad --source, or no input at all, ends it (exit 2)."""
    from .discovery import INCLUDE
    from .engine import run

    result = run(list(paths), layout, source=_source(source), include=include or INCLUDE)
    _input_problems(result, paths)
    return result


def _source(source: str | None) -> str | None:
    """The --source language as a code; a bad one is a usage error (exit 2)."""
    from .languages import code_of

    if source is not None and code_of(source) is None:
        raise click.BadParameter(f"{source!r} is not a language code or name", param_hint="--source")
    return code_of(source) if source else None


def _input_problems(result, paths: tuple[str, ...]) -> None:
    """Name the paths that do not exist; no input at all ends the command (exit 2)."""
    for raw in result.missing:
        click.echo(f"transcheck: {raw}: no such file or directory", err=True)
    if result.files == 0:
        click.echo("transcheck: no input: no Markdown files found in " + ", ".join(paths), err=True)
        sys.exit(2)


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


@main.command("fix")
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if any file would change, else 0.")
@click.option("--select", "select", multiple=True, metavar="RULES",
              help="Only these rules (names or codes, comma-separated or repeated): only their findings are "
                   "fixed and reported.")
@click.option("--unsafe-fixes", "unsafe", is_flag=True,
              help="Also apply unsafe fixes (they guess the intended words: review them).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning",
              show_default=True, help="Exit 1 when a finding of this severity or higher remains.")
@click.option("--layout", type=click.Choice(LAYOUTS), default=None,
              help="Force how files are grouped into articles (default: detect per directory).")
@click.option("--source", "source", default=None, metavar="LANG",
              help="Compare translations with this language's version instead of the consensus.")
@click.option("--include", "include", multiple=True, metavar="GLOB",
              help="File name pattern searched for in directories (repeatable; default *.md).")
def fix_cmd(paths: tuple[str, ...], show_diff: bool, check_only: bool, select: tuple[str, ...], unsafe: bool,
            fail_on: str, layout: str | None, source: str | None, include: tuple[str, ...]) -> None:
    """Fix the findings of PATHS that have a fix, in place, and report what remains.

    Only files named (or inside a named directory) are changed. A fix whose result would
    parse differently than intended is refused and reported on stderr. Exit status: 0
    when nothing at or above --fail-on remains, 1 when something does (or a fix was
    refused, or a file changed on disk and was not written), 2 on usage or input errors;
    with --check: 1 when a file would change, else 0.
    """
    from . import fixer
    from .discovery import INCLUDE
    from .formats import as_text

    rules = _selected(select)
    outcome = fixer.fix(list(paths), layout, rules, unsafe=unsafe, source=_source(source),
                        include=include or INCLUDE)
    result = outcome.result
    _input_problems(result, paths)
    for note in outcome.notes:
        click.echo(f"transcheck: {note}", err=True)
    for refusal in outcome.refusals:
        f = refusal.finding
        click.echo(f"transcheck: {f.path}:{f.line}:{f.column}: {f.code} {f.rule}: fix refused: {refusal.reason}",
                   err=True)
    changed = outcome.changed
    fixed = sum(len(f.applied) for f in changed)
    unwritten = []
    if show_diff:
        click.echo("".join(fixer.diff(f) for f in changed), nl=False)
    elif not check_only:
        for file in changed:
            why = fixer.write(file)
            if why:
                unwritten.append(file)
                click.echo(f"transcheck: {file.path}: {why}", err=True)
    files = f"{len(changed)} file{'s' if len(changed) != 1 else ''}"
    findings = f"{fixed} finding{'s' if fixed != 1 else ''}"
    if check_only or show_diff:
        if check_only and not show_diff:
            for file in changed:
                count = len(file.applied)
                click.echo(f"would fix {count} finding{'s' if count != 1 else ''} in {file.path}")
        remaining = len(result.findings)
        click.echo(f"{findings} would be fixed in {files}; {remaining} would remain.", err=show_diff)
    else:
        click.echo(f"Fixed {findings} in {files}.")
        click.echo(as_text(result), nl=False)
    if result.missing:
        sys.exit(2)
    if check_only:
        sys.exit(1 if changed else 0)
    threshold = Severity(fail_on).rank
    failed = any(f.severity.rank >= threshold for f in result.findings)
    sys.exit(1 if failed or outcome.refusals or unwritten else 0)


def _selected(values: tuple[str, ...]):
    """The rules --select names (names or codes, comma-separated or repeated); all without it."""
    from .rules import CHECK_RULES, find_rule

    if not values:
        return CHECK_RULES
    wanted = set()
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            rule = find_rule(part)
            if rule is None or rule not in CHECK_RULES:
                raise click.BadParameter(f"{part!r} is not a rule name or code (see `transcheck rules`)",
                                         param_hint="--select")
            wanted.add(rule.code)
    return tuple(rule for rule in CHECK_RULES if rule.code in wanted)


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
        fix = f", {rule.fix_applicability.value} fix" if rule.fixable else ""
        click.echo(f"{rule.code} {rule.name} ({rule.severity.value}{fix})\n")
        click.echo(rule.doc.strip())
        return
    for rule in ALL_RULES:
        fix = rule.fix_applicability.value if rule.fixable else ""
        click.echo(f"{rule.code}  {rule.name:26} {rule.severity.value:8} {fix:7}{rule.summary}")

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
@click.option("--report-unused-disables", is_flag=True,
              help="Report transcheck-disable directives that hid no finding (suppression-unused).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Report only findings that FILE (written by --write-baseline) does not record.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, writable=True), default=None,
              metavar="FILE", help="Record the current findings in FILE and exit 0 (nothing else is printed).")
def check(paths: tuple[str, ...], fmt: str, fail_on: str, layout: str | None, source: str | None,
          include: tuple[str, ...], report_unused_disables: bool, baseline_file: str | None,
          write_baseline: str | None) -> None:
    """Check PATHS (files or directories of Markdown versions)."""
    from . import baseline

    if baseline_file and write_baseline:
        raise click.UsageError("--baseline and --write-baseline cannot be used together")
    known = None
    if baseline_file:
        try:
            known = baseline.load(baseline_file)
        except baseline.BaselineError as exc:
            click.echo(f"transcheck: {exc}", err=True)
            sys.exit(2)
    result = _run(paths, layout, source, include, progress=True, report_unused=report_unused_disables)
    if write_baseline:
        _write_atomically(write_baseline, baseline.dumps(result.findings, baseline.texts(result.articles),
                                                         write_baseline))
        count = len(result.findings)
        click.echo(f"transcheck: recorded {count} finding{'s' if count != 1 else ''} in {write_baseline}", err=True)
        sys.exit(2 if result.missing else 0)
    if known is not None:
        result.findings, hidden = baseline.new_findings(result.findings, baseline.texts(result.articles), known,
                                                        baseline_file)
        if hidden:
            click.echo(f"transcheck: {hidden} finding{'s' if hidden != 1 else ''} recorded in {baseline_file} "
                       f"not shown", err=True)
    click.echo(FORMATS[fmt](result), nl=False)
    threshold = Severity(fail_on).rank
    failed = any(f.severity.rank >= threshold for f in result.findings)
    sys.exit(2 if result.missing else 1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--html", "html_file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the side-by-side HTML report (one self-contained page) to this file.")
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
def report(paths: tuple[str, ...], html_file: str | None, markdown_file: str | None, langs: tuple[str, ...], layout: str | None,
           source: str | None, include: tuple[str, ...]) -> None:
    """Show the findings of PATHS for translators: a summary per language, the articles
    worst first, and each finding in context (the line, a caret under the span, what the
    other versions have). Colours on a terminal unless NO_COLOR is set. With --html, also
    a page that shows the versions side by side, each finding highlighted in place."""
    import os

    from . import report as reports
    from .languages import code_of

    for value in langs:
        if code_of(value) is None:
            raise click.BadParameter(f"{value!r} is not a language code or name", param_hint="--lang")
    result = _run(paths, layout, source, include, progress=True)
    wanted = tuple(code_of(lang) for lang in langs)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    click.echo(reports.terminal(result, wanted, color=color), nl=False)
    if html_file:
        from .html_report import html_report
        from .progress import Progress

        bar = Progress()
        try:
            page = html_report(result, wanted, progress=lambda done, total: bar(done, total, "articles rendered"))
        finally:
            bar.close()
        _write_atomically(html_file, page)
    if markdown_file:
        _write_atomically(markdown_file, reports.markdown(result, wanted))
    sys.exit(2 if result.missing else 0)


def _run(paths: tuple[str, ...], layout: str | None, source: str | None, include: tuple[str, ...],
         progress: bool = False, report_unused: bool = False):
    """Run the checks for a command; a bad --source, or no input at all, ends it (exit 2).
    With ``progress``, a bar on stderr when it is a terminal and the run is long."""
    from .discovery import INCLUDE
    from .engine import run
    from .languages import code_of
    from .progress import Progress

    if source is not None and code_of(source) is None:
        raise click.BadParameter(f"{source!r} is not a language code or name", param_hint="--source")
    bar = Progress(enabled=None if progress else False)
    try:
        result = run(list(paths), layout, source=code_of(source) if source else None, include=include or INCLUDE,
                     progress=bar if bar.enabled else None, report_unused_disables=report_unused)
    finally:
        bar.close()
    for raw in result.missing:
        click.echo(f"transcheck: {raw}: no such file or directory", err=True)
    if result.files == 0:
        click.echo("transcheck: no input: no Markdown files found in " + ", ".join(paths), err=True)
        sys.exit(2)
    return result


def _write_atomically(path: str, text: str) -> None:
    """Write a report file whole or not at all (a temporary file renamed over it)."""
    import os
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777  # an existing file keeps its mode
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # a new file gets the mode open() would give it
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".transcheck-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
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

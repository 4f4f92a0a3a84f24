"""Command line: ``transcheck check``, ``report``, ``fix``, ``align``, ``rules``. Thin: parses
options, calls the engine (or the fixer) and a format."""

from __future__ import annotations

import sys

import click

from . import __version__
from .discovery import LAYOUTS
from .findings import Severity
from .formats import FORMATS, RENDER, STREAMED


class _Main(click.Group):
    """The command group. An OSError that nothing below it handled (click's own ``--help``
    or ``--version`` written to a full disk) ends the run with a message and status 2,
    not a traceback."""

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            _give_up(f"{exc.strerror or exc}{where}")


def _give_up(message: str) -> None:
    """End the run with ``message`` on standard error and status 2, after pointing standard
    output at the null device (what its buffer still holds then goes nowhere at exit,
    without a second error)."""
    try:
        _stdout_gone()
    except (OSError, ValueError, AttributeError):  # closed, or not a file (a test's captured output)
        pass
    try:
        click.echo(f"transcheck: {message}", err=True)
    except OSError:  # standard error is the full one: the status alone tells
        pass
    sys.exit(2)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="transcheck")
def main() -> None:
    """Check the language versions of Markdown articles against each other."""
    _forgiving_streams()


def _forgiving(error: UnicodeEncodeError) -> tuple[str | bytes, int]:
    """The error handler ``transcheck`` of the standard streams: a file name's undecodable
    bytes (read as lone surrogates) are written back as those bytes (``surrogateescape``);
    any other character the stream's encoding lacks (Cyrillic on a Latin-1 terminal) as a
    ``\\u`` escape (``backslashreplace``)."""
    import codecs

    try:
        return codecs.lookup_error("surrogateescape")(error)
    except UnicodeEncodeError:  # not only such surrogates in the span
        return codecs.lookup_error("backslashreplace")(error)


def _forgiving_streams() -> None:
    """Standard output and error never fail on what they are given: Python writes them
    with ``strict`` errors in a UTF-8 locale (en_US.UTF-8) or when PYTHONIOENCODING says
    so, where a file name that is not UTF-8 (or a finding's text on a terminal whose
    encoding cannot show it) would end the run with a traceback halfway through its output."""
    import codecs

    try:
        codecs.lookup_error("transcheck")
    except LookupError:
        codecs.register_error("transcheck", _forgiving)
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="transcheck")
            except (ValueError, OSError):  # closed, or not a text stream of the io module
                pass


def run_options(command):
    """The options every command that runs the checks shares (they override the configuration)."""
    options = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
                     help="Read the configuration from this file (default: the nearest transcheck.toml or "
                          "pyproject.toml with [tool.transcheck] above the first path)."),
        click.option("--select", multiple=True, metavar="RULES",
                     help="Run only these rules: names, codes or code prefixes, comma-separated or repeated "
                          "(replaces the configuration's select)."),
        click.option("--extend-select", multiple=True, metavar="RULES", help="Run these rules too."),
        click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules."),
        click.option("--layout", type=click.Choice(LAYOUTS), default=None,
                     help="Force how files are grouped into articles (default: detect per directory)."),
        click.option("--source", "source", default=None, metavar="LANG",
                     help="Compare translations with this language's version instead of the consensus of "
                          "the others (e.g. en)."),
        click.option("--include", "include", multiple=True, metavar="GLOB",
                     help="File name pattern searched for in directories (repeatable; default *.md). Files "
                          "named on the command line are checked whatever their name."),
        click.option("--max-file-size", "max_file_size", default=None, metavar="SIZE",
                     help="Report files larger than SIZE (bytes, or e.g. 5MB, 512KB) as file-too-large "
                          "instead of reading them (default: the configuration's max-file-size, else 5MB)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding of this severity or higher is reported (default: the "
                   "configuration's fail-on, else warning).")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              metavar="FILE", help="Write the output to FILE (whole or not at all) instead of standard output.")
@click.option("--exit-zero", is_flag=True, default=False,
              help="Exit 0 even when findings are reported (a usage or input error still exits 2).")
@click.option("--changed-since", "changed_since", default=None, metavar="REF",
              help="Check only the articles with a version changed since git REF (from the merge base of "
                   "REF and HEAD, including uncommitted and new files), all their versions.")
@click.option("--shard", "shard", default=None, metavar="K/N", callback=lambda ctx, param, value: _shard(value),
              help="Check only shard K of N: the articles whose slug hashes to K. N jobs, K = 1..N, "
                   "check every article once; `transcheck merge` joins their JSON or SARIF outputs.")
@click.option("--report-unused-disables", is_flag=True,
              help="Report transcheck-disable directives that hid no finding (suppression-unused).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Report only findings that FILE (written by --write-baseline) does not record.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False, writable=True), default=None,
              metavar="FILE", help="Record the current findings in FILE and exit 0 (nothing else is printed).")
@click.option("--jobs", "-j", "jobs", type=click.IntRange(1), default=None, metavar="N",
              help="Check in N processes (default: the number of CPUs; 1: in this process).")
@click.option("--no-cache", "no_cache", is_flag=True, envvar="TRANSCHECK_NO_CACHE",
              help="Neither read nor write the result cache (.transcheck_cache/ in the current directory).")
@click.option("--cache-dir", "cache_dir", type=click.Path(file_okay=False), default=".transcheck_cache",
              envvar="TRANSCHECK_CACHE_DIR", show_default=True, help="Where the result cache lives.")
@run_options
def check(paths: tuple[str, ...], fmt: str, fail_on: str | None, output: str | None, exit_zero: bool,
          changed_since: str | None, shard: tuple[int, int] | None, report_unused_disables: bool,
          baseline_file: str | None, write_baseline: str | None, jobs: int | None, no_cache: bool,
          cache_dir: str, **options) -> None:
    """Check PATHS (files or directories of Markdown versions)."""
    from .spill import FindingStore, tally

    if baseline_file or write_baseline:
        from . import baseline  # with the fingerprints' hashing: only for a run with a baseline
    if baseline_file and write_baseline:
        raise click.UsageError("--baseline and --write-baseline cannot be used together")
    known = None
    if baseline_file:
        try:
            known = baseline.load(baseline_file)
        except baseline.BaselineError as exc:
            click.echo(f"transcheck: {exc}", err=True)
            sys.exit(2)
    listed = write_baseline or known is not None or fmt not in STREAMED
    result, config = _run(paths, options, progress=True, shard=shard, changed_since=changed_since,
                          report_unused=report_unused_disables, jobs=jobs, stream=True,
                          cache_dir=None if no_cache else cache_dir, render=None if listed else RENDER[fmt])
    if listed:
        # these need the findings as a list (fingerprints): only text and JSON stay flat
        result.findings = list(result.findings)
    if write_baseline:
        _write_atomically(write_baseline, baseline.dumps(result.findings, write_baseline))
        count = len(result.findings)
        click.echo(f"transcheck: recorded {count} finding{'s' if count != 1 else ''} in {write_baseline}", err=True)
        sys.exit(2 if result.missing else 0)
    if known is not None:
        result.findings, hidden = baseline.new_findings(result.findings, known, baseline_file)
        if hidden:
            click.echo(f"transcheck: {hidden} finding{'s' if hidden != 1 else ''} recorded in {baseline_file} "
                       f"not shown", err=True)
    try:
        _emit(STREAMED[fmt](result) if fmt in STREAMED else FORMATS[fmt](result), output)
    finally:
        if isinstance(result.findings, FindingStore):
            result.findings.close()  # its temporary file (nameless: it would also go with the process)
    threshold = (Severity(fail_on) if fail_on else config.fail_on).rank
    failed = any(severity.rank >= threshold for _, severity, _ in tally(result.findings)) and not exit_zero
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
        except (OSError, ValueError, RecursionError) as exc:  # RecursionError: JSON nested too deep
            click.echo(f"transcheck: {name}: not a JSON or SARIF output of transcheck check ({exc})", err=True)
            sys.exit(2)
    try:
        text = merge_docs(docs)
    except (ValueError, KeyError, TypeError) as exc:
        click.echo(f"transcheck: cannot merge: {exc}", err=True)
        sys.exit(2)
    _emit(text, output)


def _stdout_gone() -> None:
    """The reader of standard output has left (a broken pipe), or it cannot be written (a
    full disk): whatever is still written there goes to the null device, so that no error
    follows at exit and what the command prints on standard error, and its exit status,
    still come."""
    import os

    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, sys.stdout.fileno())
    finally:
        os.close(null)


def _print(text: str, nl: bool = False, flush: bool = True) -> None:
    """Write ``text`` to standard output, where ``click.echo`` would: a closed one takes
    nothing, as there. A write that fails for another reason than a reader that left (a
    full disk, an I/O error) ends the run with a message and status 2, not a traceback;
    a broken pipe is left to the caller and to click, which end quietly."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.write(text + "\n" if nl else text)
        if flush:
            stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _give_up(f"cannot write to standard output: {exc.strerror or exc}")


def _emit(text, output: str | None) -> None:
    """Print ``text`` (a string, or its pieces in order), or write it (atomically) to
    ``output``."""
    if not output:
        if isinstance(text, str):
            _print(text)
            return
        for piece in text:
            _print(piece, flush=False)
        _print("")  # flushes the pieces
        return
    _write_atomically(output, text)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--html", "html_file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the side-by-side HTML report (one self-contained page) to this file.")
@click.option("--markdown", "markdown_file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write a Markdown summary (for a pull-request comment) to this file.")
@click.option("--lang", "langs", multiple=True, metavar="LANG",
              help="Report only these languages (repeatable).")
@click.option("--jobs", "-j", "jobs", type=click.IntRange(1), default=None, metavar="N",
              help="Check in N processes (default: the number of CPUs; 1: in this process).")
@run_options
def report(paths: tuple[str, ...], html_file: str | None, markdown_file: str | None, langs: tuple[str, ...],
           jobs: int | None, **options) -> None:
    """Show the findings of PATHS for translators: a summary per language, the articles
    worst first, and each finding in context (the line, a caret under the span, what the
    other versions have). Colours on a terminal unless NO_COLOR is set. With --html, also
    a page that shows the versions side by side, each finding highlighted in place.

    The articles are checked one at a time and dropped (only the findings, their lines
    and, with --html, each article's rendered section, on disk, are kept), so memory grows
    with the findings, not with the articles (except when a file's path names no language:
    then every article is held, as for check)."""
    import os

    from . import report as reports
    from .languages import code_of

    for value in langs:
        if code_of(value) is None:
            raise click.BadParameter(f"{value!r} is not a language code or name", param_hint="--lang")
    wanted = tuple(code_of(lang) for lang in langs)
    pages = None
    if html_file:
        from .spill import PageStore

        pages = PageStore()
    try:
        result, _ = _run(paths, options, progress=True, jobs=jobs, stream=True, context=True,
                         html=wanted if html_file else None, pages=pages)
        try:
            color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            for piece in reports.terminal_pieces(result, wanted, color=color):
                _print(piece)
            if html_file:
                _write_atomically(html_file, _html_page(result, wanted, pages))
            if markdown_file:
                _write_atomically(markdown_file, reports.markdown(result, wanted))
        finally:
            if not isinstance(result.findings, list):
                result.findings.close()  # a streamed run's FindingStore (its temporary file)
    finally:
        if pages is not None:
            pages.close()
    sys.exit(2 if result.missing else 0)


def _html_page(result, wanted: tuple[str, ...], pages):
    """The HTML page in pieces: from the sections the workers rendered (``pages``), or, when
    the run kept its articles (the serial path), rendered from them here."""
    from .html_report import html_report, page_order, page_pieces, shown

    if result.article_count is None:  # the articles are here
        from .progress import Progress

        bar = Progress()
        try:
            return html_report(result, wanted, progress=lambda done, total: bar(done, total, "articles rendered"))
        finally:
            bar.close()
    findings = shown(result.findings, wanted)
    articles = pages.articles
    return page_pieces(findings, page_order(findings, articles), articles, pages.sections, result.files,
                       result.article_total)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _shard(value: str | None) -> tuple[int, int] | None:
    from .shards import parse_shard

    try:
        return parse_shard(value) if value is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None


def settings(paths: tuple[str, ...], options: dict):
    """The configuration file's settings with the command line's on top; a bad file,
    key or rule ends the command with its message (exit 2)."""
    from .config import ConfigError, load
    from .languages import code_of
    from .rules import ALL_RULES
    from .selection import SelectionError, validate

    source = options.get("source")
    if source is not None and code_of(source) is None:
        raise click.BadParameter(f"{source!r} is not a language code or name", param_hint="--source")
    try:
        config = load(paths, options.get("config_file"))
        changes = {}
        for key in ("select", "extend_select", "ignore"):
            given = _split(options.get(key) or ())
            if given:
                validate(given, ALL_RULES, "--" + key.replace("_", "-"))
                changes[key] = given
    except (ConfigError, SelectionError) as exc:
        click.echo(f"transcheck: {exc}", err=True)
        sys.exit(2)
    if options.get("layout"):
        changes["layout"] = options["layout"]
    if source is not None:
        changes["source"] = code_of(source)
    if options.get("include"):
        changes["include"] = tuple(options["include"])
    if options.get("max_file_size") is not None:
        from .reading import parse_size

        try:
            changes["max_file_size"] = parse_size(options["max_file_size"])
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--max-file-size") from None
    return config._replace(**changes)


def _run(paths: tuple[str, ...], options: dict, progress: bool = False, shard: tuple[int, int] | None = None,
         changed_since: str | None = None, report_unused: bool = False, jobs: int | None = 1,
         cache_dir: str | None = None, stream: bool = False, render=None, context: bool = False,
         html: tuple[str, ...] | None = None, pages=None):
    """Run the checks for a command with its settings; no input at all ends it (exit 2).
    With ``progress``, a bar on stderr when it is a terminal and the run is long. With
    ``stream`` (the result keeps no articles: ``check``), article by article
    (``parallel``), in ``jobs`` processes (None: one per CPU), with the cache in
    ``cache_dir`` if given, the findings in a ``spill.FindingStore`` (on disk beyond a
    bound), so memory stays flat however large the corpus, as long as they are only
    iterated (the text and JSON formats; ``render``: the format's piece of one finding,
    see ``formats.RENDER``); with ``context`` (the report), the streamed result also keeps
    where each finding's line is (``Result.contexts``); with ``html`` (the languages shown)
    each article's section of the HTML page goes to ``pages`` (``spill.PageStore``). The
    configuration's per-file
    ignores and severity overrides are applied to the findings either way."""
    from .progress import Progress
    from .result import Result

    config = settings(paths, options)
    if changed_since is not None:
        from .changes import ChangesError, changed_files, with_siblings

        try:
            changed = changed_files(changed_since, list(paths), config.include)
        except ChangesError as exc:
            click.echo(f"transcheck: --changed-since {changed_since}: {exc}", err=True)
            sys.exit(2)
        if not changed:
            click.echo(f"transcheck: no Markdown file changed since {changed_since}", err=True)
            return Result(), config
        paths = tuple(with_siblings(changed, config.layout, config.include))
    bar = Progress(enabled=None if progress else False)
    excluded = config.excluded if config.exclude else None
    try:
        result = None
        if jobs is None:
            from .parallel import default_jobs

            jobs = default_jobs()
        if stream:
            from . import parallel

            chosen = parallel.Settings(config.rules(), config.source, config.languages, shard, report_unused,
                                       cache_dir, max_size=config.max_file_size, context=context,
                                       html=(html, config.apply) if html is not None else None)
            if cache_dir:
                from .cache import salt  # with its hashing: not for a run without the cache

                chosen = chosen._replace(salt=salt(chosen))
            result = parallel.run_chunked(list(paths), config.layout, chosen, config.include, excluded, jobs,
                                          progress=bar if bar.enabled else None,
                                          select=config.apply if config.per_file_ignores or config.severity
                                          else None,  # what Config.apply changes (else nothing)
                                          render=render, pages=pages)
        if result is None:
            from .engine import run

            result = run(list(paths), config.layout, rules=config.rules(), source=config.source,
                         include=config.include, progress=bar if bar.enabled else None,
                         excluded=excluded, languages=config.languages,
                         shard=shard, report_unused_disables=report_unused, max_size=config.max_file_size)
            result.findings = config.apply(result.findings)
    finally:
        bar.close()
    _input_problems(result, paths)
    return result, config


def _input_problems(result, paths: tuple[str, ...]) -> None:
    """Name the paths that do not exist; no input at all ends the command (exit 2)."""
    for raw in result.missing:
        click.echo(f"transcheck: {raw}: no such file or directory", err=True)
    if result.files == 0 and not result.elsewhere:
        click.echo("transcheck: no input: no Markdown files found in " + ", ".join(paths), err=True)
        sys.exit(2)


def _write_atomically(path: str, text) -> None:
    """Write a file the user named for the output (a string, or its pieces in order)
    whole or not at all; a device or pipe (``-o /dev/null``) is written into, not replaced
    (``atomic``, imported only by the runs that write a file). One that cannot be written
    (``--output``, ``--html``, ``--markdown``, ``--write-baseline``) exits 2, naming it."""
    from .atomic import write_atomically

    try:
        write_atomically(path, text, output=True)
    except OSError as exc:
        _give_up(f"cannot write {path}: {exc.strerror or exc}")


@main.command("fix")
@click.argument("paths", nargs=-1, required=True)
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if any file would change, else 0.")
@click.option("--unsafe-fixes", "unsafe", is_flag=True,
              help="Also apply unsafe fixes (they guess the intended words: review them).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding of this severity or higher remains (default: the configuration's "
                   "fail-on, else warning).")
@run_options
def fix_cmd(paths: tuple[str, ...], show_diff: bool, check_only: bool, unsafe: bool, fail_on: str | None,
            **options) -> None:
    """Fix the findings of PATHS that have a fix, in place, and report what remains.

    Only files named (or inside a named directory) are changed, and only findings that
    are reported (selected rules, per-file ignores and suppression directives applied)
    are fixed. A fix whose result would parse differently than intended is refused and
    reported on stderr. Exit status: 0 when nothing at or above --fail-on remains, 1 when
    something does (or a fix was refused, or a file changed on disk and was not written),
    2 on usage or input errors; with --check: 1 when a file would change, else 0.
    """
    from . import fixer
    from .formats import text_chunks
    from .result import Result
    from .spill import FindingStore, TextStore, tally

    config = settings(paths, options)
    # Article by article: each is read, fixed, written (or diffed) and dropped; what is
    # printed is kept and printed at the end, in the order of the files' paths, as if the
    # whole corpus had been fixed at once: the messages in memory, the diffs (as much as
    # the fixes, and their context) in a ``spill.TextStore`` (a temporary file past 4 Mi
    # characters).
    result = Result(findings=FindingStore(), article_count=0)
    diffs = TextStore()
    notes, refusals, would, unwritten = [], [], [], []
    fixed = changed = 0
    try:
        for outcome in fixer.fix_each(list(paths), config.layout, config.rules(), unsafe=unsafe,
                                      source=config.source, include=config.include,
                                      select=config.apply if config.per_file_ignores else None,
                                      excluded=config.excluded if config.exclude else None,
                                      languages=config.languages, max_size=config.max_file_size):
            part = outcome.result
            result.findings.add(config.apply(part.findings))
            result.missing += part.missing
            result.files += part.files
            result.elsewhere += part.elsewhere
            result.article_count += part.article_total
            notes += outcome.notes
            refusals += [(file.path, r) for file in outcome.files for r in file.refused]
            for file in outcome.changed:
                changed += 1
                fixed += len(file.applied)
                if show_diff:
                    diffs.add(file.path, fixer.diff(file))
                elif check_only:
                    would.append((file.path, len(file.applied)))
                else:
                    why = fixer.write(file)
                    if why:
                        unwritten.append((file.path, why))
        _input_problems(result, paths)
        for note in notes:
            click.echo(f"transcheck: {note}", err=True)
        for _, refusal in sorted(refusals, key=lambda pr: pr[0]):
            f = refusal.finding
            click.echo(f"transcheck: {f.path}:{f.line}:{f.column}: {f.code} {f.rule}: fix refused: "
                       f"{refusal.reason}", err=True)
        try:
            for text in diffs.in_order():
                _print(text)
        except BrokenPipeError:
            _stdout_gone()  # `fix --diff | head`: the summary below still goes to standard error
        for path, why in sorted(unwritten):
            click.echo(f"transcheck: {path}: {why}", err=True)
        files = f"{changed} file{'s' if changed != 1 else ''}"
        findings = f"{fixed} finding{'s' if fixed != 1 else ''}"
        if check_only or show_diff:
            if check_only and not show_diff:
                for path, count in sorted(would):
                    _print(f"would fix {count} finding{'s' if count != 1 else ''} in {path}", nl=True)
            remaining = len(result.findings)
            summary = f"{findings} would be fixed in {files}; {remaining} would remain."
            if show_diff:  # the diff is on standard output
                click.echo(summary, err=True)
            else:
                _print(summary, nl=True)
        else:
            _print(f"Fixed {findings} in {files}.", nl=True)
            for chunk in text_chunks(result):
                _print(chunk)
        if result.missing:
            sys.exit(2)
        if check_only:
            sys.exit(1 if changed else 0)
        threshold = (Severity(fail_on) if fail_on else config.fail_on).rank
        failed = any(severity.rank >= threshold for _, severity, _ in tally(result.findings))
        sys.exit(1 if failed or refusals or unwritten else 0)
    finally:
        result.findings.close()
        diffs.close()


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
    _input_problems(result, paths)
    _print("\n".join(alignment_table(align_article(a), width) for a in result.articles))


@main.command()
@click.option("--cache-dir", "cache_dir", type=click.Path(file_okay=False), default=".transcheck_cache",
              envvar="TRANSCHECK_CACHE_DIR", show_default=True, help="The result cache to remove.")
def clean(cache_dir: str) -> None:
    """Remove the result cache (entries of articles that changed are never read again; this
    frees their space). Only a directory transcheck made (with its CACHEDIR.TAG) is removed."""
    from .cache import CacheError, remove

    try:
        removed = remove(cache_dir)
    except CacheError as exc:
        click.echo(f"transcheck: {exc}", err=True)
        sys.exit(2)
    click.echo(f"transcheck: removed {cache_dir}" if removed else f"transcheck: no cache in {cache_dir}", err=True)


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
        from .config import options_of

        fix = f", {rule.fix_applicability.value} fix" if rule.fixable else ""
        _print(f"{rule.code} {rule.name} ({rule.severity.value}{fix})\n", nl=True)
        _print(rule.doc.strip(), nl=True)
        options = options_of(rule)
        if options:
            listed = ", ".join(f"{name} = {value!r}" for name, value in options.items())
            _print(f"\nOptions ([tool.transcheck.rules.{rule.name}]): {listed}", nl=True)
        return
    for rule in ALL_RULES:
        fix = rule.fix_applicability.value if rule.fixable else ""
        _print(f"{rule.code}  {rule.name:26} {rule.severity.value:8} {fix:7}{rule.summary}", nl=True)


def entry() -> None:
    """The ``transcheck`` command and ``python -m transcheck``: ``main``, then the process
    ends with its status at once (``os._exit``) once standard output and error are flushed,
    without the interpreter's teardown, which frees every object and module one by one: 36 M
    instructions, 6% of a one-article check, for nothing the command needs. Every file the
    command writes is closed, and its worker processes joined, before ``main`` returns, and
    it starts no thread. Where a flush fails (a reader that left, a full disk) or the status
    is not a number, the interpreter exits as it would have; ``main`` called from Python
    (the tests' CliRunner) is not affected."""
    import os

    try:
        main()
    except SystemExit as exc:
        status = exc.code
        if status is not None and not isinstance(status, int):
            raise
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        except (OSError, ValueError):  # what the usual exit does with it is left to it
            raise exc from None
        os._exit(status or 0)

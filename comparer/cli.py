"""The command line: parse flags, call the library, render, map errors to exit codes.

Exit status follows GNU diff: 0 nothing found, 1 discrepancies found, 2 trouble.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import signal
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from comparer.config import Config

FORMATS = ("table", "markdown", "json", "csv", "yaml", "html")

# Exit statuses, as GNU diff has them (a result's own status is Report.exit_code).
OK, FOUND, TROUBLE = 0, 1, 2


class Trouble(click.ClickException):
    """Bad input, usage, output or environment: one line on stderr and exit status 2."""

    exit_code = TROUBLE


class _NoProgress:
    """Stands in for a progress bar on short runs, without importing click's terminal code."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, steps: int) -> None:
        pass


class Context:
    """What every command receives from the shared options."""

    def __init__(self, fmt: str, output: str | None, config_path: str | None, quiet: bool,
                 debug: bool, pages: dict | None = None, show_all: bool = False) -> None:
        self.fmt = fmt
        self.show_all = show_all
        self.pages = pages or {}
        self.output = output
        self.config_path = config_path
        self.quiet = quiet
        self.debug = debug
        self._config: Config | None = None

    def config(self):
        """The settings, read once: the stages cache their tables (the gazetteer) per settings object."""
        if self._config is None:
            from comparer.config import load_config

            config = load_config(self.config_path)
            if self.pages:  # flags win over the config file
                config = dataclasses.replace(config, pages=dataclasses.replace(config.pages, **self.pages))
            self._config = config
        return self._config

    def read(self, paths: tuple[str, ...]):
        """Read inputs, reporting each unreadable one on stderr; the rest go on."""
        from comparer.ingest import read_inputs

        documents, problems = read_inputs(paths, self.config().pages)
        from comparer.views.render import printable

        for problem in problems:
            click.echo(f"comparer: {printable(str(problem))}", err=True)
        return documents, problems

    def progress(self, length: int, label: str):
        """A progress bar on stderr for long runs (none with --quiet or for small inputs)."""
        if self.quiet or length < 200:
            return _NoProgress()
        return click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True, show_eta=True)

    def run(self, paths, label: str, compute, view: str, minimum: int = 1) -> int:
        """Read the inputs, compute a report with a progress bar, emit it: every plain command."""
        config = self.config()
        documents, problems = self.read(paths)
        if len(documents) + len(problems) < minimum:
            raise click.UsageError(f"{view} needs at least {minimum} documents")
        with self.progress(len(documents), label) as bar:
            report = compute(documents, config, problems, progress=bar.update)
        return self.emit(report, view)

    def emit(self, report, view: str) -> int:
        """Render and write the report (atomically when -o is given); return its exit status."""
        from comparer.output import write_atomically
        from comparer.views.render import render

        text = render(report, self.fmt, view, show_all=self.show_all)
        if self.output:
            try:
                write_atomically(self.output, text)
            except OSError as exc:
                raise Trouble(f"{self.output}: cannot write ({exc.strerror or exc})") from None
            if not self.quiet:
                click.echo(f"comparer: wrote {os.path.abspath(self.output)}", err=True)
        else:
            write_stdout(text)
        return report.exit_code


def write_stdout(text: str) -> None:
    """Print ``text``; a full disk or closed pipe on stdout is one line on stderr and exit status 2."""
    try:
        click.echo(text, nl=not text.endswith("\n"))
        sys.stdout.flush()
    except OSError as exc:
        # Python flushes stdout again at exit: point it at /dev/null so that the retry succeeds quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise Trouble(f"cannot write to standard output ({exc.strerror or exc})") from None


def common_options(command):
    """The options every command shares: --format, -o, --config, --quiet, --debug, --all, and the
    web-page ones."""

    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                  help="Output format.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                  help="Write the output to FILE (atomically) instead of stdout.")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False),
                  help="YAML file with settings and extra aliases (see README).")
    @click.option("-q", "--quiet", is_flag=True, help="No progress bar or notes on stderr.")
    @click.option("--debug", is_flag=True, help="Show a traceback on errors.")
    @click.option("--all", "show_all", is_flag=True,
                  help="Table, Markdown and HTML: show low-severity discrepancies too (JSON, YAML and CSV "
                       "always hold every one).")
    @click.option("--html-mode", type=click.Choice(["article", "all"]), default=None,
                  help="HTML pages: the article as a reader reads it (default), or all visible text.")
    @click.option("--cache", "cache_dir", type=click.Path(file_okay=False), metavar="DIR",
                  help="Keep fetched pages in DIR; later runs send conditional requests (ETag, Last-Modified).")
    @click.option("--save-pages", type=click.Path(file_okay=False), metavar="DIR",
                  help="Write each fetched page to DIR, to keep what was compared.")
    @functools.wraps(command)
    def wrapper(fmt, output, config_path, quiet, debug, show_all, html_mode, cache_dir, save_pages, **kwargs):
        pages = {key: value for key, value in
                 (("html_mode", html_mode), ("cache", cache_dir), ("save_pages", save_pages)) if value}
        ctx = Context(fmt, output, config_path, quiet, debug, pages, show_all)
        from comparer.errors import ComparerError

        try:
            if output:  # before any work: a run of minutes must not end in "cannot write"
                from comparer.output import check_writable

                check_writable(output, protected=_protected(kwargs))
            return command(ctx, **kwargs)
        except ComparerError as exc:
            if debug:
                raise
            raise Trouble(str(exc)) from None
        except Exception as exc:  # a store's server or file failing mid-run: one line, exit 2
            if debug or not _is_store_failure(exc):
                raise
            raise Trouble(f"index store failed: {type(exc).__name__}: {exc}") from None

    return wrapper


def _protected(kwargs: dict) -> tuple[str, ...]:
    """Files that ``-o`` must not replace: the input files, the store and the review file."""
    files = [p for p in kwargs.get("paths") or () if p != "-"]
    store = kwargs.get("store_url") or ""
    if store and "://" not in store:
        files += [store, store + "-wal", store + "-shm"]
    elif store.startswith("sqlite://"):
        files.append(store[len("sqlite://"):])
    if kwargs.get("review_path"):
        files.append(kwargs["review_path"])
    return tuple(files)


def _is_store_failure(exc: Exception) -> bool:
    module = type(exc).__module__
    return module.startswith("redis") or module == "sqlite3"


def store_option(required: bool):
    """``--store STORE``: an index (SQLite file, or redis://HOST:PORT/DB?prefix=NAME)."""
    return click.option("--store", "store_url", required=required, metavar="STORE",
                        help="Index: a SQLite file (created when missing) or redis://HOST:PORT/DB?prefix=NAME.")


def _open_store(ctx: Context, url: str, writable: bool = True):
    """Open the index, closed when the command ends however it ends (SQLite then folds in its log)."""
    from comparer.index import open_store

    store = open_store(url, config=ctx.config(), writable=writable)
    click.get_current_context().call_on_close(store.close)
    return store


def _add_to_store(ctx: Context, store, documents, batch_size: int = 500):
    """Add documents batch by batch, saying on stderr what each committed batch stored."""
    from comparer.index import add

    total = len(documents)
    done = [0, 0]

    def committed(size: int, new: int) -> None:
        done[0] += size
        done[1] += new
        if not ctx.quiet:
            click.echo(f"comparer: stored {done[0]} of {total} documents ({done[1]} new)", err=True)

    return add(documents, store, ctx.config(), progress=committed, batch_size=batch_size)


class _Group(click.Group):
    """The command group; its ``main`` is the one place where an outcome becomes an exit status."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run a command and exit: its report's status, ``TROUBLE`` on any error, 128 + N on signal N."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            status = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:  # usage, input, output or store trouble: one line
            exc.show()
            status = TROUBLE
        except click.Abort:  # end of input at a prompt
            click.echo("Aborted!", err=True)
            status = TROUBLE
        except _Signalled as exc:
            click.echo(f"comparer: {'interrupted' if exc.signum == signal.SIGINT else 'terminated'}", err=True)
            status = 128 + exc.signum
        sys.exit(status if isinstance(status, int) else OK)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """The package's own version: click's version option would load importlib.metadata to find it."""
    if value and not ctx.resilient_parsing:
        from comparer import __version__

        click.echo(f"comparer {__version__}")
        ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def cli():
    """Compare news accounts of the same event: find copies, align claims, flag discrepancies.

    PATH arguments are files, directories (read recursively: .txt .md .html .htm .json
    .jsonl), http(s) URLs or - for stdin. Exit status: 0 nothing found, 1 discrepancies found, 2 trouble.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@common_options
def claims(ctx: Context, paths):
    """Show how comparer reads each document: metadata, claims and their mentions.

    Every claim has character offsets into the document text; mentions are
    entities (with canonical names), numbers with units, dates resolved to ISO
    form, quotes with speakers, and negation and hedging cues.
    """
    from comparer.pipeline import claims as claims_report

    return ctx.run(paths, "Reading claims", claims_report, "claims")



@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH PATH [PATH...]")
@common_options
def diff(ctx: Context, paths):
    """Align the claims of several accounts of one event and list where they disagree.

    Claims are matched one to one; each matched pair is diffed word by word
    after normalising names, numbers and dates, and each change is typed by
    what it touches: entity, number, date, negation, quote, attribution,
    modality, list, or wording (low); a claim without a partner is an
    omission. Each discrepancy has a severity, the exact span in each source
    and a one-sentence explanation. The table, Markdown and HTML show medium
    and high ones (--all: every one). Exit status: 0 no discrepancy,
    1 discrepancies found, 2 trouble (as GNU diff).
    """
    from comparer.diffing import diff as diff_documents

    return ctx.run(paths, "Comparing", diff_documents, "diff", minimum=2)


@cli.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@store_option(required=False)
@common_options
def cluster(ctx: Context, paths, store_url):
    """Group documents into events, and mark near-duplicate copies within each.

    Two documents share an event when they report the same occurrence (the same
    meeting, the same shooting), not merely the same people or the same kind of
    event. Each cluster says why its documents belong together.

    With --store, the events are the stored ones: without PATHs, every stored
    event; with PATHs, the inputs are added to the store first and the events
    they belong to are shown (with all their stored members).
    """
    from comparer.clustering import cluster as cluster_documents

    if not paths and not store_url:
        raise click.UsageError("give PATH... to cluster, or --store STORE to show the stored events")
    if store_url:
        from comparer.index import stored_clusters

        store = _open_store(ctx, store_url, writable=bool(paths))
        documents, problems = ctx.read(paths) if paths else ([], [])
        ids = _added_ids(ctx, store, documents) if paths else None
        return ctx.emit(stored_clusters(store, ids, problems), "cluster")
    return ctx.run(paths, "Clustering", cluster_documents, "cluster")


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@common_options
def dedup(ctx: Context, paths):
    """List near-duplicate copies (reprints, syndicated wire stories) and the one to keep.

    Near-duplicates share most of their word shingles (MinHash candidates,
    verified by exact Jaccard). The kept copy is the earliest published, else
    the longest.
    """
    from comparer.clustering import dedup as dedup_documents

    return ctx.run(paths, "Finding copies", dedup_documents, "dedup")



@cli.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@store_option(required=False)
@click.option("--review", "review_path", type=click.Path(dir_okay=False),
              help="YAML file of review decisions: show each discrepancy's status and note, and record "
                   "the ids shown so that 'comparer review' can check them.")
@click.option("--open-only", is_flag=True, help="Hide discrepancies already confirmed or dismissed (needs --review).")
@common_options
def report(ctx: Context, paths, store_url, review_path, open_only):
    """The editor's review document: events, their sources, claim matrix and discrepancies.

    Clusters the inputs into events; every event told by two or more sources is
    diffed (one copy of each near-duplicate group). Single-source events and
    near-duplicate copies are listed with what each copy changed. With
    --format html -o FILE, one self-contained page with filters.

    With --store, the events are the stored ones: without PATHs, every stored
    event; with PATHs, the inputs are added to the store first and the report
    covers the events they belong to.
    """
    from comparer.reporting import build_report
    from comparer.review import open_review

    if open_only and not review_path:
        raise click.UsageError("--open-only needs --review FILE")
    if not paths and not store_url:
        raise click.UsageError("give PATH... to report on, or --store STORE to report on the stored events")
    config = ctx.config()
    book = open_review(review_path) if review_path else None
    if review_path:
        from comparer.output import check_writable

        check_writable(review_path)
    documents, problems = ctx.read(paths) if paths else ([], [])
    reviews = ({i: d.to_dict() for i, d in book.decisions.items()} if book else None)
    if store_url:
        from comparer.index import stored_report

        store = _open_store(ctx, store_url, writable=bool(paths))
        ids = _added_ids(ctx, store, documents) if paths else None
        result = stored_report(store, config, ids, problems, reviews=reviews, open_only=open_only)
    else:
        with ctx.progress(2 * len(documents), "Building report") as bar:
            result = build_report(documents, config, problems, progress=bar.update, reviews=reviews,
                                  open_only=open_only)
    if book is not None:
        labels = {d.id: d.label for d in result.documents}
        book.known.update({d.id: f"{d.kind}: {d.detail} ({labels.get(d.a.document, d.a.document)})"
                           for d in result.discrepancies})
        book.save()
        result = dataclasses.replace(result, review_file=review_path)
    return ctx.emit(result, "report")


def _added_ids(ctx: Context, store, documents) -> list[str]:
    """Add ``documents`` to the store; the stored ids of all of them (new or already stored)."""
    from comparer.index import match

    _add_to_store(ctx, store, documents)
    found = match(documents, store, ctx.config()).matches
    return [m.stored_id for m in found if m.stored_id]


@cli.group(cls=_Group)
def index():
    """Keep an index of documents: add articles as they come, match new ones at once.

    STORE is a SQLite file (created when missing; safe to share between processes
    on one machine) or redis://HOST:PORT/DB?prefix=NAME (one index shared by many
    workers). A store records its signature scheme and refuses other settings.
    """


@index.command("add")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_option(required=True)
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=500, show_default=True,
              help="Documents per committed batch.")
@common_options
def index_add(ctx: Context, paths, store_url, batch_size):
    """Store documents, their claims and signatures, and put each in an event.

    A document whose text is already stored is skipped. A new one joins the
    event of a stored near-duplicate, else the best-matching stored event, else
    starts a new event; nothing stored is recomputed. Each batch is committed
    before it is reported on stderr ("stored N of M documents").
    """
    from comparer.types import Report

    store = _open_store(ctx, store_url)
    documents, problems = ctx.read(paths)
    result = _add_to_store(ctx, store, documents, batch_size)
    info = {"store": store.url, "read": len(documents), "added": result.added,
            "already_stored": result.already_stored, "new_events": result.new_events,
            "documents_in_store": store.count()}
    return ctx.emit(Report(errors=tuple(problems), sections=(), index=info, events_of=result.events), "index")


@index.command("regroup")
@store_option(required=True)
@common_options
def index_regroup(ctx: Context, store_url):
    """Cluster every stored document again, as 'comparer cluster' would, and store the events.

    Documents added one at a time join events from what was stored before them;
    on busy topics that merges more than clustering the whole archive at once.
    Run this after large adds: each document's event is rewritten in one
    transaction (refused, with nothing changed, if another process adds
    documents meanwhile). An event keeps its id when its earliest member does.
    """
    from comparer.index import open_store, regroup
    from comparer.types import Report

    open_store(store_url, config=ctx.config(), writable=False).close()   # a missing store is an error
    store = _open_store(ctx, store_url)
    with ctx.progress(store.count(), "Regrouping") as bar:
        result = regroup(store, ctx.config(), progress=bar.update)
    info = {"store": store.url, "documents": result.documents, "events_before": result.events_before,
            "events_after": result.events_after, "documents_moved": result.moved,
            "seconds": round(result.seconds, 1)}
    return ctx.emit(Report(sections=(), index=info), "index")


@index.command("stats")
@store_option(required=True)
@common_options
def index_stats(ctx: Context, store_url):
    """Show a store's format version, signature scheme and size."""
    from comparer.types import Report

    store = _open_store(ctx, store_url, writable=False)
    return ctx.emit(Report(sections=(), index=store.stats()), "index")


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@store_option(required=True)
@common_options
def match(ctx: Context, paths, store_url):
    """Say which stored event each document belongs to and which stored documents it copies.

    Nothing is written. Near-duplicates come with their exact Jaccard similarity
    (word shingles of the stored text) and the MinHash estimate that found them;
    a document already stored is its own near-duplicate with score 1. The event
    comes with its members and why the document belongs to it.
    """
    from comparer.index import match as match_documents

    store = _open_store(ctx, store_url, writable=False)
    documents, problems = ctx.read(paths)
    with ctx.progress(len(documents), "Matching") as bar:
        report = match_documents(documents, store, ctx.config(), problems, progress=bar.update)
    return ctx.emit(report, "match")


@cli.command()
@click.argument("discrepancy_id", metavar="ID")
@click.option("--status", type=click.Choice(["confirmed", "dismissed", "needs-check"]), required=True,
              help="The decision.")
@click.option("--note", help="A note for the other editors (kept when omitted on a later change).")
@click.option("--review", "review_path", type=click.Path(dir_okay=False), required=True,
              help="The YAML review file written by 'comparer report --review FILE'.")
@common_options
def review(ctx: Context, discrepancy_id, status, note, review_path):
    """Record a review decision on discrepancy ID in the review file.

    The file is rewritten atomically and keeps every other entry. Decisions
    apply on later runs of 'comparer report --review FILE', since discrepancy
    ids stay the same when documents are re-read, reordered or edited elsewhere.
    """
    from comparer.output import check_writable
    from comparer.review import open_review

    book = open_review(review_path)
    check_writable(review_path)
    decision = book.decide(discrepancy_id, status, note)
    book.save()
    if not ctx.quiet:
        click.echo(f"comparer: {discrepancy_id} is {decision.status} in {review_path}", err=True)
    return OK


class _Signalled(BaseException):
    """SIGINT or SIGTERM arrived: unwind (temporary files are removed on the way) and exit 128 + N."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signalled(signum: int, _frame: object) -> None:
    raise _Signalled(signum)


def main() -> None:
    """The console entry point: exit statuses as shells expect them, also on SIGINT and SIGTERM."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _raise_signalled)
    cli.main(prog_name="comparer")


if __name__ == "__main__":
    main()

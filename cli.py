"""comparer's command line: parse flags, call the library, render, map errors to exit codes.

Exit status follows GNU diff: 0 nothing found, 1 discrepancies found, 2 trouble.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile

import click

FORMATS = ("table", "markdown", "json", "csv", "yaml", "html")


class Context:
    """What every command receives from the shared options."""

    def __init__(self, fmt: str, output: str | None, config_path: str | None, quiet: bool,
                 debug: bool) -> None:
        self.fmt = fmt
        self.output = output
        self.config_path = config_path
        self.quiet = quiet
        self.debug = debug

    def config(self):
        from comparer.config import load_config

        return load_config(self.config_path)

    def read(self, paths: tuple[str, ...]):
        """Read inputs, reporting each unreadable one on stderr; the rest go on."""
        from comparer.ingest import read_inputs

        documents, problems = read_inputs(paths)
        for problem in problems:
            click.echo(f"comparer: {problem}", err=True)
        return documents, problems

    def progress(self, length: int, label: str):
        """A progress bar on stderr for long runs (hidden with --quiet or for small inputs)."""
        show = not self.quiet and length >= 200
        bar = click.progressbar(length=length, label=label, file=sys.stderr if show else open(os.devnull, "w"),
                                show_pos=True, show_eta=True)
        return bar

    def emit(self, report, view: str) -> None:
        """Render and write the report (atomically when -o is given); exit with its status."""
        from comparer.render import render

        text = render(report, self.fmt, view)
        if self.output:
            write_atomically(self.output, text)
            if not self.quiet:
                click.echo(f"comparer: wrote {self.output}", err=True)
        else:
            click.echo(text, nl=not text.endswith("\n"))
        sys.exit(report.exit_code)


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".comparer-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def common_options(command):
    """The options every command shares: --format, -o, --config, --quiet, --debug."""

    @click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                  help="Output format.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
                  help="Write the output to FILE (atomically) instead of stdout.")
    @click.option("--config", "config_path", type=click.Path(dir_okay=False),
                  help="YAML file with settings and extra aliases (see README).")
    @click.option("-q", "--quiet", is_flag=True, help="No progress bar or notes on stderr.")
    @click.option("--debug", is_flag=True, help="Show a traceback on errors.")
    @functools.wraps(command)
    def wrapper(fmt, output, config_path, quiet, debug, **kwargs):
        ctx = Context(fmt, output, config_path, quiet, debug)
        from comparer.errors import ComparerError

        try:
            return command(ctx, **kwargs)
        except ComparerError as exc:
            if debug:
                raise
            raise click.ClickException(str(exc)) from None

    return wrapper


class _Group(click.Group):
    """A group whose errors exit with status 2, as GNU diff's 'trouble'."""

    def main(self, *args, **kwargs):
        click.ClickException.exit_code = 2
        return super().main(*args, **kwargs)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="comparer", message="comparer %(version)s")
def cli():
    """Compare news accounts of the same event: find copies, align claims, flag discrepancies.

    PATH arguments are files, directories (read recursively: .txt .md .html .json .jsonl)
    or - for stdin. Exit status: 0 nothing found, 1 discrepancies found, 2 trouble.
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

    config = ctx.config()
    documents, problems = ctx.read(paths)
    with ctx.progress(len(documents), "Reading claims") as bar:
        report = claims_report(documents, config, problems, progress=bar.update)
    ctx.emit(report, "claims")


if __name__ == "__main__":
    cli()

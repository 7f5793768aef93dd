"""The ``hqdata`` command line."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from connectors.errors import HqdataError

app = typer.Typer(
    help="Build, publish, pull and query Chinese-first, per-domain training datasets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home", help="hqdata home (catalog and releases); default $HQDATA_HOME or ./.hqdata"
    ),
]

# Options of the commands that read any supported input (inspect, dedup).
TextFieldOption = Annotated[str, typer.Option(help="text field of JSON/CSV/Parquet records")]
IdFieldOption = Annotated[str | None, typer.Option(help="id field of records")]
FormatOption = Annotated[str, typer.Option(help="input format (default: by extension)")]


def _fail(exc: HqdataError) -> NoReturn:
    err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
    raise typer.Exit(code=2)


class RichReporter:
    """Progress bars per stage, drawn on stderr so stdout stays parseable."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self.tasks: dict[str, Any] = {}

    def stage(self, name: str, total: int) -> None:
        if name not in self.tasks:
            self.tasks[name] = self.progress.add_task(name, total=total)
        else:
            self.progress.update(self.tasks[name], total=total)

    def grow(self, name: str, n: int) -> None:
        task_id = self.tasks.get(name)
        if task_id is None:
            self.stage(name, n)
            return
        current = self.progress.tasks[task_id].total or 0
        self.progress.update(task_id, total=current + n)

    def advance(self, name: str, n: int = 1) -> None:
        if name in self.tasks:
            self.progress.advance(self.tasks[name], n)

    def message(self, text: str) -> None:
        self.progress.console.print(text, highlight=False)


@app.command()
def run(
    recipe: Annotated[Path, typer.Argument(help="recipe YAML file")],
    home: HomeOption = None,
    version: Annotated[str | None, typer.Option(help="publish as this version")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="show Prefect logs")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bars")] = False,
) -> None:
    """Run a recipe: ingest, clean, score, deduplicate and publish the next version."""
    from catalogs import Catalog
    from pipelines import prefect_env

    home_path = Catalog(home).home
    prefect_env.configure(home_path, verbose=verbose)
    from pipelines.flow import run_recipe
    from pipelines.progress import set_reporter
    from pipelines.recipe import load_recipe

    if not verbose:
        # Failures are reported once, below; Prefect would print each with a traceback.
        for name in ("prefect.flow_runs", "prefect.task_runs"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        load_recipe(recipe)  # fail fast on a bad recipe, before Prefect starts
        err.print(f"running {recipe} (starting Prefect) ...", highlight=False)
        reporter = RichReporter(err)
        set_reporter(None if quiet else reporter)
        if quiet:
            summary = run_recipe(recipe, home=home_path, version=version)
        else:
            with reporter.progress:
                summary = run_recipe(recipe, home=home_path, version=version)
    except HqdataError as exc:
        _fail(exc)
    except Exception as exc:
        if verbose:
            raise
        err.print(
            f"error: {type(exc).__name__}: {exc} (run with --verbose for the traceback)",
            highlight=False,
            markup=False,
        )
        raise typer.Exit(code=1) from exc
    finally:
        set_reporter(None)
    _print_summary(summary, home_path)
    if summary.get("remote_error"):
        err.print(
            f"error: the release is published here but its copy failed: "
            f"{summary['remote_error']}. Retry with: hqdata push {summary['name']}@"
            f"{summary['version']} --to <the recipe's publish.remote>",
            highlight=False,
            markup=False,
        )
        raise typer.Exit(code=1)


def _print_summary(summary: dict[str, Any], home: Path) -> None:
    name = summary["name"]
    if summary.get("version") is None:
        if summary.get("stats"):  # partitions were read again, but nothing new survived
            ing = summary["stats"]["ingest"]
            out.print(
                f"Nothing new for [bold]{name}[/]: {ing['partitions']} source partitions read "
                f"again ({ing['documents_read']} documents, {ing['quarantined']} quarantined), "
                f"no new or changed document since {summary['base_version']}; "
                f"{summary['unchanged_partitions']} partitions unchanged. No version published."
            )
            return
        out.print(
            f"Nothing new for [bold]{name}[/]: {summary['unchanged_partitions']} source "
            f"partitions unchanged since {summary['base_version']}."
        )
        return
    stats = summary["stats"]
    ing, qual, ded = stats["ingest"], stats["quality"], stats["dedup"]
    table = Table(title=f"{name} {summary['version']}", show_header=True, header_style="bold")
    table.add_column("stage")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row(
        "ingest",
        f"partitions read ({summary['unchanged_partitions']} unchanged skipped)",
        str(ing["partitions"]),
    )
    table.add_row("ingest", "documents read", str(ing["documents_read"]))
    for key, value in sorted(ing.items()):
        if key.startswith("quarantined:"):
            table.add_row("ingest", f"quarantined: {key.split(':', 1)[1]}", str(value))
    for key, value in sorted(stats.get("clean", {}).items()):
        table.add_row("clean", key.replace("repaired:", "repaired: "), str(value))
    for key, value in sorted(stats.get("pii", {}).items()):
        table.add_row("pii", key.replace("found:", "found: "), str(value))
    for key, value in sorted(qual.items()):
        if key.startswith("rejected:"):
            table.add_row("quality", f"rejected: {key.split(':', 1)[1]}", str(value))
        elif key.startswith("annotated:"):
            table.add_row(
                "quality", f"would reject (annotate-only): {key.split(':', 1)[1]}", str(value)
            )
    table.add_row("quality", "kept", str(qual["kept"]))
    table.add_row("dedup", "exact duplicates removed", str(ded["exact_duplicates"]))
    near = "near duplicates removed"
    if summary.get("dedup"):
        d = summary["dedup"]
        near += f" (Jaccard >= {d['threshold']}, {d['bands']} bands x {d['rows']} rows)"
    table.add_row("dedup", near, str(ded["near_duplicates"]))
    if ded.get("already_published"):
        table.add_row("dedup", "already published", str(ded["already_published"]))
    if ded.get("replaced"):
        table.add_row("dedup", "replaced (changed since published)", str(ded["replaced"]))
    if ded.get("removed"):
        table.add_row("dedup", "removed (gone at the source)", str(ded["removed"]))
    if ded.get("reindexed_versions"):
        table.add_row(
            "dedup",
            "earlier versions re-indexed under the current MinHash scheme",
            str(ded["reindexed_versions"]),
        )
    table.add_row("publish", "documents added", str(summary["num_added"]))
    table.add_row("publish", "documents in release", str(summary["num_documents"]))
    out.print(table)
    if summary.get("resumed_shards"):
        out.print(
            f"Resumed an interrupted run: {summary['resumed_shards']} finished shards reused."
        )
    ref = f"{name}@{summary['version']}"
    home_flag = f" --home {home}" if home != Path(".hqdata").resolve() else ""
    out.print(f"Published [bold]{ref}[/] at {summary['release']}", highlight=False)
    if summary.get("remote"):
        out.print(f"Copied to {summary['remote']}", highlight=False)
    out.print("Next:", highlight=False)
    out.print(
        f'  hqdata sql{home_flag} "SELECT language, script, domain, count(*) FROM documents '
        f"WHERE dataset = '{name}' AND version = '{summary['version']}' GROUP BY ALL\"",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    out.print(
        f'  hqdata sql{home_flag} "SELECT stage, reason, records FROM reject_reasons '
        f"WHERE dataset = '{name}'\"",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    out.print(
        f"  hqdata pull{home_flag} {ref} --to ./{name}-{summary['version']}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


@app.command()
def demo(
    update: Annotated[
        bool, typer.Option("--update", help="add the demo's second batch of files, then run")
    ] = False,
    workdir: Annotated[
        Path, typer.Option(help="where the demo's recipe and corpus are copied")
    ] = Path("hqdata-demo"),
    home: HomeOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bars")] = False,
) -> None:
    """Build the demo dataset from the bundled corpus (then --update for the next version)."""
    from pipelines.demo import prepare

    try:
        recipe = prepare(workdir, update=update)
    except HqdataError as exc:
        _fail(exc)
    run(recipe, home=home, version=None, verbose=False, quiet=quiet)


@app.command()
def serve(
    recipe: Annotated[Path, typer.Argument(help="recipe YAML file")],
    cron: Annotated[str, typer.Option(help="cron schedule, e.g. '0 2 * * *'")],
    timezone: Annotated[str, typer.Option(help="time zone of the schedule")] = "Asia/Shanghai",
    home: HomeOption = None,
) -> None:
    """Serve a recipe's flow on a cron schedule (needs a Prefect server: PREFECT_API_URL)."""
    import os

    from catalogs import Catalog
    from pipelines import prefect_env
    from pipelines.recipe import load_recipe

    try:
        r = load_recipe(recipe)
    except HqdataError as exc:
        _fail(exc)
    if not os.environ.get("PREFECT_API_URL"):
        err.print(
            "error: schedules need a Prefect server. Start one with "
            "'prefect server start --host 127.0.0.1' and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api",
            highlight=False,
        )
        raise typer.Exit(code=2)
    home_path = Catalog(home).home
    prefect_env.configure(home_path)
    from prefect.schedules import Cron

    from pipelines.flow import build_dataset, task_runner_for

    try:
        flow_fn = build_dataset.with_options(task_runner=task_runner_for(r))
    except HqdataError as exc:
        _fail(exc)
    err.print(f"serving {r.name} on '{cron}' ({timezone}); Ctrl-C stops", highlight=False)
    flow_fn.serve(
        name=r.name,
        schedule=Cron(cron, timezone=timezone),
        parameters={"recipe_path": str(recipe.resolve()), "home": str(home_path)},
    )


T = TypeVar("T")


def _counting_documents(label: str, work: Callable[[Callable[[], None]], T]) -> T:
    """Run ``work(tick)`` under a documents-read counter on stderr; errors exit with code 2."""
    progress = Progress(
        TextColumn(label),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    try:
        with progress:
            task_id = progress.add_task(label, total=None)
            return work(lambda: progress.advance(task_id))
    except HqdataError as exc:
        _fail(exc)
    except ValueError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(code=2) from exc


@app.command()
def inspect(
    path: Annotated[Path, typer.Argument(help="a file, folder or glob of supported input")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Parquet to write (default: NAME.inspect.parquet)"),
    ] = None,
    profile: Annotated[str, typer.Option(help="quality profile whose rules are applied")] = "web",
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = None,
    format: FormatOption = "auto",
) -> None:
    """Annotate any input without dropping anything: every signal to Parquet, plus a summary
    of what the profile would reject and why."""
    from pipelines.inspect import inspect_path

    out_path = output or Path(f"{path.stem or 'input'}.inspect.parquet")
    options = {"text_field": text_field, "id_field": id_field, "format": format}
    summary = _counting_documents(
        "inspect",
        lambda tick: inspect_path(
            path, out_path, profile=profile, source_options=options, on_document=tick
        ),
    )
    n = summary.documents
    out.print(
        f"{n} documents annotated, {sum(summary.quarantined.values())} quarantined "
        f"records -> {summary.output}",
        highlight=False,
    )
    langs = ", ".join(f"{k} {v}" for k, v in summary.languages.most_common())
    scripts = ", ".join(f"{k} {v}" for k, v in summary.scripts.most_common())
    out.print(f"languages: {langs or '-'}; scripts: {scripts or '-'}", highlight=False)
    if summary.domains:
        out.print(
            "top domain: " + ", ".join(f"{k} {v}" for k, v in summary.domains.most_common()),
            highlight=False,
        )
    if summary.pii:
        out.print(
            "PII found: " + ", ".join(f"{k} {v}" for k, v in summary.pii.most_common()),
            highlight=False,
        )
    q = summary.score_quantiles()
    if q:
        out.print(
            "quality score: " + ", ".join(f"{k} {v:.2f}" for k, v in q.items()), highlight=False
        )
    out.print(
        f"profile '{profile}' would reject {summary.rejected_documents} of {n}:", highlight=False
    )
    table = Table(header_style="bold")
    table.add_column("rule")
    table.add_column("documents", justify="right")
    table.add_column("share", justify="right")
    for reason, count in summary.would_reject.most_common():
        table.add_row(reason, str(count), f"{count / max(n, 1):.1%}")
    for reason, count in summary.quarantined.most_common():
        table.add_row(f"quarantined: {reason}", str(count), "")
    out.print(table)


@app.command()
def dedup(
    path: Annotated[
        Path | None, typer.Argument(help="a file, folder or glob of supported input")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Parquet to write (default: NAME.dedup.parquet)"),
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="estimated Jaccard similarity at which documents match")
    ] = 0.8,
    num_perm: Annotated[int, typer.Option(help="MinHash signature length")] = 128,
    ngram: Annotated[int, typer.Option(help="tokens per shingle")] = 5,
    bands: Annotated[int | None, typer.Option(help="LSH bands (default: by threshold)")] = None,
    rows: Annotated[int | None, typer.Option(help="rows per band (default: by threshold)")] = None,
    profile: Annotated[
        str, typer.Option(help="quality profile scoring which copy of a cluster is kept")
    ] = "web",
    memory_limit: Annotated[str, typer.Option(help="DuckDB memory limit of the join")] = "2GB",
    verify: Annotated[
        str, typer.Option(help="check LSH candidates by estimated or exact Jaccard, or off")
    ] = "estimated",
    explain: Annotated[
        bool, typer.Option("--explain", help="print the LSH settings and S-curve, then stop")
    ] = False,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = None,
    format: FormatOption = "auto",
) -> None:
    """Exact and near duplicates of any input: one row per document (id, cluster, keep,
    kind, similarity)."""
    from quality.dedup import MinHashParams
    from quality.dedup import explain as explain_params

    try:
        params = MinHashParams(
            num_perm=num_perm, ngram=ngram, threshold=threshold, bands=bands, rows=rows
        ).resolved()
    except ValueError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(code=2) from exc
    if explain:
        out.print(explain_params(params), highlight=False)
        return
    if path is None:
        err.print("error: give an input path (or --explain)", highlight=False, markup=False)
        raise typer.Exit(code=2)
    checks: dict[str, Any] = {"estimated": "estimated", "exact": "exact", "off": False}
    if verify not in checks:
        err.print(f"error: --verify must be estimated, exact or off, got {verify!r}",
                  highlight=False, markup=False)  # fmt: skip
        raise typer.Exit(code=2)
    from pipelines.dedup_file import dedup_path

    out_path = output or Path(f"{path.stem or 'input'}.dedup.parquet")
    options = {"text_field": text_field, "id_field": id_field, "format": format}
    summary = _counting_documents(
        "read + sign",
        lambda tick: dedup_path(
            path,
            out_path,
            params,
            profile=profile,
            memory_limit=memory_limit,
            source_options=options,
            on_document=tick,
            verify=checks[verify],
        ),
    )
    out.print(
        f"{summary.documents} documents: {summary.kept} kept, {summary.exact} exact and "
        f"{summary.near} near duplicates in {summary.clusters} clusters -> {summary.output}",
        highlight=False,
    )
    if summary.quarantined:
        reasons = ", ".join(f"{k} {v}" for k, v in summary.quarantined.most_common())
        out.print(f"quarantined records: {reasons} -> {summary.quarantine_file}", highlight=False)


@app.command("train-domains")
def train_domains(
    files: Annotated[list[Path], typer.Argument(help="labelled JSONL: text and domains fields")],
    output: Annotated[Path, typer.Option("--output", "-o", help="model folder to write")],
    text_field: Annotated[str, typer.Option(help="field with the text")] = "text",
    label_field: Annotated[str, typer.Option(help="field with a list of labels")] = "domains",
    eval_file: Annotated[
        Path | None, typer.Option("--eval", help="held-out labelled JSONL to score the model on")
    ] = None,
) -> None:
    """Train a vertical-domain classifier on your own labelled examples; use it in a recipe
    with `domains: {mode: model, model: FOLDER}`."""
    from quality.domains import evaluate, read_labelled_jsonl, train_from_files

    try:
        classifier = train_from_files(files, text_field=text_field, label_field=label_field)
        saved = classifier.save(output)
        out.print(
            f"trained on {len(files)} file(s), labels: {', '.join(classifier.labels)}; "
            f"saved to {saved}",
            highlight=False,
        )
        if eval_file is not None:
            texts, labels = read_labelled_jsonl(
                eval_file, text_field=text_field, label_field=label_field
            )
            report = evaluate(classifier, texts, labels)
            out.print(
                json.dumps(report, ensure_ascii=False, indent=1, default=str),
                highlight=False,
                markup=False,
            )
    except HqdataError as exc:
        _fail(exc)


@app.command()
def validate(recipe: Annotated[Path, typer.Argument(help="recipe YAML file")]) -> None:
    """Check a recipe without running it."""
    from pipelines.recipe import load_recipe

    try:
        r = load_recipe(recipe)
    except HqdataError as exc:
        _fail(exc)
    params = r.dedup.params()
    out.print(
        f"{recipe}: ok - dataset {r.name}, {len(r.sources)} source(s), dedup at "
        f"{params.threshold} with {params.bands} bands x {params.rows} rows",
        highlight=False,
    )


StorageOptions = Annotated[
    str | None,
    typer.Option(
        "--storage-options",
        help='fsspec options as JSON, e.g. \'{"client_kwargs": {"endpoint_url": "http://..."}}\'',
    ),
]


def _storage_options(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise typer.BadParameter(f"not JSON: {exc}", param_hint="--storage-options") from exc
    if not isinstance(value, dict):
        raise typer.BadParameter("must be a JSON object", param_hint="--storage-options")
    return value


@app.command()
def pull(
    ref: Annotated[
        str,
        typer.Argument(
            help="NAME or NAME@VERSION (default: latest), or the URL of a release copy "
            "(s3://bucket/datasets/NAME/VERSION)"
        ),
    ],
    to: Annotated[Path, typer.Option("--to", help="folder to copy the release into")],
    home: HomeOption = None,
    storage_options: StorageOptions = None,
) -> None:
    """Copy a release to a folder and verify every file's sha256."""
    from catalogs import pull as pull_release
    from catalogs import verify_release

    options = _storage_options(storage_options)
    try:
        dest = pull_release(ref, to, home=home, storage_options=options)
        manifest = verify_release(dest)
    except HqdataError as exc:
        _fail(exc)
    out.print(
        f"Pulled {manifest['name']}@{manifest['version']}: {manifest['num_documents']} documents "
        f"in {len(manifest['files'])} files to {dest}, checksums verified.",
        highlight=False,
    )


@app.command()
def push(
    ref: Annotated[str, typer.Argument(help="NAME or NAME@VERSION (default: latest)")],
    to: Annotated[
        str, typer.Option("--to", help="object-storage prefix, e.g. s3://bucket/datasets")
    ],
    home: HomeOption = None,
    storage_options: StorageOptions = None,
) -> None:
    """Copy a published release to object storage (at PREFIX/NAME/VERSION/) and record it."""
    from catalogs import push as push_release

    try:
        copy = push_release(ref, to, home=home, storage_options=_storage_options(storage_options))
    except HqdataError as exc:
        _fail(exc)
    out.print(
        f"Copied {ref} to {copy.location}: {copy.num_files} files, {copy.num_bytes} bytes "
        "(listed in the catalog's release_copies).",
        highlight=False,
    )


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL over the catalog (read-only)")],
    home: HomeOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    max_rows: Annotated[int, typer.Option(help="rows shown in table format")] = 100,
) -> None:
    """Query the catalog with DuckDB SQL (tables: datasets, versions, files, documents,
    rejects, run_stats, lineage, source_cursors, superseded, release_copies; views:
    latest_versions, version_changes, composition, quality_histogram, reject_reasons,
    release_documents)."""
    from catalogs import Catalog

    try:
        columns, rows = Catalog(home).sql(query)
    except HqdataError as exc:
        _fail(exc)
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == "json":
        for row in rows:
            print(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, default=str))
    else:
        table = Table(show_header=True, header_style="bold")
        for c in columns:
            table.add_column(c)
        for row in rows[:max_rows]:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)
        if len(rows) > max_rows:
            out.print(f"({len(rows)} rows, {max_rows} shown; use --max-rows or --format csv)")


@app.command()
def connectors() -> None:
    """Source types a recipe can use, with their options."""
    import inspect as pyinspect

    from connectors.registry import SOURCE_TYPES

    table = Table(header_style="bold")
    table.add_column("type")
    table.add_column("what it reads")
    table.add_column("options (default)")
    for kind, cls in sorted(SOURCE_TYPES.items()):
        params = list(pyinspect.signature(cls).parameters.values())[1:]  # after the name
        options = ", ".join(
            p.name if p.default is pyinspect.Parameter.empty else f"{p.name} ({p.default!r})"
            for p in params
            if p.name != "base_dir"
        )
        summary = (cls.__doc__ or "").strip().splitlines()[0].replace("``", "")
        table.add_row(kind, summary, options)
    out.print(table)


@app.command("list")
def list_datasets(home: HomeOption = None) -> None:
    """Datasets and their published versions."""
    sql(
        "SELECT dataset, version, num_documents, num_added, "
        "strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at FROM versions "
        "ORDER BY dataset, major, minor, patch",
        home=home,
    )


if __name__ == "__main__":
    app()

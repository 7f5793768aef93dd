"""The Prefect flow that builds one dataset version from a recipe.

Tasks take shard references and return small manifests (paths and counts); documents never
travel through Prefect. CPU-heavy tasks hand their work to :mod:`pipelines.parallel`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from pipelines import prefect_env

prefect_env.configure()  # before Prefect is imported: its settings are read at import time

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from catalogs import Catalog, ReleaseRequest, publish_release  # noqa: E402
from connectors.errors import RecipeError  # noqa: E402
from pipelines import parallel, stages  # noqa: E402
from pipelines.progress import reporter  # noqa: E402
from pipelines.recipe import Recipe, load_recipe  # noqa: E402
from quality.dedup import band_groups  # noqa: E402


def code_version() -> str:
    try:
        return f"hqdata {package_version('hqdata')}"
    except PackageNotFoundError:
        return "hqdata (source tree)"


@task(name="ingest", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1)
def ingest_task(recipe: Recipe, planned: stages.PlannedPartition, work_dir: Path) -> dict[str, Any]:
    result = parallel.run(stages.ingest_partition, recipe, planned, work_dir)
    reporter().advance("ingest")
    return result


@task(name="process", cache_policy=NO_CACHE)
def process_task(recipe: Recipe, shard: str, work_dir: Path) -> dict[str, Any]:
    result = parallel.run(stages.process_shard, recipe, shard, work_dir)
    reporter().advance("process")
    return result


@task(name="dedup", cache_policy=NO_CACHE)
def dedup_task(
    recipe: Recipe,
    home: Path,
    plan: stages.RunPlan,
    signature_files: list[str],
    prior: tuple[list[str], list[str]] | None = None,
    candidate_files: list[str] | None = None,
) -> dict[str, Any]:
    return stages.dedup_stage(
        recipe, Catalog(home), plan, signature_files, prior=prior, candidate_files=candidate_files
    )


@task(name="line-census", cache_policy=NO_CACHE)
def line_census_task(
    recipe: Recipe, home: Path, plan: stages.RunPlan, ingests: list[dict[str, Any]]
) -> dict[str, Any]:
    return stages.line_census_stage(recipe, Catalog(home), plan, ingests)


@task(name="prior-index", cache_policy=NO_CACHE)
def prior_task(recipe: Recipe, home: Path) -> tuple[list[str], list[str]]:
    return stages.prior_index_files(Catalog(home), recipe.name, recipe.dedup.params())


@task(name="published", cache_policy=NO_CACHE)
def published_task(home: Path, plan: stages.RunPlan) -> dict[str, Any]:
    return stages.published_stage(Catalog(home), plan)


@task(name="bands", cache_policy=NO_CACHE)
def band_task(
    recipe: Recipe,
    plan: stages.RunPlan,
    signature_files: list[str],
    prior_files: list[str],
    bands: list[int],
    index: int,
    exclude_prior: str | None = None,
) -> str:
    return stages.band_stage(
        recipe, plan, signature_files, prior_files, bands, index, exclude_prior
    )


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(
    recipe: Recipe,
    home: Path,
    plan: stages.RunPlan,
    ingests: list[dict[str, Any]],
    processed: list[dict[str, Any]],
    dedup: dict[str, Any],
) -> dict[str, Any]:
    final = stages.finalize(plan, ingests, processed, dedup)
    if plan.base_version is not None and not (final.documents or final.replaced or final.removed):
        # Sources were read again (a site re-checked, a file touched) but nothing new or
        # changed survived: another version would repeat the last one.
        return {"published": False, "stats": final.stats}
    line_census = plan.work_dir / "lines" / "census.parquet"
    published_in = final.published_per_partition
    lineage = [
        {
            "source": i["source"],
            "source_type": i["source_type"],
            "partition_uri": i["uri"],
            "fingerprint": _short(i["fingerprint"]),
            "documents_read": i["documents"],
            "quarantined": i["quarantined"],
            "documents_published": published_in.get(i["partition"], 0),
        }
        for i in ingests
    ]
    cursors = [
        {
            "source": i["source"],
            "partition_key": i["partition_key"],
            "fingerprint": i["fingerprint"],
        }
        for i in ingests
    ]
    release = publish_release(
        Catalog(home),
        ReleaseRequest(
            name=recipe.name,
            version=plan.version,
            previous_version=plan.base_version,
            new_documents=final.documents,
            rejects=final.rejects,
            signatures=final.signatures,
            line_census=line_census if line_census.exists() else None,
            description=recipe.description,
            domain=recipe.domain,
            license=recipe.license,
            recipe_yaml=recipe.source_text,
            code_version=code_version(),
            run_key=plan.run_key,
            minhash_scheme=recipe.dedup.params().scheme() if recipe.dedup.enabled else None,
            run_stats=final.stats,
            lineage=lineage,
            cursors=cursors,
            max_rows_per_file=recipe.publish.max_rows_per_file,
            replaces=final.replaced,
            removes=final.removed,
            remote=recipe.publish.remote,
            storage_options=recipe.publish.storage_options,
        ),
    )
    return {
        "path": str(release.path),
        "num_documents": release.num_documents,
        "num_added": release.num_added,
        "num_replaced": release.num_replaced,
        "num_removed": release.num_removed,
        "remote": release.remote.location if release.remote else None,
        "remote_error": release.remote_error,
        "stats": final.stats,
    }


def _short(fingerprint: str) -> str:
    """A fingerprint for the lineage table: a crawl's cursor (every page's validators) can
    run to megabytes; the lineage only needs to tell states apart."""
    if len(fingerprint) <= 256:
        return fingerprint
    return "sha256:" + hashlib.sha256(fingerprint.encode()).hexdigest()


@flow(name="hqdata-build", log_prints=False)
def build_dataset(
    recipe_path: str, home: str | None = None, version: str | None = None
) -> dict[str, Any]:
    """Build and publish the next version of the dataset a recipe describes."""
    recipe = load_recipe(recipe_path)
    catalog = Catalog(home)
    plan = stages.plan_run(recipe, catalog, version)
    summary: dict[str, Any] = {
        "name": recipe.name,
        "base_version": plan.base_version,
        "version": None,
        "partitions": len(plan.partitions),
        "unchanged_partitions": plan.unchanged,
        "skipped_files": plan.skipped_files,
        "resumed": plan.is_resumed,
    }
    if recipe.dedup.enabled:
        params = recipe.dedup.params()
        summary["dedup"] = {
            "threshold": params.threshold,
            "bands": params.bands,
            "rows": params.rows,
        }
    if not plan.partitions:
        reporter().message(
            f"nothing new for {recipe.name}: every source partition is already in "
            f"{plan.base_version or 'a release'}"
        )
        return summary
    stages.save_plan(plan)
    distributed = recipe.run.executor == "ray"
    # On Ray the cluster runs the tasks in its own processes: no local pool under them.
    parallel.start(1 if distributed else recipe.run.workers)
    try:
        ingests, processed = _ingest_and_process(recipe, catalog.home, plan)
        signature_files = [p["signatures"] for p in processed if p.get("signatures")]
        reporter().stage("dedup", 1)
        if distributed and recipe.dedup.enabled and signature_files:
            dedup = _distributed_dedup(recipe, catalog.home, plan, signature_files)
        else:
            dedup = dedup_task(recipe, catalog.home, plan, signature_files)
        reporter().advance("dedup")
        reporter().stage("publish", 1)
        published = publish_task(recipe, catalog.home, plan, ingests, processed, dedup)
        reporter().advance("publish")
    finally:
        parallel.stop()
    # The run is published, or found nothing to publish: its resumable state (and any stale
    # run of this dataset) is obsolete, and the next run must read its sources again.
    shutil.rmtree(plan.work_dir.parent, ignore_errors=True)
    if not published.get("published", True):
        reporter().message(f"nothing new for {recipe.name}: no new or changed documents")
        summary.update(stats=published["stats"])
        return summary
    summary.update(
        version=plan.version,
        release=published["path"],
        num_documents=published["num_documents"],
        num_added=published["num_added"],
        num_replaced=published["num_replaced"],
        num_removed=published["num_removed"],
        remote=published["remote"],
        remote_error=published["remote_error"],
        stats=published["stats"],
        resumed_shards=sum(1 for x in ingests + processed if x.get("skipped")),
    )
    return summary


def _ingest_and_process(
    recipe: Recipe, home: Path, plan: stages.RunPlan
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Ingest partitions in parallel; each shard is processed as soon as it is written."""
    rep = reporter()
    rep.stage("ingest", len(plan.partitions))
    rep.stage("process", 0)
    ingest_futures = [
        ingest_task.with_options(task_run_name=f"ingest-{p.slug}").submit(recipe, p, plan.work_dir)
        for p in plan.partitions
    ]
    process_futures = []
    ingests: list[dict[str, Any]] = []

    def submit_processing(manifest: dict[str, Any]) -> None:
        rep.grow("process", len(manifest["shards"]))
        for shard in manifest["shards"]:
            process_futures.append(
                process_task.with_options(task_run_name=f"process-{Path(shard).stem}").submit(
                    recipe, shard, plan.work_dir
                )
            )

    # Removing lines repeated across a source needs every partition counted first; otherwise
    # each shard is processed as soon as it is written.
    census = recipe.dedup.repeated_lines.enabled
    for fut in as_completed(ingest_futures):
        manifest = fut.result()
        ingests.append(manifest)
        if not census:
            submit_processing(manifest)
    if census:
        line_census_task(recipe, home, plan, ingests)
        for manifest in sorted(ingests, key=lambda m: m["partition"]):
            submit_processing(manifest)
    processed = [f.result() for f in process_futures]
    # Deterministic order, whatever order the tasks finished in.
    ingests.sort(key=lambda m: m["partition"])
    processed.sort(key=lambda m: m["shard"])
    return ingests, processed


def _distributed_dedup(
    recipe: Recipe, home: Path, plan: stages.RunPlan, signature_files: list[str]
) -> dict[str, Any]:
    """The band join as one task per group of bands, then clustering on their union.

    Every task numbers the same signature and prior files in the same order and leaves out
    the same replaced prior texts, so the union of their pairs is the pairs of the single
    join and the clusters are identical.
    """
    prior = prior_task(recipe, home)
    exclude_prior = published_task(home, plan)["exclude_prior"]
    groups = band_groups(recipe.dedup.params().bands or 1, recipe.run.band_groups)
    futures = [
        band_task.with_options(task_run_name=f"bands-{i}").submit(
            recipe, plan, signature_files, prior[0], bands, i, exclude_prior
        )
        for i, bands in enumerate(groups)
    ]
    candidate_files = [f.result() for f in futures]
    return dedup_task(recipe, home, plan, signature_files, prior, candidate_files)


def task_runner_for(recipe: Recipe) -> Any:
    """Threads on this machine, or a Ray cluster when the recipe's run.executor is ray."""
    workers = recipe.run.workers or parallel.default_workers()
    if recipe.run.executor != "ray":
        return ThreadPoolTaskRunner(max_workers=workers)
    try:
        from prefect_ray import RayTaskRunner
    except ImportError as exc:
        raise RecipeError(
            "run.executor is ray but prefect-ray is not installed: pip install 'hqdata[ray]'",
            dataset=recipe.name,
        ) from exc
    # Tasks on Ray workers report to the same Prefect API as this process when one is set.
    env = {k: v for k, v in os.environ.items() if k.startswith(("PREFECT_", "HQDATA_"))}
    init: dict[str, Any] = {"runtime_env": {"env_vars": env}}
    if recipe.run.ray_address is None:  # a Ray instance on this machine, for this run
        init |= {
            "num_cpus": workers,
            "include_dashboard": False,
            "log_to_driver": False,
            # tasks pass small manifests, never documents: the object store can stay small
            "object_store_memory": 256 * 1024 * 1024,
        }
    return RayTaskRunner(address=recipe.run.ray_address, init_kwargs=init)


def run_recipe(
    recipe_path: str | Path, *, home: str | Path | None = None, version: str | None = None
) -> dict[str, Any]:
    """Python API: run the build flow for a recipe and return its summary."""
    home_path = Catalog(home).home
    recipe = load_recipe(recipe_path)
    flow_fn = build_dataset.with_options(task_runner=task_runner_for(recipe))
    return flow_fn(str(recipe_path), str(home_path), version)

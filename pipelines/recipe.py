"""Recipes: one YAML file per dataset, validated by pydantic.

Errors name the recipe file, the field and the line it is on, e.g.
``recipe.yaml:14: dedup.threshold: Input should be less than or equal to 1``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from catalogs.names import validate_name, validate_version
from connectors.errors import InvalidNameError, RecipeError
from quality import CleanOptions, QualityConfig
from quality.dedup import MinHashParams
from quality.pii import PII_KINDS
from quality.profiles import PROFILES, apply_profile


def _checked(check: Callable[[str], str]) -> AfterValidator:
    """Run a catalogs name check inside pydantic, so errors carry the recipe field and line."""

    def validate(value: str) -> str:
        try:
            return check(value)
        except InvalidNameError as exc:
            raise ValueError(exc.message) from exc

    return AfterValidator(validate)


DatasetName = Annotated[str, _checked(validate_name)]
SemVer = Annotated[str, _checked(validate_version)]


def _known_profile(name: str) -> str:
    if name not in PROFILES:
        raise ValueError(f"unknown quality profile {name!r}; known: {', '.join(sorted(PROFILES))}")
    return name


ProfileName = Annotated[str, AfterValidator(_known_profile)]


class SourceSpec(BaseModel):
    """One source. ``type`` picks the connector; the other keys are its options."""

    model_config = ConfigDict(extra="allow")

    name: DatasetName
    type: str = "files"
    quality_profile: ProfileName | None = None  # thresholds for this source's kind of text

    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class RepeatedLinesConfig(BaseModel):
    """Remove lines repeated across many documents of one source (quality.repeated_lines)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False  # opt in: counting needs every partition read before processing
    min_documents: int = Field(10, ge=2, description="documents that must hold the line")
    min_share: float = Field(0.05, gt=0.0, le=1.0, description="share of the source's documents")


class DedupConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    near: bool = True  # MinHash near-duplicates; exact duplicates are removed whenever enabled
    threshold: float = Field(0.8, gt=0.0, le=1.0)
    num_perm: int = Field(128, ge=16, le=1024)
    ngram: int = Field(5, ge=1, le=32)
    bands: int | None = Field(None, ge=1)
    rows: int | None = Field(None, ge=1)
    seed: int = 1
    # LSH candidates below the threshold are dropped by their estimated Jaccard (true or
    # "estimated"), by their exact Jaccard ("exact": the text of the documents in candidate
    # pairs is read again), or not at all (false)
    verify: bool | Literal["estimated", "exact"] = True
    memory_limit: str = "2GB"
    to_simplified: bool = True  # Traditional and Simplified copies of one text match
    repeated_lines: RepeatedLinesConfig = Field(default_factory=RepeatedLinesConfig)

    def params(self) -> MinHashParams:
        return MinHashParams(
            num_perm=self.num_perm,
            ngram=self.ngram,
            threshold=self.threshold,
            bands=self.bands,
            rows=self.rows,
            seed=self.seed,
            to_simplified=self.to_simplified,
        ).resolved()


class PiiConfig(BaseModel):
    """What to do with personal information found in documents (quality.pii)."""

    model_config = ConfigDict(extra="forbid")

    mode: Literal["off", "annotate", "redact", "drop"] = "annotate"
    kinds: list[str] | None = None  # default: every kind in quality.pii.PII_KINDS
    style: Literal["tag", "mask"] = "tag"  # redaction: <mobile> tags or same-length masks

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, kinds: list[str] | None) -> list[str] | None:
        unknown = sorted(set(kinds or ()) - set(PII_KINDS))
        if unknown:
            raise ValueError(f"unknown PII kinds {unknown}; known: {list(PII_KINDS)}")
        return kinds


class DomainsConfig(BaseModel):
    """Vertical-domain tags per document (quality.domains), recorded in ``signals``."""

    model_config = ConfigDict(extra="forbid")

    mode: Literal["off", "lexicon", "model"] = "lexicon"
    model: Path | None = None  # a classifier directory from `hqdata train-domains`
    top_k: int = Field(3, ge=1)
    min_score: float = Field(0.2, ge=0.0, le=1.0)
    assign: bool = True  # fill `domain` with the top tag where the source sets none

    @model_validator(mode="after")
    def _model_needs_a_path(self) -> DomainsConfig:
        if self.mode == "model" and self.model is None:
            raise ValueError("mode 'model' needs model: the folder written by hqdata train-domains")
        return self


class PublishConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_rows_per_file: int = Field(100_000, ge=1)
    bump: Literal["major", "minor", "patch"] = "minor"
    remote: str | None = Field(
        None, description="object-storage prefix (s3://bucket/datasets) for a copy of each release"
    )
    storage_options: dict[str, Any] = Field(
        default_factory=dict, description="fsspec options for the remote (endpoint, profile)"
    )

    @field_validator("remote")
    @classmethod
    def _remote_is_a_url(cls, value: str | None) -> str | None:
        if value is not None and "://" not in value:
            raise ValueError(f"{value!r} is not a URL such as s3://bucket/datasets")
        return value


class RunConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    workers: int | None = Field(None, ge=1, description="processes for CPU stages; default: cores")
    shard_rows: int = Field(20_000, ge=1, description="documents per work shard")
    # local: Prefect tasks in threads, CPU work in a process pool on this machine.
    # ray: Prefect tasks on a Ray cluster (prefect-ray); the hqdata home must be on storage
    # every Ray node can read and write.
    executor: Literal["local", "ray"] = "local"
    ray_address: str | None = Field(
        None, description="None: start a local Ray; 'auto': this node's cluster; 'ray://host:port'"
    )
    band_groups: int = Field(4, ge=1, description="Ray: LSH band join split into this many tasks")


class Recipe(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: DatasetName
    description: str = ""
    domain: str | None = None
    license: str | None = None
    version: SemVer | None = None  # pin the version to publish; default: 1.0.0, then bump
    sources: list[SourceSpec] = Field(min_length=1)
    clean: CleanOptions = Field(default_factory=CleanOptions)
    quality: QualityConfig = Field(default_factory=QualityConfig)
    quality_profile: ProfileName | None = None  # written as quality.profile in the YAML
    pii: PiiConfig = Field(default_factory=PiiConfig)
    domains: DomainsConfig = Field(default_factory=DomainsConfig)
    dedup: DedupConfig = Field(default_factory=DedupConfig)
    publish: PublishConfig = Field(default_factory=PublishConfig)
    run: RunConfig = Field(default_factory=RunConfig)

    # Not part of the YAML: where relative source paths resolve and the text as written.
    base_dir: Path = Field(default=Path("."), exclude=True)
    source_text: str = Field(default="", exclude=True)

    @field_validator("sources")
    @classmethod
    def _unique_sources(cls, v: list[SourceSpec]) -> list[SourceSpec]:
        names = [s.name for s in v]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"source names must be unique: {', '.join(dupes)}")
        return v

    @model_validator(mode="before")
    @classmethod
    def _lift_profile(cls, data: Any) -> Any:
        # ``quality: {profile: legal, ...}`` reads naturally; QualityConfig itself has no
        # profile field, so the name is lifted next to it before validation.
        if isinstance(data, dict) and isinstance(data.get("quality"), dict):
            quality = dict(data["quality"])
            if "profile" in quality:
                data = {**data, "quality_profile": quality.pop("profile"), "quality": quality}
        return data

    def quality_for(self, source: str) -> QualityConfig:
        """Thresholds for one source: defaults < profile < what the recipe sets explicitly."""
        spec = next((s for s in self.sources if s.name == source), None)
        profile = (spec.quality_profile if spec else None) or self.quality_profile
        return apply_profile(profile, self.quality) if profile else self.quality

    def fingerprint(self) -> str:
        """Hash of everything that shapes the output (not the description or paths)."""
        payload = self.model_dump(mode="json", exclude={"description", "run"})
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def load_recipe(path: str | Path) -> Recipe:
    """Read and validate a recipe; :class:`RecipeError` names file, field and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RecipeError(f"cannot read recipe: {exc.strerror}", file=str(path)) from exc
    return parse_recipe(text, path)


def parse_recipe(text: str, path: Path) -> Recipe:
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise RecipeError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", file=str(path), line=line
        ) from exc
    if not isinstance(data, dict):
        raise RecipeError("a recipe is a YAML mapping with name and sources", file=str(path))
    try:
        recipe = Recipe.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        if loc[:1] == ("quality_profile",):
            loc = ("quality", "profile")
        field = ".".join(str(p) for p in loc) or "(top level)"
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise RecipeError(
            f"{field}: {err['msg']}{suffix}", file=str(path), line=_line_of(root, loc)
        ) from exc
    recipe.base_dir = path.resolve().parent
    if recipe.domains.model is not None and not recipe.domains.model.is_absolute():
        recipe.domains.model = recipe.base_dir / recipe.domains.model
    recipe.source_text = text
    return recipe


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at ``loc`` (or of its nearest existing parent)."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if match is None:
                # An unknown or missing key: point at the key itself when it is present.
                key = next((k for k, _ in node.value if getattr(k, "value", None) == part), None)
                return key.start_mark.line + 1 if key is not None else line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
        else:
            return line
        line = node.start_mark.line + 1
    return line

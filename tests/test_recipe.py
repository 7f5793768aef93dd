"""Recipe validation: clear errors naming the file, field and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors import RecipeError
from pipelines.recipe import load_recipe

GOOD = """\
name: med-zh
license: CC-BY-4.0
sources:
  - name: notes
    type: files
    path: corpus
    id_field: id
quality:
  min_chars: 100
  annotate_only: [max_digit_ratio]
dedup:
  threshold: 0.85
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "recipe.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_recipe_loads_with_defaults(tmp_path: Path) -> None:
    recipe = load_recipe(write(tmp_path, GOOD))
    assert recipe.name == "med-zh"
    assert recipe.sources[0].options() == {"path": "corpus", "id_field": "id"}
    assert recipe.quality.min_chars == 100
    assert recipe.base_dir == tmp_path.resolve()
    params = recipe.dedup.params()
    assert params.bands * params.rows <= params.num_perm
    assert recipe.fingerprint() == load_recipe(write(tmp_path, GOOD)).fingerprint()


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("  threshold: 0.85", "  threshold: 1.5", "dedup.threshold", 12),
        ("  min_chars: 100", "  min_charz: 100", "quality.min_charz", 9),
        ("name: med-zh", "name: ../escape", "name", 1),
        ("  - name: notes", "  - name: 'bad name'", "sources.0.name", 4),
        (
            "dedup:\n  threshold: 0.85\n",
            "dedup:\n  threshold: 0.85\n  color: red\n",
            "dedup.color",
            13,
        ),
    ],
)
def test_errors_name_field_and_line(
    tmp_path: Path, old: str, new: str, field: str, line: int
) -> None:
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RecipeError) as info:
        load_recipe(path)
    err = info.value
    assert err.context["file"] == str(path)
    assert err.context["line"] == line
    assert err.message.startswith(field)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("  min_chars: 100", "  min_chars: [100"))
    with pytest.raises(RecipeError, match="not valid YAML") as info:
        load_recipe(path)
    assert info.value.context["line"] >= 9


def test_missing_file_and_wrong_shape(tmp_path: Path) -> None:
    with pytest.raises(RecipeError, match="cannot read"):
        load_recipe(tmp_path / "absent.yaml")
    with pytest.raises(RecipeError, match="mapping"):
        load_recipe(write(tmp_path, "- just\n- a list\n"))
    with pytest.raises(RecipeError, match="sources"):
        load_recipe(write(tmp_path, "name: x\n"))


def test_duplicate_source_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RecipeError, match="unique"):
        load_recipe(
            write(
                tmp_path,
                GOOD.replace(
                    "    id_field: id\n", "    id_field: id\n  - name: notes\n    path: other\n"
                ),
            )
        )


def test_bundled_demo_recipe_is_valid() -> None:
    recipe = load_recipe(Path(__file__).parents[1] / "demo" / "recipe.yaml")
    assert {s.name for s in recipe.sources} >= {"medical", "legal", "finance", "industry"}

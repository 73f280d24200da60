"""The README documents every command, and the data dictionary matches the schemas."""

import re

from paths import ROOT

from flows.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_appears_in_the_readme():
    for command in main.commands:
        shown = re.search(rf"indicators {command}\b", README)
        assert shown, f"README does not show `indicators {command}`"


def test_the_readme_gives_the_two_commands_of_the_contract():
    assert "uv run indicators run" in README
    assert "uv run pytest" in README


def test_the_data_dictionary_is_generated_from_the_schemas():
    from schemas.dictionary import render

    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render(), (
        "run: uv run python -m schemas.dictionary > docs/data-dictionary.md")


def test_the_architecture_names_files_that_exist_and_says_how_to_add_each_kind_of_thing():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    folders = "flows|transforms|schemas|warehouse|tests|benchmarks"
    named = set(re.findall(rf"`((?:{folders})/[\w/.-]*\w)`", text))
    assert len(named) > 30
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []
    for thing in ("A source type", "A unit", "An indicator code", "A published dataset"):
        assert f"**{thing}" in text, f"docs/architecture.md does not say how to add {thing.lower()}"

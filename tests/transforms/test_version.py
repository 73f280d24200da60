from transforms import version


def test_the_extractor_version_changes_with_a_lexicon_not_with_its_readme(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "claims.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "data" / "entities.txt").write_text("[city]\n", encoding="utf-8")
    monkeypatch.setattr(version, "ROOT", tmp_path)

    def current() -> str:
        version.extractor_version.cache_clear()
        return version.extractor_version()

    try:
        first = current()
        (tmp_path / "data" / "README.md").write_text("notes\n", encoding="utf-8")
        assert current() == first
        (tmp_path / "data" / "entities.txt").write_text("[city]\nA a - @en : A\n", encoding="utf-8")
        assert current() != first and len(first) == 16
    finally:
        version.extractor_version.cache_clear()

"""Lexicon forms found in text: any case, inflected, with the Turkic capital İ."""

import re
import sys

from transforms import lexicon


def test_folding_never_changes_a_texts_length_so_hits_keep_their_offsets():
    longer = [chr(c) for c in range(sys.maxunicode + 1)
              if not 0xD800 <= c <= 0xDFFF and len(lexicon.fold(chr(c))) != 1]
    assert longer == []


def test_a_case_blind_matcher_finds_capitalised_upper_case_and_inflected_forms():
    matcher = lexicon.Matcher([("тонн~", "t"), ("атырау облысы", "Atyrau")], "kk")
    text = "АТЫРАУ ОБЛЫСЫ: 5 тоннаға, Тонна."
    assert list(matcher.finditer(text)) == [(0, 13, "Atyrau"), (17, 24, "t"), (26, 31, "t")]


def test_a_matcher_reads_the_turkic_dotted_capital_as_i():
    matcher = lexicon.Matcher([("istixana", "greenhouse")], "az")
    assert list(matcher.finditer("İstixana və ISTIXANA")) == [
        (0, 8, "greenhouse"), (12, 20, "greenhouse")]


def test_a_case_sensitive_matcher_keeps_case():
    matcher = lexicon.Matcher([("KEGOC", "KEGOC")], "en", ignore_case=False)
    assert list(matcher.finditer("KEGOC and kegoc")) == [(0, 5, "KEGOC")]


def test_a_hit_glued_to_a_word_or_a_hyphenated_word_is_not_a_hit():
    matcher = lexicon.Matcher([("almaty", "Almaty")], "en")
    assert list(matcher.finditer("Almatyness, Almaty-based, Almaty.")) == [(26, 32, "Almaty")]


def test_a_word_start_pattern_finds_what_the_look_behind_form_finds():
    forms = ["рост", "рост~", "снижение", "increase", "up"]
    fast = re.compile(lexicon.word_start(forms, "ru") + r"(?![\w])")
    plain = re.compile(rf"(?<![\w]){lexicon.alternation(forms, 'ru')}(?![\w])")
    text = "Рост 5%, прирост, рост-2, up, cup, Increase; снижение.\nрост"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in fast.finditer(text)] == [
        "Рост", "рост", "up", "Increase", "снижение", "рост"]


def test_a_word_start_pattern_of_forms_with_a_leading_ending_keeps_the_look_behind():
    assert lexicon.word_start(["~газ"], "kk").startswith(r"(?<![\w])")


def test_word_endings_match_what_one_alternative_per_ending_matched_and_a_lone_tilde_is_literal():
    forms = ["болады", "~лады", "~ылады", "~уы тиіс", "~acaq", "~acaqdır", "~"]
    # the former alternation
    one_each = "|".join(lexicon.form_regex(f) for f in lexicon.variants(forms, "kk"))
    text = "Жасалады, салынады; жасалуы тиіс. Болады ~5% лады, olacaqdır və tikiləcək, ~ 10"
    joined = re.compile(rf"(?<![\w]){lexicon.alternation(forms, 'kk')}(?![\w])")
    expected = [m.group() for m in re.finditer(rf"(?<![\w])(?:{one_each})(?![\w])", text)]
    assert [m.group() for m in joined.finditer(text)] == expected
    # `~5%`: glued to the number
    assert expected == ["Жасалады", "жасалуы тиіс", "Болады", "olacaqdır", "~"]


def test_every_kazakh_form_gets_its_latin_spellings_in_both_alphabets():
    latin = lexicon.latin_kazakh(("шығарынды~", "Қазақстан Республикасы"), kazakh=True)
    assert latin == (
        "shyǵaryndy~", "şyğaryndy~", "Qazaqstan Respýblıkasy", "Qazaqstan Respublikasy")


def test_latin_forms_are_an_entry_of_kazakh_only_beside_their_line():
    tonnes = next(e for e in lexicon.load("units") if "тонн~" in e.forms)
    lines = [e for e in lexicon.load("units") if e.line == tonnes.line]
    assert [(e.langs, e.latin) for e in lines] == [
        (frozenset({"ru", "kk"}), False), (frozenset({"kk"}), True)]
    assert lines[1].forms == ("tonn~", "tn", "t") and lines[1].fields == lines[0].fields


def test_a_line_for_every_language_gets_latin_forms_only_of_words_with_kazakh_letters():
    assert lexicon.latin_kazakh(("выбросы", "шығарынды"), kazakh=False) == (
        "shyǵaryndy", "şyğaryndy")


def test_short_all_caps_kazakh_forms_get_no_latin_spelling():
    assert lexicon.latin_kazakh(("ҚР", "ШҚО"), kazakh=True) == ()

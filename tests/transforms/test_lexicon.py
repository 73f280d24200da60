"""Lexicon forms found in text: any case, inflected, with the Turkic capital İ."""

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
    assert list(matcher.finditer("İstixana və ISTIXANA")) == [(0, 8, "greenhouse"), (12, 20, "greenhouse")]


def test_a_case_sensitive_matcher_keeps_case():
    matcher = lexicon.Matcher([("KEGOC", "KEGOC")], "en", ignore_case=False)
    assert list(matcher.finditer("KEGOC and kegoc")) == [(0, 5, "KEGOC")]


def test_a_hit_glued_to_a_word_or_a_hyphenated_word_is_not_a_hit():
    matcher = lexicon.Matcher([("almaty", "Almaty")], "en")
    assert list(matcher.finditer("Almatyness, Almaty-based, Almaty.")) == [(26, 32, "Almaty")]

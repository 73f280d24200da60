from transforms.sentences import containing, split


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split(text)]


def test_sentences_end_at_full_stops_and_line_breaks():
    assert texts("First one. Second one!\nHeading\n\nThird?") == [
        "First one.",
        "Second one!",
        "Heading",
        "Third?",
    ]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    assert texts("Выбросы 37,3 тыс. тонн в год. Mr. Smith and Co. Ltd paid. А. Иванов сказал.") == [
        "Выбросы 37,3 тыс. тонн в год.",
        "Mr. Smith and Co. Ltd paid.",
        "А. Иванов сказал.",
    ]


def test_containing_returns_the_sentence_of_an_offset():
    text = "One. Two three."
    spans = split(text)
    assert text[slice(*containing(spans, 9, 14))] == "Two three."


def test_a_boundary_is_a_run_of_marks_or_of_line_breaks_wherever_it_stands():
    assert texts("\n\nFirst?! Second… «Third». (Fourth)\n\n\nFifth") == [
        "First?!",
        "Second…",
        "«Third».",
        "(Fourth)",
        "Fifth",
    ]

from transforms.claims import extract_document
from transforms.sentences import MAX_CHARS, containing, split


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


def test_a_run_longer_than_a_sentence_can_be_is_cut_at_spaces():
    # a table flattened into one line: each of its claims carried all of it (20,000
    # numbers on a 340 KB line took 1.9 GB, and a run over it was killed)
    number = "12 345,67 тонн"
    text = f"{number} – " * 2000
    spans = split(text)
    assert all(e - s <= MAX_CHARS for s, e in spans) and len(spans) > len(text) // MAX_CHARS
    assert " ".join(text[s:e] for s, e in spans) == text.strip()
    rows = extract_document("d", "s", "ru", text)
    # a claim's sentence is stretched over the cut when its number stands across it
    assert len(rows) == 2000 and max(len(row[4]) for row in rows) <= MAX_CHARS + len(number)

"""Which of ru/en/kk/az a document is written in, from its letters and words.

No model is downloaded: the four languages are told apart by letters only one
of them uses (Kazakh `әғқңөұүһі`, Azerbaijani `ə`; Latin-script Kazakh `áǵńóúý`
of the 2018 alphabet, or `äñūğş` beside a frequent `q` in that of 2021) and, for
Latin text, by the commonest English function words. Anything else is `other`. Counting runs in
Polars over a whole batch of documents at once.
"""

from __future__ import annotations

import polars as pl

LANGUAGES = ("ru", "en", "kk", "az", "other")
KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
CYRILLIC = f"[а-яёА-ЯЁ{KAZAKH}]"
LATIN_KAZAKH = "áǵńóúýÁǴŃÓÚÝ"  # the 2018 alphabet's letters no other of the four uses
LATIN_KAZAKH_2021 = "äñūğşÄÑŪĞŞ"  # with a frequent `q`, which Turkish lacks (Azerbaijani has `ə`)
LATIN = f"[a-zA-ZəƏıİçÇöÖüÜ{LATIN_KAZAKH}{LATIN_KAZAKH_2021}]"
AZERBAIJANI = "[əƏ]"
ENGLISH_WORDS = r"(?i)\b(?:the|and|of|to|in|is|are|was|were|for|with|that|by|on)\b"
SAMPLE = 8_000  # characters: the opening of an article says which language it is in


def detect_all(texts: pl.Series) -> pl.Series:
    """`ru`, `en`, `kk`, `az` or `other` for each text (null text: `other`)."""
    sample = pl.col("text").fill_null("").str.slice(0, SAMPLE)
    counts = pl.DataFrame({"text": texts}, schema={"text": pl.String}).lazy().select(
        cyrillic=sample.str.count_matches(CYRILLIC),
        latin=sample.str.count_matches(LATIN),
        kazakh=sample.str.count_matches(f"[{KAZAKH}]"),
        azerbaijani=sample.str.count_matches(AZERBAIJANI),
        latin_kazakh=sample.str.count_matches(f"[{LATIN_KAZAKH}]"),
        latin_kazakh_2021=sample.str.count_matches(f"[{LATIN_KAZAKH_2021}]"),
        q=sample.str.count_matches("[qQ]"),
        english=sample.str.count_matches(ENGLISH_WORDS),
        words=sample.str.count_matches(r"\w+"),
    )
    cyrillic, latin = pl.col("cyrillic"), pl.col("latin")
    lang = (
        pl.when(cyrillic + latin < 20).then(pl.lit("other"))
        .when((cyrillic >= latin) & (pl.col("kazakh") > 0.01 * cyrillic)).then(pl.lit("kk"))
        .when(cyrillic >= latin).then(pl.lit("ru"))
        .when(pl.col("azerbaijani") > 0.005 * latin).then(pl.lit("az"))
        .when(pl.col("latin_kazakh") > 0.01 * latin).then(pl.lit("kk"))
        .when((pl.col("latin_kazakh_2021") > 0.01 * latin) & (pl.col("q") > 0.01 * latin))
        .then(pl.lit("kk"))
        .when(pl.col("english") > 0.05 * pl.max_horizontal(1, pl.col("words"))).then(pl.lit("en"))
        .otherwise(pl.lit("other"))
    )
    return counts.select(lang.alias("lang")).collect().to_series()

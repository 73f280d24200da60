"""Which of ru/en/kk/az a document is written in, from its letters and words.

No model is downloaded: the four languages are told apart by letters only one
of them uses (Kazakh `әғқңөұүһі`, Azerbaijani `ə`) and, for Latin text, by the
commonest English function words. Anything else is `other`.
"""

from __future__ import annotations

import re

LANGUAGES = ("ru", "en", "kk", "az", "other")
CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
LATIN = re.compile(r"[a-zA-ZəƏıİğĞşŞçÇöÖüÜ]")
AZERBAIJANI = re.compile(r"[əƏ]")
ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|are|was|were|for|with|that|by|on)\b", re.IGNORECASE)
SAMPLE = 20_000


def detect(text: str) -> str:
    """`ru`, `en`, `kk`, `az` or `other` for a document's text."""
    sample = text[:SAMPLE]
    cyrillic = len(CYRILLIC.findall(sample))
    latin = len(LATIN.findall(sample))
    if cyrillic + latin < 20:
        return "other"
    if cyrillic >= latin:
        return "kk" if len(KAZAKH.findall(sample)) > 0.01 * cyrillic else "ru"
    if len(AZERBAIJANI.findall(sample)) > 0.005 * latin:
        return "az"
    words = max(1, len(re.findall(r"\w+", sample)))
    return "en" if len(ENGLISH_WORDS.findall(sample)) > 0.05 * words else "other"

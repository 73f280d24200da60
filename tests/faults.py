"""A fault to inject: an extractor that raises on a chosen document, as a bug in
extraction would, for tests that show that document failing alone on every runner.
A module-level function, so that worker processes and Dask workers can import it."""

from transforms.claims import extract_document

MARK = "(fault injected here)"


def raise_on_marked(doc_id, source, lang, text, published=None):
    """`extract_document`, but a text holding MARK raises ZeroDivisionError."""
    if MARK in text:
        raise ZeroDivisionError(f"injected into {source}")
    return extract_document(doc_id, source, lang, text, published)

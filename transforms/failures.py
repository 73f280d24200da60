"""An exception raised while one document was decoded, described or extracted, as its
`documents` row records it: the document fails alone, and the rest of its batch loads.

A failed document is tried again by the next run (transforms/changes.py), so a fixed
extractor picks it up; the row says where in our code the error was raised, which is
what a bug report needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType

# What was being done to the document: decoding its bytes, describing it (language,
# date), extracting its claims.
STAGES = ("decode", "describe", "extract")
# The project's packages: the place of an error is the innermost frame in one of them.
OUR_PACKAGES = frozenset({"flows", "schemas", "transforms", "warehouse"})
MAX_MESSAGE = 500  # characters of the error's message kept
RETRIED = "it will be tried again on the next run"


@dataclass(frozen=True)
class Failure:
    """What one document's processing raised, and where."""

    stage: str
    error_type: str
    message: str
    location: str | None  # module:function:line, or None if no frame was in our code

    @property
    def reason(self) -> str:
        """The `reason` of the documents row: one line a reader can act on."""
        at = f" at {self.location}" if self.location else ""
        return f"{self.stage} raised {self.error_type}: {self.message}{at}; {RETRIED}"

    def columns(self) -> dict[str, str | None]:
        """The documents columns that record it (status, reason and the error's)."""
        return {"status": "failed", "reason": self.reason, "error_stage": self.stage,
                "error_type": self.error_type, "error_message": self.message,
                "error_location": self.location}


def failure(stage: str, error: BaseException) -> Failure:
    """`error`, raised while `stage` ran on one document, as its row records it."""
    message = " ".join(str(error).split()) or "(no message)"
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 1] + "…"
    return Failure(stage, type(error).__name__, message, location(error.__traceback__))


def location(tb: TracebackType | None) -> str | None:
    """module:function:line of the innermost frame of `tb` in our packages."""
    found = None
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.partition(".")[0] in OUR_PACKAGES:
            found = f"{module}:{tb.tb_frame.f_code.co_name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found

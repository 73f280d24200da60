"""A very large file (50 MB of text) is processed in bounded memory."""

import json
import subprocess
import sys

from paths import ROOT

PROSE = ("Экологическая ситуация в регионе обсуждалась на совещании, где эксперты говорили "
         "о мерах по улучшению качества воздуха и воды. ")
PARAGRAPH = PROSE * 40 + "Выбросы сократились на 15% и составили 37,3 тыс. тонн.\n\n"
CHILD = """
import json, resource, sys
from flows.reading import read
from transforms.claims import extract_claims
docs = read([sys.argv[1]])
claims = extract_claims(docs)
print(json.dumps({"status": docs["status"][0], "claims": claims.height,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_a_50_mb_file_is_read_and_extracted_in_bounded_memory(tmp_path):
    path = tmp_path / "big.txt"
    copies = 50 * 1024 * 1024 // len(PARAGRAPH.encode()) + 1
    path.write_text(PARAGRAPH * copies, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    result = json.loads(out.stdout)
    assert result["status"] == "loaded"
    assert result["claims"] == 2 * copies
    assert result["peak_mb"] < 1500

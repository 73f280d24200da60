"""`indicators eval` scores exactly as the reference scorer (../shared/eval/score.py)."""

import json
import subprocess
import sys

from paths import GOLD, SEEDS, need_shared

from flows.evaluation import evaluate
from transforms.scoring import match, prf, score


def test_matching_needs_overlap_same_unit_and_close_value():
    gold = [{"source": "a", "span_start": 0, "span_end": 5, "value": 100, "unit": "t"}]
    near = {"source": "a", "span_start": 2, "span_end": 8, "value": 100.4, "unit": "t"}
    far = {"source": "a", "span_start": 2, "span_end": 8, "value": 101, "unit": "t"}
    other_unit = {"source": "a", "span_start": 0, "span_end": 5, "value": 100, "unit": "%"}
    assert len(match(gold, [near])[0]) == 1
    assert len(match(gold, [far])[0]) == 0
    assert len(match(gold, [other_unit])[0]) == 0


def test_each_gold_mention_matches_at_most_one_prediction():
    gold = [{"source": "a", "span_start": 0, "span_end": 5, "value": 1, "unit": "t"}]
    pred = [dict(gold[0]), dict(gold[0])]
    pairs, missed, spurious = match(gold, pred)
    assert (len(pairs), len(missed), len(spurious)) == (1, 0, 1)


def test_f1_is_the_harmonic_mean():
    assert prf(8, 10, 16).f1 == round(2 * 0.8 * 0.5 / 1.3, 4)


def test_figures_equal_the_reference_scorer_on_the_same_predictions(tmp_path):
    need_shared()
    report, claims = evaluate(str(GOLD), [str(SEEDS)])
    predictions = tmp_path / "pred.jsonl"
    claims.write_ndjson(predictions)
    out = subprocess.run(
        [
            sys.executable,
            str(GOLD.parent / "score.py"),
            str(GOLD),
            str(predictions),
            "--by",
            "kind",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    reference = json.loads(out.stdout)
    ours = report.overall
    assert reference["overall"] == {
        "precision": ours.precision,
        "recall": ours.recall,
        "f1": ours.f1,
        "matched": ours.matched,
        "predicted": ours.predicted,
        "gold": ours.gold,
    }
    assert reference["context_agreement"] == report.context
    assert reference["exact_rows"] == {
        "share_of_gold": report.exact_rows.share_of_gold,
        "rows": report.exact_rows.rows,
        "fields": report.exact_rows.fields,
    }
    assert {k: v["f1"] for k, v in reference["by_kind"].items()} == {
        k: v.f1 for k, v in report.by_kind.items()
    }


def test_a_deliberately_wrong_prediction_lowers_both_scores_alike(tmp_path):
    need_shared()
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    pred = [dict(g, value=g["value"] * 2) if i % 3 == 0 else g for i, g in enumerate(gold)]
    ours = score(gold, pred).overall
    path = tmp_path / "p.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in pred), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(GOLD.parent / "score.py"), str(GOLD), str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["overall"]["f1"] == ours.f1 < 1

"""The screening commands: `zabta screen`, `classify`, `train` and `eval`."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zabta.policy.documents import SEED_DIR

pytestmark = pytest.mark.django_db


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_screen_prints_clause_severity_why_and_highlighted_words() -> None:
    out = _call("screen", "Sab s1ndhi k.u.t.t.e hain")
    assert "KHI-2024-SM-2 [critical]" in out
    assert "Why: Mockery or disrespect" in out
    assert "Sab [[s1ndhi]] [[k.u.t.t.e]] hain" in out


def test_screen_says_when_nothing_was_found_and_which_models_ran() -> None:
    out = _call("screen", "Duty roster for Monday is on the board")
    assert "No findings." in out
    assert "harm_en@" in out


def test_screen_says_lexicons_only_where_no_model_serves_the_language() -> None:
    out = _call("screen", "سنڌي ماڻهو ڏاڍا سٺا آهن")
    assert "Language: sd" in out
    assert "no model for language 'sd': lexicons only" in out


def test_screen_reads_a_file_and_refuses_bad_ones(tmp_path: Path) -> None:
    good = tmp_path / "post.txt"
    good.write_text("PTI zindabad", encoding="utf-8")
    assert "KHI-2024-SM-3" in _call("screen", "--file", str(good))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match="not valid UTF-8"):
        _call("screen", "--file", str(bad))
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * 1_000_001)
    with pytest.raises(CommandError, match="larger than 1 MB"):
        _call("screen", "--file", str(huge))
    with pytest.raises(CommandError, match="either TEXT or --file"):
        _call("screen")


def test_screen_with_another_directive_document(tmp_path: Path) -> None:
    doc = json.loads((SEED_DIR / "karachi-range-2024-09-20.json").read_text(encoding="utf-8"))
    doc["code"] = "ZONE-X"
    doc["screening_rules"] = [{"id": "z", "when": {"label": "abusive"}, "clause": "KHI-2024-SM-9", "severity": "low"}]
    path = tmp_path / "zone.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = _call("screen", "--directive", str(path), "tu kutta hai")
    assert "KHI-2024-SM-9 [low]" in out and "ZONE-X v1" in out
    doc["screening_rules"] = [{"id": "z", "when": {"label": "abusive"}, "clause": "NOPE"}]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CommandError, match="not in this directive"):
        _call("screen", "--directive", str(path), "x")


def test_classify_streams_jsonl_in_order_with_errors_in_place(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": 1, "text": "Hindu 🐷 hain"}),
        "{broken",
        json.dumps({"id": "b", "text": "Jumma Mubarak"}),
        "",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "<script>alert('PTI zindabad')</script>"}),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    call_command("classify", "--jsonl", str(src), "--out", str(out), "--batch-size", "2", stderr=io.StringIO())
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("id") for r in rows] == ["1", None, "b", "c", "d"]
    assert rows[0]["labels"]["identity_attack"]["decision"] is True
    assert rows[0]["labels"]["identity_attack"]["targets"]["religion_or_sect"] > 0.5
    assert rows[0]["findings"][0]["clause"] == "KHI-2024-SM-2"
    assert rows[1] == {"line": 2, "error": "invalid JSON: Expecting property name enclosed in double quotes"}
    assert rows[2]["findings"] == []
    assert "error" in rows[3]
    assert rows[4]["labels"]["political_view"]["decision"] is True


def test_classify_refuses_a_missing_file() -> None:
    with pytest.raises(CommandError, match="cannot open"):
        call_command("classify", "--jsonl", "/nonexistent/in.jsonl", stdout=io.StringIO(), stderr=io.StringIO())


def test_train_writes_a_model_that_classify_then_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "d.csv"
    data.write_text(
        "text,personal_view\n" + "neeli wardi wapis lao,1\nduty roster jari,0\n" * 6,
        encoding="utf-8",
    )
    out = _call("train", "--label", "personal_view", "--data", str(data), "--out", str(tmp_path / "models"))
    assert "custom_personal_view" in out
    assert (tmp_path / "models" / "custom_personal_view" / "weights.npz").is_file()
    with pytest.raises(CommandError, match="give --label"):
        _call("train", "--label", "abusive")


def test_eval_reports_a_missing_dataset_instead_of_a_score(tmp_path: Path) -> None:
    (tmp_path / "ruhsold_train").mkdir()
    report = tmp_path / "report.md"
    out = _call("eval", "--datasets", str(tmp_path), "--only", "ruhsold_task1", "--out", str(report))
    assert "not run" in out
    assert "not run" in report.read_text(encoding="utf-8")
    with pytest.raises(CommandError, match="no datasets folder"):
        _call("eval", "--datasets", str(tmp_path / "none"))


def test_eval_scores_a_small_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "ruhsold_train"
    folder.mkdir()
    rows = ["tu kutta hai\t0", "Sindhi kutte hain sab\t0", "aaj mausam acha hai\t1", "duty pe ja raha hun\t1"]
    (folder / "task_1_validation.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    # the model is rebuilt from task 2's file without the validation posts it also holds (here the first one)
    train = ["tu kutta hai\t0", "tu kamina hai\t0", "ye ullu ka pattha hai\t0", "aaj garmi hai\t1", "duty khatam\t1"]
    (folder / "task_2_train.tsv").write_text("\n".join(train) + "\n", encoding="utf-8")
    report = tmp_path / "report.md"
    _call("eval", "--datasets", str(tmp_path), "--only", "ruhsold_task1", "--out", str(report))
    assert "on the 4 task_2_train posts that are not validation posts" in report.read_text(encoding="utf-8")
    text = report.read_text(encoding="utf-8")
    assert "RUHSOLD task 1" in text and "macro-F1" in text
    assert "at commit" in text


def test_train_words_rebuilds_the_roman_urdu_word_list_and_refuses_missing_data(tmp_path: Path) -> None:
    ru = tmp_path / "ruhsold_train"
    ru.mkdir()
    posts = ["yaar besharm banda\t1", "besharm log hain\t0", "ye besharm yaar\t3", "yaar the film\t1"]
    (ru / "task_2_train.tsv").write_text("\n".join(posts) + "\n", encoding="utf-8")
    hx = tmp_path / "hatexplain_mbib"
    hx.mkdir()
    (hx / "092-HateXplain.csv").write_text(
        ",text,label,category,id\np1,the film was great,0,0,0\np2,yaar what a test post,0,0,0\n", encoding="utf-8"
    )
    (hx / "post_id_divisions.json").write_text('{"train": ["p1"], "val": [], "test": ["p2"]}', encoding="utf-8")
    out = tmp_path / "words.txt"
    assert "(2 words)" in _call("train", "--words", "--datasets", str(tmp_path), "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()  # "yaar" is in a HateXplain test post, which stays out
    assert lines[0].startswith("#") and [w for w in lines if not w.startswith("#")] == ["besharm", "yaar"]
    with pytest.raises(CommandError, match="cannot read"):
        _call("train", "--words", "--datasets", str(tmp_path / "none"), "--out", str(tmp_path / "other.txt"))
    assert not (tmp_path / "other.txt").exists()

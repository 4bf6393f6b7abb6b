"""The command line: exit codes, one-line errors, inspect, and the output contract."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vision_analytics.cli import main


def _mail(folder, name, sender="dana@customer.com", to="sam@seller.com",
          body="Could you price a five-year option?"):
    (folder / name).write_text(
        f"From: {sender}\nTo: {to}\nSubject: s {name}\nDate: Tue, 7 Jan 2020 14:22:43 +0000\n"
        f"Message-ID: <{name}@customer.com>\n\n{body}\n")


def test_missing_input_is_one_line_exit_3(tmp_path, capsys):
    code = main(["inspect", str(tmp_path / "nope.mbox")])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith("vision-analytics: error: Input") and "nope.mbox" in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_unsupported_format_exit_3(tmp_path, capsys):
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    assert main(["analyze", str(junk), "--out", str(tmp_path / "o")]) == 3
    assert "not a supported format" in capsys.readouterr().err


def test_seller_domain_not_seen_exit_5(tmp_path, capsys):
    _mail(tmp_path, "a.eml")
    assert main(["inspect", str(tmp_path), "--seller-domain", "typo-seller.com"]) == 5
    err = capsys.readouterr().err
    assert "'typo-seller.com' is not seen" in err and "customer.com" in err


def test_no_requests_exit_4(tmp_path, capsys):
    _mail(tmp_path, "a.eml", sender="sam@seller.com", to="dana@customer.com",
          body="Here is the deck you asked for.")
    assert main(["analyze", str(tmp_path), "--seller-domain", "seller.com", "--quiet",
                 "--out", str(tmp_path / "out")]) == 4
    assert "No inbound customer requests" in capsys.readouterr().err


def test_inspect_reports_counts(tmp_path, capsys):
    for i in range(3):
        _mail(tmp_path, f"{i}.eml", body=f"Could you send report {i}?")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)))
    assert main(["inspect", str(tmp_path), "--seller-domain", "seller.com", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "date range: 2020-01-07 to 2020-01-07" in out
    assert "unsupported_format" in out and "direction: inbound 3" in out


def test_help_documents_exit_codes_and_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "vision_analytics", "analyze", "--help"],
                          capture_output=True, text=True, check=True)
    assert "exit codes:" in proc.stdout and "--seller-domain" in proc.stdout
    assert "4  no inbound customer requests" in proc.stdout


@pytest.mark.parametrize("argv", [[], ["frobnicate"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


@pytest.fixture(scope="module")
def demo_outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    plain, anonymous = out / "plain", out / "anonymous"
    assert main(["demo", "--out", str(plain), "--quiet"]) == 0
    assert main(["demo", "--out", str(anonymous), "--quiet", "--anonymize"]) == 0
    return plain, anonymous


def test_demo_writes_exactly_the_output_contract(demo_outputs):
    import csv
    import json

    from vision_analytics._outputs import OUTPUT_FILES, REQUEST_COLUMNS, VISION_KEYS

    plain, _ = demo_outputs
    assert sorted(p.name for p in plain.iterdir()) == sorted(OUTPUT_FILES)
    with open(plain / "requests.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == REQUEST_COLUMNS and len(rows) > 100
    vision = json.loads((plain / "vision.json").read_text(encoding="utf-8"))
    assert list(vision)[: len(VISION_KEYS)] == VISION_KEYS
    assert set(vision["answers"]) == {"whose_vision", "how_developed", "approved_funded"}
    assert vision["recommendation"]["decision"] in {"pursue", "qualify", "lose_early"}
    assert vision["source_kind"] in {"person", "department", "external", None}
    html = (plain / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "http://" not in html and "https://" not in html


def test_anonymized_outputs_hide_every_name_and_address(demo_outputs):
    from vision_analytics.datasets import load_sample

    _, anonymous = demo_outputs
    people = load_sample("sample").answer_key["people"]
    text = "\n".join(p.read_text(encoding="utf-8") for p in anonymous.iterdir()).lower()
    leaked = [p["email"] for p in people if p["email"] and p["email"].lower() in text]
    leaked += [p["name"] for p in people if p["name"] and p["name"].lower() in text]
    assert leaked == []


def test_csv_cells_cannot_become_formulas():
    import pandas as pd

    from vision_analytics._outputs import _csv_frame

    frame = _csv_frame(pd.DataFrame({"subject": ["=cmd|' /C calc'!A0", "+1", "@SUM(A1)",
                                                 "-2", "plain"], "n": [1, 2, 3, 4, 5]}))
    assert frame["subject"].tolist() == ["'=cmd|' /C calc'!A0", "'+1", "'@SUM(A1)", "'-2",
                                         "plain"]
    assert frame["n"].tolist() == [1, 2, 3, 4, 5]

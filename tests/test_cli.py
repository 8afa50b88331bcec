"""End to end through the command line (click's runner) on the real bundled sample."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_tool import __version__
from qa_tool.checks import BUILTIN_RULES
from qa_tool import cli as cli_module
from qa_tool.cli import PARALLEL_FROM_BYTES, YOUNG_OBJECTS_COLLECTED_AFTER, cli, cpu_quota, main, usable_cores

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "chongqing-fao-news.zh-en.txt"


def run(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=env)


@pytest.fixture(scope="module")
def sample_report() -> dict:
    result = run("check", str(SAMPLE), "--format", "json")
    # Four minor errors in 652 words (6.1 points per 1,000) are within the default threshold.
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sample_reads_eleven_pairs(sample_report: dict) -> None:
    assert sample_report["summary"]["pairs"] == 11
    assert sample_report["files"][0]["pairs"] == 11


def test_sample_findings_are_exactly_the_real_errors(sample_report: dict) -> None:
    findings = [
        (f["code"], f["spans"][0]["text"] if f["spans"] else "", f["replacement"])
        for f in sample_report["files"][0]["findings"]
    ]
    assert findings == [
        ("GR01", "Governments", "Government's"),
        # Curly quotes here, straight ones in p3 and p5: a real inconsistency of the page.
        ("PU07", "“popularize survey and change style to promote implementation”",
         '"popularize survey and change style to promote implementation"'),
        ("SG04", "?qū)⑾嚓P(guān)", None),
        ("GR01", "Chongqings", "Chongqing's"),
        ("GR01", "Peoples", "People's"),
    ]


def test_sample_finding_points_at_its_segment_and_line(sample_report: dict) -> None:
    by_match = {f["spans"][0]["text"]: f for f in sample_report["files"][0]["findings"]}
    chongqings = by_match["Chongqings"]
    assert chongqings["segment_id"] == "p9"
    assert chongqings["location"]["line"] == 16
    assert chongqings["severity"] == "minor" and chongqings["category"] == "Fluency/Grammar"


def test_sample_correct_possessives_are_left_alone(sample_report: dict) -> None:
    flagged = {f["spans"][0]["text"] for f in sample_report["files"][0]["findings"] if f["spans"]}
    assert not flagged & {"Party's", "enterprises'", "People's", "Association's", "Affairs"}


def test_shared_sample_is_the_bundled_example(shared_dir: Path) -> None:
    assert (shared_dir / "samples" / SAMPLE.name).read_bytes() == SAMPLE.read_bytes()


def test_human_report_shows_spans_fixes_and_score() -> None:
    result = run("check", str(SAMPLE), env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    out = result.stdout
    for expected in ("Chongqings", "→ Chongqing's", "→ Government's", "→ People's", "SG04", "Score 99.39", "PASSED", "qa-tool|profile:mqm|weights"):
        assert expected in out
    assert "\x1b[" not in out  # no colour when NO_COLOR is set or output is not a terminal


def test_gate_passes_when_only_the_damage_rule_runs() -> None:
    result = run("check", str(SAMPLE), "--select", "SG", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["passed"] is True


def test_fail_on_severity_fails_the_gate() -> None:
    result = run("check", str(SAMPLE), "--select", "GR01", "--threshold", "0", "--fail-on", "minor")
    assert result.exit_code == 1
    result = run("check", str(SAMPLE), "--select", "GR01", "--threshold", "0", "--fail-on", "major")
    assert result.exit_code == 0
    result = run("check", str(SAMPLE), "--select", "GR01", "--threshold", "99.9")
    assert result.exit_code == 1
    result = run("check", str(SAMPLE), "--select", "GR01", "--threshold", "0")
    assert result.exit_code == 0


def test_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run("check", str(SAMPLE), "--quiet", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["pairs"] == 11
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_stdin_with_explicit_format() -> None:
    result = run("check", "-", "--from", "tsv", "--format", "json", input="设置\t设置\n关闭\tClose\n".encode())
    assert result.exit_code == 1, result.output  # one major finding in one English word
    report = json.loads(result.stdout)
    assert report["summary"]["pairs"] == 2
    assert [f["code"] for f in report["files"][0]["findings"]] == ["SG02"]


def test_two_plain_files_are_read_as_parallel(tmp_path: Path) -> None:
    (tmp_path / "a.zh").write_text("设置\n关闭\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\nClose\n", encoding="utf-8")
    result = run("check", str(tmp_path / "a.zh"), str(tmp_path / "a.en"), "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"]["pairs"] == 2
    assert [f["code"] for f in report["files"][0]["findings"]] == ["SG01"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.tmx", None, "missing.tmx: no such file"),
        ("broken.tmx", b'<?xml version="1.0"?>\n<tmx version="1.4"><body>\n<tu><tuv xml:lang="zh"><seg>a', "broken.tmx:"),
        ("a.zh", "设置\n关闭\n三\n".encode(), "line"),
        ("bad.jsonl", b'{"source": "a", "target": "b"}\nnot json\n', "bad.jsonl:2:"),
        ("what.bin", b"\x00\x01\x02", "cannot tell the format"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    args = ["check", str(path)]
    if content is not None:
        path.write_bytes(content)
    if name == "a.zh":
        (tmp_path / "a.en").write_text("Settings\n", encoding="utf-8")
        args.append(str(tmp_path / "a.en"))
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("qa-tool: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_rule_is_a_usage_error() -> None:
    result = run("check", str(SAMPLE), "--select", "ZZ99")
    assert result.exit_code == 2 and "ZZ99" in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_help_teaches_exit_codes_and_examples() -> None:
    out = run("check", "--help").stdout
    assert "Exit codes" in out and "qa-tool check" in out and "--from" in out


def test_rules_lists_every_rule() -> None:
    out = run("rules", env={"NO_COLOR": "1", "COLUMNS": "200"}).stdout
    for rule in BUILTIN_RULES:
        assert rule.meta.code in out and rule.meta.name in out


def test_rules_show_explains_one_rule() -> None:
    out = run("rules", "show", "GR01").stdout
    assert "missing-possessive-apostrophe" in out and "Chongqings economy" in out


@pytest.mark.parametrize(("code", "says"), [("PU02", "Runs only on pairs with quotation marks in the target."), ("GR01", None)])
def test_rules_show_says_what_triggers_a_rule(code: str, says: str | None) -> None:
    out = run("rules", "show", code).stdout
    assert (says in out) if says else ("Runs only on pairs" not in out)


def test_rule_docs_are_generated_and_current() -> None:
    generated = run("rules", "--markdown").stdout
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == generated, (
        "docs/rules.md is stale: run `qa-tool rules --markdown > docs/rules.md`"
    )


def test_align_exports_the_sample_pairs(tmp_path: Path) -> None:
    target = tmp_path / "pairs.tsv"
    result = run("align", str(SAMPLE), "-o", str(target))
    assert result.exit_code == 0, result.output
    import csv

    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t"))
    assert rows[0][:3] == ["id", "source", "target"]
    assert len(rows) == 12
    check = run("check", str(target), "--format", "json", "--select", "GR01")
    assert len(json.loads(check.stdout)["files"][0]["findings"]) == 3


def reordered_copy_with_edits(tmp_path: Path) -> Path:
    """The sample with its last two blocks swapped, 'Chongqings' fixed, and a new error
    ('Chinese left in the English') added to a paragraph that had none."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    blocks = [lines[0:6], lines[6:14], lines[14:22]]
    text = "\n".join(blocks[0] + blocks[2] + blocks[1])
    text = text.replace("development of Chongqings economy", "development of Chongqing's economy")
    text = text.replace("participated in the survey.", "participated in the 调研.", 1)
    copy = tmp_path / "edited.zh-en.txt"
    copy.write_text(text, encoding="utf-8")
    return copy


def test_baseline_reports_only_the_new_error(tmp_path: Path) -> None:
    baseline = tmp_path / ".qa-baseline.json"
    result = run("baseline", str(SAMPLE), "-o", str(baseline))
    assert result.exit_code == 0, result.output
    assert "recorded 5 findings" in result.stderr
    edited = reordered_copy_with_edits(tmp_path)
    result = run("check", str(edited), "--baseline", str(baseline), "--format", "json", "--fail-on", "major")
    report = json.loads(result.stdout)
    findings = [(f["code"], f["spans"][0]["text"]) for f in report["files"][0]["findings"]]
    assert findings == [("SG03", "调研")]
    assert report["summary"]["baseline_known"] == 4  # Governments, the quotes, Peoples, the damage
    assert result.exit_code == 1  # the new major finding fails the gate; the known ones do not


def test_a_bad_baseline_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{}", encoding="utf-8")
    result = run("check", str(SAMPLE), "--baseline", str(bad))
    assert result.exit_code == 2 and "not a qa-tool baseline" in result.stderr


def test_suppression_notes_hide_findings_and_stale_ones_are_reported(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "id\tsource\ttarget\tnotes\n"
        "1\t重庆经济\tthe growth of Chongqings economy in Chongqing\tqa-ignore: GR01 house style\n"
        "2\t设置\tSettings\tqa-ignore: SG03 stale\n",
        encoding="utf-8",
    )
    result = run("check", str(pairs), "--format", "json")
    report = json.loads(result.stdout)
    assert [(f["code"], f["segment_id"]) for f in report["files"][0]["findings"]] == [("QA01", "2")]
    assert report["summary"]["suppressed"] == 1


def test_reference_metrics_with_signatures(tmp_path: Path) -> None:
    from qa_tool.readers import ReadOptions
    from qa_tool.readers.interleaved import read

    with SAMPLE.open("rb") as stream:
        targets = [pair.target for pair in read(stream, SAMPLE.name, ReadOptions())]
    fixed = [t.replace("Chongqings", "Chongqing's").replace("Governments decision", "Government's decision")
             .replace("Peoples", "People's") for t in targets]
    reference = tmp_path / "reference.en"
    reference.write_text("\n".join(fixed) + "\n", encoding="utf-8")
    result = run("check", str(SAMPLE), "--ref", str(reference), "--format", "json")
    scores = json.loads(result.stdout)["reference"]
    assert scores["segments"] == 11
    assert 95 < scores["bleu"] < 100 and 95 < scores["chrf"] < 100 and 0 < scores["ter"] < 2
    assert "tok:13a" in scores["bleu_signature"] and "nw:2" in scores["chrf_signature"]
    assert {o["segment_id"] for o in scores["outliers"][:3]} == {"p4", "p9", "p11"}
    human = run("check", str(SAMPLE), "--ref", str(reference), env={"NO_COLOR": "1"}).stdout
    assert "chrF++" in human and "BLEU" in human and "nrefs:1" in human


def test_reference_must_match_the_pairs(tmp_path: Path) -> None:
    reference = tmp_path / "reference.en"
    reference.write_text("only one line\n", encoding="utf-8")
    result = run("check", str(SAMPLE), "--ref", str(reference))
    assert result.exit_code == 2 and "reference has 1 segments" in result.stderr


def test_several_reports_in_one_run(tmp_path: Path) -> None:
    json_path, tsv_path = tmp_path / "r.json", tmp_path / "r.out"
    result = run("check", str(SAMPLE), "-o", str(json_path), "-o", f"json:{tsv_path}", env={"NO_COLOR": "1"})
    assert "Score 99.39" in result.stdout
    assert json.loads(json_path.read_text(encoding="utf-8")) == json.loads(tsv_path.read_text(encoding="utf-8"))


def test_output_of_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", str(SAMPLE), "-o", str(tmp_path / "report.docx"))
    assert result.exit_code == 2 and "FORMAT:PATH" in result.stderr
    assert not list(tmp_path.iterdir())


def test_wmt_profile_and_source_character_basis() -> None:
    report = json.loads(run("check", str(SAMPLE), "--profile", "wmt", "--word-basis", "source-chars", "--format", "json").stdout)
    assert "profile:wmt" in report["signature"] and "basis:source-chars" in report["signature"]
    assert 800 < report["summary"]["score"]["words"] < 900  # Chinese characters, pinyin annotations left out


def test_annotate_writes_the_findings_into_a_copy(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("id\tsource\ttarget\n1\t设置\t设置\n2\t关闭\tClose\n", encoding="utf-8")
    before = pairs.read_bytes()
    annotated = tmp_path / "annotated.tsv"
    result = run("check", str(pairs), "--annotate", str(annotated), "--quiet")
    assert result.exit_code == 1, result.output
    assert pairs.read_bytes() == before
    header, first, second = annotated.read_text(encoding="utf-8").splitlines()
    assert header.split("\t")[-1] == "qa_findings"
    assert "SG02" in first and second.endswith("\t")


def test_annotate_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("id\tsource\ttarget\n1\t设置\t设置\n", encoding="utf-8")
    result = run("check", str(pairs), "--annotate", str(pairs))
    assert result.exit_code == 2 and "qa-tool: error:" in result.stderr
    assert pairs.read_text(encoding="utf-8") == "id\tsource\ttarget\n1\t设置\t设置\n"


def test_jobs_give_byte_identical_json(shared_dir: Path) -> None:
    memory = str(shared_dir / "fixtures" / "tico19_en_zh" / "all.en-zh.tmx")
    one = run("check", memory, "--format", "json", "--jobs", "1")
    two = run("check", memory, "--format", "json", "--jobs", "2")
    auto = run("check", memory, "--format", "json", "--jobs", "auto")
    assert one.exit_code == two.exit_code == auto.exit_code
    assert json.loads(one.stdout)["summary"]["findings"] > 100
    assert one.stdout == two.stdout == auto.stdout


@pytest.mark.parametrize(("jobs", "message"), [("0", "0 is not a number of workers"), ("many", "neither a number nor 'auto'")])
def test_jobs_must_be_a_count_or_auto(jobs: str, message: str) -> None:
    result = run("check", str(SAMPLE), "--jobs", jobs)
    assert result.exit_code == 2 and message in result.stderr


def test_auto_jobs_are_the_cores_this_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 2, 5}, raising=False)
    monkeypatch.setattr(cli_module, "cpu_quota", lambda: None)
    assert usable_cores() == 3
    # A container's CPU quota caps them: two CPUs of a host whose eight cores it may run on.
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    monkeypatch.setattr(cli_module, "cpu_quota", lambda: 2)
    assert usable_cores() == 2


@pytest.mark.parametrize(
    ("membership", "files", "quota"),
    [
        # cgroup v2, in a container's own namespace and at a path of the host's hierarchy.
        ("0::/\n", {"cpu.max": "200000 100000\n"}, 2),
        ("0::/ci/job7\n", {"ci/job7/cpu.max": "150000 100000\n"}, 2),  # 1.5 CPUs: two workers
        ("0::/\n", {"cpu.max": "max 100000\n"}, None),
        # cgroup v1: the cpu controller's quota, alone or mounted with cpuacct.
        ("4:cpu,cpuacct:/docker/ab\n0::/\n", {"cpu,cpuacct/docker/ab/cpu.cfs_quota_us": "50000\n", "cpu,cpuacct/docker/ab/cpu.cfs_period_us": "100000\n"}, 1),
        ("1:cpu:/\n0::/\n", {"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        # No quota file where the membership points (a host outside any limit).
        ("0::/user.slice\n", {}, None),
    ],
)
def test_a_control_groups_cpu_quota_is_read(tmp_path: Path, membership: str, files: dict[str, str], quota: int | None) -> None:
    for name, text in files.items():
        (tmp_path / "cgroup" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "cgroup" / name).write_text(text)
    (tmp_path / "self-cgroup").write_text(membership)
    assert cpu_quota(tmp_path / "cgroup", tmp_path / "self-cgroup") == quota
    assert cpu_quota(tmp_path / "cgroup", tmp_path / "absent") is None


def test_without_jobs_a_large_input_is_checked_with_a_worker_per_core(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "usable_cores", lambda: 3)
    small, large = tmp_path / "small.tsv", tmp_path / "large.tsv"
    small.write_bytes(b"x" * (PARALLEL_FROM_BYTES - 1))
    large.write_bytes(b"x" * PARALLEL_FROM_BYTES)
    assert cli_module._jobs_for(None, [str(small)]) == 1
    assert cli_module._jobs_for(None, [str(large)]) == 3
    # Workers share out the pairs of one file: many small files are checked in one process.
    assert cli_module._jobs_for(None, [str(small), str(small)]) == 1
    assert cli_module._jobs_for(None, [str(small), str(large)]) == 3
    assert cli_module._jobs_for(None, ["-", str(tmp_path / "missing.tsv")]) == 1
    assert cli_module._jobs_for(1, [str(large)]) == 1  # --jobs decides when given


def test_same_input_gives_byte_identical_reports(tmp_path: Path) -> None:
    outputs = []
    for attempt in ("first", "second"):
        folder = tmp_path / attempt
        folder.mkdir()
        run("check", str(SAMPLE), "--quiet", "-o", str(folder / "r.json"), "-o", str(folder / "r.sarif"),
            "-o", str(folder / "r.html"))
        outputs.append([(folder / name).read_bytes() for name in ("r.json", "r.sarif", "r.html")])
    assert outputs[0] == outputs[1]
    assert all(outputs[0])


def test_progress_measures_regular_files_and_leaves_pipes_as_a_pair_count(tmp_path: Path) -> None:
    import os

    from qa_tool.cli import _file_size

    first = tmp_path / "a.tsv"
    first.write_bytes(b"zh\ten\n" * 10)
    assert _file_size(str(first)) == 60
    assert _file_size("-") is None and _file_size(str(tmp_path)) is None
    reading, writing = os.pipe()
    with os.fdopen(reading, "rb"), os.fdopen(writing, "wb"):
        assert _file_size(f"/dev/fd/{reading}") is None


def test_the_command_lets_young_objects_pile_up_before_the_collector_looks(monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    monkeypatch.setattr(sys, "argv", ["qa-tool", "--version"])
    try:
        with pytest.raises(SystemExit):
            main()
        assert gc.get_threshold() == (YOUNG_OBJECTS_COLLECTED_AFTER, *before[1:])
    finally:
        gc.set_threshold(*before)


def test_a_check_of_one_file_imports_only_what_its_report_needs() -> None:
    """The start of a small check (a pre-commit hook, a CI step per file) pays for no report
    format it does not write, nor for folder patterns when it names a file, worker processes
    when it runs one, or scratch databases before a bound is passed."""
    code = (
        "import sys; from qa_tool.cli import main; sys.argv = ['qa-tool', 'check', sys.argv[1], '--format', 'json', '--isolated']\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "print(sorted(name for name in ('rich', 'pathspec', 'multiprocessing', 'sqlite3', 'tempfile') if name in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True, cwd=REPO)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr


def test_a_large_input_checked_by_default_gives_the_report_of_one_job(monkeypatch: pytest.MonkeyPatch) -> None:
    from qa_tool import engine

    asked: list[int] = []
    check_run = engine.check_run
    monkeypatch.setattr(engine, "check_run", lambda *args, **kwargs: asked.append(kwargs["jobs"]) or check_run(*args, **kwargs))
    monkeypatch.setattr(cli_module, "PARALLEL_FROM_BYTES", SAMPLE.stat().st_size)
    monkeypatch.setattr(cli_module, "usable_cores", lambda: 2)
    default, one = run("check", str(SAMPLE), "--format", "json"), run("check", str(SAMPLE), "--format", "json", "--jobs", "1")
    assert asked == [2, 1]
    assert default.stdout == one.stdout

"""`qa-tool review` on the screen: keys pressed through Textual's headless pilot, then the saved
file and baseline read back; and once as a person would, in a real terminal under tmux."""

from __future__ import annotations

import asyncio
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Awaitable, Callable

import pytest
from click.testing import CliRunner
from rich.console import Console

pytest.importorskip("textual")

from qa_tool.baseline import finding_key, load_baseline, new_findings  # noqa: E402
from qa_tool.checks import select_rules  # noqa: E402
from qa_tool.cli import cli  # noqa: E402
from qa_tool.engine import check_document  # noqa: E402
from qa_tool.packs import available_rules  # noqa: E402
from qa_tool.readers import ReadOptions, open_input, read_pairs  # noqa: E402
from qa_tool.review import ReviewSession  # noqa: E402
from qa_tool.review_app import KEYS, ReviewApp  # noqa: E402
from qa_tool.review_files import ReviewedDocument, ReviewFiles  # noqa: E402

# Row 1 needs an apostrophe (GR01, a safe fix); row 2 has a changed number (NU01, no fix);
# row 3 is clean.
TSV = (
    "id\tzh\ten\r\n"
    "1\t重庆经济发展很快。\tChongqings economy grew fast.\r\n"
    "2\t距离30公里。\tA distance of 13 kilometers.\r\n"
    "3\t谢谢。\tThank you.\r\n"
)
Keys = Callable[..., Awaitable[None]]


def review_of(path: Path, output: Path | None = None, format_name: str = "tsv") -> tuple[ReviewApp, ReviewSession, Path]:
    """The app as `qa-tool review PATH` builds it (the default rules; the baseline beside the file)."""
    baseline_path = path.parent / ".qa-baseline.json"
    with open_input(str(path)) as stream:
        pairs = read_pairs(stream, str(path), ReadOptions(), format_name)
        result = check_document(pairs, str(path), select_rules(["DEFAULT"], [], available_rules(())))
    known = load_baseline(str(baseline_path)) if baseline_path.exists() else None
    findings = new_findings(result.findings, known)[0] if known else result.findings
    document = ReviewedDocument(str(path), (str(path),), format_name, ReadOptions(), str(output) if output else None)
    files = ReviewFiles([document], ReadOptions(), str(baseline_path), known)
    session = ReviewSession(findings)
    return ReviewApp(session, lambda: files.save(session), files.ignore_place), session, baseline_path


def run_keys(app: ReviewApp, *steps: str | tuple[str, ...]) -> dict[str, str]:
    """Press each step's keys (a string is typed letter by letter), pausing after each step;
    return the text of the title, list, pair and status lines as last seen while running."""
    seen: dict[str, str] = {}

    async def drive() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for step in ("", *steps):
                await pilot.press(*(step if isinstance(step, tuple) else tuple(step)))
                await pilot.pause()
                if app.is_running:
                    seen.update({name: plain(app.query_one(f"#{name}").content) for name in ("title", "list", "pair", "status")})

    asyncio.run(drive())
    return seen


def plain(content: object) -> str:
    """What a widget's content reads as on an 80-column screen, without styles."""
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(content)
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.fixture
def tsv(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.tsv"
    path.write_bytes(TSV.encode("utf-8"))
    return path


def test_the_findings_are_listed_with_the_first_one_shown(tsv: Path) -> None:
    app, session, _ = review_of(tsv)
    assert [finding.code for finding in session.findings] == ["GR01", "NU01"]
    seen = run_keys(app)
    assert seen["title"].startswith(" qa-tool review  1/2")
    assert "Chongqings economy" in seen["pair"] and "Chongqing's economy" in seen["pair"]  # en and fix


def test_accepting_and_saving_changes_only_that_segment_and_keeps_a_backup(tsv: Path) -> None:
    app, session, baseline = review_of(tsv)
    run_keys(app, "a", "w", "q")
    assert tsv.read_bytes() == TSV.replace("Chongqings", "Chongqing's").encode("utf-8")
    assert Path(f"{tsv}.orig").read_bytes() == TSV.encode("utf-8")
    assert not baseline.exists()
    assert app.return_value is True


def test_editing_the_english_inline_is_saved(tsv: Path) -> None:
    app, _, _ = review_of(tsv)
    run_keys(app, "n", "e", ("ctrl+u",), "A distance of 30 kilometers.", ("enter",), "w", "q")
    assert tsv.read_text(encoding="utf-8").splitlines()[2] == "2\t距离30公里。\tA distance of 30 kilometers."


def test_ignoring_with_a_reason_goes_to_the_baseline_and_the_finding_stays_away(tsv: Path) -> None:
    app, session, baseline = review_of(tsv)
    number = session.findings[1]
    run_keys(app, "n", "i", "the client's figure", ("enter",), "w", "q")
    assert tsv.read_bytes() == TSV.encode("utf-8")
    assert load_baseline(str(baseline)) == Counter({finding_key(number): 1})
    _, again, _ = review_of(tsv)
    assert [finding.code for finding in again.findings] == ["GR01"]


@pytest.mark.parametrize(
    ("name", "content", "line", "noted"),
    [
        (
            "notes.tsv",
            "id\tzh\ten\tnotes\r\n1\t重庆经济发展很快。\tChongqings economy grew fast.\t\r\n2\t距离30公里。\tA distance of 13 kilometers.\t\r\n",
            "2\t距离30公里。\tA distance of 13 kilometers.\t\r\n",
            "2\t距离30公里。\tA distance of 13 kilometers.\tqa-ignore: NU01 the client's figure\r\n",
        ),
        (
            "pairs.jsonl",
            '{"zh": "距离30公里。", "en": "A distance of 13 kilometers."}\n',
            '{"zh": "距离30公里。", "en": "A distance of 13 kilometers."}\n',
            '{"zh": "距离30公里。", "en": "A distance of 13 kilometers.", "notes": "qa-ignore: NU01 the client\'s figure"}\n',
        ),
    ],
)
def test_ignoring_where_the_file_has_notes_writes_a_qa_ignore_note(
    tmp_path: Path, name: str, content: str, line: str, noted: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    app, session, baseline = review_of(path, format_name=path.suffix[1:])
    number = next(index for index, finding in enumerate(session.findings) if finding.code == "NU01")
    run_keys(app, *("n" * number), "i", "the client's figure", ("enter",), "w", "q")
    assert path.read_bytes().decode("utf-8") == content.replace(line, noted)
    assert not baseline.exists()
    checked = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--isolated"])
    assert "NU01" not in [finding["code"] for file in json.loads(checked.output)["files"] for finding in file["findings"]]


def test_undo_takes_the_fix_back_before_saving(tsv: Path) -> None:
    app, _, _ = review_of(tsv)
    run_keys(app, "a", "u", "w", "q")
    assert tsv.read_bytes() == TSV.encode("utf-8")
    assert not Path(f"{tsv}.orig").exists()


def test_a_save_after_undo_writes_the_text_back(tsv: Path) -> None:
    app, _, _ = review_of(tsv)
    run_keys(app, "a", "w", "u", "w", "q")
    assert tsv.read_bytes() == TSV.encode("utf-8")


def test_escape_cancels_an_edit(tsv: Path) -> None:
    app, session, _ = review_of(tsv)
    run_keys(app, "e", ("ctrl+u",), "nothing", ("escape",), "q")
    assert not session.decisions and app.return_value is True


def test_quitting_with_unsaved_decisions_asks_first(tsv: Path) -> None:
    app, session, _ = review_of(tsv)
    seen = run_keys(app, "a", "q")
    assert app.return_value is None  # still running when the pilot closed it
    assert "w saves them" in seen["status"]
    app, session, _ = review_of(tsv)
    run_keys(app, "a", "q", "q")
    assert app.return_value is False
    assert tsv.read_bytes() == TSV.encode("utf-8")


def test_a_filter_by_rule_shows_only_that_rule(tsv: Path) -> None:
    app, session, _ = review_of(tsv)
    seen = run_keys(app, "rr")  # all → GR01 → NU01
    assert session.visible == [1] and session.current.code == "NU01"
    assert "filter: rule NU01" in seen["title"]


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(tsv: Path) -> None:
    app, _, _ = review_of(tsv)
    app.call_later(tsv.write_bytes, TSV.replace("Thank you", "Thanks").encode("utf-8"))
    seen = run_keys(app, "a", "w")
    # The status line wraps wherever the temporary path's length puts the break.
    assert "changed on disk" in " ".join(seen["status"].split())
    assert "Thanks" in tsv.read_text(encoding="utf-8")


def test_saving_elsewhere_leaves_the_input_alone(tsv: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.tsv"
    app, _, _ = review_of(tsv, output=out)
    run_keys(app, "a", "w", "q")
    assert out.read_bytes() == TSV.replace("Chongqings", "Chongqing's").encode("utf-8")
    assert tsv.read_bytes() == TSV.encode("utf-8")
    assert not Path(f"{tsv}.orig").exists()


def test_without_a_terminal_review_is_one_line_and_exit_2(tsv: Path) -> None:
    result = CliRunner().invoke(cli, ["review", str(tsv)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "qa-tool: error: review is interactive: run it in a terminal (standard input and output must be one)"
    ]


def test_without_textual_review_says_what_to_install(tsv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name == "textual" or name.startswith("textual.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "qa_tool.review_app")
    result = CliRunner().invoke(cli, ["review", str(tsv)])
    assert result.exit_code == 2
    assert result.output.strip() == "qa-tool: error: review needs Textual: pip install 'qa-tool[review]'"


# In a real terminal ---------------------------------------------------------------------------


class Tmux:
    """A tmux server of its own (its own socket), one 80×24 window."""

    def __init__(self) -> None:
        self.socket = f"qa-tool-test-{uuid.uuid4().hex[:8]}"

    def __call__(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "review")

    def wait_for(self, text: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen:\n{screen}")
            time.sleep(0.2)

    def keys(self, *keys: str) -> None:
        self("send-keys", "-t", "review", *keys)
        time.sleep(0.3)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_person_reviews_in_an_80_by_24_terminal(tsv: Path, tmp_path: Path) -> None:
    status = tmp_path / "status"
    command = f"{shlex.quote(sys.executable)} -m qa_tool review pairs.tsv; echo $? > status; sleep 30"
    tmux = Tmux()
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    subprocess.run(
        ["tmux", "-L", tmux.socket, "-f", "/dev/null", "new-session", "-d", "-s", "review", "-x", "80", "-y", "24",
         "-c", str(tmp_path), command],
        check=True, env=env,
    )
    try:
        first = tmux.wait_for(KEYS)
        assert "qa-tool review  1/2" in first
        assert "Chongqings" in first and "GR01" in first and "NU01" in first
        assert all(len(line) <= 80 for line in first.splitlines())
        tmux.keys("a")
        tmux.wait_for("fix accepted")
        tmux.keys("i")
        tmux.wait_for("why ignore NU01?")
        tmux.keys("the client's figure")
        tmux.keys("Enter")
        tmux.wait_for("ignored")
        tmux.keys("w")
        tmux.wait_for("saved pairs.tsv")
        tmux.keys("q")
        deadline = time.monotonic() + 30
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run(["tmux", "-L", tmux.socket, "kill-server"], capture_output=True)
    assert tsv.read_bytes() == TSV.replace("Chongqings", "Chongqing's").encode("utf-8")
    assert json.loads((tmp_path / ".qa-baseline.json").read_text())["findings"]

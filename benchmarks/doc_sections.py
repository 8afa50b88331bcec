"""docs/benchmarks.md is written by two scripts: run.py writes the page, fuzz.py its
"## Fuzzing" section. Each keeps what the other wrote."""

from __future__ import annotations

from pathlib import Path

from qa_tool.atomic import atomic_text_writer

FUZZING = "## Fuzzing"


def _split(text: str) -> tuple[str, str]:
    """The page before its fuzzing section, and the section ("" when it has none)."""
    at = text.find("\n" + FUZZING + "\n")
    return (text, "") if at == -1 else (text[: at + 1], text[at + 1 :])


def write_page(path: Path, page: str) -> None:
    """Write ``page`` (run.py's), keeping the fuzzing section the file already has."""
    kept = _split(path.read_text(encoding="utf-8"))[1] if path.exists() else ""
    _write(path, page.rstrip("\n") + "\n" + ("\n" + kept if kept else ""))


def write_fuzzing(path: Path, section: str) -> None:
    """Write ``section`` (fuzz.py's, starting with the heading) in place of the old one."""
    page = _split(path.read_text(encoding="utf-8"))[0] if path.exists() else "# Benchmarks\n"
    _write(path, page.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_text_writer(path) as stream:
        stream.write(text)

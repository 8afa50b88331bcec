"""What saving a review writes (``qa-tool review``, key w): each reviewed file with the English
the reviewer accepted or typed and a ``qa-ignore: CODE reason`` note for each finding ignored
where the format has notes, written back in its own format by qa_tool.rewrite (only those
segments and notes change, everything else keeps its bytes); and the baseline, extended with
the findings ignored where there is no place for a note.

Every save starts again from the files as they were when the review read them, so a decision
undone and saved again puts the text back. A file that changed on disk since the review read
or last wrote it is not overwritten: someone else's edits would be lost."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from qa_tool.atomic import BACKUP_SUFFIX, atomic_text_writer, write_bytes
from qa_tool.baseline import write_baseline
from qa_tool.errors import InputError
from qa_tool.fixing import Edit, edits_between
from qa_tool.model import Finding, SegmentPair
from qa_tool.readers import ReadOptions
from qa_tool.review import ReviewSession
from qa_tool.rewrite import REWRITE_FORMATS, FileBytes, add_notes, holds_notes, rewrite


class ReviewedDocument:
    """One input document: its files as first read, and where it is saved."""

    def __init__(self, name: str, paths: Sequence[str], format_name: str, options: ReadOptions, output: str | None) -> None:
        if format_name not in REWRITE_FORMATS:
            raise InputError(
                f"review cannot save {format_name} files (it saves {', '.join(REWRITE_FORMATS)}); "
                "'qa-tool check --annotate' writes the findings into a copy", path=name,
            )
        self.name = name
        self.format_name = format_name
        self.files = tuple(FileBytes(path, _read(path)) for path in paths)
        self.holds_notes = holds_notes(self.files, format_name, options)
        # The English file of two parallel files, or the one file.
        self.destination = output or paths[-1]
        self.in_place = output is None
        # What the destination holds as far as this review knows (None: it does not exist).
        self.expected: bytes | None = self.files[-1].data if self.in_place else _read_if_there(self.destination)
        self.written = False


@dataclass(frozen=True)
class _Saved:
    """What one document will be saved as."""

    document: ReviewedDocument
    data: bytes
    changed_pairs: int
    notes: int
    # Why some of the changes could not be written.
    refusals: tuple[str, ...]


class ReviewFiles:
    def __init__(
        self,
        documents: Sequence[ReviewedDocument],
        options: ReadOptions,
        baseline_path: str,
        baseline: Counter[str] | None,
        backup: bool = True,
    ) -> None:
        self.documents = {document.name: document for document in documents}
        self.options = options
        self.baseline_path = baseline_path
        self.baseline = baseline
        self.backup = backup
        self._baseline_written = False

    def ignore_place(self, finding: Finding) -> str:
        """Where ignoring ``finding`` is recorded, for the screen."""
        if self.documents[finding.location.path].holds_notes:
            return "a qa-ignore note in the file"
        return f"the baseline {self.baseline_path}"

    def save(self, session: ReviewSession) -> str:
        """Write every document with changed English or new notes, and the baseline; say what
        was written. InputError when a file cannot be written, or changed on disk since the
        review read it (then nothing is written)."""
        edits: dict[str, dict[SegmentPair, list[Edit]]] = {}
        for (path, _), (pair, text) in session.changed_pairs().items():
            edits.setdefault(path, {})[pair] = edits_between(pair.target, text)
        notes: dict[str, dict[SegmentPair, list[str]]] = {}
        unnoted: list[Finding] = []
        for finding, reason in session.ignored():
            if self.documents[finding.location.path].holds_notes:
                wanted = notes.setdefault(finding.location.path, {}).setdefault(finding.pair, [])
                wanted.append(f"qa-ignore: {finding.code} {reason}")
            else:
                unnoted.append(finding)
        planned = []
        for name, document in self.documents.items():
            if edits.get(name) or notes.get(name) or document.written:
                saved, left = self._planned(document, edits.get(name, {}), notes.get(name, {}), session)
                planned.append(saved)
                unnoted += left
        for saved in planned:
            _refuse_if_changed(saved.document)
        said = [self._write(saved) for saved in planned]
        if unnoted or self._baseline_written:
            said.append(self._write_baseline(unnoted))
        return "; ".join(said) if said else "nothing to save"

    def _planned(
        self,
        document: ReviewedDocument,
        edits: dict[SegmentPair, list[Edit]],
        notes: dict[SegmentPair, list[str]],
        session: ReviewSession,
    ) -> tuple[_Saved, list[Finding]]:
        """The document as it will be saved, and the ignored findings whose note found no place."""
        rewritten = rewrite(document.files, document.format_name, self.options, edits)
        files = (*document.files[:-1], FileBytes(document.files[-1].name, rewritten.data))
        noted = add_notes(files, document.format_name, self.options, {pair: list(dict.fromkeys(texts)) for pair, texts in notes.items()})
        homeless = set(noted.unnoted)
        left = [finding for finding, _ in session.ignored() if finding.pair in homeless]
        refusals = tuple(sorted({refusal.reason for refusal in rewritten.refused}))
        saved = _Saved(document, noted.data, len(edits), len(notes) - len(homeless), refusals)
        return saved, left

    def _write(self, saved: _Saved) -> str:
        document = saved.document
        if document.in_place and self.backup and not document.written:
            _write_bytes(document.destination + BACKUP_SUFFIX, document.files[-1].data)
        _write_bytes(document.destination, saved.data)
        document.expected = saved.data
        document.written = True
        said = f"saved {document.destination} ({_count(saved.changed_pairs, 'segment')} changed"
        said += f", {_count(saved.notes, 'note')} added)" if saved.notes else ")"
        if saved.refusals:
            said += f"; not written: {'; '.join(saved.refusals)}"
        return said

    def _write_baseline(self, ignored: list[Finding]) -> str:
        try:
            with atomic_text_writer(self.baseline_path) as stream:
                write_baseline(ignored, stream, earlier=self.baseline)
        except OSError as error:
            raise InputError(f"cannot write the baseline: {error.strerror or error}", path=self.baseline_path) from None
        self._baseline_written = True
        return f"{_count(len(ignored), 'ignored finding')} in {self.baseline_path}"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=path) from None


def _read_if_there(path: str) -> bytes | None:
    try:
        return _read(path)
    except InputError:
        return None


def _refuse_if_changed(document: ReviewedDocument) -> None:
    if _read_if_there(document.destination) != document.expected:
        raise InputError("changed on disk since the review read it; not overwritten", path=document.destination)


def _write_bytes(path: str, data: bytes) -> None:
    try:
        write_bytes(path, data)
    except OSError as error:
        raise InputError(f"cannot save: {error.strerror or error}", path=path) from None

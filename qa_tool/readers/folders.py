"""The input files of a run: files named as they are, folders walked for the files of a
format qa-tool reads, filtered by .gitignore-style --include/--exclude patterns.

A folder's files are those whose extension names a known format (the readers' registry, so
a new reader's files join by themselves) and plain-text files (.txt) whose first bytes show
a format, e.g. interleaved bilingual text. Templates (.pot), names starting with '.'
(.git, editor backups) and with '~$' (the owner file Word and Excel keep beside a document
while it is open, ~$review.xlsx: a few bytes naming the user) are skipped. Patterns are matched against the path below the folder, as in a .gitignore:
'*.tmx' at any depth, '/old.tmx' only at the top, 'drafts/' a folder and all in it,
'**' any folders, '!' to take a file back. Files are read in a fixed order (path by path,
names compared as text), so every run and every machine checks and reports the same way.
"""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from qa_tool.errors import InputError
from qa_tool.readers import SNIFF_BYTES, SNIFFED_EXTENSIONS, TEMPLATE_EXTENSIONS, detect_format, known_extensions

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


_OFFICE_OWNER_FILE = "~$"


def input_files(
    arguments: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    leave_out: Iterable[str] = (),
) -> tuple[str, ...]:
    """The files to read, in order: each argument that is a folder replaced by its files,
    the others kept as given ('-' and missing files too: reading them reports the error).
    A file met twice is read once; ``leave_out`` (the run's own report files) are never
    taken from a folder."""
    patterns: tuple[GitIgnoreSpec | None, GitIgnoreSpec] | None = None
    left_out = {os.path.realpath(path) for path in leave_out if path != "-"}
    seen: set[str] = set()
    files: list[str] = []
    for argument in arguments:
        if argument == "-" or not os.path.isdir(argument):
            found: Iterable[str] = (argument,)
        else:
            patterns = patterns or _patterns(include, exclude)
            found = _folder_files(argument, *patterns, left_out, filtered=bool(include or exclude))
        for path in found:
            # Standard input twice is the reader's error to report, not a repeat to drop.
            if path != "-":
                if os.path.realpath(path) in seen:
                    continue
                seen.add(os.path.realpath(path))
            files.append(path)
    return tuple(files)


def _patterns(include: Sequence[str], exclude: Sequence[str]) -> tuple[GitIgnoreSpec | None, GitIgnoreSpec]:
    """The --include patterns (None without any) and the --exclude patterns, compiled. Only a
    folder needs them, so pathspec is imported here rather than by every run."""
    from pathspec import GitIgnoreSpec

    for option, patterns in (("--include", include), ("--exclude", exclude)):
        problem = pattern_problem(patterns)
        if problem is not None:
            raise InputError(f"{option} {problem}")
    return (GitIgnoreSpec.from_lines(include) if include else None), GitIgnoreSpec.from_lines(exclude)


def pattern_problem(patterns: Sequence[str]) -> str | None:
    """What is wrong with the first of ``patterns`` that a .gitignore cannot hold, or None."""
    from pathspec import GitIgnoreSpec

    for pattern in patterns:
        try:
            GitIgnoreSpec.from_lines([pattern])
        except ValueError:
            return (
                f"'{pattern}' is not a pattern as a .gitignore writes one ('*.tmx', 'drafts/', "
                "'!keep.tmx'; a '!' or '\\' needs something after it)"
            )
    return None


def _folder_files(
    folder: str, included: GitIgnoreSpec | None, excluded: GitIgnoreSpec, left_out: set[str], filtered: bool
) -> list[str]:
    extensions = frozenset(known_extensions()) - frozenset(TEMPLATE_EXTENSIONS)
    found = [
        relative
        for relative in _walk(folder, excluded)
        if (included is None or included.match_file(relative)) and not excluded.match_file(relative)
        and os.path.realpath(os.path.join(folder, relative)) not in left_out
        and _is_readable_format(os.path.join(folder, relative), extensions)
    ]
    if not found:
        raise InputError(
            f"the folder holds no file of a format qa-tool reads{' matching --include/--exclude' if filtered else ''} (looked for "
            f"{', '.join(sorted(extensions))} and bilingual {', '.join(SNIFFED_EXTENSIONS)}); "
            "name a file with --from to read another kind",
            path=folder,
        )
    return [os.path.normpath(os.path.join(folder, relative)) for relative in sorted(found, key=lambda r: r.split("/"))]


def _walk(folder: str, excluded: GitIgnoreSpec) -> Iterator[str]:
    """Paths of the files below ``folder``, relative and with '/', skipping hidden names and
    folders the exclude patterns cover (as git does, a file in them cannot be taken back)."""

    def refuse(error: OSError) -> None:
        raise InputError(f"cannot read the folder: {error.strerror or error}", path=error.filename or folder)

    for root, folders, names in os.walk(folder, onerror=refuse):
        below = PurePath(os.path.relpath(root, folder)).as_posix()
        prefix = "" if below == "." else below + "/"
        folders[:] = [name for name in folders if not name.startswith(".") and not excluded.match_file(f"{prefix}{name}/")]
        yield from (prefix + name for name in names if not name.startswith((".", _OFFICE_OWNER_FILE)))


def _is_readable_format(path: str, extensions: frozenset[str]) -> bool:
    suffix = PurePath(path).suffix.lower()
    if suffix in extensions:
        return True
    if suffix not in SNIFFED_EXTENSIONS:
        return False
    try:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError as error:
        raise InputError(error.strerror or str(error), path=path) from None
    return detect_format(path, head) is not None

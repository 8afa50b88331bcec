"""The one exception type that reaches the user as a clear message instead of a traceback."""

from __future__ import annotations


class InputError(Exception):
    """Bad input (file, option, config): shown as ``qa-tool: error: FILE:LINE: message``, exit 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line is not None:
            where = f"{self.path}:{self.line}"
        return f"{where}: {self.message}" if where else self.message

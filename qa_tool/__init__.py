"""qa-tool: quality assurance for Chinese→English translation."""

__version__ = "0.1.0"

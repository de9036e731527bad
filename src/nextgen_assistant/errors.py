"""Errors a person can meet: each carries a sentence that says what happened and what to do."""


class NextGenError(Exception):
    """Base of the project's own errors; `str(error)` is the sentence shown to a person."""

    exit_code = 1


class ConfigError(NextGenError):
    """A lexicon, rubric or question file is invalid, or the command line is wrong (exit 2)."""

    exit_code = 2


class DocumentError(NextGenError):
    """One document could not be read; the batch goes on without it."""


class AnswerError(NextGenError):
    """An answer, or an answers file, does not fit the question it answers (exit 2)."""

    exit_code = 2


class StoreError(NextGenError):
    """The assessment store cannot be opened or written."""

"""Errors the library raises; the CLI maps each to exit status 2 and a one-line message."""


class ComparerError(Exception):
    """Base class of every error comparer raises on purpose."""


class InputError(ComparerError):
    """One or more inputs could not be read; ``problems`` lists each with its file (and line)."""

    def __init__(self, problems, documents=()):
        self.problems = tuple(problems)
        self.documents = tuple(documents)
        super().__init__("; ".join(str(p) for p in self.problems) or "no readable input")


class ConfigError(ComparerError):
    """A configuration file or value is invalid."""

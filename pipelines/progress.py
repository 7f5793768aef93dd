"""Progress reporting from a flow to whoever runs it (the CLI shows a progress bar)."""

from __future__ import annotations

from typing import Protocol


class Reporter(Protocol):
    def stage(self, name: str, total: int) -> None: ...
    def grow(self, name: str, n: int) -> None: ...
    def advance(self, name: str, n: int = 1) -> None: ...
    def message(self, text: str) -> None: ...


class SilentReporter:
    def stage(self, name: str, total: int) -> None:
        pass

    def grow(self, name: str, n: int) -> None:
        pass

    def advance(self, name: str, n: int = 1) -> None:
        pass

    def message(self, text: str) -> None:
        pass


_current: Reporter = SilentReporter()


def set_reporter(reporter: Reporter | None) -> None:
    global _current
    _current = reporter or SilentReporter()


def reporter() -> Reporter:
    return _current

"""What every screen of the app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from nextgen_assistant.tui.app import NextGenApp


class AppScreen(Screen[None]):
    """A screen of nextgen's app, with the app typed."""

    @property
    def nextgen(self) -> NextGenApp:
        """The app, typed."""
        return cast("NextGenApp", self.app)

"""What every screen of the app shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen

if TYPE_CHECKING:
    from nextgen_assistant.tui.app import NextGenApp


class AppScreen(Screen[None]):
    """A screen of nextgen's app, with the app typed."""

    _toasts: tuple[Notification, ...] = ()
    """The toasts this screen raised (replaced, never changed in place)."""

    @property
    def nextgen(self) -> NextGenApp:
        """The app, typed."""
        return cast("NextGenApp", self.app)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast, as Textual's, kept as this screen's so `clear_toasts` takes only its own."""
        wait = self.app.NOTIFICATION_TIMEOUT if timeout is None else timeout
        toast = Notification(message, title, severity, wait, markup=markup)
        self._toasts = (*self._toasts, toast)
        self.app.post_message(Notify(toast))

    def clear_toasts(self) -> None:
        """This screen's toasts go (another screen's, or the app's, stay: the app's
        clear_notifications took a Documents screen's warning with a question's hint)."""
        for toast in self._toasts:
            self.app._unnotify(toast)  # Textual has no public way to take one toast back
        self._toasts = ()

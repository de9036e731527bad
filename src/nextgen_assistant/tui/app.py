"""The terminal app: home, conversation, documents and report over the same engine and store."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from rich.markup import escape
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from nextgen_assistant import services
from nextgen_assistant.assessment.status import Standing, standings
from nextgen_assistant.clock import clock_for, system_clock
from nextgen_assistant.dialogue.engine import Conversation
from nextgen_assistant.dialogue.store import Store
from nextgen_assistant.errors import NextGenError
from nextgen_assistant.signals.model import ScanResult
from nextgen_assistant.tui.screens.conversation import ConversationScreen
from nextgen_assistant.tui.screens.documents import DocumentsScreen
from nextgen_assistant.tui.screens.home import HomeScreen
from nextgen_assistant.tui.screens.report import ReportScreen
from nextgen_assistant.tui.type_ahead import Keystroke

WARM_UP_AFTER_SECONDS = 1.0


def starting_folder() -> Path:
    """Where the Documents screen opens when no folder was scanned for the partnership yet:
    the folder nextgen was started in, as the README's commands name documents from there;
    the home folder when that is the file system's root (started by a launcher)."""
    here = Path.cwd()
    return Path.home() if here == Path(here.anchor) else here


class NextGenApp(App[None]):
    """nextgen-assistant in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "nextgen-assistant"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(
        self,
        db: Path | None = None,
        resume: int | None = None,
        today: date | None = None,
        documents_root: Path | None = None,
    ) -> None:
        super().__init__()
        # A fixed `today` (a test, `--as-of`) dates everything stored too.
        self.store = Store(db, clock_for(today))
        self.today = today or system_clock().date()
        self.resume = resume
        self.documents_root = documents_root or starting_folder()
        self.conversation: Conversation | None = None
        self.documents_for: int | None = None  # the assessment whose documents are picked
        self.attached: list[Path] = []
        self.export_folder: Path | None = None
        """Where the last report was exported: the next export offers it."""
        self.scan: ScanResult | None = None
        self.scan_bound = False
        """Whether the scan held belongs to a partnership (kept in the database for it)."""
        self._opening: list[Keystroke] | None = None
        """Keys typed after the key that opens an assessment, until its screen is there."""
        self._opened_by: str | None = None
        """The key that opened it (n, or Enter on a row)."""

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.resume is not None:
            self.open_assessment(self.resume)
        # Loading spaCy and the lexicons holds the GIL for about a second; started at once it
        # slows the first screens by as much (measured: first question at 1.9 s instead of
        # 0.8 s, benchmarks/tui_start.py). So it starts once the first question is up.
        self.set_timer(WARM_UP_AFTER_SECONDS, self.warm_up)

    def warm_up(self) -> threading.Thread:
        """spaCy and the lexicons load in the background; anything that needs them before
        they are ready loads them itself.

        A daemon thread rather than a Textual thread worker: asyncio waits for its executor's
        threads at exit, so ctrl+q in the first seconds waited for spaCy (about 6 s). A daemon
        thread is simply abandoned when the person quits."""
        thread = threading.Thread(target=services.warm_up, name="nextgen-warm-up", daemon=True)
        thread.start()
        return thread

    # --- keys typed ahead --------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        """Keys from the terminal, in the order pressed, before Textual sends each to whatever
        has focus at that moment: keys that make an answer go where the conversation says, so
        none overtakes another (see ConversationScreen.take_key)."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            screen = self.screen
            if isinstance(screen, ConversationScreen) and screen.take_paste(event.text):
                return
        if isinstance(event, events.Key) and not event.is_forwarded and self._takes(event):
            if not self.app_focus:
                self.app_focus = True  # as Textual does for every key it sees
            return
        await super().on_event(event)

    def _takes(self, event: events.Key) -> bool:
        stroke = Keystroke(event.key, event.character)
        screen = self.screen
        if isinstance(screen, ConversationScreen):
            return screen.take_key(stroke)
        if self._opening is not None:
            # An assessment is on its way: what is typed now is for its first question (the
            # name typed right after n, which home would have dropped, or taken q as quit).
            if not self._opening and event.key == "n" == self._opened_by:
                return True  # n pressed twice: the second is not the name's first letter
            if stroke.answers:
                self._opening.append(stroke)
            return stroke.answers
        if isinstance(screen, HomeScreen) and screen.opens_an_assessment(event.key):
            self._opening = []
            self._opened_by = event.key
        return False

    # --- navigation -------------------------------------------------------------------------
    def open_assessment(self, assessment_id: int | None) -> None:
        """Resume an assessment, or begin a new one (stored with its first answer)."""
        typed_ahead, self._opening = self._opening or [], None
        # A second n after the screen is up is caught there, before anything else is typed.
        opened_by, self._opened_by = (self._opened_by if not typed_ahead else None), None
        try:
            self.conversation = services.open_conversation(self.store, self.today, assessment_id)
        except NextGenError as error:
            self.notify(escape(str(error)), severity="error", timeout=10)
            return
        if assessment_id is not None:
            self.take_up_kept_scan(assessment_id)
        elif self.scan_bound:
            # A new partnership starts with no documents: another assessment's scan gave an
            # empty new one "meets" on every indicator.
            self.scan, self.scan_bound, self.attached = None, False, []
        self.push_screen(ConversationScreen(self.conversation, typed_ahead, opened_by))

    def take_up_kept_scan(self, assessment_id: int) -> None:
        """The documents the app holds become those of this assessment's partnership: its last
        scan, kept in the database (a restart once dropped them and the report quietly got
        rosier), or none, never another partnership's."""
        try:
            kept = self.store.last_scan(assessment_id)
        except NextGenError:
            kept = None
        if kept is None and not self.scan_bound:
            return  # a scan made for no partnership in particular stays, as it always did
        self.scan_bound = kept is not None
        if kept != self.scan:  # another partnership's documents: what was attached goes too
            self.attached = []
            folder = self.store.documents_folder(assessment_id) if kept is not None else None
            if folder is not None and folder.is_dir():
                self.attached = [folder]  # so "s scans again" does, after a restart too
        self.scan = kept

    def action_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_attach(self) -> None:
        """The Documents screen, at the folder last scanned for the partnership in hand, if
        it is still there, else at `documents_root`."""
        self.documents_for = self._assessment_in_hand()
        if self.documents_for is not None and (
            self.conversation is None or self.conversation.assessment_id != self.documents_for
        ):
            self.take_up_kept_scan(self.documents_for)  # its last scan shows, after a restart too
        remembered = None
        if self.documents_for is not None:
            try:
                remembered = self.store.documents_folder(self.documents_for)
            except NextGenError:
                remembered = None  # a folder to start in is not worth an error
        start = remembered if remembered is not None and remembered.is_dir() else None
        self.push_screen(DocumentsScreen(start or self.documents_root))

    def _assessment_in_hand(self) -> int | None:
        """The assessment open in the conversation under the top screen, else the one
        highlighted on the home screen; None for a new assessment not yet saved."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ConversationScreen):
                return screen.conversation.assessment_id
            if isinstance(screen, HomeScreen):
                return screen.highlighted_assessment()
        return None

    def action_report(self) -> None:
        """The report of the assessment in hand: the conversation's, or the one highlighted on
        the home screen (F7 on Documents opened from home showed the last conversation's)."""
        self.show_report(self._assessment_in_hand())

    def show_report(self, assessment_id: int | None) -> None:
        """The merged report of an assessment and the scanned documents."""
        if assessment_id is not None and (
            self.conversation is None or self.conversation.assessment_id != assessment_id
        ):
            self.take_up_kept_scan(assessment_id)
        try:
            record = self.store.load(assessment_id) if assessment_id is not None else None
            earlier = self.store.earlier(assessment_id) if assessment_id is not None else None
            if record is None and self.scan is None:
                self.notify("Start an assessment or scan documents first.", severity="warning")
                return
            report = services.make_report(self.today, record, self.scan, earlier)
        except NextGenError as error:
            self.notify(escape(str(error)), severity="error", timeout=10)
            return
        self.push_screen(ReportScreen(report))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "New assessment", "Start a new self-assessment", lambda: self.open_assessment(None)
        )
        yield SystemCommand(
            "Resume assessment", "Go to the saved assessments", self.action_home_screen
        )
        yield SystemCommand("Attach documents", "Pick files or folders to scan", self.action_attach)
        yield SystemCommand("Report", "Show the merged gap report", self.action_report)
        yield SystemCommand(
            "Export report", "Save the report as HTML, Markdown or JSON", self.action_export_report
        )

    def action_export_report(self) -> None:
        """The report, with its export dialog open (the palette's "Export report")."""
        if not isinstance(self.screen, ReportScreen):
            self.action_report()
        if isinstance(self.screen, ReportScreen):
            self.call_after_refresh(self.screen.action_export)

    def action_home_screen(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    # --- what the screens ask for --------------------------------------------------------------
    def on_home_screen_open_requested(self, event: HomeScreen.OpenRequested) -> None:
        self.open_assessment(event.assessment_id)

    def on_home_screen_report_requested(self, event: HomeScreen.ReportRequested) -> None:
        self.show_report(event.assessment_id)

    def on_documents_screen_attached(self, event: DocumentsScreen.Attached) -> None:
        if event.path not in self.attached:
            self.attached.append(event.path)

    def on_documents_screen_cleared(self, event: DocumentsScreen.Cleared) -> None:
        """Start over with documents: what was attached and the last scan's evidence go."""
        self.attached.clear()
        self.scan = None
        self.scan_bound = False
        if self.documents_for is not None:
            try:
                self.store.forget_scan(self.documents_for)
            except NextGenError as error:
                self.notify(str(error), severity="warning")

    def on_documents_screen_scanned(self, event: DocumentsScreen.Scanned) -> None:
        self.scan = event.result  # the side panel shows it when its screen is back
        self.scan_bound = self.documents_for is not None and bool(event.paths)
        if self.documents_for is not None and event.paths:
            try:
                self.store.remember_documents_folder(self.documents_for, event.folder, event.result)
            except NextGenError as error:
                self.notify(escape(str(error)), severity="warning")

    # --- documents and the panel -------------------------------------------------------------

    def run_scan(self, paths: list[Path], progress: Callable[[int, int, str], None]) -> ScanResult:
        """Scan (called from a worker thread)."""
        return services.scan_documents(paths, self.today, progress=progress)

    def standings(self, conversation: Conversation) -> list[Standing]:
        """Each indicator's status by the report's rules, from the answers and any documents."""
        return standings(self.today, conversation.record, self.scan, conversation.sequence())

    def summary(self, conversation: Conversation) -> str:
        """F5: where things stand, the same figures as the side panel."""
        return services.summarize(
            conversation.record, self.today, conversation.sequence(), self.scan
        )

"""The terminal app, driven by keyboard through Textual's Pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Input, Markdown, OptionList, Static

from nextgen_assistant import services
from nextgen_assistant.dialogue.engine import Conversation
from nextgen_assistant.dialogue.store import Store
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.change_answer import ChangeAnswerDialog
from nextgen_assistant.tui.screens.conversation import ConversationScreen
from nextgen_assistant.tui.screens.documents import DocumentsScreen
from nextgen_assistant.tui.screens.home import HomeScreen
from nextgen_assistant.tui.screens.report import ExportDialog, ReportScreen, report_file_stem
from nextgen_assistant.tui.widgets.answer_boxes import AnswerLine
from nextgen_assistant.tui.widgets.indicator_panel import IndicatorPanel
from nextgen_assistant.tui.widgets.transcript import AnswerBubble
from tests.conftest import SAMPLE_DOCS

TODAY = date(2026, 11, 25)
KEYS = {
    "agree": ["4"],
    "choice": ["1"],
    "multi": ["space", "ctrl+s"],
    "number": ["3", "enter"],
    "date": [*"2026-03", "enter"],
}


async def settle(app: NextGenApp, pilot: Pilot[None], *groups: str) -> None:
    """Wait for this test's workers (not the directory tree's, which runs as long as it lives)."""
    await pilot.pause()
    mine = [w for w in app.workers if w.group in groups]
    if mine:  # an empty list would mean "every worker", the tree's endless loader included
        await app.workers.wait_for_complete(mine)
    await pilot.pause()


def typed(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def answer_everything(app: NextGenApp, pilot: Pilot[None], limit: int = 80) -> None:
    for _ in range(limit):
        conversation = app.conversation
        assert conversation is not None
        question = conversation.current
        if question is None:
            return
        if conversation.confirming:
            keys = ["y"]
        elif question.type == "text":
            keys = [*typed("Business leaders set the agenda."), "ctrl+s"]
        else:
            keys = KEYS[question.type]
        await pilot.press(*keys)
        await settle(app, pilot, "answer")
    raise AssertionError("the conversation did not finish")


async def test_whole_assessment_by_keyboard_then_documents_and_report(tmp_path: Path) -> None:
    app = NextGenApp(
        db=tmp_path / "a.sqlite3",
        today=TODAY,
        documents_root=SAMPLE_DOCS / "front-range-manufacturing",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        await answer_everything(app, pilot)
        assert app.conversation is not None
        done, total = app.conversation.progress()
        assert done == total and total >= 28
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("a", "s")
        await settle(app, pilot, "scan")
        assert app.scan is not None and len(app.scan.documents) == 6
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert len(app.screen.report.indicators) == 7
        assert app.screen.report.indicators[0].evidence_score is not None
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("Input")
        field.value = str(tmp_path / "exported")  # type: ignore[attr-defined]
        await pilot.click("#html")
        await pilot.pause()
    page = (tmp_path / "exported.html").read_text()
    assert "Gap report" in page
    assert len(Store(tmp_path / "a.sqlite3").load(1).answers) == total


async def test_quit_and_relaunch_resumes_exactly_there(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    app = NextGenApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*typed("Resume Works"), "ctrl+s")
        await settle(app, pilot, "answer")
        await pilot.press("f3")  # skip the industry
        await settle(app, pilot, "answer")
        assert app.conversation is not None and app.conversation.current is not None
        where = app.conversation.current.id
    again = NextGenApp(db=db, today=TODAY, resume=1)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.conversation is not None and again.conversation.current is not None
        assert again.conversation.current.id == where
        assert again.conversation.record.partnership.name == "Resume Works"


async def test_invalid_number_is_explained_and_the_app_stays(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        conversation = app.conversation
        assert conversation is not None
        for text in ("Numbers Test", "manufacturing", "Weld County"):
            await pilot.press(*typed(text), "ctrl+s")
            await settle(app, pilot, "answer")
            if conversation.confirming:
                await pilot.press("y")
                await settle(app, pilot, "answer")
        await pilot.press("1")
        await settle(app, pilot, "answer")
        assert conversation.current is not None and conversation.current.id == "rlm_counties"
        await pilot.press(*"999", "enter")
        await settle(app, pilot, "answer")
        assert conversation.current.id == "rlm_counties"
        turns = [str(m.source) for m in app.screen.query("Markdown")]  # type: ignore[attr-defined]
        assert any("out of range" in turn for turn in turns[-3:])


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Wait for a condition, however slow the machine (at most a minute); never a fixed sleep."""
    for _ in range(1200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never reached the expected state")


def toasts(app: NextGenApp) -> list[str]:
    """The toasts on screen, as the person reads them (a title above its message)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]  # type: ignore[attr-defined]


def hint_line(app: NextGenApp) -> str:
    """The line under the answer box: the question's hint, or a word about it (`tell`); ''
    while the next question's widgets are mounted."""
    hints = app.screen.query("AnswerArea .hint")
    return str(hints.last(Static).render()) if hints else ""


def idle(app: NextGenApp) -> Callable[[], bool]:
    """The conversation screen has shown the reply to the last answer."""
    return lambda: isinstance(app.screen, ConversationScreen) and not app.screen.reading


def heading(app: NextGenApp) -> str:
    return str(app.screen.query_one("AnswerArea #question", Static).render())


def shown_text(app: NextGenApp) -> str:
    """Everything the transcript shows."""
    parts = [str(m.source) for m in app.screen.query(Markdown)]
    parts += [str(s.render()) for s in app.screen.query(Static)]
    return "\n".join(parts)


async def new_conversation(app: NextGenApp, pilot: Pilot[None]) -> Conversation:
    await pilot.press("n")
    await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
    await until(pilot, lambda: app.screen.query(".answer"))  # type: ignore[arg-type]
    assert app.conversation is not None
    return app.conversation


async def answer_until(app: NextGenApp, pilot: Pilot[None], question_id: str) -> None:
    """Answer by keyboard (sensible defaults) until `question_id` is asked."""
    for _ in range(80):
        conversation = app.conversation
        assert conversation is not None and conversation.current is not None
        if conversation.current.id == question_id and not conversation.confirming:
            return
        if conversation.confirming:
            keys = ["y"]
        elif conversation.current.type == "text":
            keys = [*typed("Business leaders set the agenda."), "ctrl+s"]
        else:
            keys = KEYS[conversation.current.type]
        await pilot.press(*keys)
        await pilot.pause()
        await until(pilot, idle(app))
    raise AssertionError(f"{question_id} was never asked")


async def test_double_send_and_typing_while_an_answer_is_read(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await pilot.press(*typed("Small Test Partnership"), "ctrl+s", "ctrl+s", *"Manufacturing")
        await until(
            pilot,
            lambda: conversation.current is not None and conversation.current.id == "industry",
        )
        await until(pilot, idle(app))
        assert conversation.record.partnership.name == "Small Test Partnership"
        box = app.screen.query_one(".answer", AnswerLine)
        assert box.value == "Manufacturing" and app.focused is box
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "industry" in conversation.record.answers)
        assert conversation.record.answers["industry"].value == "Manufacturing"


async def test_the_question_being_rated_is_in_view_at_80x24(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_agree_footprint")
        statement = conversation.bank["rlm_agree_footprint"].text
        number = int(conversation.number(conversation.bank["rlm_agree_footprint"]))
        assert statement in heading(app) and f"({number} of " in heading(app)
        area = app.screen.query_one("AnswerArea")
        assert area.region.bottom <= 23 and area.region.height >= 8  # above the footer
        transcript = app.screen.query_one("Transcript")
        await until(pilot, lambda: transcript.scroll_y >= transcript.max_scroll_y)


async def test_keys_people_press(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    app = NextGenApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Enter on home opens (a new assessment when none is saved)
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await until(pilot, lambda: app.screen.query(".answer"))  # type: ignore[arg-type]
        await pilot.press("ctrl+s")  # nothing typed
        await until(pilot, lambda: "Type an answer first" in hint_line(app))
        await pilot.press(*typed("Keys Partnership"), "ctrl+s")
        await until(pilot, idle(app))
        await pilot.press("tab", "shift+tab", "shift+tab")
        assert not isinstance(app.focused, AnswerBubble)
        await pilot.press("f7")  # from inside the text box
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await answer_until(app, pilot, "ida_priorities")
        await pilot.press("2", "4", "ctrl+s")
        assert app.conversation is not None
        await until(pilot, lambda: "ida_priorities" in app.conversation.record.answers)  # type: ignore[union-attr]
        assert app.conversation.record.answers["ida_priorities"].value == [
            "innovation",
            "supply_chain",
        ]
    again = NextGenApp(db=db, today=TODAY)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(again.screen, HomeScreen))
        await pilot.press("r")  # the newest saved assessment is highlighted at once
        await until(pilot, lambda: isinstance(again.screen, ReportScreen))


async def test_counts_agree_after_back_skip_and_the_end(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "psl_business_attendees")
        number = int(conversation.number(conversation.bank["psl_business_attendees"]))
        total = len(conversation.sequence())
        await pilot.press("f2")
        await until(pilot, idle(app))
        assert f"({number - 1} of {total})" in heading(app)
        await pilot.press("f3")
        await until(pilot, idle(app))
        assert f"({number} of {total})" in heading(app)
        await pilot.press("f5")
        await pilot.pause()
        summary = [str(m.source) for m in app.screen.query(Markdown)][-1]
        panel = str(app.screen.query_one(IndicatorPanel).render())
        assert "Regional labor-market footprint: 3 of 4 answered, 1 skipped" in summary
        assert "3/4 answered, 1 skipped" in panel
        await answer_until(app, pilot, "mr_example")
        await pilot.press("f3")
        await until(pilot, lambda: conversation.current is None)
        await until(pilot, idle(app))
        end = heading(app)
        assert "2 skipped" in end and "every question has an answer" not in end.lower()
        assert not app.screen.query(".answer")  # no box, so no "type a command" either
        assert "F7 report" in shown_text(app)


async def test_panel_status_is_the_reports_and_follows_a_scan(tmp_path: Path) -> None:
    app = NextGenApp(
        db=tmp_path / "a.sqlite3",
        today=TODAY,
        documents_root=SAMPLE_DOCS / "front-range-manufacturing",
    )
    async with app.run_test(size=(120, 35)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_counties")
        await pilot.press("1", "enter")  # one county: the gate fails
        await until(pilot, idle(app))
        await pilot.press("1", "5")  # region by the labor market; strongly agree
        await until(pilot, idle(app))
        await pilot.press(*typed("They commute from all over the region."), "ctrl+s")
        await until(
            pilot, lambda: conversation.confirming or conversation.current.id != "rlm_region_text"
        )  # type: ignore[union-attr]
        await until(pilot, idle(app))
        if conversation.confirming:
            await pilot.press("y")
            await until(pilot, idle(app))
        assert conversation.assessment_id is not None
        report = services.make_report(TODAY, conversation.record, None)
        finding = report.indicators[0]
        assert finding.status == "partial" and (finding.score or 0) >= 4.0  # capped by the gate
        panel = str(app.screen.query_one(IndicatorPanel).render())
        assert f"partial {finding.score:.1f}" in panel
        before = panel
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        await pilot.press("a", "s")
        await until(pilot, lambda: app.scan is not None)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        await pilot.pause()
        after = str(app.screen.query_one(IndicatorPanel).render())
        expected = services.make_report(TODAY, conversation.record, app.scan)
        for finding in expected.indicators:
            shown = "" if finding.score is None else f" {finding.score:.1f}"
            assert f"{finding.status}{shown}" in after
        assert after != before


async def test_resume_shows_earlier_answers_and_opening_saves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    app = NextGenApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        await pilot.press("escape", "n")
        await pilot.pause()
    assert Store(db).list() == []
    app = NextGenApp(db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_conversation(app, pilot)
        await answer_until(app, pilot, "respondent_role")
        await pilot.press("2")
        await until(pilot, idle(app))
    assert [row[3] for row in Store(db).list()] == [4]
    again = NextGenApp(db=db, today=TODAY, resume=1)
    async with again.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(again.screen, ConversationScreen))
        await until(pilot, lambda: again.screen.query(AnswerBubble))  # type: ignore[arg-type]
        bubbles = [str(b.render()) for b in again.screen.query(AnswerBubble)]
        assert "Business leaders set the agenda." in bubbles
        assert any(b.startswith("Public partner (education") for b in bubbles)
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(again.screen, ChangeAnswerDialog))
        await pilot.press("enter")  # the latest answer
        await until(pilot, idle(again))
        assert again.conversation is not None and again.conversation.current is not None
        assert again.conversation.current.id == "respondent_role"
    home = NextGenApp(db=db, today=TODAY)
    async with home.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(home.screen, HomeScreen))
        listed = str(home.screen.query_one(OptionList).get_option_at_index(1).prompt)
        assert "4 answered" in listed


async def test_home_counts_only_real_answers_not_skips_or_dont_knows(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    app = NextGenApp(db=db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "respondent_role")
        await pilot.press("2")
        await until(pilot, idle(app))
        await pilot.press("f3")  # skip
        await until(pilot, idle(app))
        await pilot.press("f4")  # don't know
        await until(pilot, idle(app))
        counts = conversation.counts()
        assert (counts.answered, counts.skipped, counts.dont_know) == (4, 1, 1)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        listed = str(app.screen.query_one(OptionList).get_option_at_index(1).prompt)
        assert "4 answered" in listed and "6 answers" not in listed


async def test_messages_use_the_questions_words_never_ids(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "rlm_counties")
        await pilot.press(*"lots", "enter")
        await until(pilot, idle(app))
        await pilot.press(*typed("three"), "enter")
        await until(pilot, idle(app))
        assert conversation.record.answers["rlm_counties"].value == 3
        await answer_until(app, pilot, "ppt_partner_types")
        await pilot.press("4", "ctrl+s")
        await until(pilot, idle(app))
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ChangeAnswerDialog))
        await pilot.press("up", "enter")
        await until(pilot, idle(app))
        text = shown_text(app)
        assert "couldn't find a number" in text and "for example" in text
        assert "Economic development" in text
        ids = {q.id for q in conversation.bank.all_questions() if "_" in q.id}
        ids |= {c.value for q in conversation.bank.questions for c in q.choices if "_" in c.value}
        assert not [i for i in ids if i in text]


async def test_export_dialog_fits_and_the_file_has_no_local_paths(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        app.scan = services.scan_documents([SAMPLE_DOCS / "mesa-valley-healthcare"], TODAY)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        box = app.screen.query_one("ExportDialog > Vertical")
        assert box.region.width <= 80 and box.region.height < 24
        assert app.screen.query_one("#cancel", Button)
        await pilot.click("#cancel")
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one(Input).value = str(tmp_path / "exported")
        await pilot.click("#json")
        await until(pilot, lambda: (tmp_path / "exported.json").exists())
    exported = (tmp_path / "exported.json").read_text()
    assert '"evidence"' in exported and str(SAMPLE_DOCS) not in exported
    assert report_file_stem("Front Range Advanced Manufacturing Partnership of Colorado") == (
        "nextgen-report-front-range-advanced-manufacturing"
    )


async def test_a_file_name_with_brackets_shows_as_typed(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "[bold]x.txt").write_text("Business leaders set the agenda.")
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY, documents_root=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, DocumentsScreen))
        app.screen.post_message(DocumentsScreen.Attached(folder / "[bold]x.txt"))
        app.screen.show_attached([folder / "[bold]x.txt"])  # type: ignore[attr-defined]
        await pilot.pause()
        assert "[bold]x.txt" in str(app.screen.query_one("#attached", Static).render())


async def test_warm_up_never_holds_up_quitting(tmp_path: Path) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.warm_up().daemon  # abandoned at exit, never waited for
        assert not [w for w in app.workers if w.group == "warm-up"]
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_report_screen_warns_check_first_as_the_exported_report_does(tmp_path: Path) -> None:
    from nextgen_assistant.report.markdown import report_markdown

    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        conversation = await new_conversation(app, pilot)
        await answer_until(app, pilot, "respondent_role")
        warning = "The documents name [b]Other Co[/b] <script>x</script>, not this partnership."
        report = services.make_report(TODAY, conversation.record, None)
        report = report.model_copy(update={"warnings": [warning]})
        app.push_screen(ReportScreen(report))
        await until(pilot, lambda: isinstance(app.screen, ReportScreen))
        await until(pilot, lambda: bool(app.screen.query("#detail Markdown")))
        shown = [str(m.source) for m in app.screen.query(Markdown)]
        exported = report_markdown(report)
        warned = [s for s in shown if "Check first" in s]
        assert warned and warned[0].strip() in exported
        assert "<script>" not in warned[0]

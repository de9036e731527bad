"""At 80x24 nothing is cut off: long choices wrap at word boundaries, every item a list's hint
names is on screen, and the side panel shows all seven indicators' statuses (or scrolls, and
shows that it does). What is checked is what the screen shows, row by row."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget

from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.widgets.indicator_panel import IndicatorColumn
from nextgen_assistant.tui.widgets.tick_list import TickList
from tests.tui.test_app import TODAY, answer_until, new_conversation, until


def visible_rows(app: NextGenApp, widget: Widget) -> list[str]:
    """The screen's rows, as drawn, inside the widget's region (its border included) where it
    is in view (a scrolled column clips it)."""
    geometry = app.screen._compositor.find_widget(widget)
    region = geometry.region.intersection(geometry.clip)
    strips = app.screen._compositor.render_strips()  # what the terminal would show
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


def items_on_screen(app: NextGenApp, labels: list[str]) -> dict[str, str]:
    """Each label's item as the screen shows it: its rows, from its "[ ] N" row up to the next
    item's, put together (every word of the label must be in it, none cut)."""
    rows = visible_rows(app, app.screen.query_one(TickList))
    shown: dict[str, str] = {}
    for n, label in enumerate(labels, start=1):
        start = next(i for i, row in enumerate(rows) if re.search(rf"\[[ x]\] {n}  ", row))
        end = next(
            (
                i
                for i, row in enumerate(rows[start + 1 :], start + 1)
                if re.search(r"\[[ x]\]", row)
            ),
            len(rows),
        )
        shown[label] = " ".join(" ".join(row.strip("▊▎ ").split()) for row in rows[start:end])
    return shown


def words_in(label: str, shown: str) -> bool:
    return all(word in shown.split() for word in label.split()) and "…" not in shown


async def ticked_and_in_view(app: NextGenApp, pilot: Pilot[None], n: int) -> None:
    """Item n reads "[x]" on screen (the key pressed brought it into view)."""
    await until(
        pilot,
        lambda: any(
            f"[x] {n}  " in row for row in visible_rows(app, app.screen.query_one(TickList))
        ),
    )


async def test_long_choices_wrap_and_every_listed_item_and_indicator_is_on_screen_at_80x24(
    tmp_path: Path,
) -> None:
    app = NextGenApp(db=tmp_path / "a.sqlite3", today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = await new_conversation(app, pilot)
        # 1. "Infrastructure: housing, transit, broadband, child care" was cut to "br…".
        await answer_until(app, pilot, "ida_priorities")
        labels = [c.label for c in conversation.bank["ida_priorities"].choices]
        await until(pilot, lambda: app.screen.query(TickList))  # type: ignore[arg-type]
        shown = items_on_screen(app, labels)
        assert all(words_in(label, shown[label]) for label in labels), shown
        question = app.screen.query_one("AnswerArea #question")
        assert question.region.bottom <= app.screen.query_one(TickList).region.y
        await pilot.press("3")
        await ticked_and_in_view(app, pilot, 3)
        await pilot.press("ctrl+s")
        # 2. The results list: "Keys 1-8", and the 8th item was below the list's edge.
        await answer_until(app, pilot, "mr_outcomes")
        labels = [c.label for c in conversation.bank["mr_outcomes"].choices]
        await until(pilot, lambda: app.screen.query(TickList))  # type: ignore[arg-type]
        hint = app.screen.query_one("AnswerArea .hint")
        assert "Keys 1-8" in "".join(visible_rows(app, hint))
        shown = items_on_screen(app, labels)
        assert all(words_in(label, shown[label]) for label in labels), shown
        await pilot.press("8")
        await ticked_and_in_view(app, pilot, 8)
        # 3. The side panel: all seven indicators with their status, above the footer (or the
        # panel scrolls, and its scrollbar shows it).
        column = app.screen.query_one(IndicatorColumn)
        assert column.region.bottom <= 23
        standings = app.screen.nextgen.standings(conversation)  # type: ignore[attr-defined]
        panel = " ".join(" ".join(row.strip("│").split()) for row in visible_rows(app, column))
        statuses = re.findall(r"\b(meets|partial|gap|unknown)\b", panel)
        if column.max_scroll_y == 0:
            assert all(" ".join(row.title.split()) in panel for row in standings), panel
            assert statuses == [row.status for row in standings], panel
        else:
            assert column.show_vertical_scrollbar, panel

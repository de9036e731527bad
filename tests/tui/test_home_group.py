"""The home screen's group view (issue 19): assessments grouped by partnership, each
respondent's role, and a row that adds a respondent without asking the partnership's name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import OptionList

from nextgen_assistant.clock import fixed_clock
from nextgen_assistant.dialogue.model import Partnership, Respondent
from nextgen_assistant.dialogue.store import Store
from nextgen_assistant.tui.app import NextGenApp
from nextgen_assistant.tui.screens.conversation import ConversationScreen
from nextgen_assistant.tui.screens.home import HomeScreen
from tests.tui.test_app import until

TODAY = date(2026, 11, 25)
MESA = Partnership(name="Mesa Valley Partnership", industry="health care", region="Mesa County")


async def test_home_groups_by_partnership_and_adds_a_respondent(tmp_path: Path) -> None:
    db = tmp_path / "home.sqlite3"
    store = Store(db, fixed_clock(TODAY))
    store.start(MESA, Respondent(role="business_leader"))
    store.start(Partnership(name="Front Range Partnership"), Respondent(role="convener"))
    store.start(MESA, Respondent(role="public_partner"))
    app = NextGenApp(db=db, today=TODAY)
    async with app.run_test(size=(120, 35)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts[0] == "+ New assessment"
        # Mesa's two respondents together, the newest first and highlighted, by role only.
        assert (
            prompts[1].startswith("Mesa Valley Partnership")
            and "public partner, 1 of 2" in prompts[1]
        )
        assert (
            prompts[2].startswith("Mesa Valley Partnership")
            and "business leader, 1 of 2" in prompts[2]
        )
        assert prompts[3].startswith("Front Range Partnership") and "1 of" not in prompts[3]
        assert prompts[4:] == [
            "+ Add a respondent to Mesa Valley Partnership",
            "+ Add a respondent to Front Range Partnership",
        ]
        assert options.highlighted == 1
        options.highlighted = 4
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen))
        assert app.conversation is not None
        await until(pilot, lambda: app.conversation.current is not None)  # type: ignore[union-attr]
        # The partnership's name, industry and region are known: the role comes first.
        assert app.conversation.current.id == "respondent_role"  # type: ignore[union-attr]
    joined = Store(db).respondents("Mesa Valley Partnership")
    assert len(joined) == 3 and joined[-1].partnership == MESA

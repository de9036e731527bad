"""The conversation as plain prompts on stdin/stdout: for screen readers, ssh and scripts."""

from __future__ import annotations

import re
from collections.abc import Callable

from nextgen_assistant.dialogue.engine import Conversation, Reply

_MARKUP = re.compile(r"\*\*|(?<!\w)_|_(?!\w)|`")


def plain(text: str) -> str:
    """Markdown emphasis removed."""
    return _MARKUP.sub("", text)


def run_plain(
    conversation: Conversation, read_line: Callable[[], str | None], write: Callable[[str], None]
) -> bool:
    """Talk until every question is answered (True) or input ends or the person quits (False)."""

    def show(reply: Reply) -> None:
        for message in reply.messages:
            write(plain(message))
        if reply.prompt:
            write(plain(reply.prompt))

    show(conversation.opening())
    if conversation.current is None:
        return True
    while True:
        line = read_line()
        if line is None or line.strip().lower() in ("quit", "exit", "q"):
            if conversation.assessment_id is None:
                write("Nothing was saved: no question was answered.")
            else:
                write(
                    f"Saved. Resume with: nextgen assess --plain --resume {conversation.assessment_id}"
                )
            return False
        reply = conversation.say(line)
        show(reply)
        if reply.done:
            write(plain(conversation.summary()))
            write(
                f"Done. See the gap report with: nextgen report --session {conversation.assessment_id}"
            )
            return True

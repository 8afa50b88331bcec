"""The terminal screen of ``qa-tool review`` (Textual): it draws a ReviewSession and turns keys
into its methods. Deciding, undoing and filtering live in the session (qa_tool/review.py);
reading and writing files in the command that starts the app, which hands it a ``save``."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from qa_tool.errors import InputError
from qa_tool.model import Finding, Side
from qa_tool.review import Action, ReviewRefused, ReviewSession, fix_kind

# Rows of the findings list; with the title, key line and status the rest of 24 rows shows the pair.
LIST_ROWS = 7
MARKS = {Action.ACCEPTED: "✓", Action.EDITED: "✎", Action.IGNORED: "⊘"}
DONE = {Action.ACCEPTED: "fix accepted", Action.EDITED: "English edited", Action.IGNORED: "ignored"}
KEYS = "a accept  e edit  i ignore  u undo  n/p next/prev  r/v/f filter  w save  q quit"
# A longer English is shown as this many characters around its first highlight (about two
# lines of 80 columns); a Chinese character is two columns wide.
EXCERPT_CHARS = 150
SOURCE_EXCERPT = 75
SPAN_STYLE = "bold black on yellow"
CHANGE_STYLE = "bold black on green"
SEVERITY_STYLE = {"critical": "bold red", "major": "red", "minor": "yellow", "neutral": "dim"}


class ReviewApp(App[bool]):
    """Returns True from ``run`` when everything decided was saved."""

    TITLE = "qa-tool review"
    CSS = f"""
    #title {{ height: 1; background: $primary; color: $text; }}
    #list {{ height: {LIST_ROWS}; text-wrap: nowrap; text-overflow: ellipsis; }}
    #detail {{ height: 1fr; border-top: solid $primary; padding: 0 1; }}
    #prompt {{ display: none; }}
    #prompt.open {{ display: block; }}
    #status {{ height: 1; }}
    #keys {{ height: 1; color: $text-muted; }}
    """
    ENABLE_COMMAND_PALETTE = False
    # Priority bindings run as soon as their key is read, before the next key is routed: keys
    # typed right after 'e' or 'i' (a paste, a fast typist) then reach the prompt that opened,
    # since check_action turns the review's keys off while it is open.
    BINDINGS = [
        Binding("a", "accept", "accept", priority=True),
        Binding("e", "edit", "edit", priority=True),
        Binding("i", "ignore", "ignore", priority=True),
        Binding("u", "undo", "undo", priority=True),
        Binding("n,j,down", "move(1)", "next", priority=True),
        Binding("p,k,up", "move(-1)", "previous", priority=True),
        Binding("r", "filter('rule')", "rule filter", priority=True),
        Binding("v", "filter('severity')", "severity filter", priority=True),
        Binding("f", "filter('path')", "file filter", priority=True),
        Binding("w", "save", "save", priority=True),
        Binding("q,ctrl+q", "leave", "quit", priority=True),
        Binding("escape", "close_prompt", "cancel", show=False, priority=True),
    ]
    _PROMPT_ACTIONS = frozenset({"close_prompt"})
    _REVIEW_ACTIONS = frozenset(binding.action.split("(")[0] for binding in BINDINGS) - _PROMPT_ACTIONS

    def __init__(self, session: ReviewSession, save: Callable[[], str], ignore_place: Callable[[Finding], str]) -> None:
        """``save`` writes the session's decisions and says what it wrote; ``ignore_place``
        says where ignoring a finding is recorded (a note in the file, or the baseline)."""
        super().__init__()
        self.session = session
        self._save = save
        self._ignore_place = ignore_place
        # What the open prompt is for: "edit", "ignore" or None.
        self._asking: str | None = None
        self._quit_asked = False

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="list")
        with VerticalScroll(id="detail"):
            yield Static(id="pair")
        yield Input(id="prompt")
        yield Static(id="status")
        yield Static(KEYS, id="keys")

    def on_mount(self) -> None:
        self.refresh_view()

    # Drawing ---------------------------------------------------------------------------

    def refresh_view(self) -> None:
        self.query_one("#title", Static).update(self._title())
        listing = self.query_one("#list", Static)
        listing.styles.height = max(1, min(LIST_ROWS, len(self.session.visible)))
        listing.update(self._list())
        self.query_one("#pair", Static).update(self._detail())

    def say(self, message: str, error: bool = False) -> None:
        self.query_one("#status", Static).update(Text(message, style="bold red" if error else "", no_wrap=True, overflow="ellipsis"))

    def _title(self) -> Text:
        session = self.session
        visible = session.visible
        where = f"{visible.index(session.position) + 1}/{len(visible)}" if session.current else f"0/{len(visible)}"
        counts = session.counts()
        done = "  ".join(f"{MARKS[action]}{count}" for action, count in counts.items() if count)
        shown = session.filter.description
        text = f" qa-tool review  {where}  {done}  {'filter: ' + shown if shown else ''}"
        if session.unsaved:
            text += "  [unsaved]"
        return Text(text, no_wrap=True, overflow="ellipsis")

    def _list(self) -> Text:
        session = self.session
        visible = session.visible
        if not visible:
            return Text(" no findings in view")
        at = visible.index(session.position) if session.position in visible else 0
        first = max(0, min(at - LIST_ROWS // 2, len(visible) - LIST_ROWS))
        rows = Text(no_wrap=True, overflow="ellipsis")
        for index in visible[first : first + LIST_ROWS]:
            finding = session.findings[index]
            decision = session.decisions.get(index)
            line = Text(no_wrap=True, overflow="ellipsis", style="reverse" if index == session.position else "")
            line.append(f"{MARKS[decision.action] if decision else ' '} {finding.code} ")
            line.append(f"{finding.severity.label:<8}", style=SEVERITY_STYLE[finding.severity.label])
            line.append(f" {_short_location(finding)}  {finding.message}")
            rows.append(line)
            rows.append("\n")
        rows.rstrip()
        return rows

    def _detail(self) -> Group:
        session = self.session
        finding = session.current
        if finding is None:
            return Group()
        head = Text()
        head.append(f"{finding.code} {finding.rule}", style="bold")
        head.append(f"  {finding.severity.label}", style=SEVERITY_STYLE[finding.severity.label])
        head.append(f"  {finding.category}  {finding.location}\n", style="dim")
        head.append(finding.message)
        decision = session.decisions.get(session.position)
        if decision is not None:
            head.append(f"\n{MARKS[decision.action]} {DONE[decision.action]}", style="bold green")
            if decision.action is Action.IGNORED:
                head.append(f": {decision.reason} (kept in {self._ignore_place(finding)})")
        # Labels in a column of their own, so wrapped text hangs clear of them.
        sides = Table.grid(padding=(0, 1))
        sides.add_column(style="dim", width=3)
        sides.add_column(ratio=1)
        pair = finding.pair
        sides.add_row("zh", _excerpt(pair.source, _spans(finding, Side.SOURCE), SPAN_STYLE, SOURCE_EXCERPT))
        sides.add_row("en", _excerpt(pair.target, _spans(finding, Side.TARGET), SPAN_STYLE))
        current = session.target_of(pair)
        if current != pair.target:
            sides.add_row("now", _excerpt(current, _changed(pair.target, current), CHANGE_STYLE))
        preview = session.fix_preview(finding)
        if preview is not None:
            shown = _excerpt(preview, _changed(current, preview), CHANGE_STYLE)
            shown.append(f"  ({fix_kind(finding)}: a accepts)", style="dim")
            sides.add_row("fix", shown)
        return Group(head, Text(""), sides)

    # Keys ------------------------------------------------------------------------------

    def _act(self, action: Callable[[], None], message: str = "") -> None:
        self._quit_asked = False
        try:
            action()
        except ReviewRefused as refusal:
            self.say(str(refusal), error=True)
            return
        self.say(message)
        self.refresh_view()

    def action_accept(self) -> None:
        self._act(self.session.accept, "fix accepted")

    def action_undo(self) -> None:
        self._act(self.session.undo, "undone")

    def action_move(self, step: int) -> None:
        self._act(lambda: self.session.move(step))

    def action_filter(self, field: str) -> None:
        self._act(lambda: self.session.cycle_filter(field))

    def action_edit(self) -> None:
        finding = self.session.current
        if finding is not None:
            self._open_prompt("edit", self.session.target_of(finding.pair), "the English (Enter keeps, Esc cancels)")

    def action_ignore(self) -> None:
        try:
            self.session.check_ignorable()
        except ReviewRefused as refusal:
            self.say(str(refusal), error=True)
            return
        code = self.session.findings[self.session.position].code
        self._open_prompt("ignore", "", f"why ignore {code}? (Enter keeps, Esc cancels)")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._PROMPT_ACTIONS:
            return self._asking is not None
        if action in self._REVIEW_ACTIONS:
            return self._asking is None
        return True

    def _open_prompt(self, purpose: str, value: str, hint: str) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.value = value
        prompt.placeholder = hint
        prompt.add_class("open")
        # At once, not queued as focus() is, so that the next key read goes to the prompt.
        self.screen.set_focus(prompt)
        prompt.cursor_position = len(value)
        self._asking = purpose
        self.say(hint)

    def action_close_prompt(self) -> None:
        if self._asking is not None:
            self._close_prompt()
            self.say("cancelled")

    def _close_prompt(self) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.remove_class("open")
        self._asking = None
        self.screen.set_focus(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        purpose, value = self._asking, event.value
        self._close_prompt()
        if purpose == "edit":
            self._act(lambda: self.session.edit(value), "English edited")
        elif purpose == "ignore":
            self._act(lambda: self.session.ignore(value), "ignored")

    def action_save(self) -> None:
        self._quit_asked = False
        if not self.session.unsaved:
            self.say("nothing to save")
            return
        try:
            message = self._save()
        except InputError as error:
            self.say(f"not saved: {error}", error=True)
            return
        except Exception as error:  # the review's decisions must survive a bug in writing them
            self.say(f"not saved: internal error ({type(error).__name__}: {error}); please report it", error=True)
            return
        self.session.saved()
        self.say(message)
        self.refresh_view()

    def action_leave(self) -> None:
        if self.session.unsaved and not self._quit_asked:
            self._quit_asked = True
            self.say("unsaved decisions: w saves them, q again quits without saving", error=True)
            return
        self.exit(not self.session.unsaved)


def _short_location(finding: Finding) -> str:
    location = finding.location
    name = location.path.rsplit("/", 1)[-1]
    return f"{name}:{location.line}" if location.line is not None else f"{name} [{location.unit or finding.segment_id}]"


def _spans(finding: Finding, side: Side) -> list[tuple[int, int]]:
    return [(span.start, span.end) for span in finding.spans if span.side is side]


def _excerpt(text: str, spans: list[tuple[int, int]], style: str, limit: int = EXCERPT_CHARS) -> Text:
    """``text`` with ``spans`` highlighted; a long text is cut to the part around its first
    span, so the highlight is on screen without scrolling."""
    # Folded, not cut at the width: Chinese has no spaces to wrap at.
    shown = Text(text, overflow="fold")
    for start, end in spans:
        # A zero-width span (a missing mark) is shown on the character after it.
        shown.stylize(style, start, max(end, start + 1))
    if len(text) <= limit:
        return shown
    centre = spans[0][0] if spans else 0
    start = max(0, min(centre - limit // 3, len(text) - limit))
    end = start + limit
    excerpt = Text("…" if start else "", overflow="fold")
    excerpt.append_text(shown[start:end])
    excerpt.append("…" if end < len(text) else "")
    return excerpt


def _changed(before: str, after: str) -> list[tuple[int, int]]:
    """Where ``after`` differs from ``before``, in offsets of ``after``."""
    return [
        (start, end)
        for tag, _, _, start, end in SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        if tag != "equal"
    ]

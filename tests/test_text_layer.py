"""One text layer: every sentence a user reads goes through displacement/text.py (`_`, `ngettext`, `N_`),
so the message template lists it and a catalogue can translate it.

Which modules speak to users: the pages, the components that draw them, the figures and their words, the
projections' wording, the brief and its citations, the methods and the vocabulary. Not in scope, by
decision (docs/languages.md): the intake and the store (`ingest/`, `storage/`, `sources/`: operators' logs and
errors), the command line and the data API, which stay English as their callers script against them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import REPO

from displacement import catalogues, text

NOT_USER_FACING = {"components/stream_client.py", "components/warm_start.py", "components/heavy_work.py",
                   "components/settings.py", "displacement/projections/cli.py",
                   "displacement/projections/baselines.py"}  # baselines: read by the benchmarks only
USER_FACING_FOLDERS = ("app_pages", "components", "displacement/figures", "displacement/projections",
                       "displacement/vocabulary.py", "displacement/formatting.py", "displacement/methods.py",
                       "displacement/turning_points.py", "displacement/outputs/brief.py",
                       "displacement/outputs/citations.py", "displacement/outputs/datapackage.py")
MARKERS = {"_", "N_", "ngettext"}
QUIET_CALLS = {"debug", "info", "warning", "error", "exception", "warn"}  # logging: for operators, in English
LOGGERS = {"logger", "log", "logging", "LOG", "warnings"}
TWO_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]+\s+[A-Za-z][A-Za-z'’-]+")
EXEMPT = "# not text"  # on a line holding a string that is not words for a reader (CSS, a font name, a key)


def _user_facing_files() -> list[Path]:
    files = [REPO / "app.py"]
    for entry in USER_FACING_FOLDERS:
        path = REPO / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if str(f.relative_to(REPO)) not in NOT_USER_FACING]


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {id(n.body[0].value) for n in ast.walk(tree) if isinstance(n, nodes) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}


def _call_name(call: ast.Call) -> tuple[str | None, str | None]:
    if isinstance(call.func, ast.Name):
        return None, call.func.id
    if isinstance(call.func, ast.Attribute):
        owner = call.func.value.id if isinstance(call.func.value, ast.Name) else None
        return owner, call.func.attr
    return None, None


def _inside_allowed_calls(tree: ast.AST) -> set[int]:
    """The strings handed to the markers (already text) or to the logger (not for readers)."""
    allowed = set()
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        owner, name = _call_name(call)
        if (owner is None and name in MARKERS) or (owner in LOGGERS and name in QUIET_CALLS):
            allowed |= {id(n) for arg in call.args for n in ast.walk(arg)}
    return allowed


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # the words around the placeholders
        return " {} ".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def _sentences_outside_the_layer(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    skip = _docstrings(tree) | _inside_allowed_calls(tree)
    found = []
    for node in ast.walk(tree):
        words = _literal_text(node)
        if words is None or id(node) in skip or not TWO_WORDS.search(words):
            continue
        if any(EXEMPT in lines[i - 1] for i in range(node.lineno, node.end_lineno + 1)):
            continue
        skip |= {id(n) for n in ast.walk(node)}  # an f-string's parts are reported once, with it
        found.append(f"{path.relative_to(REPO)}:{node.lineno}: {words[:70]!r}")
    return found


def test_no_sentence_bypasses_the_text_layer():
    found = [line for path in _user_facing_files() for line in _sentences_outside_the_layer(path)]
    assert not found, (f"{len(found)} strings with words are not marked for translation: wrap them in _() "
                       "(or N_() in a constant), or end the line with '# not text' if no reader sees them:\n"
                       + "\n".join(found))


def _built_messages(call: ast.Call) -> bool:
    """A message made at run time (an f-string, a sum, a formatted string) never reaches the catalogue; a
    literal does, and so does a constant marked with N_ (a name, an attribute, an item of a dictionary)."""
    messages = call.args[:2] if call.func.id == "ngettext" else call.args[:1]
    return any(isinstance(a, ast.JoinedStr | ast.BinOp | ast.Call) for a in messages)


def test_messages_are_whole_literals_not_f_strings():
    """The extractor reads literals: `_(f"...")` or `_("a" + b)` would never reach a catalogue."""
    found = []
    for path in _user_facing_files():
        for call in (n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Call)):
            if _call_name(call) in {(None, m) for m in MARKERS} and _built_messages(call):
                found.append(f"{path.relative_to(REPO)}:{call.lineno}")
    assert not found, "messages that are not plain literals: " + ", ".join(found)


def _bound_names(target: ast.AST) -> list[str]:
    """The names an assignment binds (`a, _ = ...` binds a and _; `table[_("x")] = ...` binds none)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [name for element in target.elts for name in _bound_names(element)]
    return _bound_names(target.value) if isinstance(target, ast.Starred) else []


def test_underscore_is_never_rebound():
    """`_` is the translation function: a throwaway variable named `_` would silently shadow it."""
    found = []
    for path in _user_facing_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.For | ast.comprehension | ast.AnnAssign) else []
            for target in targets:
                if "_" in _bound_names(target):
                    found.append(f"{path.relative_to(REPO)}:{target.lineno}")
    assert not found, "`_` assigned (name the variable): " + ", ".join(found)


def test_the_message_template_lists_every_message_in_the_code():
    template = REPO / "displacement" / "locale" / "messages.pot"
    with template.open("rb") as handle:
        listed = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(handle) if m.id}
    in_code = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalogues.extract() if m.id}
    assert in_code == listed, ("displacement/locale/messages.pot is out of date: run python -m displacement.catalogues "
                               "(docs/languages.md). Missing: " + repr(sorted(in_code - listed)[:10])
                               + " stale: " + repr(sorted(listed - in_code)[:10]))


def test_the_source_language_reads_as_written():
    assert text._("Forcibly displaced") == "Forcibly displaced"
    assert text.ngettext("{n} country", "{n} countries", 2) == "{n} countries"


@pytest.mark.parametrize("code", ["en", "xx"])
def test_a_language_without_a_catalogue_reads_as_the_source(code):
    with text.language(code):
        assert text._("Country profile") == "Country profile"
    assert text.current_language() == "en"

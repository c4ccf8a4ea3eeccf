"""The message catalogues, kept with Babel: `python -m displacement.catalogues` extracts every message of the
code into the template, merges it into each language's catalogue and compiles them (docs/languages.md).

Messages are `str.format` templates (`{name}`), never %-style: Babel's guess that a message with a '%' in it
("80% range", "% of its population") is python-format is dropped, so a translation that moves the '%'
is not reported as a broken format."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from displacement import text
from displacement.text import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

REPOSITORY = Path(__file__).resolve().parent.parent
SOURCES = ("app.py", "app_pages/**.py", "components/**.py", "displacement/**.py")  # where messages are
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def extract() -> Catalog:
    """Every message marked with _, N_ or ngettext in the code, in one sorted template without locations."""
    template = Catalog(project="displacement-dashboard", fuzzy=False)
    method_map = [(pattern, "python") for pattern in SOURCES]
    for _file, _line, message, comments, context in extract_from_dir(str(REPOSITORY), method_map=method_map):
        template.add(message, auto_comments=comments, context=context)
    for message in template:
        message.flags.discard("python-format")
    return template


def catalogue_path(code: str, suffix: str = "po") -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


def read(code: str) -> Catalog:
    with catalogue_path(code).open("rb") as handle:
        return read_po(handle, locale=code)


def write(catalogue: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, sort_output=True, omit_header=False, no_location=True, width=120)


def update(template: Catalog) -> None:
    """Each language's catalogue gains the new messages (untranslated) and loses the ones the code dropped."""
    for code in TRANSLATED:
        catalogue = read(code) if catalogue_path(code).is_file() else Catalog(locale=code)
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        for message in catalogue:
            message.flags.discard("python-format")
        write(catalogue, catalogue_path(code))


def compile_all() -> None:
    for code in TRANSLATED:
        with catalogue_path(code, "mo").open("wb") as handle:
            write_mo(handle, read(code), use_fuzzy=False)
    text.catalogue.cache_clear()  # this process reads the new ones from now on


def main(argv: list[str] | None = None) -> int:
    steps = (argv if argv is not None else sys.argv[1:]) or ["extract", "update", "compile"]
    template = extract()
    if "extract" in steps:
        write(template, TEMPLATE)
    if "update" in steps:
        update(template)
    if "compile" in steps:
        compile_all()
    print(f"{len(template)} messages; catalogues: {', '.join(TRANSLATED)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The portal's vocabulary (docs/ordlista.md) holds in the Swedish catalogue and the demo texts.

Each forbidden variant is a word the vocabulary says not to use; a new translation or demo text
that uses one fails here, with the entry and the word to use instead.
"""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"
DEMO_MODULES = sorted(ROOT.glob("*/demo.py"))

# (forbidden pattern, what to write instead); case-insensitive unless the pattern says otherwise.
FORBIDDEN = [
    (r"\bprojekt", "initiativ (förslag before approval)"),
    (r"\btema(t|n|na)?\b", "område"),
    (r"rättighetsområde", "område"),
    (r"\bnod(en|er|erna)?\b", "stadsmissionen i [stad]"),
    (r"\bhubb", "stadsmissionen i [stad]"),
    (r"\bvärd(en|stad)?\b", "stadsmissionen i [stad]"),
    (r"stadens personal", "stadsmissionens personal"),
    (r"\barrangör", "stadsmissionens personal"),
    (r"samarbetspartner", "samarbetsgrupp"),
    (r"brister i rättigheterna", "rättighetsbrist"),
    (r"\bepost", "e-postadress or mejl"),
    (r"\bmail(et|en|s)?\b", "mejl"),
    (r"redigera", "ändra"),
    (r"återkalla", "dra tillbaka"),
    (r"tillgänglighetsbehov", "behov av anpassning"),
    (r"volontär", "frivillig"),
    (r"\bkurs(en|er|erna)?\b", "utbildning (tillfälle for a session)"),
    (r"vänligen", "plain words: no 'Vänligen'"),
    (r"Skåne Stadsmission", "Skånes Stadsmission"),
    (r"Förslaget avslutas", "Förslaget avslås"),
    (r"goda nyheter", "Nu har en plats blivit ledig"),
    (r"lär och dela", "Lär av varandra"),
    (r"kommer för en grupp", "företräder en grupp"),
    (r"anmälan stänger", "Sista anmälan"),
    (r"\bsignatur\b", "Namnteckning"),
    (r"integritetsmeddelande", "Integritetspolicy"),
    (r"\b(CRPD|CEDAW|ICERD|ICESCR|ICCPR|UDHR)\b", "the convention's Swedish name"),
    (r"FN:s förklaring", "FN:s allmänna förklaring"),
    (r"är %\(status\)s", "status är ”%(status)s”"),
]
PATTERNS = [(re.compile(pattern, re.IGNORECASE), use) for pattern, use in FORBIDDEN]


def catalogue_texts() -> list[tuple[str, str]]:
    """(where, Swedish text) for every translation in the catalogue."""
    texts = []
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        where = f"msgid {entry.msgid!r}" + (
            f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt else ""
        )
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                texts.append((where, text))
    return texts


def demo_texts() -> list[tuple[str, str]]:
    """(where, text) for every string literal in the apps' demo content."""
    texts = []
    for path in DEMO_MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.value))
    return texts


def offences(texts) -> list[str]:
    return [
        f"{where}: {match.group(0)!r} in {text!r} – write {use}"
        for where, text in texts
        for pattern, use in PATTERNS
        if (match := pattern.search(text))
    ]


def test_the_swedish_catalogue_follows_the_vocabulary():
    texts = catalogue_texts()
    assert len(texts) > 1000  # the catalogue was read, not an empty file
    assert offences(texts) == []


def test_the_demo_content_follows_the_vocabulary():
    texts = demo_texts()
    assert len(texts) > 100
    assert offences(texts) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Redigera profilen", "Redigera"),
        ("Välj minst ett tema.", "tema"),
        ("Skicka ett mail till oss", "mail"),
        ("Initiativet är %(status)s.", "är %(status)s"),
        ("Stöd registreras av stadens personal.", "stadens personal"),
    ],
)
def test_a_forbidden_variant_is_caught(text, word):
    (offence,) = offences([("example", text)])
    assert repr(word) in offence


@pytest.mark.parametrize(
    "text",
    ["Ändra profilen", "Välj minst ett område.", "årskurs 4–9", "Skicka ett mejl", "E-postadress"],
)
def test_the_words_to_use_pass(text):
    assert offences([("example", text)]) == []


def test_initiative_statuses_agree_with_initiativ():
    from django.utils import translation

    from initiatives.models import Status

    with translation.override("sv"):
        labels = [str(label) for label in Status.labels]
    assert labels == [
        "utkast",
        "inskickat",
        "under granskning",
        "behöver ändras",
        "godkänt",
        "pågår",
        "avslutat",
        "avslaget",
        "tillbakadraget",
        "avbrutet",
    ]

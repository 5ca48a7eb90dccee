"""Shared parts of the scale data set (see `manage.py seed_scale`).

Each app fills its own tables in `<app>/scale.py`, with two names the command gathers through
`sections.provided(..., module="scale")`:

- `PER_FACTOR`: `{kind: rows at factor 1}` — the demo's own size, so that `--factor 1000` gives a
  data set a thousand times the demo's;
- `seed(plan) -> {table: rows created}`: fills the app's tables in bulk.

This module holds what they share: the plan (how many rows of each kind, one seeded random
generator, one "now"), spreading times over the past years, bulk inserts, and the word lists the
generated texts are made from, in Swedish and English.
"""

import random
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection, models

from mobilisering.models import RenderedMarkdown

# How far back the generated history reaches.
YEARS = 10
BATCH_SIZE = 2000


@dataclass
class Plan:
    counts: dict[str, int]
    now: datetime
    rng: random.Random
    # A number of this run, put into slugs and addresses so that a second run adds, not clashes.
    run: int
    created: dict[str, int] = field(default_factory=dict)

    @property
    def start(self) -> datetime:
        return self.now - timedelta(days=365 * YEARS)

    def moment(self, *, after: datetime | None = None, before: datetime | None = None) -> datetime:
        """A random time between `after` (default: ten years ago) and `before` (default: now)."""
        low = after or self.start
        high = min(before or self.now, self.now)
        if high <= low:
            return high
        return low + timedelta(seconds=self.rng.uniform(0, (high - low).total_seconds()))

    def later(self, moment: datetime, *, days: float) -> datetime:
        """`moment` plus up to about `days` days, never after now."""
        step = timedelta(days=self.rng.expovariate(1 / days) if days else 0)
        return min(moment + step + timedelta(minutes=self.rng.randint(5, 600)), self.now)


@contextmanager
def keeping_given_times(*model_classes: type[models.Model]):
    """Within the block, auto_now and auto_now_add fields keep the times given to them.

    Bulk inserts of history need their past `created_at`s; outside the block nothing changes."""
    saved = []
    for model in model_classes:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                saved.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def insert(model: type[models.Model], rows: Iterable[models.Model]) -> list[models.Model]:
    """Bulk-insert `rows` in batches; the returned objects carry their primary keys.

    Rows with Markdown (RenderedMarkdown) get it rendered, as save() would, each distinct text
    once: generated texts repeat."""
    rows = list(rows)
    if issubclass(model, RenderedMarkdown):
        memo: dict = {}
        for row in rows:
            row.render_markdown_fields(memo)
    with keeping_given_times(model):
        return model.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def insert_many(model: type[models.Model], rows: Sequence[models.Model]) -> int:
    """Insert `rows` as they are, without their primary keys: for the largest tables, whose rows
    nothing points at. Half the time of bulk_create, which compiles every row's SQL anew.

    No default, auto_now or save() logic runs: the rows carry every value already (but their
    Markdown, rendered here as in `insert`)."""
    if issubclass(model, RenderedMarkdown):
        memo: dict = {}
        for row in rows:
            row.render_markdown_fields(memo)
    fields = [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not getattr(f, "generated", False)
    ]
    adapt = [
        # Times, dates and JSON need the backend's form; strings, numbers and booleans do not.
        (lambda value, f=f: f.get_db_prep_save(value, connection))
        if isinstance(f, (models.DateField, models.JSONField))
        else None
        for f in fields
    ]
    related = [f if f.is_relation else None for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )

    def values(row: models.Model) -> list:
        out = []
        for f, to_db, relation in zip(fields, adapt, related, strict=True):
            value = getattr(row, f.attname)
            if value is None and relation is not None:
                # Pointed at an object that got its key after the assignment.
                target = relation.get_cached_value(row, None)
                value = target.pk if target is not None else None
            out.append(to_db(value) if to_db and value is not None else value)
        return out

    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE * 5):
            cursor.executemany(sql, [values(row) for row in rows[start : start + BATCH_SIZE * 5]])
    return len(rows)


def pick(rng: random.Random, weighted: dict) -> object:
    """One key of `weighted`, chosen with the weights given as values."""
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


# The words generated texts are made from. Groups write in their own language, mostly Swedish.
FIRST_NAMES = [
    "Amina",
    "Anders",
    "Astrid",
    "Aziz",
    "Björn",
    "Camilla",
    "Dalia",
    "Elias",
    "Emma",
    "Fatima",
    "Filip",
    "Hanna",
    "Hassan",
    "Ida",
    "Ivan",
    "Jonas",
    "Karin",
    "Khalid",
    "Lars",
    "Leila",
    "Linnea",
    "Maja",
    "Mehmet",
    "Mira",
    "Nadia",
    "Noah",
    "Olivia",
    "Omar",
    "Per",
    "Rasmus",
    "Sara",
    "Selma",
    "Sofia",
    "Tariq",
    "Tove",
    "Ulla",
    "Yusuf",
    "Zainab",
    "Åsa",
    "Örjan",
]
LAST_NAMES = [
    "Ahmed",
    "Andersson",
    "Berg",
    "Dahl",
    "Ekström",
    "Eriksson",
    "Farah",
    "Gustafsson",
    "Hassan",
    "Holm",
    "Hussein",
    "Jansson",
    "Johansson",
    "Karlsson",
    "Larsson",
    "Lind",
    "Lindqvist",
    "Mohammed",
    "Nilsson",
    "Nyberg",
    "Olsson",
    "Persson",
    "Rahimi",
    "Said",
    "Sandberg",
    "Svensson",
    "Wallin",
    "Yilmaz",
    "Öberg",
]

WORDS = {
    "sv": {
        "who": [
            "Unga i stadsdelen",
            "Nyanlända familjer",
            "Äldre som bor ensamma",
            "Personer med funktionsnedsättning",
            "Romska familjer",
            "Hyresgäster i området",
            "Kvinnor utan egen inkomst",
            "Papperslösa",
            "Hemlösa",
            "Ensamkommande unga",
            "Föräldrar med försörjningsstöd",
            "Hbtqi-personer",
            "Personer som tigger",
            "Unga med psykisk ohälsa",
        ],
        "gap": [
            "nekas förstahandskontrakt",
            "får inte den vård de har rätt till",
            "hörs sällan när staden fattar beslut",
            "möter diskriminering på arbetsmarknaden",
            "saknar information på ett språk de förstår",
            "stängs ute från föreningslivet",
            "har svårt att nå skola och fritidsverksamhet",
            "utsätts för trakasserier i det offentliga rummet",
            "får avslag utan att förstå varför",
            "saknar en trygg plats att sova på",
            "kan inte ta sig in i lokaler utan hiss",
        ],
        "where": [
            "i Rosengård",
            "i Hammarkullen",
            "i Skäggetorp",
            "i Rinkeby",
            "i Tensta",
            "i Gårdsten",
            "på Möllevången",
            "i Bergsjön",
            "i Husby",
            "i centrum",
            "i kommunens förorter",
            "på landsbygden runt staden",
        ],
        "how": [
            "Det visar våra egna intervjuer med över hundra boende.",
            "Vi har dokumenterat fall under ett helt år.",
            "Det bekräftas av kommunens egen uppföljning.",
            "Medlemmarna berättar om det på nästan varje träff.",
            "Diskrimineringsombudsmannen har fått flera anmälningar.",
            "En enkät i området visar samma mönster.",
        ],
        "doing": [
            "Vi ordnar öppna möten varje vecka",
            "Vi utbildar boende i deras rättigheter",
            "Vi driver en kampanj mot diskriminering",
            "Vi samlar berättelser och lämnar dem till politikerna",
            "Vi erbjuder läxhjälp och samtalsgrupper",
            "Vi bjuder in beslutsfattare till samtal i området",
            "Vi skriver debattartiklar och uppvaktar förvaltningen",
            "Vi bygger ett nätverk av frivilliga",
        ],
        "goal": [
            "så att fler får sina rättigheter tillgodosedda.",
            "för att stärka människors egenmakt.",
            "så att staden ändrar sina riktlinjer.",
            "för att bryta utanförskap och isolering.",
            "så att de berörda själva kan föra sin talan.",
            "för att synliggöra orättvisor som annars inte syns.",
        ],
        "group_kind": ["Föreningen", "Nätverket", "Gruppen", "Rådet", "Kollektivet", "Forumet"],
        "group_word": [
            "Röster",
            "Rätt till bostad",
            "Tillsammans",
            "Grannar",
            "Trygghet",
            "Kvinnokraft",
            "Unga för rättvisa",
            "Mötesplatsen",
            "Lika villkor",
            "Ny start",
            "Solidaritet",
            "Öppna dörrar",
            "Vägen framåt",
            "Rättighetsbyrån",
        ],
        "title": [
            "Rätten till ett hem",
            "Hörda i stadsdelen",
            "Vård på lika villkor",
            "Tillgänglig stad",
            "Trygga mötesplatser",
            "Min röst räknas",
            "Skolan för alla",
            "Stopp för diskriminering",
            "Egen makt, egna ord",
            "Jobb utan fördomar",
        ],
        "note": [
            "Tack för förslaget, vi har läst det och återkommer.",
            "Kan ni beskriva hur de berörda själva är med i arbetet?",
            "Budgeten ser rimlig ut, men lokalkostnaden behöver förklaras.",
            "Mötet med förvaltningen blev av och gick bra.",
            "Vi skickar den nya versionen i nästa vecka.",
            "Bra arbete hittills, fortsätt så.",
            "Kontakta gärna Bostad för alla, de arbetar med liknande frågor.",
            "Rapporten är mottagen, tack.",
        ],
    },
    "en": {
        "who": [
            "Young people in the district",
            "Newly arrived families",
            "Older people living alone",
            "People with disabilities",
            "Roma families",
            "Tenants in the area",
            "Women without an income of their own",
            "Undocumented migrants",
            "Homeless people",
            "Unaccompanied young people",
            "LGBTQI people",
        ],
        "gap": [
            "are refused first-hand tenancies",
            "do not get the care they are entitled to",
            "are rarely heard when the city decides",
            "face discrimination in the labour market",
            "lack information in a language they understand",
            "are shut out of local associations",
            "are harassed in public spaces",
            "are refused without knowing why",
        ],
        "where": [
            "in the suburbs",
            "in the city centre",
            "in Rosengård",
            "in Hammarkullen",
            "in Rinkeby",
            "in the housing estates",
        ],
        "how": [
            "Our own interviews with over a hundred residents show it.",
            "We have documented cases for a whole year.",
            "The municipality's own follow-up confirms it.",
            "Our members tell us at almost every meeting.",
        ],
        "doing": [
            "We hold open meetings every week",
            "We train residents in their rights",
            "We run a campaign against discrimination",
            "We gather stories and take them to the politicians",
            "We invite decision makers to talks in the area",
        ],
        "goal": [
            "so that more people have their rights respected.",
            "to strengthen people's own power.",
            "so that the city changes its guidelines.",
            "to break exclusion and isolation.",
            "so that those concerned can speak for themselves.",
        ],
        "group_kind": ["Association", "Network", "Group", "Council", "Forum"],
        "group_word": [
            "Voices",
            "Right to a Home",
            "Together",
            "Neighbours",
            "Women's Power",
            "Youth for Justice",
            "Open Doors",
            "Equal Terms",
            "Fresh Start",
        ],
        "title": [
            "The right to a home",
            "Heard in our district",
            "Care on equal terms",
            "An accessible city",
            "Safe meeting places",
            "My voice counts",
            "A school for everyone",
        ],
        "note": [
            "Thank you for the proposal; we have read it and will be in touch.",
            "Could you describe how the people concerned take part?",
            "The budget looks reasonable, but please explain the cost of premises.",
            "The meeting with the city went well.",
            "We will send the new version next week.",
            "Good work so far.",
        ],
    },
}


def language(rng: random.Random) -> str:
    """The language a group writes in: mostly Swedish."""
    return "en" if rng.random() < 0.12 else "sv"


def word(rng: random.Random, lang: str, kind: str) -> str:
    return rng.choice(WORDS[lang][kind])


def gap(rng: random.Random, lang: str) -> str:
    """One sentence on a rights gap: who, what, where."""
    return f"{word(rng, lang, 'who')} {word(rng, lang, 'gap')} {word(rng, lang, 'where')}."


def work(rng: random.Random, lang: str) -> str:
    """One sentence on what a group does and why."""
    return f"{word(rng, lang, 'doing')} {word(rng, lang, 'goal')}"


def paragraph(rng: random.Random, lang: str, sentences: Sequence[str] = ("gap", "work", "how")):
    """A few sentences, as a group would write them."""
    parts = []
    for kind in sentences:
        if kind == "gap":
            parts.append(gap(rng, lang))
        elif kind == "work":
            parts.append(work(rng, lang))
        else:
            parts.append(word(rng, lang, kind))
    return " ".join(parts)


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)

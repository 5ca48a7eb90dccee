"""One search over the portal: groups, initiatives, trainings (and, once they exist, stories and
handbook chapters), in Swedish on /sv/ and English on /en/.

How an app joins the search (the registry)
------------------------------------------

Like the page sections (mobilisering/sections.py), each app contributes its kinds of result in
`<app>/search.py`, without the search importing any app's models:

1. **The stored document.** The model gets two generated columns, `search_sv` and `search_en`,
   built from one `Document` (which fields, with which weight: A for titles, above B, C, D), and a
   `DocumentIndex` on each (GIN on PostgreSQL)::

       STORY_DOCUMENT = search.Document(
           a=("title",), b=("summary",), c=("body",), d=("lessons",), translated=True
       )

       class Example(models.Model):
           ...
           search_sv = STORY_DOCUMENT.column("sv")
           search_en = STORY_DOCUMENT.column("en")

           class Meta:
               indexes = [
                   search.DocumentIndex(fields=["search_sv"], name="example_search_sv"),
                   search.DocumentIndex(fields=["search_en"], name="example_search_en"),
               ]

   `translated=True` when the fields are django-modeltranslation fields: the Swedish column
   reads `title_sv`, the English one `title_en`, falling back to `title_sv` where it is empty.
   PostgreSQL computes the columns on every insert and update (they are generated columns), so
   services, the admin, fixtures and bulk updates keep them current with no code of their own;
   `makemigrations` writes the migration. On SQLite the columns stay NULL and the search matches
   the document's fields themselves.

2. **The kind.** `<app>/search.py` defines `KINDS`, a list of `SearchKind` instances::

       class StoryKind(search.SearchKind):
           key = "stories"                  # ?kind=stories; stable, also the heading's id
           label = _("Stories")             # the heading of the group of results
           document = STORY_DOCUMENT        # matched, ranked and cut into passages
           order = 30                       # groups 10, initiatives 20, trainings 40, 50

           def public(self):                # what anyone may see, whoever is searching
               return Example.objects.filter(status="published").select_related("city")

       KINDS = [StoryKind()]

   Optional: `city` (the lookup of the city for the filter and the result line, "city" by
   default, None when the kind has no city), `in_city(queryset, city)` (when the city is reached
   another way), `path` (a lookup prefix when the document lives on a related model, e.g.
   "course__"), `detail(obj)` (a short line under the title, such as a date) and `url(obj)`
   (`get_absolute_url()` by default). Add the app to `PROVIDERS` in mobilisering/sections.py if it
   is not there.

   That is all: the search page, its tabs, counts and "see all" links pick the kind up from the
   registry. Add the kind's drafts to the privacy test in `tests/mobilisering/test_search.py`.

   Handbook chapters work the same way (`CHAPTER_DOCUMENT`, a `ChapterKind` whose `public()` is
   the chapters of published editions, `city = None`). The sitemap has the same shape
   (`<app>/sitemaps.py` with `SITEMAPS`, see mobilisering/sitemaps.py); a feed subclasses
   `mobilisering.feeds.PortalFeed` and is announced in templates/includes/meta.html; a page with
   a picture sets `{% block image %}` to its URL for the link preview.

How a search runs
-----------------

- PostgreSQL: `to_tsquery` with the `swedish` or `english` configuration over the stored column
  (each word a prefix, all words required), ranked with `ts_rank` (titles weigh most), passages
  from `ts_headline`; typos in titles are forgiven with pg_trgm's word similarity on unaccented
  text ("Rosengard" finds "Rosengård"). The extensions pg_trgm and unaccent are created by the
  migration `mobilisering.0002_search_extensions`; both are trusted extensions (PostgreSQL 13+), so
  the database's owner may create them without being a superuser.
- SQLite: every word must occur, case-insensitively in all of Unicode, in the title or the text;
  titles that hold the words rank first; passages are cut and highlighted in Python.

Either way a search costs two queries per kind (its count and its page), whatever the data's size.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.deconstruct import deconstructible
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mobilisering.sections import provided

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
# PostgreSQL's text search configuration for each of the portal's languages.
CONFIGS = {"sv": "swedish", "en": "english"}
WEIGHTS = ("A", "B", "C", "D")
MAX_QUERY_LENGTH = 500
# Titles at least this similar (pg_trgm word similarity, 0–1) to the query match despite typos.
TITLE_SIMILARITY = 0.6
PASSAGE_WORDS = 30
# ts_headline marks the matched words with these; neither can occur in the text, since the text
# is stripped of them first, so after escaping they can be turned into <mark> safely.
START, STOP = "\x02", "\x03"


# --- The stored document ----------------------------------------------------------------------


@deconstructible(path="mobilisering.search.DocumentVector")
class DocumentVector(models.Func):
    """The tsvector of a few fields, each with its weight, in one text search configuration.

    The expression of the generated `search_<language>` columns. On PostgreSQL:
    `setweight(to_tsvector('swedish', coalesce(name, '')), 'A') || …`; elsewhere NULL.
    """

    output_field = SearchVectorField()

    def __init__(self, *expressions, weights: Sequence[str], config: str):
        if config not in CONFIGS.values() or len(weights) != len(expressions):
            raise ValueError("A document needs a known configuration and a weight per field.")
        if any(weight not in WEIGHTS for weight in weights):
            raise ValueError(f"Weights are one of {WEIGHTS}.")
        super().__init__(*expressions)
        self.weights = tuple(weights)
        self.config = config

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, args, {"weights": self.weights, "config": self.config}

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression, weight in zip(self.get_source_expressions(), self.weights, strict=True):
            sql, expression_params = compiler.compile(expression)
            # The configuration and weight are checked constants, written into the SQL so that
            # PostgreSQL sees an immutable expression (a generated column needs one).
            parts.append(
                f"setweight(to_tsvector('{self.config}'::regconfig, COALESCE({sql}, '')), "
                f"'{weight}')"
            )
            params.extend(expression_params)
        return "(" + " || ".join(parts) + ")", params


def field_in(name: str, language: str, *, translated: bool, path: str = ""):
    """The expression reading field `name` in `language`: the field itself, or for a
    modeltranslation field its `<name>_<language>` column, English falling back to Swedish."""
    if not translated:
        return F(f"{path}{name}")
    own = F(f"{path}{name}_{language}")
    if language == DEFAULT_LANGUAGE:
        return own
    return Coalesce(
        NullIf(own, Value("")),
        F(f"{path}{name}_{DEFAULT_LANGUAGE}"),
        output_field=models.TextField(),
    )


@dataclass(frozen=True)
class Document:
    """The text of one kind of object, by weight: titles (A) count most, then B, C, D."""

    a: tuple[str, ...]
    b: tuple[str, ...] = ()
    c: tuple[str, ...] = ()
    d: tuple[str, ...] = ()
    translated: bool = False

    @property
    def title(self) -> str:
        return self.a[0]

    @property
    def weighted(self) -> list[tuple[str, str]]:
        return [
            (name, weight)
            for weight, names in zip(WEIGHTS, (self.a, self.b, self.c, self.d), strict=True)
            for name in names
        ]

    @property
    def text_fields(self) -> tuple[str, ...]:
        """Everything but the titles: what a passage is cut from."""
        return self.a[1:] + self.b + self.c + self.d

    def expression(self, name: str, language: str, path: str = ""):
        return field_in(name, language, translated=self.translated, path=path)

    def column(self, language: str) -> models.GeneratedField:
        """The generated `search_<language>` column holding this document's tsvector."""
        names, weights = zip(*self.weighted, strict=True)
        return models.GeneratedField(
            expression=DocumentVector(
                *(self.expression(name, language) for name in names),
                weights=weights,
                config=CONFIGS[language],
            ),
            output_field=SearchVectorField(),
            db_persist=True,
            editable=False,
        )


class DocumentIndex(GinIndex):
    """A GIN index on PostgreSQL; on other databases, where the column stays NULL, a plain one
    (the same migration serves both)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        return models.Index.create_sql(self, model, schema_editor, using=using, **kwargs)


# --- The kinds (the registry) -----------------------------------------------------------------


class SearchKind:
    """One kind of result; see the module's docstring for how an app defines one."""

    key: str = ""
    label = ""
    document: Document
    order: int = 100
    # A lookup prefix when the document's columns live on a related model ("course__").
    path: str = ""
    # The lookup of the city, for the filter and the result line; None when there is none.
    city: str | None = "city"

    def public(self) -> models.QuerySet:
        """Every object anyone may see (never drafts, pending or private data)."""
        raise NotImplementedError

    def in_city(self, queryset: models.QuerySet, city) -> models.QuerySet:
        if self.city is None:
            return queryset.none()
        return queryset.filter(**{self.city: city})

    def detail(self, obj) -> str:
        return ""

    def written_in(self, obj) -> str:
        """The language a person wrote the object's text in, where it keeps one (else "")."""
        return ""

    def url(self, obj) -> str:
        return obj.get_absolute_url()

    def city_name(self, obj) -> str:
        if self.city is None:
            return ""
        value = obj
        for part in self.city.split("__"):
            value = getattr(value, part, None)
        return value.name if value is not None else ""

    def title_expression(self, language: str):
        return self.document.expression(self.document.title, language, self.path)

    def text_expressions(self, language: str) -> list:
        return [
            self.document.expression(name, language, self.path)
            for name in self.document.text_fields
        ]


def kinds() -> list[SearchKind]:
    """Every app's kinds, in their order on the page."""
    found = [kind for app_kinds in provided("KINDS", module="search") for kind in app_kinds]
    return sorted(found, key=lambda kind: (kind.order, kind.key))


# --- Running a search -------------------------------------------------------------------------


def clean_query(text: str | None) -> str:
    """The query as the search reads it: at most 500 characters, whitespace collapsed."""
    return " ".join((text or "")[:MAX_QUERY_LENGTH].split())


def words(text: str) -> list[str]:
    """The words of a query (letters and digits); punctuation alone gives none."""
    return [word for word in re.findall(r"\w+", text) if word.strip("_")][:32]


@dataclass
class Hit:
    title: str
    url: str
    passage: SafeString
    city: str = ""
    detail: str = ""
    # The language the text was written in, for `lang` on pages in the other language.
    language: str = ""


@dataclass
class Search:
    """The query and where it runs: `language` picks the configuration and the columns."""

    text: str
    language: str = DEFAULT_LANGUAGE
    city: object = None
    terms: list[str] = field(init=False)

    def __post_init__(self):
        self.text = clean_query(self.text)
        self.terms = words(self.text)
        if self.language not in CONFIGS:
            self.language = DEFAULT_LANGUAGE

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, kind: SearchKind) -> models.QuerySet:
        """The kind's public objects that match, best first, with `search_title` and
        `search_text` (PostgreSQL: the highlighted passage) annotated."""
        queryset = kind.public()
        if self.city is not None:
            queryset = kind.in_city(queryset, self.city)
        queryset = queryset.annotate(search_title=kind.title_expression(self.language))
        if connection.vendor == "postgresql":
            return self._postgresql(kind, queryset)
        return self._plain(kind, queryset)

    def _postgresql(self, kind, queryset):
        config = CONFIGS[self.language]
        # Each word a prefix, all required; the words hold only letters and digits, so they
        # cannot break the tsquery syntax.
        query = SearchQuery(
            " & ".join(f"{word}:*" for word in self.terms), search_type="raw", config=config
        )
        vector = F(f"{kind.path}search_{self.language}")
        title = kind.title_expression(self.language)
        similarity = TrigramWordSimilarity(Unaccent(Value(" ".join(self.terms))), Unaccent(title))
        text = Joined(*kind.text_expressions(self.language))
        return (
            queryset.annotate(search_similarity=similarity)
            .filter(
                Q(**{f"{kind.path}search_{self.language}": query})
                | Q(search_similarity__gte=TITLE_SIMILARITY)
            )
            .annotate(
                search_rank=SearchRank(vector, query) + F("search_similarity"),
                search_text=SearchHeadline(
                    models.Func(text, Value(START + STOP), Value(""), function="translate"),
                    query,
                    config=config,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=PASSAGE_WORDS,
                    min_words=PASSAGE_WORDS // 2,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-search_rank", "pk")
        )

    def _plain(self, kind, queryset):
        texts = kind.text_expressions(self.language)
        queryset = queryset.annotate(search_text=Joined(*texts))
        title_hits = []
        for word in self.terms:
            pattern = re.escape(word)
            queryset = queryset.filter(
                Q(search_title__iregex=pattern) | Q(search_text__iregex=pattern)
            )
            title_hits.append(
                models.Case(
                    models.When(search_title__iregex=pattern, then=1),
                    default=0,
                    output_field=models.IntegerField(),
                )
            )
        rank = sum(title_hits[1:], title_hits[0])
        return queryset.annotate(search_rank=rank).order_by("-search_rank", "search_title", "pk")

    def hit(self, kind: SearchKind, obj) -> Hit:
        if connection.vendor == "postgresql":
            passage = highlight_marked(obj.search_text)
        else:
            passage = highlight(obj.search_text, self.terms)
        return Hit(
            title=obj.search_title,
            url=kind.url(obj),
            passage=passage,
            city=kind.city_name(obj),
            detail=kind.detail(obj),
            language=kind.written_in(obj),
        )


class Joined(models.Func):
    """Texts joined with spaces, empty where NULL, in one flat `a || ' ' || b` (Concat nests a
    level per part, which overflows SQLite's parser for a long document)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = models.TextField()

    def __init__(self, *expressions):
        super().__init__(*(Coalesce(expression, Value("")) for expression in expressions))


# --- Passages -----------------------------------------------------------------------------------

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"(^|\s)(#{1,6}|[-+>]|\d+\.)(?=\s)|[*_`~]{1,3}|<[^>\x02\x03]*>")


def plain(text: str) -> str:
    """Markdown text as plain words on one line (links keep their words, markup goes)."""
    text = _LINK.sub(r"\1", text or "")
    text = _MARKUP.sub(r"\1", text)
    return " ".join(text.split())


def highlight_marked(text: str) -> SafeString:
    """A passage from ts_headline: escape everything, then turn its markers into <mark>."""
    escaped = escape(plain(text))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def highlight(text: str, terms: Sequence[str], *, length: int = PASSAGE_WORDS) -> SafeString:
    """A passage of `text` around the first of `terms`, with every term marked (SQLite)."""
    words_ = plain((text or "").replace(START, "").replace(STOP, "")).split(" ")
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    first = next((i for i, word in enumerate(words_) if pattern.search(word)), 0)
    start = max(0, min(first - length // 3, len(words_) - length))
    shown = words_[start : start + length]
    passage = " ".join(shown)
    parts = []
    position = 0
    for match in pattern.finditer(passage):
        parts.append(escape(passage[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(passage[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(words_) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part escaped

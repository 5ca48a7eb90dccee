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
  (each word a prefix, all words required), ranked with `ts_rank` (titles weigh most) plus 1
  for a title that holds every word, or else the title's similarity to the query; passages from
  `ts_headline`; typos in titles are forgiven with pg_trgm's word similarity on unaccented text
  ("Rosengard" finds "Rosengård"). The extensions pg_trgm and unaccent are created by the
  migration `mobilisering.0002_search_extensions`; both are trusted extensions (PostgreSQL 13+), so
  the database's owner may create them without being a superuser. Both conditions are served by
  a GIN index: the stored column's, and a trigram index on the unaccented title
  (`<table>_search_title_<language>`), whose expression the query repeats exactly.
- SQLite: every word must occur, case-insensitively in all of Unicode, in the title or the text;
  titles that hold the words rank first; passages are cut and highlighted in Python. The words
  are looked up in an FTS5 table per document (`<table>_search`, the trigram tokenizer, so a word
  is found inside a longer one as before), kept current by triggers; words of one or two letters,
  which a trigram index cannot hold, are matched on the rows the others found.

The SQLite tables and triggers and the PostgreSQL title indexes are made from the registry after
every `migrate` (`sync_text_indexes`, on `post_migrate`), not in a migration: SQLite rebuilds a
table to alter it and drops its triggers with it, and a kind or a document may change without a
migration of its own. Made once, later runs find them in place and leave them.

A search costs one query per kind (its first results with their count), or for the kind paged
through two (its count, its page), whatever the data's size. Its work is bounded too: a kind's
count stops at `COUNT_LIMIT` ("more than 1,000"), and only the first COUNT_LIMIT + 1 matches the
index yields are ranked (all of them, unless a word is in a sixth of the texts, say).
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection, connections, models, transaction
from django.db.models import F, Q, Value
from django.db.models.expressions import RawSQL
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
PASSAGE_WORDS = 30
# Counts stop here: a search shows "more than 1,000" rather than count every match.
COUNT_LIMIT = 1000
# The shortest word SQLite's trigram index can look up.
TRIGRAM = 3
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


# --- The text indexes (SQLite: FTS5 tables; PostgreSQL: trigram indexes on titles) ---------


@functools.cache
def document_model(kind: SearchKind) -> type[models.Model]:
    """The model whose fields the kind's document reads (a session's is its course); kept, as
    building the kind's queryset to learn it costs more than a little."""
    model = kind.public().model
    for part in filter(None, kind.path.split("__")):
        model = model._meta.get_field(part).related_model
    return model


def text_index_table(model: type[models.Model]) -> str:
    return f"{model._meta.db_table}_search"


def text_index_columns(document: Document, language: str | None = None) -> list[str]:
    """The FTS5 table's columns: a title and a text, per language where the fields are
    translated (or those of `language` only)."""
    if not document.translated:
        return ["title", "text"]
    languages = LANGUAGES if language is None else (language,)
    return [f"{column}_{code}" for code in languages for column in ("title", "text")]


def fts_query(words_: Sequence[str], columns: Sequence[str]) -> str:
    """An FTS5 query: every word, as a quoted string (so quotes, `*`, `-`, `:`, NEAR, AND… a
    person types are text), somewhere in `columns`."""
    strings = " AND ".join('"' + word.replace('"', '""') + '"' for word in words_)
    return "{" + " ".join(columns) + "} : (" + strings + ")"


def _documents() -> dict[type[models.Model], Document]:
    return {document_model(kind): kind.document for kind in kinds()}


def _sqlite_values(model, document: Document, row: str) -> list[str]:
    """The SQL of each FTS5 column's value, read from `row` (new, old, or the table)."""

    def read(name: str, language: str) -> str:
        if not document.translated:
            return f'{row}."{model._meta.get_field(name).column}"'
        own = f'{row}."{model._meta.get_field(f"{name}_{language}").column}"'
        if language == DEFAULT_LANGUAGE:
            return own
        fallback = f'{row}."{model._meta.get_field(f"{name}_{DEFAULT_LANGUAGE}").column}"'
        return f"COALESCE(NULLIF({own}, ''), {fallback})"

    values = []
    for language in LANGUAGES if document.translated else (DEFAULT_LANGUAGE,):
        values.append(f"COALESCE({read(document.title, language)}, '')")
        values.append(
            " || ' ' || ".join(
                f"COALESCE({read(name, language)}, '')" for name in document.text_fields
            )
            or "''"
        )
    return values


def sqlite_text_index_sql(model, document: Document) -> dict[str, str]:
    """{name: CREATE statement} of the FTS5 table of `model`'s document and of the triggers
    that keep it current on every insert, update of a document field, and delete."""
    table, index = model._meta.db_table, text_index_table(model)
    pk = model._meta.pk.column
    columns = text_index_columns(document)
    names = ", ".join(columns)
    fields = [document.title, *document.text_fields]
    if document.translated:
        fields = [f"{name}_{language}" for name in fields for language in LANGUAGES]
    watched = ", ".join(f'"{model._meta.get_field(name).column}"' for name in fields)
    insert = (
        f'INSERT INTO "{index}"(rowid, {names}) '
        f'VALUES (new."{pk}", {", ".join(_sqlite_values(model, document, "new"))});'
    )
    delete = f'DELETE FROM "{index}" WHERE rowid = old."{pk}";'
    return {
        index: (f'CREATE VIRTUAL TABLE "{index}" USING fts5({names}, tokenize="trigram")'),
        f"{index}_insert": (
            f'CREATE TRIGGER "{index}_insert" AFTER INSERT ON "{table}" BEGIN {insert} END'
        ),
        f"{index}_update": (
            f'CREATE TRIGGER "{index}_update" AFTER UPDATE OF "{pk}", {watched} ON "{table}" '
            f"BEGIN {delete} {insert} END"
        ),
        f"{index}_delete": (
            f'CREATE TRIGGER "{index}_delete" AFTER DELETE ON "{table}" BEGIN {delete} END'
        ),
    }


def _sync_sqlite(connection_, model, document: Document) -> None:
    statements = sqlite_text_index_sql(model, document)
    index = text_index_table(model)
    # All or nothing: a table without its triggers would silently fall behind.
    with transaction.atomic(using=connection_.alias), connection_.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE name IN "
            f"({', '.join('%s' for _ in statements)})",
            list(statements),
        )
        if dict(cursor.fetchall()) == statements:
            return
        for name in statements:
            if name != index:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        cursor.execute(f'DROP TABLE IF EXISTS "{index}"')
        for sql in statements.values():
            cursor.execute(sql)
        values = ", ".join(_sqlite_values(model, document, f'"{model._meta.db_table}"'))
        cursor.execute(
            f'INSERT INTO "{index}"(rowid, {", ".join(text_index_columns(document))}) '
            f'SELECT "{model._meta.pk.column}", {values} FROM "{model._meta.db_table}"'
        )


def title_index_sql(model, document: Document, language: str, schema_editor) -> str:
    """The trigram index on the unaccented title in `language`: the expression compiled as a
    search compiles it (`Search._similar_title`), so that PostgreSQL can use the index."""
    query = model._base_manager.all().query
    compiler = query.get_compiler(connection=schema_editor.connection)
    title = Unaccented(document.expression(document.title, language)).resolve_expression(query)
    sql, params = compiler.compile(title)
    sql = sql % tuple(schema_editor.quote_value(param) for param in params)
    table = model._meta.db_table
    return (
        f'CREATE INDEX IF NOT EXISTS "{table}_search_title_{language}" ON "{table}" '
        f"USING gin (({sql}) gin_trgm_ops)"
    )


def _sync_postgresql(connection_) -> None:
    with connection_.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
        found = cursor.fetchone()
        if found is None:
            return
        schema = connection_.ops.quote_name(found[0])
        # unaccent() is only stable (its dictionary is looked up on the search path); with the
        # dictionary named, the result depends on the text alone, which an index needs.
        cursor.execute(
            "CREATE OR REPLACE FUNCTION mobilisering_unaccent(text) RETURNS text "
            "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
            f"AS $$ SELECT {schema}.unaccent('{found[0]}.unaccent'::regdictionary, $1) $$"
        )
    with connection_.schema_editor() as schema_editor:
        for model, document in _documents().items():
            for language in LANGUAGES if document.translated else (DEFAULT_LANGUAGE,):
                schema_editor.execute(title_index_sql(model, document, language, schema_editor))


def sync_text_indexes(*, using: str = "default", **kwargs) -> None:
    """Make (or, where a document changed, remake) every kind's text index; a `post_migrate`
    receiver. SQLite: an FTS5 table and its triggers per document; PostgreSQL: the immutable
    unaccent and the trigram indexes on titles."""
    connection_ = connections[using]
    if connection_.vendor == "sqlite":
        for model, document in _documents().items():
            _sync_sqlite(connection_, model, document)
    elif connection_.vendor == "postgresql":
        _sync_postgresql(connection_)


# --- Running a search -------------------------------------------------------------------------


def clean_query(text: str | None) -> str:
    """The query as the search reads it: at most 500 characters, whitespace collapsed."""
    return " ".join((text or "")[:MAX_QUERY_LENGTH].split())


def words(text: str) -> list[str]:
    """The words of a query (letters and digits), each once; punctuation alone gives none."""
    found: dict[str, str] = {}
    for word in re.findall(r"\w+", text):
        if word.strip("_"):
            found.setdefault(word.casefold(), word)
    return list(found.values())[:32]


def case_forms(word: str) -> list[str]:
    """Every mix of upper and lower case of a short word: SQLite's LIKE ignores the case of
    ASCII letters only, and "Åk" must find "åk" too."""
    forms = [""]
    for letter in word:
        forms = [form + case for form in forms for case in {letter.lower(), letter.upper()}]
    return sorted(set(forms))


def like_pattern(word: str) -> str:
    """A LIKE pattern (escaped with \\) finding `word` anywhere in a text."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"


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

    def matching(self, kind: SearchKind) -> models.QuerySet:
        """The kind's public objects that match, unordered and unranked."""
        queryset = kind.public()
        if self.city is not None:
            queryset = kind.in_city(queryset, self.city)
        if connection.vendor == "postgresql":
            return queryset.filter(self._postgresql_match(kind))
        return self._plain_match(kind, queryset)

    def candidates(self, kind: SearchKind) -> models.QuerySet:
        """The keys of the first COUNT_LIMIT + 1 matches as the index finds them: what is
        counted and ranked, so that a search costs the same however many objects match."""
        return self.matching(kind).order_by().values("pk")[: COUNT_LIMIT + 1]

    def matches(self, kind: SearchKind) -> models.QuerySet:
        """The candidates, best first, with `search_title` and `search_text` (PostgreSQL: the
        highlighted passage) annotated.

        Up to COUNT_LIMIT matches this is every match; past it (a word in one text of six,
        say), the best of the first COUNT_LIMIT + 1, and the page says "more than 1,000"."""
        queryset = kind.public().filter(pk__in=self.candidates(kind))
        # The stored vectors are for the database: not read into Python.
        stored = [
            column.name
            for column in queryset.model._meta.concrete_fields
            if isinstance(column, models.GeneratedField)
            and isinstance(column.output_field, SearchVectorField)
        ]
        queryset = queryset.defer(*stored).annotate(
            search_title=kind.title_expression(self.language)
        )
        if connection.vendor == "postgresql":
            return self._postgresql_ranked(kind, queryset)
        return self._plain_ranked(kind, queryset)

    def count(self, kind: SearchKind) -> int:
        """How many of the kind match, up to COUNT_LIMIT + 1 (one query)."""
        return self.candidates(kind).count()

    def first(self, kind: SearchKind, number: int) -> tuple[int, list]:
        """(the count as `count` gives it, the best `number` matches), in one query."""
        matches = self.matches(kind)
        if matches.query.is_empty():  # a kind with no city, in a search narrowed to one
            return 0, []
        found = list(matches.annotate(search_count=models.Window(models.Count("pk")))[:number])
        return (found[0].search_count if found else 0), found

    # PostgreSQL: the stored tsvector and the unaccented title, each behind a GIN index.

    def _tsquery(self, weights: str = "") -> SearchQuery:
        # Each word a prefix (in the fields of `weights` only, if given), all required; the
        # words hold only letters and digits, so they cannot break the tsquery syntax.
        return SearchQuery(
            " & ".join(f"{word}:*{weights}" for word in self.terms),
            search_type="raw",
            config=CONFIGS[self.language],
        )

    def _similar_title(self, kind):
        """The title is like the query despite typos: `title %> query`, which the trigram index
        on the very same expression serves (see `title_index_sql`)."""
        return WordSimilar(
            Unaccented(kind.title_expression(self.language)),
            Unaccented(Value(" ".join(self.terms))),
        )

    def _postgresql_match(self, kind) -> Q:
        return Q(**{f"{kind.path}search_{self.language}": self._tsquery()}) | Q(
            self._similar_title(kind)
        )

    def _postgresql_ranked(self, kind, queryset):
        query = self._tsquery()
        column = f"{kind.path}search_{self.language}"
        # A title that holds every word ranks first (as on SQLite); other titles by how like
        # the query they are (a typo), which pg_trgm computes slowly, so only for those.
        title = models.Case(
            models.When(Q(**{column: self._tsquery(weights="A")}), then=Value(1.0)),
            default=TrigramWordSimilarity(
                Unaccented(Value(" ".join(self.terms))),
                Unaccented(kind.title_expression(self.language)),
            ),
            output_field=models.FloatField(),
        )
        text = Joined(*kind.text_expressions(self.language))
        # ts_headline is costly: PostgreSQL computes it after the sort, for the rows shown.
        return queryset.annotate(
            search_rank=SearchRank(F(column), query) + title,
            search_text=SearchHeadline(
                models.Func(text, Value(START + STOP), Value(""), function="translate"),
                query,
                config=CONFIGS[self.language],
                start_sel=START,
                stop_sel=STOP,
                max_words=PASSAGE_WORDS,
                min_words=PASSAGE_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-search_rank", "pk")

    # SQLite: the FTS5 table of the document.

    def _indexed_and_short(self) -> tuple[list[str], list[str]]:
        indexed = [word for word in self.terms if len(word) >= TRIGRAM]
        return indexed, [word for word in self.terms if len(word) < TRIGRAM]

    def _in_text_index(
        self, kind, words_: Sequence[str], short: Sequence[str] = (), *, titles_only=False
    ) -> Q:
        """The object's document holds `words_` (looked up in the FTS5 index) and the words of
        one or two letters in `short` (which a trigram index cannot look up: those are matched
        with LIKE on the index's own text, in C, on the rows the others found, if any)."""
        model = document_model(kind)
        table = text_index_table(model)
        columns = text_index_columns(kind.document, self.language)
        if titles_only:
            columns = columns[:1]
        conditions, params = [], []
        if words_:
            conditions.append(f'"{table}" MATCH %s')
            params.append(fts_query(words_, columns))
        for word in short:
            patterns = [like_pattern(form) for form in case_forms(word)]
            conditions.append(
                "("
                + " OR ".join(
                    f"\"{column}\" LIKE %s ESCAPE '\\'" for column in columns for _ in patterns
                )
                + ")"
            )
            params.extend(pattern for _ in columns for pattern in patterns)
        found = RawSQL(f'SELECT rowid FROM "{table}" WHERE {" AND ".join(conditions)}', params)
        return Q(**{f"{kind.path}pk__in": found})

    def _plain_match(self, kind, queryset):
        return queryset.filter(self._in_text_index(kind, *self._indexed_and_short()))

    def _plain_ranked(self, kind, queryset):
        indexed, short = self._indexed_and_short()
        queryset = queryset.annotate(search_text=Joined(*kind.text_expressions(self.language)))
        title_hits = [
            models.When(self._in_text_index(kind, [word], titles_only=True), then=1)
            for word in indexed
        ] + [
            # Only the candidates are ranked: few enough for Python's regular expressions.
            models.When(search_title__iregex=re.escape(word), then=1)
            for word in short
        ]
        rank = sum(
            (models.Case(hit, default=0, output_field=models.IntegerField()) for hit in title_hits),
            Value(0),
        )
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


class Unaccented(models.Func):
    """Text without accents, through an immutable wrapper of unaccent (PostgreSQL), which an
    index may hold (see `sync_text_indexes`); elsewhere the text itself."""

    function = "mobilisering_unaccent"
    output_field = models.TextField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.get_source_expressions()[0])

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, **extra_context)


class WordSimilar(models.Func):
    """pg_trgm's `text %> query`: the query is like a part of the text, at least as similar as
    `pg_trgm.word_similarity_threshold` (0.6 unless the database sets another)."""

    template = "(%(expressions)s)"
    arg_joiner = " %%> "
    output_field = models.BooleanField()


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

"""Pagination of the long public lists: a bounded number of pages, and rows loaded by key.

An OFFSET costs the rows it skips. Two things keep a deep page cheap whatever the data's
size: the page count stops at MAX_PAGES (the filters narrow a longer list), and the page's
keys are chosen by a subquery the ordering index answers alone, so only the page's own rows
(with what their cards need) are read in full.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

MAX_PAGES = 200


class BoundedPaginator(Paginator):
    """A Paginator with at most `max_pages` pages; later page numbers give the last one."""

    def __init__(self, *args, max_pages: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_pages = max_pages or MAX_PAGES

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)

    @property
    def truncated(self) -> bool:
        """Does the list go on after the last page shown?"""
        return self.count > self.max_pages * self.per_page


def paginate_by_key(queryset: QuerySet, page_number, per_page: int) -> Page:
    """The page `page_number` of `queryset` (ordered by a unique key): the page's keys are
    chosen in a subquery that reads only the ordering index, and only those rows are read in
    full, with what `queryset` selects and prefetches (the count, one query, its prefetches)."""
    keys = queryset.values_list("pk", flat=True)
    page = BoundedPaginator(keys, per_page).get_page(page_number)
    page.object_list = list(queryset.filter(pk__in=page.object_list))
    return page

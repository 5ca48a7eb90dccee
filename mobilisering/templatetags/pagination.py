from django import template

register = template.Library()


@register.filter
def elided_page_range(page):
    """The page numbers to link around `page` (with ellipses), centred on the page itself:
    Paginator.get_elided_page_range() centres on page 1 unless it is given the number."""
    return page.paginator.get_elided_page_range(page.number)

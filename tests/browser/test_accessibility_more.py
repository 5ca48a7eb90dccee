"""What axe cannot see, in a real browser: every kind of page at 320 px and with text at 200%,
high contrast (forced colours, light and dark), focus rings against their own background, and
focus after a form is sent with errors, with and without JavaScript.

Text at 200% is an approximation: the root font size set to 200%, which enlarges everything the
portal sizes in rem and em (as a browser's text-only zoom does) and leaves the window as it is.
"""

import io
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve
from PIL import Image, ImageChops
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from mobilisering.demo import DEMO_PASSWORD
from tests.browser.conftest import go, log_in
from tests.conftest import make_city_staff, make_group, make_user
from tests.trainings.conftest import make_course, make_session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT_200 = "html { font-size: 200% !important; }"
SKIPPED = (".ics", ".csv", ".pdf", ".xml", "/feed/", "/logout/")
# Pages per person in the demo data: one of each kind (view) they reach from their start pages.
KINDS_PER_PERSON = 45

# What a person sees laid out wrongly, measured on the page: sideways scroll, footer items on top
# of each other, and (where the window has room for them) drop-downs whose value is cut off: at
# 320 px a long name cannot fit, and a drop-down cannot wrap it.
LAYOUT_PROBLEMS = """roomy => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`scrolls sideways: ${root.scrollWidth} px in a ${window.innerWidth} px window`);
  }
  const footer = ".site-footer h2, .site-footer a, .site-footer p:not(:has(a))";
  const items = [...document.querySelectorAll(footer)].map(el => el.getBoundingClientRect());
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  items.forEach((a, i) => items.slice(i + 1).forEach(b => {
    if (overlap(a, b)) problems.push("footer items overlap");
  }));
  for (const el of document.querySelectorAll(".site-footer a")) {
    if (el.getBoundingClientRect().right > window.innerWidth) {
      problems.push(`${el.textContent} past the edge`);
    }
  }
  const canvas = document.createElement("canvas").getContext("2d");
  for (const select of roomy ? document.querySelectorAll("select") : []) {
    if (!select.offsetParent || select.multiple || select.selectedIndex < 0) continue;
    const style = getComputedStyle(select);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.options[select.selectedIndex].text;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const room = select.clientWidth - padding;
    if (canvas.measureText(text).width > room + 1) problems.push(`drop-down cuts "${text}"`);
  }
  return problems;
}"""

LINKS = """() => [...document.querySelectorAll("a[href^='/']")].map(a => a.getAttribute("href"))"""


def _view_name(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def _layout_problems_on_each_kind_of_page(page, base: str, starts: list[str]) -> dict:
    """{url: problems} for one page of each kind reached from `starts`, at 320 px and at 1280 px
    with text at 200%."""
    seen, kinds, queue, problems = set(starts), set(), list(starts), {}
    while queue and len(kinds) < KINDS_PER_PERSON:
        url = queue.pop(0)
        kind = _view_name(url)
        if kind is None or kind in kinds or kind.startswith("admin:"):
            continue
        page.set_viewport_size({"width": 320, "height": 800})
        response = page.goto(base + url)
        if response.status != 200 or "text/html" not in response.headers["content-type"]:
            continue
        kinds.add(kind)
        found = [f"320 px: {p}" for p in page.evaluate(LAYOUT_PROBLEMS, False)]
        page.set_viewport_size({"width": 1280, "height": 900})
        page.add_style_tag(content=TEXT_200)
        found += [f"200% text: {p}" for p in page.evaluate(LAYOUT_PROBLEMS, True)]
        if found:
            problems[url] = found
        for href in page.evaluate(LINKS):
            href = urldefrag(href)[0]
            if href.startswith(("/static/", "/media/", "/sv/admin/", "/en/admin/")):
                continue
            if urlsplit(href).path.endswith(SKIPPED) or href in seen:
                continue
            seen.add(href)
            queue.append(href)
    return kinds, problems


@pytest.fixture
def demo_data(demo, settings):
    settings.DEBUG = False


@pytest.mark.parametrize(
    ("email", "starts"),
    [
        (None, ["/sv/", "/sv/search/?q=l%C3%A4xhj%C3%A4lp", "/sv/accounts/signup/"]),
        ("group@example.org", ["/sv/my/", "/en/my/"]),
        ("staff.malmo@example.org", ["/sv/staff/", "/sv/staff/trainings/", "/en/staff/"]),
        ("editor@example.org", ["/sv/staff/stories/", "/sv/staff/handbook/"]),
        ("admin@example.org", ["/sv/staff/outbox/", "/sv/staff/trainings/"]),
    ],
)
def test_it_lays_out_every_kind_of_page_at_320_px_and_with_text_at_200_percent(
    live_server, page, demo_data, email, starts
):
    if email:
        log_in(page, live_server.url, email, password=DEMO_PASSWORD)
    kinds, problems = _layout_problems_on_each_kind_of_page(page, live_server.url, starts)
    assert len(kinds) >= 12, f"only {sorted(kinds)} reached"
    assert problems == {}


# --- high contrast ---------------------------------------------------------------------------


def _inked_pixels(before: bytes, after: bytes) -> int:
    """How many pixels differ between two screenshots of the same element."""
    a = Image.open(io.BytesIO(before)).convert("RGB")
    b = Image.open(io.BytesIO(after)).convert("RGB")
    diff = ImageChops.difference(a, b).convert("L")
    return sum(1 for value in diff.get_flattened_data() if value > 48)


def _state_shows(page, control) -> int:
    """The pixels that change when `control` is ticked, with focus elsewhere (a focus ring is
    not a state)."""
    control.scroll_into_view_if_needed()
    control.evaluate("el => { el.checked = false; el.blur(); }")
    off = control.screenshot()
    control.evaluate("el => { el.checked = true; el.blur(); }")
    on = control.screenshot()
    return _inked_pixels(off, on)


@pytest.fixture
def proposal_page(live_server, page, city_malmo):
    make_group("Grannar i Rosengård", city_malmo, admins=[make_user("gabriel@example.org")])
    log_in(page, live_server.url, "gabriel@example.org")
    return f"{live_server.url}/sv/initiatives/new/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_it_shows_whether_each_box_and_radio_is_chosen_in_high_contrast(
    live_server, page, proposal_page, city_malmo, scheme
):
    page.emulate_media(forced_colors="active", color_scheme=scheme)
    page.goto(proposal_page)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    theme = page.get_by_label("Delaktighet och inflytande")
    kind = page.get_by_label("Påverkansarbete och opinionsbildning")
    for control in (theme, kind):
        assert control.evaluate("el => getComputedStyle(el).appearance") == "auto"
        assert _state_shows(page, control) >= 12

    session = make_session(city_malmo, course=make_course(slug="grunder"), capacity=4, days=5)
    page.goto(f"{live_server.url}/sv/trainings/sessions/{session.pk}/")
    assert _state_shows(page, page.get_by_label("Jag godkänner")) >= 12


def test_it_marks_the_current_staff_tab_and_focus_in_high_contrast(live_server, page, city_malmo):
    make_city_staff("mona.staff@example.org", city_malmo)
    log_in(page, live_server.url, "mona.staff@example.org")
    page.emulate_media(forced_colors="active", color_scheme="light")
    page.goto(f"{live_server.url}/sv/staff/trainings/")
    nav = page.get_by_role("navigation", name="Personalens arbetsyta")
    current = nav.get_by_role("link", name="Utbildningar")
    other = nav.get_by_role("link", name="Statistik")
    assert current.get_attribute("aria-current") == "page"
    look = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    assert current.evaluate(look) != other.evaluate(look)
    # And as seen: the current tab's pixels are not the other tab's.
    mean = [
        sum(Image.open(io.BytesIO(link.screenshot())).convert("L").get_flattened_data())
        / (link.bounding_box()["width"] * link.bounding_box()["height"])
        for link in (current, other)
    ]
    assert abs(mean[0] - mean[1]) > 40

    other.focus()
    ring = other.evaluate(
        "el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]"
    )
    assert ring[0] != "none" and ring[1] >= 2


# --- focus rings -----------------------------------------------------------------------------

FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const opaque = c => { const v = rgb(c); return v.length === 3 || v[3] > 0.5; };
  // An outline drawn outside the element lies on its parent's background, inside on its own.
  let node = parseFloat(style.outlineOffset) >= 0 ? el.parentElement : el;
  while (node && !opaque(getComputedStyle(node).backgroundColor)) node = node.parentElement;
  const background = node ? getComputedStyle(node).backgroundColor : "rgb(255, 255, 255)";
  const name = (el.textContent || el.getAttribute("aria-label") || el.name || el.tagName).trim();
  return {name: name.slice(0, 40), footer: !!el.closest(".site-footer"),
          style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          ring: rgb(style.outlineColor), background: rgb(background)};
}"""


def _contrast(a, b) -> float:
    def luminance(rgb):
        parts = []
        for value in rgb[:3]:
            value /= 255
            parts.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _weak_focus_rings(page, presses: int = 60) -> tuple[list[str], int]:
    weak, footer = [], 0
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        ring = page.evaluate(FOCUS_RING)
        footer += ring["footer"]
        ratio = _contrast(ring["ring"], ring["background"])
        if ring["style"] == "none" or ring["width"] < 2 or ratio < 3:
            weak.append(f"{ring['name']}: {ring['style']} {ring['width']} px, {ratio:.2f}:1")
    return weak, footer


def test_every_focus_ring_reaches_3_to_1_against_its_background(live_server, page, city_malmo):
    page.goto(f"{live_server.url}/sv/")
    weak, footer = _weak_focus_rings(page)
    assert footer >= 3, "the footer's links were not reached"
    assert weak == []

    make_city_staff("mona.staff@example.org", city_malmo)
    log_in(page, live_server.url, "mona.staff@example.org")
    page.goto(f"{live_server.url}/sv/staff/trainings/")
    weak, footer = _weak_focus_rings(page)
    assert footer >= 3
    assert weak == []


# --- the error summary -----------------------------------------------------------------------


def _in_view(page, selector: str) -> bool:
    """Whether the element comes to lie wholly inside the window (Bootstrap scrolls smoothly, so
    the page may still be on its way there)."""
    try:
        page.wait_for_function(
            """selector => {
              const box = document.querySelector(selector).getBoundingClientRect();
              return box.top >= 0 && box.bottom <= window.innerHeight;
            }""",
            arg=selector,
            timeout=3000,
        )
    except PlaywrightTimeoutError:
        return False
    return True


def _label_in_view(page, field) -> bool:
    return _in_view(page, f"label[for='{field.get_attribute('id')}']")


def test_focus_moves_to_the_error_summary_and_its_links_to_the_labelled_field(
    live_server, page, city_malmo
):
    session = make_session(city_malmo, course=make_course(slug="grunder"), capacity=4, days=5)
    page.goto(f"{live_server.url}/sv/trainings/sessions/{session.pk}/")
    page.get_by_label("Ditt namn").fill("Amina")
    page.get_by_label("E-post").fill("inte-en-adress")
    go(page, page.get_by_role("button", name="Anmäl dig"))

    summary = page.locator("#error-summary")
    page.wait_for_function("document.activeElement.id === 'error-summary'")
    page.keyboard.press("Tab")
    first = summary.get_by_role("link").first
    assert first.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    email = page.get_by_label("E-post")
    assert email.evaluate("el => el === document.activeElement")
    assert _label_in_view(page, email)


def test_the_proposal_form_leads_from_its_errors_to_each_field(live_server, page, proposal_page):
    page.goto(proposal_page)
    page.get_by_label("Titel").fill("Samråd på riktigt")
    go(page, page.get_by_role("button", name="Spara och skicka in"))

    page.wait_for_function("document.activeElement.id === 'error-summary'")
    links = page.locator("#error-summary a")
    assert links.count() >= 13
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    summary_field = page.get_by_label("Sammanfattning")
    assert summary_field.evaluate("el => el === document.activeElement")
    assert _label_in_view(page, summary_field)

    # A group of checkboxes: its legend stays in view.
    page.locator("#error-summary a", has_text="Välj minst ett område").click()
    assert _in_view(page, "#div_id_themes legend")
    assert page.evaluate("document.activeElement.type") == "checkbox"


def test_without_javascript_the_first_tab_stop_leads_to_the_errors(
    live_server, browser, city_malmo
):
    session = make_session(city_malmo, course=make_course(slug="grunder"), capacity=4, days=5)
    context = browser.new_context(
        java_script_enabled=False, locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/sv/trainings/sessions/{session.pk}/")
    page.get_by_label("Ditt namn").fill("Amina")
    go(page, page.get_by_role("button", name="Anmäl dig"))

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå till felen")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.locator("#error-summary a").first
    assert first.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    email = page.get_by_label("E-post")
    assert email.evaluate("el => el === document.activeElement")
    assert _label_in_view(page, email)
    context.close()


# --- names of groups -------------------------------------------------------------------------


def test_each_assessment_question_names_its_scores(live_server, page, city_malmo):
    from tests.initiatives.conftest import make_initiative

    staff = make_city_staff("mona.staff@example.org", city_malmo)
    member = make_user("gabriel@example.org")
    group = make_group("Grannar i Rosengård", city_malmo, members=[member])
    initiative = make_initiative(group, member=member, staff=staff, status="submitted")
    log_in(page, live_server.url, staff.email)
    page.goto(f"{live_server.url}/sv/staff/initiatives/{initiative.pk}/")
    scores = page.get_by_role(
        "group", name="Är de berörda själva med och planerar och genomför arbetet?"
    )
    scores.get_by_role("radio", name="4").check()
    assert scores.get_by_role("radio").count() == 5

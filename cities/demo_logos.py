"""Logos for the demo's groups, drawn here (no picture is fetched): a motif that fits each
group's work on a coloured disc, as PNG bytes for the group's logo field."""

import io
import math
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from mobilisering import images

SIZE = 512  # drawn at this size, stored at a quarter of it (LOGO)
# The portal's palette (static/css/site.css): plum, deep plum, teal, warm orange, ink.
BACKGROUNDS = ["#7a1f48", "#0b5e5a", "#5a1434", "#b4532a", "#33383e"]
LIGHT = "#fbf7f1"
ACCENT = "#f2c57c"

# A motif for each demo group, by slug; other groups get one chosen from their name.
MOTIFS = {
    "rosengards-roster": "speech",
    "bostad-for-alla-malmo": "house",
    "kvinnor-i-sofielund": "people",
    "laxhjalp-pa-modersmal": "book",
    "tillgangligt-malmo": "path",
    "angereds-unga-roster": "speech",
    "hisingens-hyresgastnatverk": "house",
    "romska-kvinnors-forum": "people",
    "vard-utan-papper-goteborg": "heart",
    "aldre-tillsammans-i-biskopsgarden": "sun",
    "funktionsratt-ostergotland-ung": "path",
    "kvinnojour-berga": "heart",
    "linkopings-pensionarer-i-samverkan": "sun",
    "nyanlanda-foraldrar-i-ryd": "book",
    "skaggetorps-grannar": "tree",
    "eu-migranters-stod": "heart",
    "hemlosa-kvinnors-rost": "speech",
    "jarvaforum-for-rattvisa": "scales",
    "soderorts-arbetslosa": "tree",
    "teckensprakiga-i-stockholm": "hands",
}
LOGO = 256
KINDS = ["speech", "house", "people", "book", "heart", "sun", "tree", "path", "scales", "hands"]


def logo(slug: str) -> bytes:
    """The logo of the group with this slug, as PNG bytes."""
    number = zlib.crc32(slug.encode())
    motif = MOTIFS.get(slug, KINDS[number % len(KINDS)])
    image = Image.new("RGB", (SIZE, SIZE), LIGHT)
    draw = ImageDraw.Draw(image)
    draw.ellipse([16, 16, SIZE - 16, SIZE - 16], fill=BACKGROUNDS[number % len(BACKGROUNDS)])
    DRAW[motif](draw)
    image = image.resize((LOGO, LOGO), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def attach_logos(groups) -> None:
    """Give each of `groups` that has no logo its drawn one, stored as an uploaded logo is."""
    for group in groups.filter(logo=""):
        upload = SimpleUploadedFile(f"{group.slug}.png", logo(group.slug), "image/png")
        picture = images.clean_picture(upload)
        group.logo.save(picture.name, picture, save=False)
        group.logo_renditions = images.make_renditions(group.logo)
        group.save(update_fields=["logo", "logo_width", "logo_height", "logo_renditions"])


def _speech(draw):
    draw.rounded_rectangle([120, 140, 392, 330], radius=40, fill=LIGHT)
    draw.polygon([(180, 320), (160, 400), (250, 325)], fill=LIGHT)
    for y, end in [(200, 340), (245, 300)]:
        draw.rounded_rectangle([165, y, end, y + 22], radius=11, fill=ACCENT)


def _house(draw):
    draw.polygon([(256, 110), (410, 240), (102, 240)], fill=LIGHT)
    draw.rectangle([140, 240, 372, 390], fill=LIGHT)
    draw.rectangle([226, 300, 286, 390], fill=ACCENT)
    draw.rectangle([166, 270, 206, 310], fill=ACCENT)
    draw.rectangle([306, 270, 346, 310], fill=ACCENT)


def _people(draw):
    for x, y, r, colour in [(176, 220, 42, LIGHT), (336, 220, 42, LIGHT), (256, 190, 50, ACCENT)]:
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        draw.rounded_rectangle([x - r - 18, y + r + 10, x + r + 18, 400], radius=r, fill=colour)


def _book(draw):
    draw.polygon([(110, 170), (250, 200), (250, 380), (110, 350)], fill=LIGHT)
    draw.polygon([(402, 170), (262, 200), (262, 380), (402, 350)], fill=LIGHT)
    for y in (230, 270, 310):
        draw.line([(140, y), (225, y + 8)], fill=ACCENT, width=10)
        draw.line([(372, y), (287, y + 8)], fill=ACCENT, width=10)


def _heart(draw):
    draw.ellipse([130, 150, 266, 286], fill=LIGHT)
    draw.ellipse([246, 150, 382, 286], fill=LIGHT)
    draw.polygon([(138, 250), (374, 250), (256, 390)], fill=LIGHT)
    draw.ellipse([226, 200, 286, 260], fill=ACCENT)


def _sun(draw):
    for index in range(12):
        angle = index * math.pi / 6
        x, y = 256 + 170 * math.cos(angle), 256 + 170 * math.sin(angle)
        draw.line([(256, 256), (x, y)], fill=ACCENT, width=16)
    draw.ellipse([156, 156, 356, 356], fill=LIGHT)
    draw.ellipse([196, 196, 316, 316], fill=ACCENT)


def _tree(draw):
    draw.rectangle([236, 280, 276, 410], fill=LIGHT)
    for box in ([140, 120, 300, 280], [212, 100, 372, 260], [170, 190, 342, 330]):
        draw.ellipse(box, fill=LIGHT)
    for x, y in [(210, 190), (300, 170), (260, 260)]:
        draw.ellipse([x - 16, y - 16, x + 16, y + 16], fill=ACCENT)


def _path(draw):
    draw.polygon([(200, 420), (312, 420), (280, 120), (232, 120)], fill=LIGHT)
    for y in (170, 250, 330):
        draw.rectangle([248, y, 264, y + 40], fill=ACCENT)
    draw.ellipse([330, 120, 400, 190], fill=ACCENT)


def _scales(draw):
    draw.rectangle([246, 120, 266, 380], fill=LIGHT)
    draw.rectangle([176, 370, 336, 400], fill=LIGHT)
    draw.rectangle([130, 150, 382, 168], fill=LIGHT)
    for x in (160, 352):
        draw.line([(x, 168), (x - 50, 280)], fill=LIGHT, width=6)
        draw.line([(x, 168), (x + 50, 280)], fill=LIGHT, width=6)
        draw.chord([x - 70, 230, x + 70, 330], 0, 180, fill=ACCENT)


def _hands(draw):
    for x in (170, 342):
        draw.rounded_rectangle([x - 60, 230, x + 60, 390], radius=50, fill=LIGHT)
        for finger in range(4):
            fx, top = x - 54 + finger * 30, 130 + abs(finger - 1.5) * 14
            draw.rounded_rectangle([fx, top, fx + 24, 260], radius=12, fill=LIGHT)
    draw.ellipse([231, 150, 281, 200], fill=ACCENT)


DRAW = {
    "speech": _speech,
    "house": _house,
    "people": _people,
    "book": _book,
    "heart": _heart,
    "sun": _sun,
    "tree": _tree,
    "path": _path,
    "scales": _scales,
    "hands": _hands,
}

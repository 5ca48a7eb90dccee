"""The portal's one image helper: what is refused, what is stripped, what is stored and served."""

import io
import warnings
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image

from mobilisering import images

pytestmark = pytest.mark.usefixtures("english")

GPS_INFO = 0x8825
CAMERA_MAKE = 0x010F
ORIENTATION = 0x0112


def upload(fmt="JPEG", size=(40, 30), name="photo.jpg", colour=(200, 40, 90), **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def exif_with_gps(orientation=None) -> bytes:
    exif = Image.Exif()
    exif[CAMERA_MAKE] = "SpyCam"
    exif[GPS_INFO] = {1: "N", 2: (59.0, 19.0, 48.0), 3: "E", 4: (18.0, 4.0, 6.0)}
    if orientation:
        exif[ORIENTATION] = orientation
    return exif.tobytes()


def stored_file(name):
    """What a model's FieldFile offers the helper: a name in a storage, and its URL."""
    return SimpleNamespace(name=name, storage=default_storage, url=default_storage.url(name))


def opened(file) -> Image.Image:
    file.seek(0)
    return Image.open(io.BytesIO(file.read()))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_it_strips_exif_and_gps(fmt):
    clean = images.clean_picture(
        upload(fmt, exif=exif_with_gps(), xmp=b"<x:xmpmeta>secret place</x:xmpmeta>")
    )
    with opened(clean) as image:
        assert image.format == fmt
        assert not image.getexif()
        assert not image.getexif().get_ifd(GPS_INFO)
        assert "xmp" not in image.info
    clean.seek(0)
    data = clean.read()
    assert b"SpyCam" not in data
    assert b"secret place" not in data


def test_it_applies_the_exif_orientation():
    """A 40×20 photo marked "rotate 90°" is stored upright, 20×40, without the mark."""
    clean = images.clean_picture(upload(size=(40, 20), exif=exif_with_gps(orientation=6)))
    with opened(clean) as image:
        assert image.size == (20, 40)
        assert ORIENTATION not in image.getexif()


def test_it_names_the_file_after_its_content_and_real_format():
    first = images.clean_picture(upload("PNG", name="../../etc/passwd.jpg"))
    second = images.clean_picture(upload("PNG", name="another-name.png"))
    assert first.name == second.name
    assert first.name.endswith(".png")
    assert "passwd" not in first.name


def test_it_refuses_a_text_file_renamed_to_jpg():
    with pytest.raises(ValidationError, match="not an image we can read"):
        images.clean_picture(SimpleUploadedFile("logo.jpg", b"#!/bin/sh\necho not pixels\n"))


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_it_accepts_only_jpeg_png_and_webp(fmt):
    with pytest.raises(ValidationError, match="not an image we can read"):
        images.clean_picture(upload(fmt, name="picture.png"))


def test_it_refuses_a_file_over_ten_megabytes():
    big = SimpleUploadedFile("big.png", upload("PNG").read() + b"\0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="the largest allowed is 10.0"):
        images.clean_picture(big)


def test_it_refuses_more_than_forty_million_pixels_from_the_header():
    """A 1-bit PNG of 8000×5001 pixels is tiny, but claims 40,008,000 pixels."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 5001)).save(buffer, format="PNG", optimize=True)
    with pytest.raises(ValidationError, match="8000×5001 pixels; at most 40 million"):
        images.clean_picture(SimpleUploadedFile("wide.png", buffer.getvalue()))


def test_it_refuses_a_decompression_bomb_with_an_error_never_only_a_warning(monkeypatch):
    """Even with Pillow's own limit switched off, a bomb raises, and no warning escapes."""
    buffer = io.BytesIO()
    Image.new("1", (10000, 10000)).save(buffer, format="PNG", optimize=True)
    assert buffer.tell() < 100 * 1024  # 100 million pixels: over Pillow's warning threshold
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue())
    for pillow_limit in (Image.MAX_IMAGE_PIXELS, None):
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", pillow_limit)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ValidationError, match="too many pixels|at most 40 million"):
                images.clean_picture(bomb)


def test_it_refuses_a_large_png_without_decoding_it(monkeypatch):
    """The 8000×8000 PNG of about 200 KB (256 MB decoded) is refused before any decode."""
    buffer = io.BytesIO()
    Image.new("RGB", (8000, 8000), (122, 31, 72)).save(buffer, format="PNG")
    assert buffer.tell() < 400 * 1024
    decodes = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decodes.append(self.size))
    with pytest.raises(ValidationError, match="8000×8000 pixels"):
        images.clean_picture(SimpleUploadedFile("huge.png", buffer.getvalue()))
    assert decodes == []


def test_it_refuses_a_png_over_the_decode_budget():
    """5000×4000 is under 40 million pixels, but a PNG cannot be decoded at a reduced size."""
    buffer = io.BytesIO()
    Image.new("1", (5000, 4000)).save(buffer, format="PNG")
    with pytest.raises(ValidationError, match="may have at most 16 million pixels"):
        images.clean_picture(SimpleUploadedFile("big.png", buffer.getvalue()))


def test_it_decodes_a_large_jpeg_at_a_reduced_scale(monkeypatch):
    """A 6000×4000 JPEG (24 million pixels) never exists in memory at full size."""
    decoded = []
    real_load = Image.Image.load

    def counting_load(self):
        result = real_load(self)
        if getattr(self, "format", None) == "JPEG":
            decoded.append(self.size)
        return result

    photo = upload(size=(6000, 4000), quality=30)
    monkeypatch.setattr(Image.Image, "load", counting_load)
    clean = images.clean_picture(photo)
    assert decoded
    assert all(w * h <= images.DECODE_BUDGET_PIXELS for w, h in decoded)
    with opened(clean) as image:
        assert image.size == (3000, 2000)


@pytest.mark.django_db
def test_it_makes_renditions_at_three_widths_never_upscaled():
    stored = default_storage.save(
        "stories/photo.jpg", images.clean_picture(upload(size=(2000, 1000)))
    )
    field_file = stored_file(stored)
    renditions = images.make_renditions(field_file)
    assert sorted((r["width"], r["height"], r["format"]) for r in renditions) == [
        (480, 240, "jpeg"),
        (480, 240, "webp"),
        (960, 480, "jpeg"),
        (960, 480, "webp"),
        (1600, 800, "jpeg"),
        (1600, 800, "webp"),
    ]
    for rendition in renditions:
        with default_storage.open(rendition["name"]) as file, Image.open(file) as image:
            assert image.size == (rendition["width"], rendition["height"])
            assert image.format.lower() == rendition["format"]
        assert rendition["name"].startswith("stories/photo-")

    small = default_storage.save("logos/small.png", images.clean_picture(upload("PNG", (300, 200))))
    small_file = stored_file(small)
    assert sorted((r["width"], r["format"]) for r in images.make_renditions(small_file)) == [
        (300, "png"),
        (300, "webp"),
    ]


@pytest.mark.django_db
def test_it_deletes_a_picture_and_its_renditions():
    stored = default_storage.save("stories/p.jpg", images.clean_picture(upload(size=(1000, 500))))
    field_file = stored_file(stored)
    renditions = images.make_renditions(field_file)
    images.delete_picture(stored, renditions)
    assert not default_storage.exists(stored)
    assert not any(default_storage.exists(r["name"]) for r in renditions)


def test_best_rendition_picks_the_widest_non_webp_that_fits():
    renditions = [
        {"name": "a-480w.jpg", "width": 480, "height": 240, "format": "jpeg"},
        {"name": "a-480w.webp", "width": 480, "height": 240, "format": "webp"},
        {"name": "a-960w.jpg", "width": 960, "height": 480, "format": "jpeg"},
        {"name": "a-1600w.jpg", "width": 1600, "height": 800, "format": "jpeg"},
    ]
    stored = ContentFile(b"", name="a.jpg")
    assert images.best_rendition(stored, renditions, max_width=1200) == "a-960w.jpg"
    assert images.best_rendition(stored, renditions, max_width=100) == "a.jpg"


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def render_picture(field_file, renditions, alt):
    html = Template(
        '{% load mobilisering %}{% picture file renditions alt=alt sizes="(min-width: 60rem) '
        '50vw, 100vw" class="story__image" loading="lazy" %}'
    ).render(Context({"file": field_file, "renditions": renditions, "alt": alt}))
    parser = Elements()
    parser.feed(html)
    return html, parser.elements


@pytest.mark.django_db
def test_the_picture_tag_serves_srcset_sizes_and_dimensions():
    stored = default_storage.save("stories/p.jpg", images.clean_picture(upload(size=(2000, 1000))))
    field_file = stored_file(stored)
    renditions = images.make_renditions(field_file)
    _html, elements = render_picture(field_file, renditions, "Ett stafettlopp")
    tags = [tag for tag, _attrs in elements]
    assert tags == ["picture", "source", "img"]
    source, img = elements[1][1], elements[2][1]
    assert source["type"] == "image/webp"
    assert source["srcset"].count("w,") == 2 and ".webp 1600w" in source["srcset"]
    assert source["sizes"] == img["sizes"] == "(min-width: 60rem) 50vw, 100vw"
    assert img["srcset"].endswith("-1600w.jpg 1600w")
    assert (img["width"], img["height"]) == ("1600", "800")
    assert img["alt"] == "Ett stafettlopp"
    assert img["loading"] == "lazy"
    assert img["class"] == "story__image"


def test_the_picture_tag_escapes_the_alt_text_and_falls_back_to_the_file():
    field_file = ContentFile(b"", name="logos/a.png")
    field_file.url = "/media/logos/a.png"
    html, elements = render_picture(field_file, [], 'x" onerror="alert(1)" <b>')
    assert [tag for tag, _attrs in elements] == ["img"]
    assert elements[0][1]["alt"] == 'x" onerror="alert(1)" <b>'
    assert "onerror" not in elements[0][1]
    assert elements[0][1]["src"] == "/media/logos/a.png"


def test_the_picture_tag_renders_nothing_without_a_file():
    html, elements = render_picture(None, [], "Logo")
    assert html == ""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mobilisering.uploads import clean_document, clean_image, clean_pdf

pytestmark = pytest.mark.usefixtures("english")


def image_upload(fmt="JPEG", size=(40, 30), name="photo.jpg", exif=True):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 40, 90))
    options = {}
    if exif and fmt == "JPEG":
        data = Image.Exif()
        data[0x010F] = "SpyCam"  # camera make
        options["exif"] = data.tobytes()
    image.save(buffer, format=fmt, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_it_reencodes_an_image_without_its_exif():
    clean = clean_image(image_upload())
    with Image.open(clean.file) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    assert clean.content_type == "image/jpeg"


def test_it_names_the_image_after_its_real_format_and_never_the_users_name():
    clean = clean_image(image_upload(fmt="PNG", name="trick.jpg"))
    assert clean.file.name.endswith(".png")
    assert "trick" not in clean.file.name
    assert clean.content_type == "image/png"


def test_it_refuses_a_text_file_renamed_to_jpg():
    with pytest.raises(ValidationError, match="not an image"):
        clean_image(SimpleUploadedFile("logo.jpg", b"just some words, not pixels"))


def test_it_refuses_an_oversized_file():
    upload = SimpleUploadedFile("big.jpg", b"\xff" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="largest allowed"):
        clean_image(upload)


def test_it_refuses_a_decompression_bomb_before_decoding_it():
    # A tiny PNG that claims 20000×20000 pixels.
    with pytest.raises(ValidationError, match="at most 40 million pixels"):
        clean_image(image_upload(fmt="PNG", size=(20000, 20000), name="bomb.png"))


def test_it_refuses_gif():
    with pytest.raises(ValidationError):
        clean_image(image_upload(fmt="GIF", name="a.gif"))


def test_it_accepts_a_pdf_and_refuses_an_executable_named_pdf():
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n")
    assert clean_pdf(pdf).content_type == "application/pdf"
    elf = SimpleUploadedFile("report.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200)
    with pytest.raises(ValidationError, match="none of them"):
        clean_document(elf)
    with pytest.raises(ValidationError, match="not a PDF"):
        clean_pdf(elf)


def test_an_attached_photo_goes_through_the_image_helper(monkeypatch):
    """Attachments decode pictures in the one image helper, within its memory budget."""
    from mobilisering import images

    calls = []
    real = images.clean_picture
    monkeypatch.setattr(images, "clean_picture", lambda upload: calls.append(1) or real(upload))
    document = clean_document(image_upload(exif=True))
    assert calls == [1]
    assert document.content_type == "image/jpeg"
    with Image.open(document.file) as image:
        assert not image.getexif()


def test_an_attached_png_over_the_decode_budget_is_refused_before_decoding():
    """The 8000×8000 PNG of issue 11 (about 200 KB, 256 MB decoded) is refused by its header."""
    with pytest.raises(ValidationError, match="8000×8000 pixels"):
        clean_document(image_upload(fmt="PNG", size=(8000, 8000), name="huge.png"))

"""Checks and clean-up for uploaded files: judged by content, never by name.

Images go through `mobilisering.images.clean_picture`, the portal's one image helper: limited
in bytes and pixels, and re-encoded so that no EXIF (GPS position, camera serial) or trailing
payload survives. PDFs are recognised by their header and structure, so an executable renamed
to .pdf is refused.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from mobilisering import images

PDF_CONTENT_TYPE = "application/pdf"


@dataclass(frozen=True)
class CleanFile:
    file: UploadedFile
    content_type: str


def _check_size(upload: UploadedFile, max_bytes: int) -> None:
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest allowed is %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )


def clean_image(upload: UploadedFile) -> CleanFile:
    """Accept a JPEG, PNG or WebP image by its content; return it re-encoded without metadata.

    The checks and the decoding are `mobilisering.images.clean_picture`'s, the one place that
    decodes pictures (its limits: 10 MB, 40 million pixels, a documented memory budget).
    """
    picture = images.clean_picture(upload)
    content_type = images.content_type(picture.name)
    clean = SimpleUploadedFile(picture.name, picture.read(), content_type=content_type)
    return CleanFile(file=clean, content_type=content_type)


def clean_pdf(upload: UploadedFile, *, max_bytes: int = 10 * 1024 * 1024) -> CleanFile:
    """Accept a PDF by its content: the %PDF- header near the start and an %%EOF trailer."""
    _check_size(upload, max_bytes)
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(upload.size - 2048, 0))
    tail = upload.read()
    upload.seek(0)
    if b"%PDF-" not in head or b"%%EOF" not in tail:
        raise ValidationError(
            _("This file is not a PDF document. Upload a PDF, JPEG, PNG or WebP file."),
            code="invalid_pdf",
        )
    return CleanFile(file=upload, content_type=PDF_CONTENT_TYPE)


def clean_document(upload: UploadedFile, *, max_bytes: int = images.MAX_BYTES) -> CleanFile:
    """Accept a PDF or an image (JPEG, PNG, WebP); images are re-encoded without metadata.

    Images go through `clean_image`, and so through the portal's one image helper and its limits.
    """
    upload.seek(0)
    is_pdf = b"%PDF-" in upload.read(1024)
    upload.seek(0)
    if is_pdf:
        return clean_pdf(upload, max_bytes=max_bytes)
    try:
        _check_size(upload, max_bytes)
        return clean_image(upload)
    except ValidationError as error:
        if error.code == "invalid_image":
            raise ValidationError(
                _("Upload a PDF, JPEG, PNG or WebP file. This file is none of them."),
                code="invalid_document",
            ) from None
        raise

"""Checks and clean-up for uploaded files: judged by content, never by name.

Images are opened with Pillow, limited in bytes and pixels, and re-encoded so that no EXIF
(GPS position, camera serial) or trailing payload survives. PDFs are recognised by their
header and structure, so an executable renamed to .pdf is refused.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
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


def clean_image(
    upload: UploadedFile, *, max_bytes: int = 5 * 1024 * 1024, max_side: int = 4000
) -> CleanFile:
    """Accept a JPEG, PNG or WebP image by its content; return it re-encoded without metadata."""
    _check_size(upload, max_bytes)
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="invalid_image")
            # Checked before decoding, so a decompression bomb is refused without using memory.
            if width > max_side or height > max_side:
                raise ValidationError(
                    _("The image is %(width)s×%(height)s pixels; at most %(max)s×%(max)s fits.")
                    % {"width": width, "height": height, "max": max_side},
                    code="too_many_pixels",
                )
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)
            if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
                image = image.convert("RGB")
            output = io.BytesIO()
            save_options = {"optimize": True}
            if image_format in {"JPEG", "WEBP"}:
                save_options["quality"] = 85
            image.save(output, format=image_format, **save_options)
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError(
            _("The image has far too many pixels; at most %(max)s×%(max)s is allowed.")
            % {"max": max_side},
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG or WebP image."),
            code="invalid_image",
        ) from None
    content_type, extension = IMAGE_FORMATS[image_format]
    stem = (upload.name or "image").rsplit("/", 1)[-1].rsplit(".", 1)[0][:80] or "image"
    clean = SimpleUploadedFile(f"{stem}.{extension}", output.getvalue(), content_type=content_type)
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


def clean_document(upload: UploadedFile, *, max_bytes: int = 10 * 1024 * 1024) -> CleanFile:
    """Accept a PDF or an image (JPEG, PNG, WebP); images are re-encoded without metadata."""
    upload.seek(0)
    is_pdf = b"%PDF-" in upload.read(1024)
    upload.seek(0)
    if is_pdf:
        return clean_pdf(upload, max_bytes=max_bytes)
    try:
        return clean_image(upload, max_bytes=max_bytes, max_side=8000)
    except ValidationError as error:
        if error.code == "invalid_image":
            raise ValidationError(
                _("Upload a PDF, JPEG, PNG or WebP file. This file is none of them."),
                code="invalid_document",
            ) from None
        raise

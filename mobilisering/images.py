"""The one helper for every uploaded picture in the portal: stories, group logos, anything later.

A picture is judged by its content, never by its name: Pillow opens it limited to JPEG, PNG and
WebP, its size is read from the header and checked before a single pixel is decoded, the EXIF
orientation is applied, and the picture is re-encoded with no metadata at all (no GPS position,
no camera serial, no XMP, no text chunks). Stored names are derived from the content.

Memory budget
-------------
A decoded picture takes width × height × 4 bytes (RGBA); an 8000×8000 PNG of 200 KB would take
about 256 MB, and a worker that decodes three at once would push the whole server into swap.
So the limits are, in order:

- `MAX_BYTES` (10 MB): larger uploads are refused before they are opened.
- `MAX_PIXELS` (40 million): a picture whose header claims more is refused before decoding.
  A decompression bomb therefore always raises; Pillow's own warning is turned into an error
  too, so it can never pass with only a warning, whatever `Image.MAX_IMAGE_PIXELS` says.
- `DECODE_BUDGET_PIXELS` (4096 × 4096 ≈ 16.8 million): the most pixels ever decoded at once,
  64 MB as RGBA. With the re-encoding buffer and one transformed copy, one upload peaks at
  about 150 MB, which a gunicorn worker of 512 MB holds beside Django. A JPEG above the budget
  is decoded at a reduced scale by libjpeg itself (`Image.draft`, 1/2, 1/4 or 1/8), so it never
  exists in memory at full size; a PNG or WebP cannot be decoded at a reduced scale, so above the
  budget it is refused with a message that suggests a smaller picture or a JPEG.

Renditions (`make_renditions`) are made from the stored, already cleaned picture, at widths
`RENDITION_WIDTHS` (never upscaled), in the original format and in WebP. The `{% picture %}` tag
serves them with `srcset`, `sizes`, `width` and `height`.
"""

import hashlib
import io
import re
import secrets
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
DECODE_BUDGET_PIXELS = 4096 * 4096
RENDITION_WIDTHS = (480, 960, 1600)

# Pillow's format name → (extension, lower-case name used in renditions, content type).
FORMATS = {
    "JPEG": ("jpg", "jpeg", "image/jpeg"),
    "PNG": ("png", "png", "image/png"),
    "WEBP": ("webp", "webp", "image/webp"),
}
EXTENSIONS = {extension for extension, _name, _type in FORMATS.values()}
QUALITY = {"JPEG": 85, "WEBP": 80}
_HASHED_NAME = re.compile(r"[0-9a-f]{32}\.(?:jpg|png|webp)")


def _too_large(size: int) -> ValidationError:
    return ValidationError(
        _("The file is %(size)s; the largest allowed is %(max)s.")
        % {"size": filesizeformat(size), "max": filesizeformat(MAX_BYTES)},
        code="too_large",
    )


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return ValidationError(
        _(
            "The image is %(width)s×%(height)s pixels; at most %(max)s million pixels are "
            "allowed. Save it smaller and try again."
        )
        % {"width": width, "height": height, "max": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def _unreadable() -> ValidationError:
    return ValidationError(
        _("This file is not an image we can read. Upload a JPEG, PNG or WebP image."),
        code="invalid_image",
    )


def _open(fp) -> Image.Image:
    """Open (not decode) a JPEG, PNG or WebP picture and check its header's size.

    Pillow's decompression-bomb warning is raised as an error here, and the portal's own,
    lower limit is checked whatever Pillow's global setting is.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(fp, formats=list(FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The image has far too many pixels; at most %(max)s million pixels are allowed.")
            % {"max": MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise _unreadable() from None
    width, height = image.size
    if width * height > MAX_PIXELS or not width or not height:
        image.close()
        raise _too_many_pixels(width, height)
    return image


def _decode_within_budget(image: Image.Image) -> Image.Image:
    """Decode `image`, never holding more than DECODE_BUDGET_PIXELS at once."""
    width, height = image.size
    if width * height > DECODE_BUDGET_PIXELS:
        if image.format != "JPEG":
            raise ValidationError(
                _(
                    "The image is %(width)s×%(height)s pixels; a PNG or WebP image may have at "
                    "most %(max)s million pixels. Save it smaller, or as a JPEG."
                )
                % {"width": width, "height": height, "max": DECODE_BUDGET_PIXELS // 1_000_000},
                code="too_many_pixels",
            )
        # libjpeg decodes at 1/2, 1/4 or 1/8 scale: pick the largest that fits the budget.
        scale = 2
        while (width // scale) * (height // scale) > DECODE_BUDGET_PIXELS:
            scale *= 2
        image.draft(
            image.mode if image.mode in {"RGB", "L"} else None,
            (-(-width // scale), -(-height // scale)),
        )
    image.load()
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert a picture with a colour profile to sRGB, so dropping the profile keeps colours."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in {"RGB", "RGBA"}:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"))
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _encode(image: Image.Image, image_format: str) -> bytes:
    """Encode with no metadata: no EXIF, XMP, colour profile or text chunks are passed on."""
    if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGBA") if image.mode in {"P", "LA", "PA"} else image
        if image.mode == "RGBA":
            background = Image.new("RGB", image.size, (255, 255, 255))
            background.paste(image, mask=image.getchannel("A"))
            image = background
        else:
            image = image.convert("RGB")
    elif image.mode not in {"RGB", "RGBA", "L", "LA", "P"}:
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    image.info = {}
    output = io.BytesIO()
    options = {"optimize": True} if image_format in {"JPEG", "PNG"} else {}
    if image_format in QUALITY:
        options["quality"] = QUALITY[image_format]
    image.save(output, format=image_format, **options)
    return output.getvalue()


def clean_picture(upload) -> File:
    """Check an uploaded picture by its content and return it re-encoded without metadata.

    For a form's `clean_<field>()`. Raises ValidationError with a translated message for a file
    that is too large, has too many pixels, or is not a JPEG, PNG or WebP picture.
    """
    if upload.size is not None and upload.size > MAX_BYTES:
        raise _too_large(upload.size)
    upload.seek(0)
    image = _open(upload)
    try:
        image_format = image.format
        decoded = _decode_within_budget(image)
        oriented = ImageOps.exif_transpose(decoded)
        oriented = _to_srgb(oriented)
        data = _encode(oriented, image_format)
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise _unreadable() from None
    finally:
        image.close()
    extension = FORMATS[image_format][0]
    digest = hashlib.sha256(data).hexdigest()[:32]
    return ContentFile(data, name=f"{digest}.{extension}")


def content_type(name: str) -> str:
    """The content type of a stored picture, from the extension this module gave it."""
    extension = PurePosixPath(name).suffix.lstrip(".").lower()
    for own_extension, _name, own_type in FORMATS.values():
        if extension == own_extension:
            return own_type
    return "application/octet-stream"


def _sniff_extension(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


@deconstructible
class upload_to:  # noqa: N801 (used like a function: upload_to("stories"))
    """Name a stored picture `<folder>/<content hash>.<extension of its real format>`.

    The user's file name is never used; the storage adds a suffix if the same content is
    already stored, so deleting one picture never removes another's file.
    """

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __eq__(self, other) -> bool:
        return isinstance(other, upload_to) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)

    def _content(self, instance) -> bytes | None:
        for field in instance._meta.concrete_fields:
            if isinstance(field, FileField) and field.upload_to == self:
                field_file = getattr(instance, field.attname)
                if field_file and not field_file._committed:
                    field_file.file.seek(0)
                    data = field_file.file.read()
                    field_file.file.seek(0)
                    return data
        return None

    def __call__(self, instance, filename: str) -> str:
        data = self._content(instance)
        if data is not None:
            extension = _sniff_extension(data[:16]) or "bin"
            return f"{self.folder}/{hashlib.sha256(data).hexdigest()[:32]}.{extension}"
        # FieldFile.save() passes no content here: a name clean_picture gave is its content's.
        name = PurePosixPath(filename.replace("\\", "/")).name
        if _HASHED_NAME.fullmatch(name):
            return f"{self.folder}/{name}"
        extension = PurePosixPath(name).suffix.lstrip(".").lower()
        if extension not in EXTENSIONS:
            extension = "bin"
        return f"{self.folder}/{secrets.token_hex(16)}.{extension}"


def _stored_dimensions(field_file) -> tuple[int | None, int | None]:
    """The picture's size from its model's width and height fields, if it has them."""
    field = getattr(field_file, "field", None)
    instance = getattr(field_file, "instance", None)
    width_field = getattr(field, "width_field", None)
    height_field = getattr(field, "height_field", None)
    if instance is not None and width_field and height_field:
        width, height = getattr(instance, width_field), getattr(instance, height_field)
        if width and height:
            return width, height
    return None, None


def dimensions(field_file, renditions=()) -> tuple[int | None, int | None]:
    """A width and height for the `<img>` tag, without opening the file where possible.

    From the model's width and height fields, else the widest rendition (its aspect ratio is the
    picture's, which is what keeps the page from shifting), else the file itself.
    """
    width, height = _stored_dimensions(field_file)
    if width and height:
        return width, height
    widest = max(renditions or (), key=lambda rendition: rendition["width"], default=None)
    if widest is not None:
        return widest["width"], widest["height"]
    try:
        return field_file.width, field_file.height
    except (AttributeError, OSError, ValueError):
        return None, None


def make_renditions(field_file) -> list[dict]:
    """Write renditions beside the stored picture and return them for its `*_renditions` field.

    Widths RENDITION_WIDTHS, never wider than the picture itself (a narrower picture gets one
    rendition at its own width), each in the picture's own format and in WebP.
    """
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as source:
        image = _open(source)
        try:
            image_format = image.format
            width, height = image.size
            targets = sorted({min(target, width) for target in RENDITION_WIDTHS})
            if image_format == "JPEG":
                # Decode no larger than the widest rendition needs.
                image.draft(image.mode if image.mode in {"RGB", "L"} else None, (targets[-1], 1))
            image = _decode_within_budget(image)
            if image.mode == "P":
                image = image.convert("RGBA")
            stem = PurePosixPath(field_file.name)
            renditions = []
            for target in targets:
                target_height = max(1, round(height * target / width))
                if (target, target_height) == image.size:
                    resized = image
                else:
                    resized = image.resize(
                        (target, target_height), Image.Resampling.LANCZOS, reducing_gap=3.0
                    )
                for out_format in dict.fromkeys([image_format, "WEBP"]):
                    extension, name, _type = FORMATS[out_format]
                    stored = storage.save(
                        str(stem.with_name(f"{stem.stem}-{target}w.{extension}")),
                        ContentFile(_encode(resized, out_format)),
                    )
                    renditions.append(
                        {"name": stored, "width": target, "height": target_height, "format": name}
                    )
        finally:
            image.close()
    return renditions


def delete_picture(field_file, renditions) -> None:
    """Remove a stored picture and its renditions (for a replaced or deleted picture; on_commit).

    Takes a storage name (of the default storage) or a FieldFile. Capture the old name before
    storing a new picture: `FieldFile.save()` renames the FieldFile object in place.
    """
    name = getattr(field_file, "name", field_file)
    storage = getattr(field_file, "storage", default_storage)
    names = [name] if name else []
    names += [rendition["name"] for rendition in renditions or ()]
    for stored in names:
        storage.delete(stored)


def best_rendition(field_file, renditions, *, max_width: int) -> str:
    """The storage name of the widest non-WebP rendition at most `max_width` wide, else the file.

    For the PDF, which reads it through `default_storage.open(name)`.
    """
    width, _height = _stored_dimensions(field_file)
    candidates = [
        (rendition["width"], rendition["name"])
        for rendition in renditions or ()
        if rendition["format"] != "webp" and rendition["width"] <= max_width
    ]
    if width is not None and width <= max_width:
        candidates.append((width, field_file.name))
    if not candidates:
        return field_file.name
    return max(candidates)[1]

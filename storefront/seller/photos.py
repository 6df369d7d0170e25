"""A producer's photo, made safe before it is stored.

Checked before anything is decoded: the size cap, the format from the file's header
(JPEG, PNG, WebP only) and the pixel cap. Then the picture is turned upright from its
EXIF orientation and re-encoded without any metadata: phone photos carry the GPS position
of the farm or the house, which is nobody's business. Renditions follow on save
(`catalogue.receivers`).
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from catalogue.validators import MAX_UPLOAD_BYTES, too_many_pixels

FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
MAX_PHOTOS = 12


def header_format(upload):
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as img:
                return img.format
    except Image.DecompressionBombError:
        return "TOO_BIG"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        upload.seek(0)


def clean_photo(upload):
    """A new upload with the picture upright and no metadata, or ValidationError."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("%(name)s is too large (at most %(mb)s MB).")
            % {"name": upload.name, "mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    fmt = header_format(upload)
    if fmt == "TOO_BIG" or (fmt in FORMATS and too_many_pixels(upload)):
        raise ValidationError(
            _(
                "%(name)s has too many pixels: at most %(limit)s million (for example "
                "8000 × 5000). Make it smaller and upload it again."
            )
            % {"name": upload.name, "limit": settings.OCOP_MAX_IMAGE_PIXELS // 1_000_000}
        )
    if fmt not in FORMATS:
        raise ValidationError(
            _("%(name)s is not a JPEG, PNG or WebP photo.") % {"name": upload.name}
        )
    try:
        with Image.open(upload) as img:
            img.load()
            upright = ImageOps.exif_transpose(img)
            if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            buf = io.BytesIO()
            options = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}, "PNG": {}}[fmt]
            # No `exif=` and no `pnginfo=`: nothing of the original's metadata is kept.
            upright.save(buf, fmt, **options)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("%(name)s could not be read as a picture.") % {"name": upload.name}
        ) from exc
    ext, content_type = FORMATS[fmt]
    return SimpleUploadedFile(f"{uuid.uuid4().hex}.{ext}", buf.getvalue(), content_type)

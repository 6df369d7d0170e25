"""Upload checks by content, not by file name: a renamed .exe is not a photo."""

import functools
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def _check_size(upload):
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(mb)s MB)."),
            code="too_large",
            params={"mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )


def _image_format(upload):
    """Pillow's format name if the upload is a readable image, else None."""
    pos = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload) as img:
            img.verify()
            return img.format
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    finally:
        upload.seek(pos)


def too_many_pixels(upload):
    """True if the image's header declares more than OCOP_MAX_IMAGE_PIXELS pixels.

    Pillow's `Image.open` reads only the header, so nothing is decoded; above twice its
    own limit it raises DecompressionBombError (uncaught, that was Wagtail's 500), which
    here simply means "too many". Not an image: False, the format checks say so."""
    pos = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as img:
                width, height = img.size
        return width * height > settings.OCOP_MAX_IMAGE_PIXELS
    except Image.DecompressionBombError:
        return True
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return False
    finally:
        upload.seek(pos)


def validate_image_pixels(upload):
    if too_many_pixels(upload):
        raise ValidationError(
            _(
                "This image has too many pixels: at most %(limit)s million (for example "
                "8000 × 5000). Make it smaller and upload it again."
            ),
            code="too_many_pixels",
            params={"limit": settings.OCOP_MAX_IMAGE_PIXELS // 1_000_000},
        )


class PixelLimitedImageField(forms.ImageField):
    """Django's ImageField, refusing files over the size cap and images over the pixel
    limit before Django decodes anything (its own check would call a bomb "not a valid
    image"); Oscar's dashboard image forms have no size cap of their own."""

    def to_python(self, data):
        if data and hasattr(data, "seek"):
            _check_size(data)
            validate_image_pixels(data)
        return super().to_python(data)


def limit_image_pixels(model, field_name):
    """Make a model ImageField's form field (Oscar's dashboard, Wagtail snippets) check
    the pixel limit first. Called from AppConfig.ready(), before any form class is built;
    the field's definition, hence its migrations, is unchanged."""
    field = model._meta.get_field(field_name)
    field.formfield = functools.partial(
        type(field).formfield, field, form_class=PixelLimitedImageField
    )


def validate_image_upload(upload):
    _check_size(upload)
    validate_image_pixels(upload)
    if _image_format(upload) not in IMAGE_FORMATS:
        raise ValidationError(
            _("This file is not an image. Upload a JPEG, PNG, WebP or GIF photo."),
            code="not_an_image",
        )


def validate_certificate_scan(upload):
    """A certificate scan is a PDF or a photo of the paper."""
    _check_size(upload)
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return
    validate_image_pixels(upload)  # before Pillow reads it: a bomb would be a 500
    if _image_format(upload) not in IMAGE_FORMATS:
        raise ValidationError(
            _("The certificate scan must be a PDF file or a photo (JPEG, PNG, WebP)."),
            code="bad_scan",
        )

"""Upload checks by content, not by file name: a renamed .exe is not a photo."""

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


def validate_image_upload(upload):
    _check_size(upload)
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
    if _image_format(upload) not in IMAGE_FORMATS:
        raise ValidationError(
            _("The certificate scan must be a PDF file or a photo (JPEG, PNG, WebP)."),
            code="bad_scan",
        )

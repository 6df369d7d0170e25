"""Wagtail's image form with the pixel limit checked before decoding (issue 9, item 14).

Wagtail's own WAGTAILIMAGES_MAX_IMAGE_PIXELS check asks Pillow for the size, and Pillow
raises DecompressionBombError (a 500) for images over twice its own limit; this checks
the header first and answers with a form error in the editor's language. Used for the
single, multiple and chooser uploads (WAGTAILIMAGES_IMAGE_FORM_BASE).
"""

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from catalogue.validators import validate_image_pixels


class PixelCheckedImageField(WagtailImageField):
    def to_python(self, data):
        if data and hasattr(data, "seek"):
            validate_image_pixels(data)
        return super().to_python(data)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField):
            field.__class__ = PixelCheckedImageField

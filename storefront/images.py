"""Image renditions made once, when an image is saved; never on a page view.

A thumbnailer that creates files on first view (sorl, easy-thumbnails) writes a
key-value row on a GET request. Here each uploaded image gets WebP renditions at a few
widths next to the original, named from the original's name, so templates can find them
without a database lookup. `RenditionThumbnailer` plugs this into Oscar's
`oscar_thumbnail` tag (OSCAR_THUMBNAILER).
"""

import io
import posixpath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from storefront.params import safe_int

WIDTHS = (320, 640, 1200)


def rendition_name(name, width):
    root, _ext = posixpath.splitext(name)
    return f"{root}.w{width}.webp"


def make_renditions(field_file):
    """Write the WebP renditions of an image field's file. Returns the names written."""
    storage = field_file.storage
    written = []
    with storage.open(field_file.name, "rb") as fh:
        with Image.open(fh) as source:
            source = ImageOps.exif_transpose(source).convert("RGB")
            for width in WIDTHS:
                img = source.copy()
                if img.width > width:
                    img.thumbnail((width, width * 4))
                buf = io.BytesIO()
                img.save(buf, "WEBP", quality=80, method=4)
                name = rendition_name(field_file.name, width)
                if storage.exists(name):
                    storage.delete(name)
                written.append(storage.save(name, ContentFile(buf.getvalue())))
    return written


def rendition_url(field_file, width):
    """URL of the smallest rendition at least `width` wide (the original if none)."""
    if not field_file:
        return ""
    chosen = next((w for w in WIDTHS if w >= width), WIDTHS[-1])
    return field_file.storage.url(rendition_name(field_file.name, chosen))


class _Thumbnail:
    def __init__(self, url, width):
        self.url = url
        self.width = width


class RenditionThumbnailer:
    """OSCAR_THUMBNAILER backed by the renditions above."""

    def generate_thumbnail(self, source, **opts):
        width = (opts.get("size") or "640x").split("x")[0]
        width = safe_int(width, default=640)
        if isinstance(source, str):
            # Oscar's MissingProductImage passes a file name, not a file (basket, wishlist).
            from django.templatetags.static import static

            return _Thumbnail(static("oscar/img/image_not_found.jpg"), width)
        return _Thumbnail(rendition_url(source, width), width)

    def delete_thumbnails(self, source):
        if isinstance(source, str):
            return
        for width in WIDTHS:
            name = rendition_name(source.name, width)
            if source.storage.exists(name):
                source.storage.delete(name)

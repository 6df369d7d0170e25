"""The image sizes templates ask for, made when an image is uploaded so that no page view
writes a rendition row (the same rule as product photos: no writes on GET)."""

RENDITION_SPECS = (
    "fill-640x360|format-webp",
    "fill-1200x500|format-webp",
    "width-1200|format-webp",
    "fill-1200x630|format-jpeg",  # Open Graph
)


def make_renditions(image):
    image.get_renditions(*RENDITION_SPECS)

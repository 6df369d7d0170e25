"""The image sizes templates ask for, made when an image is uploaded so that no page view
writes a rendition row (the same rule as product photos: no writes on GET)."""

RENDITION_SPECS = (
    "fill-400x225|format-webp",  # news cards (srcset)
    "fill-640x360|format-webp",
    "fill-800x500|format-webp",  # the hero on a phone
    "fill-1200x500|format-webp",  # the hero on a wide screen
    "width-800|format-webp",  # article lead images (srcset)
    "width-1200|format-webp",
    "fill-1200x630|format-jpeg",  # Open Graph
)


def make_renditions(image):
    image.get_renditions(*RENDITION_SPECS)

"""What search engines and link previews read: description, image, Open Graph type and
schema.org JSON-LD. Pages override the parts they know better."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe


class SeoMixin:
    og_type = "article"

    def seo_description(self):
        return self.search_description

    def seo_image(self):
        return None

    def seo_image_url(self, request):
        image = self.seo_image()
        if image is None:
            return ""
        rendition = image.get_rendition("fill-1200x630|format-jpeg")
        return request.build_absolute_uri(rendition.url)

    def json_ld(self, request):
        return None


def json_ld_script(data) -> str:
    """A <script type="application/ld+json"> that cannot be closed early by the data."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))

class _Thumbnail:
    def __init__(self, url):
        self.url = url


class Original:
    """No thumbnail package is installed: the image itself, as a thumbnail."""

    def generate_thumbnail(self, source, **options):
        return _Thumbnail(getattr(source, "url", source))

    def delete_thumbnails(self, source):
        pass

from django.urls import path
from oscar.apps.catalogue import apps


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue with OCOP browse pages: by province, by stars, by producer.

    Oscar's ready() picks our CatalogueView, ProductCategoryView and ProductDetailView from
    catalogue/views.py through get_class.
    """

    name = "catalogue"

    def ready(self):
        super().ready()
        from catalogue import (
            receivers,  # noqa: F401
            views,
        )

        self._limit_image_pixels()
        self.producer_list_view = views.ProducerListView
        self.producer_detail_view = views.ProducerDetailView
        self.producer_more_view = views.ProducerMoreView
        self.province_view = views.ProvinceView
        self.stars_view = views.StarsView

    def _limit_image_pixels(self):
        """Every photo form refuses decompression bombs before decoding (issue 9, item
        14); runs before Oscar's dashboard apps build their forms in their ready()."""
        from catalogue.models import Category, ProductImage
        from catalogue.producers import Producer, ProducerPhoto
        from catalogue.validators import limit_image_pixels

        for model, name in (
            (ProductImage, "original"),
            (Category, "image"),
            (Producer, "logo"),
            (ProducerPhoto, "image"),
        ):
            limit_image_pixels(model, name)

    def get_urls(self):
        urls = [
            path("producers/", self.producer_list_view.as_view(), name="producers"),
            path("producers/<slug:slug>/", self.producer_detail_view.as_view(), name="producer"),
            path(
                "producers/<slug:slug>/more/",
                self.producer_more_view.as_view(),
                name="producer-more",
            ),
            path("province/<slug:slug>/", self.province_view.as_view(), name="province"),
            path("stars/<int:stars>/", self.stars_view.as_view(), name="stars"),
        ]
        return self.post_process_urls(urls) + super().get_urls()

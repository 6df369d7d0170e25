from django.contrib import admin

from storefront.shipping.models import ZoneRate


@admin.register(ZoneRate)
class ZoneRateAdmin(admin.ModelAdmin):
    list_display = ["zone", "fee", "free_from"]
    list_editable = ["fee", "free_from"]

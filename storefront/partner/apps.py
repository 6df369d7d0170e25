from oscar.apps.partner import apps


class PartnerConfig(apps.PartnerConfig):
    """Oscar's partner app with our pricing/availability strategy (strategy.py).

    Oscar's models and migrations are used as they are (MIGRATION_MODULES in settings)."""

    name = "storefront.partner"

from django.core.management.base import BaseCommand

from storefront.order.services import expire_unpaid


class Command(BaseCommand):
    help = (
        "Cancel cash-on-delivery orders nobody confirmed in time (OCOP_COD_CONFIRM_HOURS) "
        "and bank-transfer and card orders whose payment time (OCOP_UNPAID_ORDER_HOURS) "
        "ran out, and put their stock back on sale. Run it every few minutes from cron, or "
        "let Celery beat run storefront.order.tasks.expire_unpaid_orders."
    )

    def handle(self, *args, **options):
        count = expire_unpaid()
        if options["verbosity"]:
            self.stdout.write(f"Cancelled {count} unconfirmed or unpaid order(s).")

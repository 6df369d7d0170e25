import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from storefront.seller.review.reminders import send_certificate_reminders


class Command(BaseCommand):
    help = "Remind producers of OCOP certificates expiring in 90 or 30 days, or today."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as bad:
                raise CommandError(
                    _("--today must be a date written YYYY-MM-DD, e.g. 2026-11-23.")
                ) from bad
        sent = send_certificate_reminders(today)
        self.stdout.write(_("%(count)s reminders sent.") % {"count": sent})

"""Start-up checks: a misconfigured receiving account would make every VietQR code wrong."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from storefront.payments import vietqr


@register()
def check_payment_settings(app_configs, **kwargs):
    problems = []
    try:
        vietqr.payload(vietqr.BankAccount.from_settings(), 1000, "OCOP 1")
    except ValueError as exc:
        problems.append(
            Error(
                f"VietQR settings are not usable: {exc}.",
                hint="VIETQR_BANK_BIN is the bank's 6-digit BIN (e.g. 970436); "
                "VIETQR_ACCOUNT_NUMBER has 1 to 19 letters or digits.",
                id="payments.E001",
            )
        )
    keys = [
        settings.STRIPE_SECRET_KEY,
        settings.STRIPE_PUBLISHABLE_KEY,
        settings.STRIPE_WEBHOOK_SECRET,
    ]
    if any(keys) and not all(keys):
        problems.append(
            Warning(
                "Stripe cards are off: set all of STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY "
                "and STRIPE_WEBHOOK_SECRET.",
                id="payments.W001",
            )
        )
    return problems

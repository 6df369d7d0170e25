from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.forms import EmailUserCreationForm

from storefront.privacy.services import privacy_policy

ACCOUNT_STATEMENT = _(
    "I agree that Chợ OCOP keeps my name, e-mail and addresses to run my account and my "
    "orders, as the privacy policy describes."
)


def consent_label(statement):
    """The statement with a link to the privacy policy in force (when one is published)."""
    page = privacy_policy()
    if page is None:
        return statement
    return format_html(
        '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
        statement,
        page.get_url(),
        _("Read the privacy policy"),
    )


class RegistrationForm(EmailUserCreationForm):
    """Oscar's registration form with an explicit, never pre-ticked consent box
    (Decree 356/2025: silence or a pre-ticked box is not consent)."""

    consent = forms.BooleanField(
        label=ACCOUNT_STATEMENT,
        error_messages={"required": _("Tick the box to agree, or we cannot open an account.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label(ACCOUNT_STATEMENT)

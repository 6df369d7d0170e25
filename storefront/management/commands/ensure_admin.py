"""Create the first staff account for a fresh install and print how to sign in.

The password comes from ADMIN_PASSWORD, or is generated once and kept in
var/admin-login.txt (readable only by its owner) so later runs can print it again.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

LOGIN_FILE = Path(settings.BASE_DIR) / "var" / "admin-login.txt"


class Command(BaseCommand):
    help = "Create the admin account if missing and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))
        parser.add_argument("--email", default=os.environ.get("ADMIN_EMAIL", "admin@ocop.local"))

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email=email, password=password)
            LOGIN_FILE.parent.mkdir(parents=True, exist_ok=True)
            LOGIN_FILE.write_text(f"{username}\n{password}\n", encoding="utf-8")
            LOGIN_FILE.chmod(0o600)
        if LOGIN_FILE.exists():
            saved_user, saved_password = LOGIN_FILE.read_text(encoding="utf-8").split()[:2]
            self.stdout.write(
                self.style.SUCCESS(
                    "Tài khoản quản trị / admin login:\n"
                    f"  user: {saved_user}  (e-mail {email})\n  password: {saved_password}\n"
                    "  Wagtail (nội dung, chủ thể, chứng nhận): http://127.0.0.1:8000/cms/\n"
                    "  Oscar dashboard (sản phẩm, đơn hàng): http://127.0.0.1:8000/shop/dashboard/"
                )
            )
        else:
            self.stdout.write(f"Admin account '{username}' exists (password set elsewhere).")

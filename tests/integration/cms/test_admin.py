"""What promotion staff do in Wagtail's admin: choose products, draft and approve pages,
announce rule changes, translate pages."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page, WorkflowState

from cms.models import HomePage, NewsIndexPage, NewsPage, PolicyPage
from cms.policies import PolicyAnnouncement
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@ocop.example", "pw-1234567")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_product_chooser_lists_and_searches_without_accents(admin_client, db):
    ProductFactory(title="Kẹo dừa sầu riêng")
    ProductFactory(title="Mật ong hoa cà phê")
    listing = admin_client.get("/cms/product_chooser/")
    assert listing.status_code == 200
    found = admin_client.get("/cms/product_chooser/results/?q=keo+dua").content.decode()
    assert "Kẹo dừa sầu riêng" in found and "Mật ong" not in found


def test_product_chooser_is_the_certificate_forms_product_widget(admin_client, db):
    html = admin_client.get("/cms/snippets/catalogue/certificate/add/").content.decode()
    assert "/cms/product_chooser/" in html


def test_editor_drafts_and_moderator_approves(client, content, django_user_model):
    editor = staff(django_user_model, "bien-tap", "Editors")
    moderator = staff(django_user_model, "kiem-duyet", "Moderators")
    index = NewsIndexPage.objects.get(locale__language_code="vi")
    article = NewsPage(
        title="Bài mới chờ duyệt", slug="bai-moi", author="Biên tập", lead="Tóm tắt.", body=[]
    )
    index.add_child(instance=article)
    article.unpublish()
    assert not editor.has_perm("wagtailcore.publish_page")
    assert not article.permissions_for_user(editor).can_publish()
    assert article.permissions_for_user(moderator).can_publish()

    article.save_revision(user=editor)
    workflow = article.get_workflow()
    assert workflow is not None and workflow.name == "Moderators approval"
    state = workflow.start(article, editor)
    task_state = state.current_task_state
    assert [g.name for g in task_state.task.specific.groups.all()] == ["Moderators"]

    task_state.task.specific.on_action(task_state, moderator, "approve")
    article.refresh_from_db()
    assert article.live
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED


def test_rule_changes_need_five_days_notice(content):
    rules = PolicyPage.objects.get(kind="rules", locale__language_code="vi")
    rules.upcoming_body = [("paragraph", "<p>Điều mới.</p>")]
    rules.upcoming_effective_from = timezone.localdate() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        rules.full_clean()
    assert "5" in str(error.value)
    rules.upcoming_effective_from = timezone.localdate() + datetime.timedelta(days=5)
    rules.full_clean()


def test_notice_runs_from_publication_not_from_the_draft(content):
    """A change drafted on day 0 for day 6 but published on day 4 takes effect on day 9."""
    today = timezone.localdate()
    rules = PolicyPage.objects.get(kind="rules", locale__language_code="vi")
    rules.upcoming_body = [("paragraph", "<p>Điều khác.</p>")]
    rules.upcoming_effective_from = today + datetime.timedelta(days=6)
    rules.mark_announced(today=today + datetime.timedelta(days=4))
    assert rules.upcoming_starts == today + datetime.timedelta(days=9)
    current, _since, upcoming, starts = rules.versions(today=today + datetime.timedelta(days=8))
    assert upcoming is not None and starts == today + datetime.timedelta(days=9)
    current, since, upcoming, _ = rules.versions(today=today + datetime.timedelta(days=9))
    assert upcoming is None and since == today + datetime.timedelta(days=9)
    assert "Điều khác" in str(current)


def test_publishing_records_the_announcement_once(content):
    rules = PolicyPage.objects.get(kind="rules", locale__language_code="vi")
    assert PolicyAnnouncement.objects.filter(page=rules).count() == 1
    rules.save_revision().publish()  # republished unchanged: the notice keeps its first day
    assert PolicyAnnouncement.objects.filter(page=rules).count() == 1


def test_policy_upcoming_fields_come_in_pairs(content):
    rules = PolicyPage.objects.get(kind="returns", locale__language_code="vi")
    rules.upcoming_effective_from = timezone.localdate() + datetime.timedelta(days=30)
    with pytest.raises(ValidationError):
        rules.full_clean()


def test_pages_have_english_translations(content):
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(
        locale__language_code="vi", depth=2, sites_rooted_here__is_default_site=True
    )
    assert home.get_translation(english).live
    for page in PolicyPage.objects.filter(locale__language_code="vi"):
        assert page.get_translation(english).live


def test_staff_can_translate_a_page_in_the_admin(admin_client, client, content):
    english = Locale.objects.get(language_code="en")
    index = NewsIndexPage.objects.get(locale__language_code="vi")
    article = index.add_child(
        instance=NewsPage(
            title="Mùa nấm rơm Xuân Lộc",
            slug="mua-nam-rom-xuan-loc",
            author="Ban biên tập",
            lead="Nấm rơm sạch vào mùa.",
            body=[],
        )
    )
    article.save_revision().publish()
    assert article.get_translations().filter(locale=english).count() == 0
    url = f"/cms/translation/submit/page/{article.pk}/"
    assert admin_client.get(url).status_code == 200

    # Translate (Wagtail's "Translate" screen), then publish the draft it made.
    response = admin_client.post(url, {"locales": [english.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    translation = NewsPage.objects.get(translation_key=article.translation_key, locale=english)
    assert response["Location"] == f"/cms/pages/{translation.pk}/edit/"
    assert translation.get_parent().specific.locale == english  # under the English index
    response = admin_client.post(f"/cms/bulk/wagtailcore/page/publish/?id={translation.pk}")
    assert response.status_code == 302, response.content.decode()[:2000]

    translation.refresh_from_db()
    assert translation.live
    # The path on its site (page.url is absolute once the demo's provincial Sites exist).
    path = translation.get_url_parts()[2]
    assert path.startswith("/en/")
    page = client.get(path)
    assert page.status_code == 200
    assert '<html lang="en"' in page.content.decode()
    assert "Mùa nấm rơm Xuân Lộc" in page.content.decode()  # the text, ready to translate
    assert client.get(article.get_url_parts()[2]).status_code == 200  # the Vietnamese page


def test_content_pages_never_write_on_get(client, content, no_page_cache):
    urls = ["/", "/en/", "/tin-tuc/", "/tin-tuc/rss/", "/chinh-sach/quy-che-hoat-dong/"]
    urls.append(NewsPage.objects.filter(locale__language_code="vi").first().url)
    for url in urls:
        client.get(url)  # first view
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        writes = [
            q["sql"]
            for q in ctx.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == [], url


def test_first_view_of_an_uploaded_image_writes_nothing(client, content, no_page_cache):
    """Renditions are made when the image is saved (cms/images.py), not on first view."""
    url = NewsPage.objects.filter(locale__language_code="vi").first().url
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert not [q for q in ctx.captured_queries if "INSERT" in q["sql"].upper()[:10]]


def test_page_tree_has_the_expected_sections(content):
    slugs = set(
        Page.objects.filter(depth=3, locale__language_code="vi").values_list("slug", flat=True)
    )
    assert {"tin-tuc", "gioi-thieu-ocop", "chinh-sach", "hoi-cho"} <= slugs


def test_a_fair_cannot_end_before_it_starts(content):
    from fairs.models import FairPage

    fair = FairPage.objects.first()
    fair.end_date = fair.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        fair.full_clean()
    assert "end_date" in error.value.message_dict


@pytest.mark.parametrize("rule, missing", [("province", "province"), ("group", "group")])
def test_a_product_row_rule_needs_its_value(rule, missing):
    from wagtail.blocks import StructBlockValidationError

    from cms.blocks import ProductRowBlock

    block = ProductRowBlock()
    value = block.to_python(
        {"title": "Hàng", "rule": rule, "province": "", "group": "", "count": 8}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert missing in error.value.block_errors
    block.clean(block.to_python({**dict(value), missing: "86" if rule == "province" else "I"}))


@pytest.mark.parametrize(
    "title, slug, expected",
    [
        ("Khai mạc Hội chợ OCOP Đồng Nai", "", "khai-mac-hoi-cho-ocop-dong-nai"),
        ("Tin mới", "khai-mạc-hội-chợ-đồng-nai", "khai-mac-hoi-cho-dong-nai"),
    ],
)
def test_pages_get_ascii_slugs_like_products(content, title, slug, expected):
    """Issue 11: staff pages had accented slugs (/tin-tuc/khai-m%E1%BA%A1c-…), and
    Django's fallback would drop "đ" altogether ("ong-nai")."""
    from cms.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get(locale__language_code="vi")
    page = index.add_child(
        instance=NewsPage(
            title=title,
            slug=slug,
            date=datetime.date(2026, 11, 30),
            lead="…",
            author="Ban biên tập",
            body=[],
        )
    )
    assert page.slug == expected
    assert page.url.endswith(f"/{expected}/") and page.url.isascii()


def test_the_admin_makes_ascii_slugs(settings):
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False

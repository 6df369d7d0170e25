"""Editorial roles: editors draft, moderators approve and publish, through a Wagtail
workflow on the whole site.

Wagtail's first migrations make the "Editors" and "Moderators" groups and a "Moderators
approval" workflow on the root page; this makes sure they are there and right (after a
flush, or if someone deleted them), after every migrate, once Django has created the
permissions."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS = "Editors"  # Biên tập viên: write and submit for review
MODERATORS = "Moderators"  # Kiểm duyệt viên: approve, publish, unpublish
WORKFLOW = "Moderators approval"
TASK = "Moderators approval"


def ensure_editorial_roles(**kwargs):
    from wagtail.models import (
        GroupApprovalTask,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    root = Page.get_first_root_node()
    if root is None:
        return
    with transaction.atomic():
        access = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
        page_perms = {
            p.codename: p
            for p in Permission.objects.filter(
                content_type__app_label="wagtailcore", content_type__model="page"
            )
        }
        image_perms = Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=["add_image", "choose_image"]
        )
        # Moderators also review sellers: producers, listings, photos, certificates.
        review_sellers = Permission.objects.filter(
            content_type__app_label="seller", codename="review_sellers"
        )
        editors, _created = Group.objects.get_or_create(name=EDITORS)
        moderators, _created = Group.objects.get_or_create(name=MODERATORS)
        for group, codenames in (
            (editors, ["add_page", "change_page"]),
            (moderators, ["add_page", "change_page", "publish_page", "delete_page"]),
        ):
            group.permissions.add(access, *image_perms)
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=page_perms[codename]
                )
        moderators.permissions.add(*review_sellers)
        task = GroupApprovalTask.objects.filter(name=TASK).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK)
        task.groups.add(moderators)
        workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

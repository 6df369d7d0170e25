"""The audit trail: who changed a price, stock level, listing state or certificate, when,
and from what to what. Written in the same transaction as the change it records."""

from storefront.seller.models import AuditEntry


def record(actor, producer, subject, obj, field, old, new):
    """One entry if the value really changed; returns it (or None)."""
    old, new = _text(old), _text(new)
    if old == new:
        return None
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        producer=producer,
        subject=subject,
        object_id=obj.pk,
        object_repr=str(obj)[:255],
        field=field,
        old=old,
        new=new,
    )


def _text(value):
    if value is None:
        return ""
    return str(value)

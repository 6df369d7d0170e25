"""The database backend's stars sort (issue 13): valid 5 stars, 4, 3, then the rest (no
certificate, or an expired one), newest first within each."""

from search.backends.base import STAR_LEVELS


def page(filtered, query, today, sizes):
    """A page of `filtered`'s product ids in that order.

    One level at a time, read newest first off the (stars, date_created) index and only
    as far as the page needs: ordering by the valid stars, an expression of today's
    date, sorted every match (100-370 ms at 100k on PostgreSQL, issue 13). `sizes`
    (the stars facet's counts, and the total) says how many each level holds, so an
    empty level is not read (the planner would walk the whole date index looking for
    it) and a deep page skips levels without counting them; None: they are counted."""
    if query.stars:  # every match has the chosen stars
        tiers = [(filtered, sizes and sizes["total"])]
    else:
        tiers = [
            (
                filtered.filter(stars=level, certified_until__gt=today),
                sizes and sizes.get(level, 0),
            )
            for level in sorted(STAR_LEVELS, reverse=True)
        ]
        rest = filtered.exclude(stars__in=STAR_LEVELS, certified_until__gt=today)
        tiers.append((rest, sizes and sizes["total"] - sum(sizes.get(v, 0) for v in STAR_LEVELS)))
    skip, ids = query.offset, []
    for tier, size in tiers:
        if size is None:
            size = tier.count() if skip else query.offset + query.per_page
        if size <= skip:
            skip -= size
            continue
        take = min(query.per_page - len(ids), size - skip)
        newest = tier.order_by("-date_created", "-product_id")
        ids += newest.values_list("product_id", flat=True)[skip : skip + take]
        skip = 0
        if len(ids) == query.per_page:
            break
    return ids

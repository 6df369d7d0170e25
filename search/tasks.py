from celery import shared_task


@shared_task(
    name="search.index_products", autoretry_for=(Exception,), retry_backoff=True, max_retries=5
)
def index_products_task(ids):
    from search.indexing import index_products

    return index_products(ids)

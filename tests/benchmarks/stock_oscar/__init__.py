"""A vanilla django-oscar 4.2 shop: the reference the page benchmark compares against.

Oscar's stock apps, templates and URLs from the installed package, nothing of ours but the
product data (titles and prices from catalogue/demo/data.py). See tests/benchmarks/pages.py.
"""

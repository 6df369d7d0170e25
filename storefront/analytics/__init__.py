default_app_config = "storefront.analytics.apps.AnalyticsConfig"

from oscar.apps.analytics.models import * 

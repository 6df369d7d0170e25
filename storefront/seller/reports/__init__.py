"""Money and insight for a producer: statements, sales, low stock, CSV import/export."""

"""Staff review of producers, listings, photos and certificates; reminders and notices."""

# Trade fairs arrive with their own issue; the app is installed so its place is fixed.

"""Import and export: meeting exchange files (JSON), letters and calendars."""

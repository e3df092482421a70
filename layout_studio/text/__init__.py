"""Text services: language rules (typography) and hyphenation. No Qt."""

"""File input and output helpers shared by every command (no Qt, no layout)."""

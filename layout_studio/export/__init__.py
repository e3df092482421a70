"""Exporters: print PDF, covers, the export job; pure functions of the page model."""

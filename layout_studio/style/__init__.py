"""Styles: themes (TOML data with extends and validation) and units."""

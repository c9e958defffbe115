"""Protest letters: letter texts per campaign or lobby, the PDF, its cache, deliveries."""

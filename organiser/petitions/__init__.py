"""Petitions: signatures confirmed by email, counted exactly, exported for organisers."""

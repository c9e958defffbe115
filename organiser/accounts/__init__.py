"""Organiser accounts: login, passwords, permissions."""

"""Campaigns, targets, lobbies and their demands."""

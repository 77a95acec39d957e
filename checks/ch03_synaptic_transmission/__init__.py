"""Checks of chapter 3 — synaptic transmission."""

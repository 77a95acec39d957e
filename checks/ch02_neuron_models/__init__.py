"""Checks of chapter 2 — neuron models."""

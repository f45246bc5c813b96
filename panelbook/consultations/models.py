"""Consultations the Panel answers."""

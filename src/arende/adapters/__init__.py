"""Concrete implementations of the service layer's ports."""

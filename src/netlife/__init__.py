"""netlife: a relationship manager for a working life."""

__version__ = "0.1.0"

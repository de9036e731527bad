"""dialogue layer."""

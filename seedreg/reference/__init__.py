"""Reference data: divisions, the recommended species list, the violation catalogue."""

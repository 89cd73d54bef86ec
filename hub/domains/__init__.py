"""Entity domain base classes (one module per Home Assistant entity domain)."""

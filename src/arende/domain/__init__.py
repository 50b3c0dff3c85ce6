"""The domain: plain Python, no third-party imports (checked by import-linter)."""

"""Custom actions for bizcall (rasa-sdk). Thin by design: read the tracker, call ``bot``, render."""

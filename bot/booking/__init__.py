"""Expert consultation booking."""

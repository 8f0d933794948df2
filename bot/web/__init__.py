"""Web front ends: the web app (``app``), the chat widget it serves, and the staff console."""

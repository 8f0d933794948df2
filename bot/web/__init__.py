"""Web front ends: the demo chat page (and, later, the widget and the staff console)."""

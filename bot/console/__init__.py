"""The SBA staff console's logic: staff accounts, inquiries, relabels, live handoffs, figures.

The web layer (``bot/web/console``) and the ``bizcall`` command call these modules; none
of them touches the network or the database at import time.
"""

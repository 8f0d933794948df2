"""Expert consultation booking.

The API the conversation and staff tools call, one job per module: ``slot_search``
(free times), ``writes`` (create, reschedule, cancel), ``lookups`` (code + phone, with
limits on guessing), ``queries`` (listings), ``outbox`` (notifications); ``results`` and
``errors`` hold what they return and raise. Every function takes the caller's ``session``
and never opens one: the edge (actions, web handlers, CLI) owns the unit of work.
"""

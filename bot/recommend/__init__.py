"""Which SBA programs fit a company: its profile read from the user's words, matched against
each program's eligibility from the work report, with reasons and what to check."""

"""Every write to the chronology: importing documents, correcting, verifying and merging events.

Each service is a keyword-only function that validates, then writes inside
`transaction.atomic`; the admin, the API and the commands all call the same ones.
"""

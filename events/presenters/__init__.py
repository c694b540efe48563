"""What the pages show, computed in Python: date labels (`dates`), the timeline's rows, the
calendar grid, passages and a document's parts (`pages`), marked-up source text (`text`).

The views call these with what the selectors read; the templates print the result. The
template filters that need them live in `events/templatetags/`.
"""

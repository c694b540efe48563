"""Stage 4 of reading a document: dated statements and the event drafts made of them.

`split` cuts the layout's blocks into statements, each led by the date that states it; `classify`
gives a statement its title, type, people, organizations and meeting series; `drafts` groups the
statements into event drafts (`extract_events`).
"""
from events.parsing.statements.drafts import EventDraft, Extraction, MentionDraft, extract_events
from events.parsing.statements.split import Statement, find_statements

__all__ = ["EventDraft", "Extraction", "MentionDraft", "Statement", "extract_events", "find_statements"]

"""Django admin: where editors review and correct what the machine read."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Document, Event, Mention


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    fields = ["section", "text", "start", "end"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "source_encoding", "imported_at"]
    search_fields = ["title"]
    readonly_fields = ["content_hash", "source_encoding", "imported_at"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["start_date", "end_date", "date_text", "title", "type", "status", "document"]
    list_filter = ["type", "precision", "status", "calendar", "document"]
    date_hierarchy = "start_date"
    search_fields = ["title", "description"]
    inlines = [MentionInline]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["document", "event", "section", "start", "end"]
    list_select_related = ["document", "event"]
    raw_id_fields = ["event", "document"]

"""Admin forms: the editor's correction form for an event and the upload form for a document.

Neither form decides anything itself: the correction form asks the editing service whether
the changes hold, the upload form hands the file to the import service and shows its message.
"""
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from events import bounds
from events.models import Document, Event
from events.services.editing import event_correction_check
from events.services.jobs import import_job_create

_NAME_SEPARATORS = re.compile(r"[、，,；;\n]+")


class NameListField(forms.CharField):
    """A list of names typed as one line: 张三、李四 (also split on commas, semicolons, lines)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "多个名称用顿号“、”或逗号分隔。")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "、".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        text = super().to_python(value)
        return list(dict.fromkeys(name.strip() for name in _NAME_SEPARATORS.split(text) if name.strip()))

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class EventCorrectionForm(forms.ModelForm):
    """What an editor may correct; validated by the same service the API uses."""

    people = NameListField(label=Event._meta.get_field("people").verbose_name)
    organizations = NameListField(label=Event._meta.get_field("organizations").verbose_name)

    class Meta:
        model = Event
        fields = [
            "title",
            "type",
            "start_date",
            "end_date",
            "precision",
            "calendar",
            "time",
            "date_text",
            "description",
            "place",
            "people",
            "organizations",
            "series_name",
            "series_number",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "size": 80}),
            "series_name": forms.TextInput(attrs={"size": 40}),
        }
        help_texts = {
            "time": "HH:MM（如 19:00），或 morning / afternoon / evening；未写明则留空。",
            "end_date": "含当日；单日事件的结束日期与开始日期相同。",
        }

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not self.errors:
            try:
                event_correction_check(event=self.instance, changes=self.changes())
            except ValidationError as error:
                self._add_service_errors(error)
        return cleaned

    def changes(self) -> dict:
        """Every value on the form, as `event_correct` takes them.

        The service compares them with the stored event, not with this form's initial values,
        so reverting to an old version from the history page is a correction like any other.
        """
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}

    def _add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)

    def _post_clean(self):
        # The editing service validated the whole event in clean(); validating the model
        # again here would only repeat its messages.
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class DocumentUploadForm(forms.ModelForm):
    """Upload a yearbook or chronicle file in any format the importer reads; validating the form
    starts an import job (`events.services.jobs`). Without a broker the job has run by the time
    the form answers, and a refusal comes back on the file field; with one, `job` is queued and
    the admin shows its progress."""

    file = forms.FileField(
        label="文件",
        help_text="格式按内容判断：纯文本（UTF-8、GB18030/GBK、UTF-16）、PDF（文字版或扫描件）、"
        "PNG/JPEG/TIFF 图片（OCR）、Word（.docx）、网页（.html）、Excel（.xlsx）或 CSV。",
    )
    title = forms.CharField(
        label="标题", max_length=300, required=False, help_text="留空则从文件名或正文推断。"
    )
    year = forms.IntegerField(
        label="年份",
        required=False,
        min_value=bounds.year_min(),
        max_value=bounds.year_max(),
        help_text="文中不写年份的日期按此年份解读；留空则自动推断。",
    )

    class Meta:
        model = Document
        fields: list[str] = []

    job = None  # the import job, once the form is valid
    user = None  # who uploads: set by the admin

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or self.errors:
            return cleaned
        limit = settings.CHRONICLE_MAX_DOCUMENT_BYTES
        if upload.size > limit:
            self.add_error("file", f"file too large: {upload.size:,} bytes, the limit is {limit:,}")
            return cleaned
        self.job = import_job_create(data=upload.read(limit + 1), file_name=upload.name, user=self.user,
                                     title=cleaned.get("title") or "", year=cleaned.get("year"))
        if self.job.status == "failed":
            self.add_error("file", self.job.error)
        return cleaned

    def _post_clean(self):
        # The import service builds and validates the Document; this form only collects input.
        pass

"""Admin forms: correcting, adding, rejecting and splitting events, deciding on duplicates,
uploading a document, and the 大事记's export and spreadsheet import.

No form decides anything itself: each asks the service that writes (editing, compiling,
duplicates, importing, the spreadsheet import) and shows its messages beside the fields.
"""
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from events import bounds, shape
from events.models import Collection, Document, Event, EventType, Mention
from events.services.compiling import ADD_FIELDS, event_add
from events.services.editing import event_correction_check
from events.services.jobs import import_job_create

TYPED_DATE_HELP = (
    "按原文写法输入日期，保存时由本系统的日期识别换算成下面的开始、结束日期、精度与历法：例如 腊月二十七、"
    "2020年3月上旬、3月30日至4月2日、2020年第一季度。没写年份时按文献的年份。留空则用下面的各项。"
)


class TypedDateField(forms.CharField):
    """A date as the editor writes it; the services read it (events.services.editing.read_typed_date)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("label", "日期（按写法输入）")
        kwargs.setdefault("help_text", TYPED_DATE_HELP)
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 40, "placeholder": "如：2020年3月上旬"}))
        super().__init__(**kwargs)

class TimeOfDayField(forms.CharField):
    """The time of day as editors write it: 19:00, 上午, 下午 or 晚上. Stored as the API gives it
    (HH:MM, morning, afternoon, evening), shown back in Chinese."""

    WORDS = {"上午": "morning", "下午": "afternoon", "晚上": "evening", "晚": "evening", "夜间": "evening"}
    SHOWN = {"morning": "上午", "afternoon": "下午", "evening": "晚上"}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("help_text", "HH:MM（如 19:00），或 上午、下午、晚上；未写明则留空。")
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 10, "placeholder": "如：上午、19:00"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return self.SHOWN.get(value, value)

    def to_python(self, value):
        text = super().to_python(value).strip().replace("：", ":")
        return self.WORDS.get(text, text)

    def validate(self, value):
        super().validate(value)
        if value and value not in self.SHOWN and not re.fullmatch(r"(?:[01]\d|2[0-3]):[0-5]\d", value):
            raise ValidationError("时间须为 HH:MM（如 19:00），或 上午、下午、晚上。")


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

    date = TypedDateField()
    time = TimeOfDayField(label=Event._meta.get_field("time").verbose_name)
    people = NameListField(label=Event._meta.get_field("people").verbose_name)
    organizations = NameListField(label=Event._meta.get_field("organizations").verbose_name)

    class Meta:
        model = Event
        # The date as typed, then what an editor may change (the admin lays them out in its fieldsets).
        fields = ["date", *(f.name for f in shape.FIELDS if f.editable)]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "size": 80}),
            "series_name": forms.TextInput(attrs={"size": 40}),
        }
        help_texts = {
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
        changes = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        if not changes.get("date"):
            changes.pop("date", None)
        return changes

    def _add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)

    def _post_clean(self):
        # The editing service validated the whole event in clean(); validating the model
        # again here would only repeat its messages.
        fields = [name for name in self._meta.fields if name != "date"]
        self.instance = forms.models.construct_instance(self, self.instance, fields)


def _service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the fields it names (the others above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class EventAddForm(forms.ModelForm):
    """An event the editor writes by hand: from a document's passage, or from a source outside."""

    date = TypedDateField(
        required=True,
        help_text="例如 2020年3月5日、3月上旬、腊月二十七、3月30日至4月2日。没写年份时按所选文献的年份。",
    )
    people = NameListField(label="人物")
    organizations = NameListField(label="机构")
    document = forms.ModelChoiceField(
        label="文献", queryset=Document.objects.defer("text").order_by("title"), required=False,
        help_text="事件记在哪份已导入的文献里；不在任何文献里（报送材料、会议纪要、新闻）就留空，写在“来源说明”。",
    )
    passage = forms.CharField(
        label="原文", required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="从所选文献中原样复制陈述这件事的一段，作为出处。",
    )

    class Meta:
        model = Event
        fields = ["date", "title", "type", "description", "place", "people", "organizations", "series_name",
                  "series_number", "document", "passage", "source"]
        widgets = {"title": forms.TextInput(attrs={"class": "vLargeTextField", "size": 80})}

    result = None  # the event the service added, once the form is valid
    editor = None  # the user adding it (the admin sets it on a subclass per request)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].initial = EventType.OTHER

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        names = [name for name in self._meta.fields if name in ADD_FIELDS]
        values = {name: cleaned.get(name) for name in names if cleaned.get(name) not in (None, "", [])}
        try:
            self.result = event_add(user=self.editor, values=values, document=cleaned.get("document"),
                                    passage=cleaned.get("passage") or "", source=cleaned.get("source") or "")
        except ValidationError as error:
            _service_errors(self, error)
        return cleaned

    def _post_clean(self):
        pass  # the service built and validated the event


class EventRejectForm(forms.Form):
    reason = forms.CharField(
        label="理由", required=False, max_length=200, widget=forms.TextInput(attrs={"size": 60}),
        help_text="例如：是计划，不是已发生的事；是统计数字；是标题。记在历史里。",
    )


class EventSplitForm(forms.Form):
    """Which passages go to the new event, and what the new event says."""

    mentions = forms.ModelMultipleChoiceField(
        label="移到新事件的出处", queryset=Mention.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选：两个事件都引用原来的出处（一句话说了两件事）。",
    )
    date = TypedDateField(label="新事件的日期", help_text="留空则与原事件相同。")
    title = forms.CharField(label="新事件的标题", max_length=300,
                            widget=forms.TextInput(attrs={"class": "vLargeTextField", "size": 80}))
    description = forms.CharField(label="新事件的描述", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))
    type = forms.ChoiceField(label="新事件的类型", choices=[("", "与原事件相同"), *EventType.choices],
                             required=False)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentions"].queryset = event.mentions.order_by("document_id", "start")
        self.fields["mentions"].label_from_instance = _passage_choice

    def values(self) -> dict:
        names = ("date", "title", "description", "type")
        return {name: self.cleaned_data[name] for name in names if self.cleaned_data.get(name)}


def _passage_choice(mention: Mention) -> str:
    return mention.text[:80] + ("…" if len(mention.text) > 80 else "")


class CollectionChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Collection.objects.order_by("name"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "汇编")
        kwargs.setdefault("empty_label", "全部")
        super().__init__(**kwargs)


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


class ChronicleExportForm(forms.Form):
    """Which 大事记 to export: a year, and any of the event list's filters, in one of three formats."""

    year = forms.IntegerField(label="年份", min_value=bounds.year_min(), max_value=bounds.year_max())
    collection = CollectionChoiceField()
    document = forms.ModelChoiceField(
        label="文献", queryset=Document.objects.defer("text").order_by("title"), required=False,
        empty_label="全部",
    )
    type = forms.ChoiceField(label="类型", choices=[("", "全部"), *EventType.choices], required=False)
    q = forms.CharField(label="关键词", required=False, max_length=100)
    format = forms.ChoiceField(
        label="格式",
        choices=[("docx", "Word（DOCX）"), ("md", "Markdown"), ("xlsx", "Excel（XLSX，可改后回填）")],
        widget=forms.RadioSelect,
        initial="docx",
    )

    def query(self) -> dict:
        data = self.cleaned_data
        filters = {name: data[name] for name in ("collection", "document", "type", "q") if data.get(name)}
        return {"year": data["year"], "format": data["format"], "filters": filters}


class ChronicleSheetForm(forms.Form):
    file = forms.FileField(
        label="改过的大事记表格（XLSX）",
        help_text="从这里导出的 XLSX，改过“日期”“事项”“标题”等列后上传：只更新改过的条目，"
        "每处改动都记入历史；新加的行（编号留空）成为编辑添加的事件。有一处读不懂，整个表格都不导入。",
    )

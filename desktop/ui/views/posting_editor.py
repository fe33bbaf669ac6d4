"""Every field of the posting document as an editable form, in three tabs.

Used by New/Edit posting and by the import preview. Lists are edited one item per line; a value
that cannot be read raises DocumentError naming the field (and line), so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from desktop.core import form_lines
from desktop.core.document import DocumentError
from desktop.core.money import parse_amount
from desktop.core.posting import (
    SALARY_PERIODS,
    WORK_MODELS,
    CompanyProfile,
    Funding,
    H1b,
    PostingDocument,
    Qualifications,
    Salary,
)
from desktop.core.text import clean_lines, clean_paragraphs, clean_text, safe_link
from desktop.ui.views.date_field import DateField

T = TypeVar("T")
# A field that cannot be read: marked, as well as named in the message under the form.
INVALID_STYLE = "border: 1px solid #d83b3b;"
FIELD_NAMES = {"h1b-years": "H1B by year", "rounds": "Funding rounds", "news": "Recent news"}
EMPLOYMENT_TYPES = ("", "Full-time", "Part-time", "Contract", "Internship", "Temporary")
CURRENCIES = ("", "USD", "EUR", "GBP", "CAD", "INR", "CHF", "JPY", "AUD")


def _text_box(placeholder: str, lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def _combo(values: tuple[str, ...], editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    combo.addItems(list(values))
    return combo


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def _deadline_day(valid_through: str | None) -> str:
    """A deadline as the form shows it: its day ("2026-12-15T23:59:00-05:00" -> "2026-12-15"),
    or the text as stored when it is not an ISO date."""
    if not valid_through:
        return ""
    try:
        return date.fromisoformat(valid_through[:10]).isoformat()
    except ValueError:
        return valid_through


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


class PostingEditor(QTabWidget):
    """Edits one posting document; ``document()`` returns it as the fields now describe it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original: PostingDocument | None = None
        self._build()

    def set_document(self, doc: PostingDocument | None) -> None:
        """Show ``doc``; fields the form does not show (raw, stage ...) are kept from it."""
        self._original = doc
        self._clear()
        if doc is not None:
            self._fill(doc)

    def _clear(self) -> None:
        for line in self.findChildren(QLineEdit):
            line.clear()
        for box in self.findChildren(QPlainTextEdit):
            box.clear()
        for combo in self.findChildren(QComboBox):
            combo.setCurrentIndex(0)

    def _build(self) -> None:
        self.title = QLineEdit(
            placeholderText="e.g. Applied Science Intern, Reinforcement Learning"
        )
        self.company = QLineEdit(placeholderText="e.g. Amazon")
        self.location = QLineEdit(placeholderText="e.g. Seattle, WA, USA")
        self.work_model = _combo(("", *WORK_MODELS))
        self.employment_type = _combo(EMPLOYMENT_TYPES, editable=True)
        self.salary_min = QLineEdit(placeholderText="from, e.g. 160,000")
        self.salary_max = QLineEdit(placeholderText="to, e.g. 210,000")
        self.salary_currency = _combo(CURRENCIES, editable=True)
        self.salary_currency.lineEdit().setPlaceholderText("currency")
        self.salary_currency.setMinimumContentsLength(8)
        self.salary_period = _combo(("", *SALARY_PERIODS))
        self.salary_period.setItemText(0, "per …")
        self.salary_period.setMinimumContentsLength(8)
        self.salary_text = QLineEdit(placeholderText="as the posting writes it (optional)")
        self.posted = DateField("e.g. 2026-11-23, Nov 23 or 23.11.2026", latest=QDate.currentDate())
        self.apply_by = DateField("the application deadline, e.g. Dec 15", ahead=True)
        self._problems: list[str] = []
        self.url = QLineEdit(placeholderText="https://...")
        self.summary = _text_box("A short overview of the role", 3)
        self.description = _text_box("The full description, if you want to keep it", 5)

        salary_row = QHBoxLayout()
        for widget in (self.salary_min, self.salary_max, self.salary_currency, self.salary_period):
            salary_row.addWidget(widget)
        main = QWidget()
        form = QFormLayout(main)
        form.addRow("&Title *", self.title)
        form.addRow("&Company *", self.company)
        form.addRow("&Location", self.location)
        form.addRow("&Work model", self.work_model)
        form.addRow("&Employment", self.employment_type)
        form.addRow("Salary", salary_row)
        form.addRow("", self.salary_text)
        form.addRow("&Posted on", self.posted)
        form.addRow("&Apply by", self.apply_by)
        form.addRow("Lin&k", self.url)
        form.addRow("Su&mmary", self.summary)
        form.addRow("&Description", self.description)

        one_per_line = "One per line"
        self.industries = _text_box(f"{one_per_line}, e.g.\nE-Commerce\nRetail", 3)
        self.responsibilities = _text_box(one_per_line, 5)
        self.required = _text_box(one_per_line, 5)
        self.preferred = _text_box(one_per_line, 3)
        self.benefits = _text_box(one_per_line, 3)
        role = QWidget()
        role_form = QFormLayout(role)
        role_form.addRow("Industries", self.industries)
        role_form.addRow("Responsibilities", self.responsibilities)
        role_form.addRow("Required\nqualifications", self.required)
        role_form.addRow("Preferred\nqualifications", self.preferred)
        role_form.addRow("Benefits", self.benefits)

        self.company_description = _text_box("What the company does", 3)
        self.h1b_note = _text_box("What the board says about sponsorship", 2)
        self.h1b_years = _text_box("One year per line, e.g.\n2025: 18969\n2024: 21175", 4)
        self.funding_stage = QLineEdit(placeholderText="e.g. Series B, Public Company")
        self.funding_total = QLineEdit(placeholderText="e.g. $8.11B")
        self.investors = _text_box("One per line", 2)
        self.rounds = _text_box("date | round | amount, e.g.\n2023-01-03 | Post Ipo Debt | $8B", 3)
        self.news = _text_box(
            "date | headline | link, e.g.\n2025-12-31 | Headline | https://...", 3
        )
        self.data_source = QLineEdit(placeholderText="e.g. crunchbase")
        for box, name in (
            (self.h1b_years, "h1b-years"),
            (self.rounds, "rounds"),
            (self.news, "news"),
        ):
            box.setObjectName(name)
        company = QWidget()
        company_form = QFormLayout(company)
        company_form.addRow("Description", self.company_description)
        company_form.addRow("H1B note", self.h1b_note)
        company_form.addRow("H1B by year", self.h1b_years)
        company_form.addRow("Funding stage", self.funding_stage)
        company_form.addRow("Total funding", self.funding_total)
        company_form.addRow("Key investors", self.investors)
        company_form.addRow("Funding rounds", self.rounds)
        company_form.addRow("Recent news", self.news)
        company_form.addRow("Data source", self.data_source)

        self.addTab(_scrolling(main), "Posting")
        self.addTab(_scrolling(role), "Role")
        self.addTab(_scrolling(company), "Company")

    # -- document <-> fields -------------------------------------------------------------------

    def _fill(self, doc: PostingDocument) -> None:
        self.title.setText(doc.title or "")
        self.company.setText(doc.company or "")
        self.location.setText(doc.location or "")
        self.work_model.setCurrentText(doc.work_model or "")
        self.employment_type.setCurrentText(doc.employment_type or "")
        if doc.salary:
            self.salary_min.setText(_number_text(doc.salary.min))
            self.salary_max.setText(_number_text(doc.salary.max))
            self.salary_currency.setCurrentText(doc.salary.currency or "")
            if doc.salary.period:
                self.salary_period.setCurrentText(doc.salary.period)
            self.salary_text.setText(doc.salary.text or "")
        if doc.posted_at:
            self.posted.setText(doc.posted_at.astimezone().date().isoformat())
        self.apply_by.setText(_deadline_day(doc.valid_through))
        self.url.setText(doc.url or "")
        self.summary.setPlainText(doc.summary or "")
        self.description.setPlainText(doc.description or "")
        self.industries.setPlainText("\n".join(doc.industries))
        self.responsibilities.setPlainText("\n".join(doc.responsibilities))
        self.required.setPlainText("\n".join(doc.qualifications.required))
        self.preferred.setPlainText("\n".join(doc.qualifications.preferred))
        self.benefits.setPlainText("\n".join(doc.benefits))
        profile = doc.company_profile
        if profile is None:
            return
        self.company_description.setPlainText(profile.description or "")
        if profile.h1b:
            self.h1b_note.setPlainText(profile.h1b.note or "")
            self.h1b_years.setPlainText(form_lines.format_h1b_lines(profile.h1b.by_year))
        if profile.funding:
            self.funding_stage.setText(profile.funding.stage or "")
            self.funding_total.setText(profile.funding.total or "")
            self.investors.setPlainText("\n".join(profile.funding.investors))
            self.rounds.setPlainText(form_lines.format_round_lines(profile.funding.rounds))
        self.news.setPlainText(form_lines.format_news_lines(profile.news))
        self.data_source.setText(profile.data_source or "")

    def _salary(self) -> Salary | None:
        amounts = []
        for field, box in (("Salary from", self.salary_min), ("Salary to", self.salary_max)):
            text = box.text().strip()
            value = parse_amount(text.replace(" ", "")) if text else None
            if text and value is None:
                raise DocumentError(f"{field}: {text!r} is not an amount, e.g. 160,000 or 160k")
            amounts.append(value)
        low, high = amounts
        if low is not None and high is not None and low > high:
            raise DocumentError("Salary: the first amount is larger than the second")
        currency = clean_text(self.salary_currency.currentText())
        period = (
            clean_text(self.salary_period.currentText())
            if self.salary_period.currentIndex()
            else None
        )
        text = clean_text(self.salary_text.text())
        if low is None and high is None and text is None:
            return None
        return Salary(low, high, currency.upper() if currency else None, period, text)

    def _posted_at(self) -> datetime | None:
        text = self.posted.text().strip()
        if not text:
            return None
        original = self._original.posted_at if self._original else None
        if original is not None and original.astimezone().date().isoformat() == text:
            return original  # unchanged: keep the time of day the source gave
        day = self.posted.day()
        if day is None:
            raise DocumentError(
                f"Posted on: {text!r} is not a date, e.g. 2026-11-23, Nov 23 or 23.11.2026"
            )
        return datetime.combine(day, time(12, 0), tzinfo=UTC)

    def _valid_through(self) -> str | None:
        text = self.apply_by.text().strip()
        if not text:
            return None
        original = self._original.valid_through if self._original else None
        if original is not None and _deadline_day(original) == text:
            return original  # unchanged: keep the time and zone the source gave
        day = self.apply_by.day()
        if day is None:
            raise DocumentError(
                f"Apply by: {text!r} is not a date, e.g. 2026-12-15, Dec 15 or 15.12.2026"
            )
        return day.isoformat()

    def _company_profile(self, name: str) -> CompanyProfile | None:
        h1b_years = form_lines.parse_h1b_lines(self.h1b_years.toPlainText())
        h1b_note = clean_paragraphs(self.h1b_note.toPlainText())
        total = clean_text(self.funding_total.text())
        funding = Funding(
            stage=clean_text(self.funding_stage.text()),
            total=total,
            total_usd=parse_amount(total),
            investors=clean_lines(self.investors.toPlainText()),
            rounds=form_lines.parse_round_lines(self.rounds.toPlainText()),
        )
        profile = CompanyProfile(
            name=name,
            description=clean_paragraphs(self.company_description.toPlainText()),
            h1b=H1b(h1b_note, h1b_years) if (h1b_note or h1b_years) else None,
            funding=funding if funding != Funding() else None,
            news=form_lines.parse_news_lines(self.news.toPlainText()),
            data_source=clean_text(self.data_source.text()),
        )
        return None if profile == CompanyProfile(name=name) else profile

    def _read(self, widgets: tuple[QWidget, ...], read: Callable[[], T]) -> T | None:
        """``read()``, or None with its error kept and ``widgets`` marked (see ``document``)."""
        try:
            return read()
        except DocumentError as error:
            self._problems.append(str(error))
            # The field the message names, when it names one of several ("H1B by year ...").
            named = [
                w for w in widgets if str(error).startswith(FIELD_NAMES.get(w.objectName(), "?"))
            ]
            for widget in named or widgets:
                widget.setProperty("invalid", True)
                widget.setStyleSheet(INVALID_STYLE)
            return None

    def _link(self) -> str | None:
        url = clean_text(self.url.text())
        if url is not None and safe_link(url) is None:
            raise DocumentError("Link: only https:// (or mailto:) links can be kept")
        return url

    def _required(self, box: QLineEdit, name: str) -> str | None:
        value = clean_text(box.text())
        if value is None:
            raise DocumentError(f"{name}: a posting needs a {name.lower()}")
        return value

    def _unmark(self) -> None:
        self._problems = []
        for widget in self.findChildren(QWidget):
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setStyleSheet("")

    def document(self) -> PostingDocument:
        """The posting as the form now describes it. DocumentError names everything that cannot
        be read or is missing, one line each, and the fields in error are marked in red."""
        self._unmark()
        title = self._read((self.title,), lambda: self._required(self.title, "Title"))
        company = self._read((self.company,), lambda: self._required(self.company, "Company"))
        salary_boxes = (self.salary_min, self.salary_max)
        salary = self._read(salary_boxes, self._salary)
        posted_at = self._read((self.posted,), self._posted_at)
        valid_through = self._read((self.apply_by,), self._valid_through)
        url = self._read((self.url,), self._link)
        lines = (self.h1b_years, self.rounds, self.news)
        profile = self._read(lines, lambda: self._company_profile(company or ""))
        if self._problems:
            raise DocumentError("\n".join(self._problems))
        original = self._original or PostingDocument(
            source_format="manual", captured_at=datetime.now(UTC)
        )
        return original.with_changes(
            title=title,
            company=company,
            location=clean_text(self.location.text()),
            work_model=clean_text(self.work_model.currentText()),
            employment_type=clean_text(self.employment_type.currentText()),
            salary=salary,
            posted_at=posted_at,
            valid_through=valid_through,
            url=url,
            summary=clean_paragraphs(self.summary.toPlainText()),
            description=clean_paragraphs(self.description.toPlainText()),
            industries=clean_lines(self.industries.toPlainText()),
            responsibilities=clean_lines(self.responsibilities.toPlainText()),
            qualifications=Qualifications(
                clean_lines(self.required.toPlainText()), clean_lines(self.preferred.toPlainText())
            ),
            benefits=clean_lines(self.benefits.toPlainText()),
            company_profile=profile,
        )

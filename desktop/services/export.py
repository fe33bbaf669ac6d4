"""Every posting out as the posting document (JSON) or as a flat table of the main fields (CSV)."""

from __future__ import annotations

import csv
import io
import json

from desktop.core.document import to_json
from desktop.services.library import Library
from desktop.services.postings import all_documents

CSV_COLUMNS = (
    "id",
    "title",
    "company",
    "stage",
    "location",
    "work_model",
    "employment_type",
    "salary_text",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "posted_at",
    "captured_at",
    "url",
    "industries",
    "h1b_latest_year",
    "h1b_latest_count",
)


def export_json(db: Library) -> str:
    documents = [to_json(doc) for doc in all_documents(db)]
    return json.dumps(documents, ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> object:
    # A cell a spreadsheet would read as a formula ("=HYPERLINK(...)") is made plain text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(db: Library) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for doc in all_documents(db):
        salary = doc.salary
        h1b = doc.company_profile.h1b if doc.company_profile else None
        latest = max(h1b.by_year, key=lambda y: y.year) if h1b and h1b.by_year else None
        writer.writerow(
            _cell(value)
            for value in [
                doc.id,
                doc.title,
                doc.company,
                doc.stage,
                doc.location,
                doc.work_model,
                doc.employment_type,
                salary.text if salary else None,
                salary.min if salary else None,
                salary.max if salary else None,
                salary.currency if salary else None,
                salary.period if salary else None,
                doc.posted_at.isoformat() if doc.posted_at else None,
                doc.captured_at.isoformat() if doc.captured_at else None,
                doc.url,
                "; ".join(doc.industries),
                latest.year if latest else None,
                latest.count if latest else None,
            ]
        )
    return out.getvalue()

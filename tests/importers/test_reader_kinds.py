"""Each kind of fault real pastes showed (issue 14), tested on inputs other than the shared
samples, so what is fixed is the kind and not the example."""

from __future__ import annotations

import json

import pytest

from desktop.importers import read_postings
from desktop.importers.deadlines import parse_deadline
from tests.importers.support import CAPTURED_AT, FIXTURES


def _read(text: str, name: str | None = None):
    (result,) = read_postings(text, name=name, captured_at=CAPTURED_AT)
    return result


# -- 1. a body without its title line is read, and the preview is told what is missing ------

BODY_ONLY = """About Copperleaf Studios

Copperleaf Studios builds booking software for climbing gyms.

What you'll do
- Build the booking flow in React
- Own our payments integration
- Talk to gym owners every week

What we need to see
- 3+ years of TypeScript
- Care for accessible interfaces

Perks
- Four-day weeks in August
"""


def test_a_body_without_a_title_line_is_read_and_the_missing_title_is_said():
    result = _read(BODY_ONLY)
    doc = result.document
    assert doc.title is None
    assert doc.company == "Copperleaf Studios"
    assert doc.responsibilities[0] == "Build the booking flow in React"
    assert doc.qualifications.required == (
        "3+ years of TypeScript",
        "Care for accessible interfaces",
    )
    assert any(w.startswith("title:") for w in result.warnings)


def test_the_company_of_a_body_only_paste_can_come_from_its_footer():
    text = BODY_ONLY.replace("About Copperleaf Studios\n", "") + (
        "\nCopperleaf Studios is an equal opportunity employer.\n"
    )
    result = _read(text)
    assert result.document.company == "Copperleaf Studios"
    assert any(w.startswith("company:") for w in result.warnings)


def test_a_refusal_names_the_real_reason():
    with pytest.raises(Exception, match="no sections such as Responsibilities"):
        _read("Shopping list\n\nMilk, eggs, bread and a bag of apples for the weekend.\n")


# -- 2. page chrome is never a title, company, list item or description ---------------------

CHROMED = """Brightline Robotics
Share
Save Controls Engineer at Brightline Robotics
Controls Engineer
Toronto, ON · 2 weeks ago · Over 200 applicants
4.2 out of 5 stars
Easy Apply
Matches your job preferences, job type is Full-time.

Responsibilities
- Tune motion controllers for our arms
- Write test plans for new grippers

Requirements
- A degree in mechanical or electrical engineering
- Do you have experience with PLCs?
- Experience with ROS 2

Apply for this job
First Name *
Resume/CV *
Dropbox
Submit application
"""


def test_board_chrome_stays_out_of_every_field():
    doc = _read(CHROMED).document
    assert doc.title == "Controls Engineer"
    assert doc.company == "Brightline Robotics"
    assert doc.posted_text == "2 weeks ago"
    assert doc.qualifications.required == (
        "A degree in mechanical or electrical engineering",
        "Experience with ROS 2",
    )
    for chrome in ("Save Controls", "stars", "applicants", "Matches", "First Name", "Dropbox"):
        assert chrome not in (doc.description or "")


# -- 3. header facts --------------------------------------------------------------------------


def test_pay_and_type_on_one_line_and_a_work_location_are_read():
    text = (
        "Line Cook - job post\nHarbour Grill\nPortland, OR 97201\n"
        "$20 - $25 an hour - Full-time, Temporary\n\nResponsibilities\n- Prep the line\n"
        "- Keep the walk-in tidy\n\nWork Location: Hybrid remote in Portland, OR 97201\n"
    )
    doc = _read(text).document
    assert (doc.title, doc.company, doc.location) == (
        "Line Cook",
        "Harbour Grill",
        "Portland, OR 97201",
    )
    assert doc.employment_type == "Full-time, Temporary"
    assert (doc.salary.min, doc.salary.max, doc.salary.period) == (20, 25, "hour")
    assert doc.work_model == "Hybrid"


def test_tab_separated_label_rows_are_read_wherever_they_are():
    text = (
        "Job Title:\tData Analyst Co-op\nRegion:\tWest\nJob Location:\tVancouver\n"
        "Work Arrangement:\tRemote\nJob Summary:\tOverview:\nHelp the finance team with data.\n"
        "Job Responsibilities:\tWhat You'll Do:\nBuild dashboards\nClean the ledger exports\n"
        "Application Deadline:\tMarch 3, 2026 5:00 PM\nOrganization:\tFernwood Credit Union\n"
    )
    doc = _read(text).document
    assert doc.title == "Data Analyst Co-op"
    assert doc.company == "Fernwood Credit Union"
    assert (doc.location, doc.work_model) == ("Vancouver", "Remote")
    assert doc.responsibilities == ("Build dashboards", "Clean the ledger exports")
    assert doc.valid_through == "2026-03-03T17:00:00"


# -- 5. money that is not pay; pay in its many forms -------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Acme has processed $50M+ in payments",
        "We raised a $12M Series A in March",
        "Backed by $3 million in funding",
        "Revenue of $900,000 last year",
        "A $2,000 yearly learning budget",
    ],
)
def test_company_money_is_not_a_salary(line):
    text = f"Staff Engineer\nAcme\n\n{line}\n\nResponsibilities\n- Build things\n- Fix things\n"
    assert _read(text).document.salary is None


def test_a_bare_dollar_in_a_canadian_posting_keeps_no_currency_and_says_so():
    text = (
        "Backend Developer\nMaple Freight\nToronto, ON\n$90,000 - $110,000 a year\n\n"
        "Responsibilities\n- Build APIs\n- Review code\n"
    )
    result = _read(text)
    assert result.document.salary.currency is None
    assert result.document.salary.min == 90_000
    assert any(w.startswith("salary:") for w in result.warnings)


# -- 6. job-board JSON --------------------------------------------------------------------------

ASHBY = {
    "title": "Support Engineer",
    "location": "Remote (EU)",
    "isRemote": True,
    "employmentType": "FullTime",
    "publishedAt": "2026-03-01T10:00:00.000+00:00",
    "jobUrl": "https://jobs.ashbyhq.com/example/abc",
    "descriptionHtml": "<p>Help our customers.</p><h2>Responsibilities</h2><ul><li>Answer"
    " tickets</li><li>Write docs</li></ul>",
}
SMARTRECRUITERS = {
    "name": "Store Manager",
    "company": {"name": "Northgate Outfitters"},
    "location": {"city": "Leeds", "country": "gb", "remote": False},
    "typeOfEmployment": {"label": "Full-time"},
    "releasedDate": "2026-02-10T09:00:00.000Z",
    "jobAd": {
        "sections": {
            "jobDescription": {"title": "Job Description", "text": "<p>Run the store.</p>"},
            "qualifications": {"title": "Qualifications", "text": "<ul><li>Retail experience"
                               "</li><li>Team leadership</li></ul>"},
        }
    },
}  # fmt: skip
WORKABLE = {
    "shortcode": "AB12CD",
    "title": "Bookkeeper",
    "company": "Ledgerly",
    "location": {"city": "Dublin", "country": "Ireland"},
    "workplace": "hybrid",
    "employment_type": "Part-time",
    "description": "<p>Keep our books.</p>",
    "requirements": "<ul><li>ACCA part-qualified</li></ul>",
    "benefits": "<ul><li>Pension</li></ul>",
    "url": "https://apply.workable.com/ledgerly/j/AB12CD/",
}
WORKDAY = {
    "jobPostingInfo": {
        "title": "Payroll Specialist",
        "location": "Austin, TX",
        "timeType": "Full time",
        "startDate": "2026-02-02",
        "endDate": "2026-03-01",
        "postedOn": "Posted 30+ Days Ago",
        "externalUrl": "https://acme.wd5.myworkdayjobs.com/en-US/careers/job/Payroll_R1",
        "jobDescription": "<p><b>Key Duties</b></p><ul><li>Run payroll</li></ul>",
    },
    "hiringOrganization": {"name": "Acme Corp"},
}


@pytest.mark.parametrize(
    ("value", "title", "company", "field", "expected"),
    [
        (ASHBY, "Support Engineer", None, "work_model", "Remote"),
        (SMARTRECRUITERS, "Store Manager", "Northgate Outfitters", "location", "Leeds, gb"),
        (WORKABLE, "Bookkeeper", "Ledgerly", "work_model", "Hybrid"),
        (WORKDAY, "Payroll Specialist", "Acme Corp", "valid_through", "2026-03-01"),
    ],
    ids=["ashby", "smartrecruiters", "workable", "workday"],
)
def test_applicant_tracking_json_is_read(value, title, company, field, expected):
    doc = _read(json.dumps(value), name="job.json").document
    assert (doc.title, doc.company) == (title, company)
    assert getattr(doc, field) == expected
    assert doc.source_format == "board-json"
    assert doc.responsibilities or doc.qualifications.required


def test_many_postings_in_one_input_keep_each_its_own_raw():
    nodes = [{"@type": "JobPosting", "title": f"Engineer {n}", "description": "x" * 50}
             for n in range(50)]  # fmt: skip
    text = json.dumps({"@context": "https://schema.org", "@graph": nodes})
    results = read_postings(text, captured_at=CAPTURED_AT)
    assert len(results) == 50
    for n, result in enumerate(results):
        assert json.loads(result.document.raw) == nodes[n]


# -- 7. deadlines --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-01-31", "2027-01-31"),
        ("2026-12-07T23:59:00+00:00", "2026-12-07T23:59:00+00:00"),
        ("January 20, 2026 09:00 AM", "2026-01-20T09:00:00"),
        ("7 December 2026", "2026-12-07"),
        ("Open until filled", None),
        ("", None),
    ],
)
def test_deadlines_keep_the_precision_the_source_gives(text, expected):
    assert parse_deadline(text) == expected


def test_a_closing_date_in_text_is_the_deadline():
    text = (
        "Staff Nurse\nRiverside Clinic\nClosing date: 7 December 2026\n\n"
        "Responsibilities\n- Care for patients\n- Keep records\n"
    )
    assert _read(text).document.valid_through == "2026-12-07"


# -- 9. prose with colons is not a link ----------------------------------------------------------


def test_words_before_a_colon_survive_in_every_field_while_links_do_not():
    text = (
        "Data Engineer\nFile: Systems Ltd\n\nAbout: we move data.\n\nResponsibilities\n"
        "- Own our Big Data: Spark jobs\n- Never click javascript:alert(1)\n"
    )
    doc = _read(text).document
    assert doc.responsibilities[0] == "Own our Big Data: Spark jobs"
    assert "javascript:" not in doc.responsibilities[1]
    assert "About: we move data." in (doc.description or "")


# -- 10. Markdown and emoji bullets --------------------------------------------------------------


def test_markdown_syntax_never_reaches_a_field():
    text = (
        "# Mobile Developer\n\n**Orchard Apps**\n\n[Sign in](https://x.example/login)\n\n"
        "## Responsibilities\n\n* Ship the **iOS** app\n* Review [pull requests](https://x)\n\n"
        "## Requirements\n\n* Swift\n* `SwiftUI`\n"
    )
    doc = _read(text, name="job.md").document
    assert (doc.title, doc.company) == ("Mobile Developer", "Orchard Apps")
    assert doc.responsibilities == ("Ship the iOS app", "Review pull requests")
    assert doc.qualifications.required == ("Swift", "SwiftUI")
    assert "**" not in (doc.description or "") and "#" not in (doc.description or "")


def test_emoji_bullets_are_bullets():
    text = "Chef\nBistro Nine\n\nBenefits\n🍽️ Free meals\n🚲 Bike allowance\n"
    assert _read(text).document.benefits == ("Free meals", "Bike allowance")


# -- 11. where the page's own facts are ----------------------------------------------------------


def test_a_json_ld_page_takes_its_address_and_work_model_from_the_page():
    page = (
        '<html><head><link rel="canonical" href="https://jobs.example.org/42">'
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Analyst",'
        ' "skills": "Teamwork, Curiosity", "description": "<p>Hi.</p><p><b>Requirements</b></p>'
        '<ul><li>SQL</li></ul>"}</script></head><body><h1>Analyst</h1>'
        "<p>Madrid · Híbrido</p></body></html>"
    )
    doc = _read(page).document
    assert doc.url == "https://jobs.example.org/42"
    assert doc.work_model == "Hybrid"
    assert doc.qualifications.required == ("SQL",)


def test_a_guest_view_paste_reads_gapped_facts_and_trailing_label_lines():
    text = (
        "Senior Data Analyst\nAcme Corp  Chicago, IL\n2 weeks ago  Over 200 applicants\n"
        "See who Acme Corp has hired for this role\nApply\nSave\n\n"
        "Responsibilities\nBuild dashboards\nOwn the weekly forecast\n\n"
        "Qualifications\n5+ years in analytics\nStrong SQL\n\nShow more\nShow less\n"
        "Seniority level\nMid-Senior level\nEmployment type\nFull-time\n"
    )
    doc = _read(text).document
    assert (doc.company, doc.location, doc.posted_text) == (
        "Acme Corp",
        "Chicago, IL",
        "2 weeks ago",
    )
    assert doc.employment_type == "Full-time"
    assert doc.qualifications.required == ("5+ years in analytics", "Strong SQL")


def test_a_deadline_stated_in_a_sentence_is_read():
    text = (
        "Payments Engineer\nAcme\n\nResponsibilities\n- Build APIs\n- Run on-call\n\n"
        "This position will remain open until March 15, 2026.\n"
    )
    assert _read(text).document.valid_through == "2026-03-15"


def test_a_page_without_structured_data_takes_its_address_from_og_url():
    page = (
        '<html><head><title>Nurse - Riverbend Careers</title><meta property="og:url" '
        'content="https://careers.riverbend.example/jobs/884"></head><body><main>'
        "<h1>Senior Nurse</h1><p>Riverbend Health · Denver, CO · Full-time</p>"
        "<h2>Responsibilities</h2><ul><li>Coordinate care</li><li>Mentor nurses</li></ul>"
        '</main><aside class="related-jobs"><h3>Junior Nurse</h3></aside></body></html>'
    )
    doc = _read(page).document
    assert doc.url == "https://careers.riverbend.example/jobs/884"
    assert (doc.title, doc.company, doc.location) == (
        "Senior Nurse",
        "Riverbend Health",
        "Denver, CO",
    )
    assert "Junior Nurse" not in (doc.description or "")


def test_a_posting_flattened_onto_one_line_is_split_on_its_inline_labels():
    text = (
        "Senior Backend Engineer at Fernwood Labs Location: Austin, TX Salary: $120,000 - "
        "$150,000 a year Job Type: Full-time About the role: We build tools for solar installers "
        "and need a senior engineer. Responsibilities: • Design REST APIs • Own our Postgres "
        "schema Requirements: • 5+ years of Python • Experience with AWS Benefits: • Health "
        "insurance • 25 days of leave"
    )
    doc = _read(text).document
    assert (doc.title, doc.company, doc.location) == (
        "Senior Backend Engineer",
        "Fernwood Labs",
        "Austin, TX",
    )
    assert doc.employment_type == "Full-time"
    assert doc.salary.max == 150_000
    assert doc.responsibilities == ("Design REST APIs", "Own our Postgres schema")
    assert doc.qualifications.required == ("5+ years of Python", "Experience with AWS")
    assert doc.benefits == ("Health insurance", "25 days of leave")


def test_similar_jobs_and_cookie_prompts_after_the_posting_are_not_part_of_it():
    text = (
        "Store Manager\nNorthgate Outfitters\nLeeds\n\nResponsibilities\n- Run the store\n"
        "- Coach the team\n\nBenefits\n- Staff discount\n\nAccept all\nManage preferences\n"
        "Similar jobs\nAssistant Store Manager\nHarbour Sports\nYork\n"
    )
    doc = _read(text).document
    assert doc.benefits == ("Staff discount",)
    for chrome in ("Assistant Store Manager", "Harbour Sports", "Accept all"):
        assert chrome not in (doc.description or "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Desarrollador/a Backend Java\nTechNova Soluciones\nMadrid, España\nHíbrido\n"
            "Publicada hace 3 días\nSalario: 40.000 € - 50.000 € bruto/año\nJornada completa\n\n"
            "Funciones\n- Desarrollar microservicios\n- Revisar código\n\nRequisitos\n"
            "- 3 años con Java\n\nSe valorará\n- Kafka\n\nOfrecemos\n- Seguro médico\n",
            ("Hybrid", "Full-time", 40_000, "year", "Publicada hace 3 días"),
        ),
        (
            "Data Engineer H/F\nMaison Verte\nCDI\nParis\nTélétravail partiel\n"
            "Salaire : 50 000 € - 60 000 € par an\n\nVos missions :\n- Concevoir les pipelines\n"
            "- Maintenir l'entrepôt\n\nProfil recherché\n- Python et SQL\n\nAvantages\n"
            "- Tickets restaurant\n",
            ("Hybrid", "Full-time", 50_000, "year", None),
        ),
    ],
    ids=["spanish", "french"],
)
def test_postings_in_other_languages_read_their_chips_pay_and_lists(text, expected):
    doc = _read(text).document
    model, kind, low, period, posted = expected
    assert (doc.work_model, doc.employment_type) == (model, kind)
    assert (doc.salary.min, doc.salary.currency, doc.salary.period) == (low, "EUR", period)
    assert doc.posted_text == posted
    assert len(doc.responsibilities) == 2
    assert doc.qualifications.required and doc.benefits


def test_list_items_wrapped_in_paragraphs_leave_no_lone_bullet():
    posting = {
        "@type": "JobPosting",
        "title": "Chef",
        "hiringOrganization": "Bistro Nine",
        "description": "<p>We cook.</p><p><b>Responsibilities</b></p>"
        "<ul><li><p>Plan the menu</p></li><li><p>Run the pass</p></li></ul>",
    }
    page = f'<html><head><script type="application/ld+json">{json.dumps(posting)}</script>'
    doc = _read(page + "</head><body></body></html>").document
    assert doc.responsibilities == ("Plan the menu", "Run the pass")
    assert "•" not in (doc.description or "")


def test_a_boards_list_endpoint_gives_each_job_with_its_own_raw():
    job = json.loads((FIXTURES / "real-world" / "09-greenhouse-api-job.json").read_text("utf-8"))
    other = dict(
        job, id=2, title="Data Analyst", absolute_url="https://job-boards.greenhouse.io/x/jobs/2"
    )
    results = read_postings(
        json.dumps({"jobs": [job, other], "meta": {"total": 2}}), captured_at=CAPTURED_AT
    )
    assert [r.document.title for r in results] == [job["title"], "Data Analyst"]
    assert json.loads(results[1].document.raw) == other


def test_the_preview_is_told_of_a_second_company_name_and_of_other_pay():
    text = (
        "Platform Engineer\nAcme Cloud\n$150,000 - $180,000 a year\n\nAbout Globex\n"
        "Globex acquired Acme in 2025.\n\nResponsibilities\n- Run Kubernetes\n- Own CI\n\n"
        "In Canada the range is CAD 170,000 - 200,000 per year.\n"
    )
    result = _read(text)
    assert result.document.company == "Acme Cloud"
    assert any(w.startswith("company:") and "Globex" in w for w in result.warnings)
    assert any(w.startswith("salary:") and "170,000" in w for w in result.warnings)


def test_pay_under_a_label_without_a_currency_is_read_and_the_preview_told():
    base = "Payroll Analyst\nAcme\n{}\n\nResponsibilities\n- Run payroll\n- Close the books\n"
    result = _read(base.format("Salary: 50,000 - 60,000 per year"))
    salary = result.document.salary
    assert (salary.min, salary.max, salary.currency, salary.period) == (
        50_000,
        60_000,
        None,
        "year",
    )
    assert any(w.startswith("salary:") and "no currency" in w for w in result.warnings)
    unread = _read(base.format("Salary: Competitive"))
    assert unread.document.salary is None
    assert any(w.startswith("salary:") and "Competitive" in w for w in unread.warnings)


def test_label_lines_above_their_values_never_become_the_company():
    text = (
        "Senior Frontend Engineer\nLocation\nRemote (US)\nEmployment Type\nFull time\n"
        "Location Type\nRemote\nDepartment\nEngineering\nCompensation\n"
        "$150K – $180K • Offers Equity\n\nOverview\nApplication\n\nAbout Quanta\n"
        "Quanta builds scheduling software for clinics.\n\nWhat you'll do\n"
        "Build our design system\nOwn web performance\n"
    )
    doc = _read(text).document
    assert (doc.company, doc.work_model, doc.employment_type) == ("Quanta", "Remote", "Full-time")
    assert (doc.salary.min, doc.salary.max) == (150_000, 180_000)
    assert doc.summary != "Application"

"""The short lines near a posting's top: location, work model, employment type, salary, chips.

Both text readers meet these lines before the first section heading; each line is recognised
on its own, so their order on the page does not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.core.industries import known_share, split_chips
from desktop.core.money import find_salary
from desktop.core.posting import Salary

WORK_MODELS = {
    "remote": "Remote", "fully remote": "Remote", "remote-first": "Remote", "hybrid": "Hybrid",
    "onsite": "Onsite", "on-site": "Onsite", "on site": "Onsite", "in office": "Onsite",
    "in-office": "Onsite", "in person": "Onsite", "in-person": "Onsite",
    "hybrid work": "Hybrid", "remote work": "Remote", "hybrid remote": "Hybrid",
    "work from home": "Remote", "100% remote": "Remote",
    # German, French, Spanish, Portuguese chips
    "homeoffice": "Remote", "home-office": "Remote", "100% homeoffice": "Remote",
    "teilweise homeoffice": "Hybrid", "hybrides arbeiten": "Hybrid", "vor ort": "Onsite",
    "télétravail": "Remote", "télétravail complet": "Remote", "télétravail partiel": "Hybrid",
    "télétravail occasionnel": "Hybrid", "hybride": "Hybrid", "sur site": "Onsite",
    "presencial": "Onsite", "híbrido": "Hybrid", "hibrido": "Hybrid", "remoto": "Remote",
    "teletrabajo": "Remote", "en remoto": "Remote",
}  # fmt: skip
EMPLOYMENT_TYPES = {
    "full-time": "Full-time", "full time": "Full-time", "fulltime": "Full-time",
    "part-time": "Part-time", "part time": "Part-time", "contract": "Contract",
    "contractor": "Contract", "contract to hire": "Contract", "temporary": "Temporary",
    "temp": "Temporary", "internship": "Internship", "intern": "Internship",
    "freelance": "Freelance", "permanent": "Full-time", "seasonal": "Seasonal",
    "co-op": "Co-op", "coop": "Co-op",
    # German, French, Spanish, Portuguese chips
    "vollzeit": "Full-time", "teilzeit": "Part-time", "feste anstellung": "Full-time",
    "befristet": "Temporary", "praktikum": "Internship", "werkstudent": "Part-time",
    "temps plein": "Full-time", "temps partiel": "Part-time", "cdi": "Full-time",
    "cdd": "Temporary", "stage": "Internship", "alternance": "Apprenticeship",
    "tiempo completo": "Full-time", "jornada completa": "Full-time",
    "medio tiempo": "Part-time", "media jornada": "Part-time", "prácticas": "Internship",
    "tempo integral": "Full-time", "meio período": "Part-time", "estágio": "Internship",
    "clt": "Full-time",
}  # fmt: skip
# Words a job title has; a line with one is a title, never a row of chips or a place.
ROLE_WORDS = re.compile(
    r"\b(?:engineer|engineering|developer|manager|designer|analyst|scientist|intern|internship"
    r"|specialist|director|lead|architect|consultant|coordinator|associate|administrator"
    r"|representative|officer|technician|nurse|teacher|accountant|writer|recruiter|researcher"
    r"|assistant|executive|head of|vp|vice president|president|programmer|editor|strategist"
    r"|product owner|sre|devops|advisor|agent|clerk|operator|driver|cook|chef|cashier|therapist"
    r"|pharmacist|physician|counsel|attorney|paralegal|producer|marketer|supervisor|planner"
    r"|buyer|tester|qa|fellow|apprentice|trainee|principal|staff|senior|junior|sr\.?|jr\.?)\b",
    re.IGNORECASE,
)
_PLACE = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}"
_POSTCODE = r"(?: \d{4,5}(?:-\d{4})?| [A-Z]\d[A-Z] ?\d[A-Z]\d)?"
_LOCATION = re.compile(rf"^{_PLACE}(?:, ?{_PLACE}{_POSTCODE}){{1,3}}$")
# A place name alone on a line ("Leipzig", "Melbourne VIC"): at most three capitalised words.
_PLACE_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.-]+(?: [A-ZÀ-Þ][\w'’.-]*){0,2}$")
_APPLICANTS = re.compile(
    r"^(?:over |more than )?\d[\d,]*\+? (?:applicants?|candidates?|people clicked apply)$"
    r"|^(?:promoted|actively reviewing|be among the first)",
    re.IGNORECASE,
)
_AGE_PART = re.compile(
    r"^(?:(?:re)?posted\s*:?\s*)?(?:\d{1,3}\+?\s*(?:h|hr|hrs|d|w|mo)\s+ago"
    r"|\d{1,3}\+?\s*\w{3,8} ago|just now|today|yesterday|vor \d{1,3} \w+|il y a \d{1,3} \w+"
    r"|hace \d{1,3} \w+|há \d{1,3} \w+)$",
    re.IGNORECASE,
)
# "Hybrid remote in Austin, TX", "Remote in Canada": a work model and where it applies.
_MODEL_IN = re.compile(
    r"^(?P<model>hybrid(?: remote| work)?|remote|on-?site|in[- ]person)\s+in\s+(?P<place>.{2,80})$",
    re.IGNORECASE,
)
# "Lisbon, Portugal (Hybrid)": a place with the work model after it.
_PLACE_MODEL = re.compile(r"^(?P<place>.{2,80}?)\s*\((?P<model>remote|hybrid|on-?site)\)$", re.I)
_COUNTRIES = {"united states", "usa", "us", "united kingdom", "uk", "canada", "germany", "india"}
_MODEL_PREFIX = re.compile(r"^(remote|hybrid|on-?site)\b\s*[-–(,:]", re.IGNORECASE)
_PARTS = re.compile(r"\s*[·|•]\s*")
_SEPARATORS = " -–—,|·•"


def salary_of(line: str, *, labelled: bool = False) -> Salary | None:
    """The salary a line states (see core.money.find_salary), as the document's Salary."""
    found = find_salary(line, labelled=labelled)
    if found is None:
        return None
    return Salary(
        min=found.min, max=found.max, currency=found.currency, period=found.period, text=found.text
    )


def work_model_of(text: str) -> str | None:
    key = text.strip().lower().rstrip(".")
    return WORK_MODELS.get(key)


def employment_type_of(text: str) -> str | None:
    """The employment type of a chip ("Full time"), or of a list of them ("Part-time,
    Contract" -> "Part-time, Contract"); None when any part is not one."""
    key = text.strip().lower().rstrip(".")
    if key in EMPLOYMENT_TYPES:
        return EMPLOYMENT_TYPES[key]
    parts = [p.strip() for p in re.split(r"\s*(?:,|/|&|\band\b)\s*", key) if p.strip()]
    if len(parts) < 2 or any(p not in EMPLOYMENT_TYPES for p in parts):
        return None
    kinds: list[str] = []
    for part in parts:
        if EMPLOYMENT_TYPES[part] not in kinds:
            kinds.append(EMPLOYMENT_TYPES[part])
    return ", ".join(kinds)


def looks_like_place_name(text: str) -> bool:
    """A short capitalised name with no role word ("Leipzig", "Melbourne VIC")."""
    return len(text) <= 40 and bool(_PLACE_NAME.match(text)) and not ROLE_WORDS.search(text)


def _model_prefix(text: str) -> str | None:
    match = _MODEL_PREFIX.match(text)
    return None if match is None else WORK_MODELS[match[1].lower()]


_GLUED_PLACE = re.compile(r"^(?P<name>.{2,60}?[a-z])(?P<place>[A-Z][\w.' -]{1,40},.{2,40})$")


def _unglue_place(part: str) -> list[str]:
    """A name with a place glued to it by a textContent copy ("Acme AnalyticsAustin, TX 78701")
    as two parts; any other part as it is."""
    match = _GLUED_PLACE.match(part) if len(part) <= 120 else None
    if match is None or " " in match["name"][-1:] or not looks_like_location(match["place"]):
        return [part]
    return [match["name"], match["place"]]


def looks_like_location(text: str) -> bool:
    if len(text) > 80 or ROLE_WORDS.search(text):
        return False
    return bool(_LOCATION.match(text)) or text.lower() in _COUNTRIES


@dataclass
class IntroFields:
    """What the intro lines told; ``unplaced`` are the lines none of the rules recognised."""

    location: str | None = None
    work_model: str | None = None
    employment_type: str | None = None
    salary: Salary | None = None
    posted: str | None = None
    industries: tuple[str, ...] = ()
    prose: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)

    def take(self, line: str) -> bool:
        """Place one line (a "·"-separated line part by part); False when nothing fit.

        Parts of a partly placed line that fit nowhere are kept in ``leftovers`` for the caller
        (the plain-text reader finds a company there, the board reader warns about them).
        """
        self.leftovers = []
        parts = [p for p in _PARTS.split(line) if p] if len(line) <= 200 else [line]
        parts = [piece for part in parts for piece in _unglue_place(part)]
        placed = [self._take_part(part) for part in parts]
        if not any(placed):
            return False
        self.leftovers = [p for p, ok in zip(parts, placed, strict=True) if not ok]
        return True

    def _take_part(self, part: str) -> bool:
        if _APPLICANTS.match(part):
            return True  # board chrome inside a header line ("86 applicants")
        if len(part) <= 60 and _AGE_PART.match(part):
            self.posted = self.posted or part
            return True
        if (model := work_model_of(part)) is not None:
            self.work_model = self.work_model or model
            return True
        if len(part) <= 60 and (model := _model_prefix(part)) is not None:
            # "Remote - US", "Hybrid (New York, NY)": the work model with where it applies.
            self.work_model = self.work_model or model
            self.location = self.location or part
            return True
        if (match := _MODEL_IN.match(part)) is not None:
            self.work_model = self.work_model or work_model_of(match["model"].split()[0])
            self.location = self.location or match["place"]
            return True
        if (match := _PLACE_MODEL.match(part)) is not None and looks_like_location(match["place"]):
            self.work_model = self.work_model or work_model_of(match["model"])
            self.location = self.location or match["place"]
            return True
        if (kind := employment_type_of(part)) is not None:
            self.employment_type = self.employment_type or kind
            return True
        if len(part) <= 120 and (salary := salary_of(part)) is not None and not part.endswith("."):
            self.salary = self.salary or salary
            # "$38 - $52 an hour - Part-time, Contract", "Hybrid work$95,000 - $120,000 a year":
            # what stands beside the pay is a chip of its own.
            before, _, after = part.partition(salary.text or "")
            for rest in (before, after):
                rest = rest.strip(_SEPARATORS)
                rest = re.sub(r"^(?:an?|per) (?:hour|year|month|week|day)\b", "", rest)
                rest = rest.strip(_SEPARATORS)
                if rest and rest != part:
                    self._take_part(rest)
            return True
        if not self.industries and not part.endswith(".") and not ROLE_WORDS.search(part):
            chips = split_chips(part)
            if chips and known_share(chips) >= 0.6:
                self.industries = chips
                return True
        if looks_like_location(part) and self.location is None:
            self.location = part
            return True
        return False

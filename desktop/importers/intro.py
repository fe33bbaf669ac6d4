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
}  # fmt: skip
EMPLOYMENT_TYPES = {
    "full-time": "Full-time", "full time": "Full-time", "fulltime": "Full-time",
    "part-time": "Part-time", "part time": "Part-time", "contract": "Contract",
    "contractor": "Contract", "contract to hire": "Contract", "temporary": "Temporary",
    "temp": "Temporary", "internship": "Internship", "intern": "Internship",
    "freelance": "Freelance", "permanent": "Full-time", "seasonal": "Seasonal",
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
_LOCATION = re.compile(rf"^{_PLACE}(?:, ?{_PLACE}){{1,3}}$")
_COUNTRIES = {"united states", "usa", "us", "united kingdom", "uk", "canada", "germany", "india"}
_MODEL_PREFIX = re.compile(r"^(remote|hybrid|on-?site)\b\s*[-–(,:]", re.IGNORECASE)
_PARTS = re.compile(r"\s*[·|•]\s*")


def salary_of(line: str) -> Salary | None:
    found = find_salary(line)
    if found is None:
        return None
    return Salary(
        min=found.min, max=found.max, currency=found.currency, period=found.period, text=found.text
    )


def work_model_of(text: str) -> str | None:
    key = text.strip().lower().rstrip(".")
    return WORK_MODELS.get(key)


def employment_type_of(text: str) -> str | None:
    key = text.strip().lower().rstrip(".")
    return EMPLOYMENT_TYPES.get(key)


def _model_prefix(text: str) -> str | None:
    match = _MODEL_PREFIX.match(text)
    return None if match is None else WORK_MODELS[match[1].lower()]


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
        placed = [self._take_part(part) for part in parts]
        if not any(placed):
            return False
        self.leftovers = [p for p, ok in zip(parts, placed, strict=True) if not ok]
        return True

    def _take_part(self, part: str) -> bool:
        if (model := work_model_of(part)) is not None:
            self.work_model = self.work_model or model
            return True
        if len(part) <= 60 and (model := _model_prefix(part)) is not None:
            # "Remote - US", "Hybrid (New York, NY)": the work model with where it applies.
            self.work_model = self.work_model or model
            self.location = self.location or part
            return True
        if (kind := employment_type_of(part)) is not None:
            self.employment_type = self.employment_type or kind
            return True
        if len(part) <= 120 and (salary := salary_of(part)) is not None and not part.endswith("."):
            self.salary = self.salary or salary
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

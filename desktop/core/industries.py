"""Industry names job boards put on a posting as chips, and splitting chips glued together on copy.

Copying a board page loses the gaps between chips:
"Artificial Intelligence (AI)DeliveryE-CommerceRetail".
Case boundaries alone split "E-Commerce" wrongly and "FinTech" in two, so known names come first and
case boundaries are only the fallback for names the vocabulary lacks.
"""

from __future__ import annotations

import re

INDUSTRIES: tuple[str, ...] = (
    "3D Printing", "Accounting", "Ad Network", "Advertising", "Advertising Platforms",
    "Aerospace", "AgTech", "Agriculture", "Analytics", "Apps", "Architecture",
    "Artificial Intelligence (AI)", "Artificial Intelligence", "Augmented Reality", "Automotive",
    "Autonomous Vehicles", "B2B", "B2C", "Banking", "Big Data", "Biotechnology", "Blockchain",
    "Broadcasting", "Business Intelligence", "Cannabis", "Chemical", "Civil Engineering",
    "Clean Energy", "CleanTech", "Cloud Computing", "Cloud Data Services", "Cloud Infrastructure",
    "Cloud Security", "Cloud Storage", "Collaboration", "Commercial Real Estate", "Communities",
    "Computer", "Computer Vision", "Consulting", "Construction", "Consumer", "Consumer Electronics",
    "Consumer Goods", "Content", "CRM", "Crowdfunding", "Cryptocurrency", "Customer Service",
    "Cyber Security", "Cybersecurity", "Data Center", "Data Integration", "Data Management",
    "Data Mining", "Data Storage", "Data Visualization", "Database", "Defense", "Delivery",
    "Developer APIs", "Developer Platform", "Developer Tools", "Digital Marketing", "Digital Media",
    "E-Commerce", "E-Learning", "EdTech", "Education", "Electric Vehicle", "Electronics",
    "Energy", "Energy Storage", "Enterprise", "Enterprise Software", "Entertainment",
    "Environmental Consulting", "Events", "Fashion", "Finance", "Financial Services", "FinTech",
    "Fitness", "Food and Beverage", "Food Delivery", "Gaming", "Generative AI", "Government",
    "GovTech", "Hardware", "Health Care", "Healthcare", "Health Diagnostics", "Hospital",
    "Hospitality", "Human Resources", "Identity Management", "Industrial", "Industrial Automation",
    "Information Services", "Information Technology", "Infrastructure", "Insurance", "InsurTech",
    "Internet", "Internet of Things", "IT Infrastructure", "IT Management", "Legal", "LegalTech",
    "Lending", "Life Science", "Logistics", "Machine Learning", "Management Consulting",
    "Manufacturing", "Marketing", "Marketing Automation", "Marketplace", "Media and Entertainment",
    "Medical", "Medical Device", "MedTech", "Mobile", "Mobile Apps", "Natural Language Processing",
    "Network Security", "Networking", "Non Profit", "Oil and Gas", "Online Portals", "Open Source",
    "Payments", "Personal Finance", "Pharmaceutical", "Platform", "PropTech", "Public Relations",
    "Publishing", "Quantum Computing", "Real Estate", "Recruiting", "Renewable Energy",
    "Restaurants", "Retail", "Retail Technology", "Robotics", "SaaS", "Sales", "Sales Automation",
    "Security", "Semiconductor", "Shipping", "Social Media", "Social Network", "Software",
    "Software Engineering", "Space Travel", "Sports", "Staffing Agency", "Supply Chain Management",
    "Sustainability", "Telecommunications", "Test and Measurement", "Transportation", "Travel",
    "Venture Capital", "Video", "Video Games", "Virtual Reality", "Wealth Management",
    "Web Development", "Web3", "Wellness", "Wireless",
)  # fmt: skip

_LONGEST_FIRST = sorted(INDUSTRIES, key=len, reverse=True)
# Where a glued run of unknown words breaks: a lower-case letter or ")" directly before a capital.
_CASE_BREAK = re.compile(r"(?<=[a-z)])(?=[A-Z])")
MAX_CHIP_LINE = 400


def _known_at(text: str, pos: int) -> str | None:
    """The longest vocabulary name starting at pos that ends where a chip can end."""
    for name in _LONGEST_FIRST:
        if text.startswith(name, pos):
            end = pos + len(name)
            # "Artificial Intelligence" must not claim the start of "Artificial Intelligence (AI)",
            # and "Software" must not claim the start of "Softwares": a chip ends at the text's
            # end, at a space, or where the next chip's capital or digit starts.
            if end == len(text) or text[end] == " " or text[end].isupper() or text[end].isdigit():
                return name
    return None


def split_chips(line: str) -> tuple[str, ...]:
    """Split a line of glued (or space-separated) industry chips into names, in source order."""
    line = line.strip()
    if not line or len(line) > MAX_CHIP_LINE:
        return (line,) if line else ()
    chips: list[str] = []
    unknown_start: int | None = None
    pos = 0

    def flush_unknown(end: int) -> None:
        nonlocal unknown_start
        if unknown_start is not None:
            chunk = line[unknown_start:end].strip()
            chips.extend(part.strip() for part in _CASE_BREAK.split(chunk) if part.strip())
            unknown_start = None

    while pos < len(line):
        # Only try the vocabulary where a chip can start: the line start, after a space, or at a
        # capital glued to the previous chip.
        boundary = pos == 0 or line[pos - 1] == " " or (line[pos].isupper() or line[pos].isdigit())
        name = _known_at(line, pos) if boundary else None
        if name is not None:
            flush_unknown(pos)
            chips.append(name)
            pos += len(name)
            while pos < len(line) and line[pos] in " ,;|·":
                pos += 1
            continue
        if unknown_start is None:
            unknown_start = pos
        pos += 1
    flush_unknown(len(line))
    return tuple(chips)


def known_share(chips: tuple[str, ...]) -> float:
    """The share of chips the vocabulary knows: tells a chip line from a line of prose."""
    if not chips:
        return 0.0
    known = set(INDUSTRIES)
    return sum(chip in known for chip in chips) / len(chips)

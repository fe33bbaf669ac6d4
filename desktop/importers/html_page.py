"""Reader for HTML pages: schema.org JobPosting as JSON-LD, microdata or RDFa (via extruct), else
the page's visible text through the plain-text reader.

Nothing is fetched: extruct's JSON-LD reader only parses the script's JSON (it never resolves a
remote ``@context``), microdata is read from the tree, and the RDFa reader runs with vocabulary
expansion off, so pyRdfa has no reason to go online. tests/importers/test_html_page.py checks that
with the network blocked.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import lxml.html

from desktop.core.dates import aware
from desktop.core.posting import PostingDocument
from desktop.core.text import safe_link
from desktop.importers import plain_text
from desktop.importers.html_text import fragment_text, parse, text_of
from desktop.importers.intro import IntroFields
from desktop.importers.lines import split_lines
from desktop.importers.profiles import html_chrome_words
from desktop.importers.result import ImportRefused, ReadResult
from desktop.importers.sanitize import sanitize_document
from desktop.importers.schema_org import to_document

_SCHEMA = re.compile(r"^(?:https?://schema\.org/|schema:)", re.IGNORECASE)
# RDFa is slow to extract (pyRdfa builds an RDF graph), so it only runs when the page has
# RDFa attributes at all.
_RDFA_HINT = re.compile(r"(?:typeof|property|vocab)\s+=")  # the rarer spaced form
_SYNTAX_HINTS = (
    ("json-ld", ("application/ld+json",)),
    ("microdata", ("itemscope", "itemtype", "itemprop")),
    ("rdfa", ("typeof=", "property=", "vocab=")),
)
_JSON_LD_SCRIPT = re.compile(
    r"<script\b[^>]*?type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_CANONICAL = re.compile(
    r"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>"
    r"|<meta\b[^>]*\bproperty\s*=\s*[\"']?og:url[\"']?[^>]*>",
    re.IGNORECASE,
)
_LINK_TARGET = re.compile(r"\b(?:href|content)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_H1 = re.compile(r"<h1\b", re.IGNORECASE)
# How much of the page after its <h1> holds the facts shown beside the title.
_FACTS_SPAN = 8000
# The facts beside a page's title sit in its first lines; a work model further down is prose.
_VISIBLE_FACT_LINES = 60
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|div|p|span|ul|ol|li|h[1-6]|section|article|table"
    r"|script|br|a|b|strong|em|i|title|style|link|main|header)\b",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Whether the text is HTML: it starts with a tag, and a common HTML tag appears early."""
    head = text.lstrip()[:4096]
    return head.startswith("<") and _HTML_START.search(head) is not None


def _short(name: Any) -> str:
    return _SCHEMA.sub("", name) if isinstance(name, str) else ""


def _is_job_posting(item: Mapping[str, Any]) -> bool:
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(_short(t) == "JobPosting" for t in types)


def _walk(value: Any, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    """Every object in a JSON-LD value (postings can sit in @graph or inside a WebPage)."""
    if depth > 20:
        return
    if isinstance(value, Mapping):
        yield value
        for child in value.values():
            yield from _walk(child, depth + 1)
    elif isinstance(value, list):
        for child in value:
            yield from _walk(child, depth + 1)


def _from_rdfa(nodes: list[Any]) -> list[dict[str, Any]]:
    """RDFa comes out as expanded JSON-LD (full IRIs, values in @value lists, links by @id):
    turn it back into the plain nested dictionaries the mapping reads."""
    by_id = {n.get("@id"): n for n in nodes if isinstance(n, Mapping)}

    def plain(node: Mapping[str, Any], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": [_short(t) for t in node.get("@type", [])]}
        for key, vals in node.items():
            if key.startswith("@"):
                continue
            converted = []
            for v in vals if isinstance(vals, list) else [vals]:
                if isinstance(v, Mapping) and "@value" in v:
                    converted.append(v["@value"])
                elif isinstance(v, Mapping) and "@id" in v:
                    target = by_id.get(v["@id"])
                    if target is not None and depth < 10:
                        converted.append(plain(target, depth + 1))
                    else:
                        converted.append(v["@id"])
            out[_short(key)] = converted[0] if len(converted) == 1 else converted
        return out

    return [plain(n, 0) for n in nodes if isinstance(n, Mapping) and _is_job_posting(n)]


def _json_ld_fast(markup: str) -> list[Any] | None:
    """The page's JSON-LD blocks parsed straight from their script tags, or None when one does
    not parse as strict JSON (extruct's lenient reader then takes over). Parsing the whole page
    with extruct costs about 150 ms for a 1 MB page; this costs a regex scan."""
    blocks = []
    for match in _JSON_LD_SCRIPT.finditer(markup):
        body = match[1].strip()
        if body.startswith("<!--"):
            body = body[4:].rsplit("-->", 1)[0]
        try:
            blocks.append(json.loads(body))
        except (ValueError, RecursionError):
            return None
    return blocks


def _extract(markup: str, warnings: list[str]) -> tuple[str, list[Mapping[str, Any]]]:
    """(source_format, JobPosting objects) from the first syntax that has any.

    Each syntax is only looked for when the page has its markers, so a page without structured
    data never pays for extruct (and rdflib under it).
    """
    # Plain substring tests on the lower-cased page: a case-insensitive regex with a word
    # boundary takes 100+ ms on a 1 MB page, these a few.
    lowered = markup.lower()
    syntaxes = [
        syntax
        for syntax, hints in _SYNTAX_HINTS
        if any(hint in lowered for hint in hints)
        or (syntax == "rdfa" and _RDFA_HINT.search(lowered))
    ]
    for syntax in syntaxes:
        if syntax == "json-ld" and (fast := _json_ld_fast(markup)) is not None:
            postings = [item for item in _walk(fast) if _is_job_posting(item)]
            if postings:
                return syntax, postings
            continue
        try:
            import extruct  # deferred: it pulls in rdflib, 0.2 s of every start-up otherwise

            data = extruct.extract(markup, syntaxes=[syntax], uniform=syntax != "rdfa")
        except Exception as error:  # extruct and pyRdfa raise many kinds on broken markup
            warnings.append(f"the page's {syntax} data could not be read ({type(error).__name__})")
            continue
        items = data.get(syntax, [])
        if syntax == "rdfa":
            postings = _from_rdfa(items)
        else:
            postings = [item for item in _walk(items) if _is_job_posting(item)]
        if postings:
            return syntax, postings
    return "", []


def _rdfa_description(markup: str) -> str | None:
    root = parse(markup)
    if root is None:
        return None
    found = root.xpath("//*[@property='description' or @property='schema:description']")
    if not found:
        return None
    return lxml.html.tostring(found[0], encoding="unicode")


class _PageFacts:
    """What the visible page says beside its structured data: its own address (the canonical
    link or og:url) and the work model shown near the title ("Hybrid (3 days in office)")."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def complete(self, doc: PostingDocument) -> PostingDocument:
        changes: dict[str, Any] = {}
        if doc.url is None:
            # The canonical link and og:url sit in the page's head, near its start.
            for tag in _CANONICAL.finditer(self.markup[:200_000]):
                target = _LINK_TARGET.search(tag[0])
                if target is None:
                    continue
                url = safe_link(html.unescape(next(g for g in target.groups() if g is not None)))
                if url is not None:
                    changes["url"] = url
                    break
        if doc.work_model is None and (h1 := _H1.search(self.markup)) is not None:
            # Only the lines right after the title: a work model further down is prose.
            near_title = fragment_text(self.markup[h1.start() : h1.start() + _FACTS_SPAN])
            intro = IntroFields()
            for line in split_lines(near_title)[:_VISIBLE_FACT_LINES]:
                if line and len(line) <= 200:
                    intro.take(line)
                if intro.work_model is not None:
                    changes["work_model"] = intro.work_model
                    break
        return doc.with_changes(**changes) if changes else doc


_NAME_SPLIT = re.compile(r"[\s_]+")
_WORD_SPLIT = re.compile(r"[\s_-]+")


def drop_page_chrome(root: lxml.html.HtmlElement) -> None:
    """Remove a saved page's chrome before its text is read: elements whose id or class names
    a login panel, a menu, a cookie banner or "Similar jobs" (profiles/any.toml), unless they
    hold the page's main heading or its main element."""
    words = html_chrome_words()
    keep = set()
    for main in root.xpath("(//h1)[1] | //main | //article | //*[@role='main']"):
        keep.update(main.iterancestors())
        keep.add(main)
    doomed = []
    for element in root.xpath("//*[@id or @class]"):
        if element in keep:
            continue
        names = f"{element.get('id', '')} {element.get('class', '')}".lower()
        tokens = set(_NAME_SPLIT.split(names)) | set(_WORD_SPLIT.split(names))
        if not tokens.isdisjoint(words):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def read(markup: str, *, captured_at: datetime) -> list[ReadResult]:
    """The postings on an HTML page; raises ImportRefused when it holds none."""
    captured_at = aware(captured_at)
    warnings: list[str] = []
    source_format, postings = _extract(markup, warnings)
    if source_format == "rdfa" and len(postings) == 1:
        # An RDFa literal loses the description's markup (its lists run together), so read the
        # description from the page's own element instead.
        html_description = _rdfa_description(markup)
        if html_description:
            postings = [{**postings[0], "description": html_description}]
    results = []
    page = _PageFacts(markup) if postings else None
    for posting in postings:
        # One posting keeps the page as its raw; of many, each keeps its own node.
        raw = markup if len(postings) == 1 else json.dumps(posting, ensure_ascii=False)
        doc = to_document(posting, raw=raw, source_format=source_format, captured_at=captured_at)
        if doc.title is None:
            warnings.append("a JobPosting on the page has no title; its text was read instead")
            continue
        if page is not None and len(postings) == 1:
            doc = page.complete(doc)
        results.append(ReadResult(sanitize_document(doc), tuple(warnings)))
    if results:
        return results
    root = parse(markup)
    if root is None:
        raise ImportRefused("the HTML page has no text")
    page_title = root.findtext(".//title")
    drop_page_chrome(root)
    visible = text_of(root, page=True)
    result = plain_text.read(visible, captured_at=captured_at, page_title=page_title)
    doc = _PageFacts(markup).complete(result.document.with_changes(raw=markup))
    return [ReadResult(doc, (*warnings, *result.warnings))]

"""The search workload: 50 varied Dutch queries, and the ripgrep command a user would run instead.

Kinds: common and rare single words, accented words and their unaccented
spelling (the index folds diacritics), quoted phrases, prefixes, several words
(all must occur), type-ahead (last word as prefix), and filters on theme and
year. ``--quick`` runs the first QUICK_QUERIES of them, which cover every kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUICK_QUERIES = 15


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    themes: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    prefix_last: bool = False

    def kwargs(self) -> dict:
        kw: dict = {}
        if self.themes:
            kw["themes"] = list(self.themes)
        if self.year_from is not None:
            kw["year_from"] = self.year_from
        if self.year_to is not None:
            kw["year_to"] = self.year_to
        if self.prefix_last:
            kw["prefix_last"] = True
        return kw


QUERIES: tuple[Query, ...] = (
    # The first QUICK_QUERIES cover every kind.
    Query("dreiging", "word, very common"),
    Query("accelerationisme", "word, rare"),
    Query("reële", "accented"),
    Query("Oekraine", "unaccented spelling of an accented word"),
    Query('"het dreigingsniveau"', "phrase"),
    Query("radical*", "prefix"),
    Query("politie gemeente", "several words"),
    Query("jihadistische netw", "type-ahead", prefix_last=True),
    Query("aanslag", "theme filter", themes=("jihadisme",)),
    Query("dreiging", "year filter", year_from=2010, year_to=2012),
    Query("de dreiging", "several words with a stop word"),
    Query("terrorismebestrijding", "compound"),
    Query("coördinatie", "accented"),
    Query('"online radicalisering"', "phrase, rare"),
    Query("ve*", "short prefix"),
    # The rest.
    Query("aanslag", "word, common"),
    Query("radicalisering", "word"),
    Query("polarisatie", "word"),
    Query("jihadisme", "word"),
    Query("wijkagent", "word"),
    Query("casusoverleg", "word"),
    Query("reclassering", "word"),
    Query("soeverein", "word"),
    Query("sabotage", "word"),
    Query("synagoge", "word"),
    Query("Sahel", "word, rare"),
    Query("energiecentrum", "compound, rare"),
    Query("spooroefening", "compound, rare"),
    Query("geïsoleerde", "accented"),
    Query("geisoleerde", "unaccented spelling of an accented word"),
    Query("ideeën", "accented"),
    Query("Belgie", "unaccented spelling of an accented word"),
    Query("beïnvloedt", "accented"),
    Query('"de jihadistische dreiging"', "phrase, three words"),
    Query('"sociale media"', "phrase (words of a heading)"),
    Query("jihad*", "prefix"),
    Query("extrem*", "prefix"),
    Query("coörd*", "accented prefix"),
    Query("pol*", "short prefix"),
    Query("aanslag festival", "several words"),
    Query("wapen handleiding", "several words"),
    Query("propaganda platform video", "three words"),
    Query("netwerk verdachte aanhouding", "three words"),
    Query("online radicaliser", "type-ahead", prefix_last=True),
    Query("dreigingsni", "type-ahead", prefix_last=True),
    Query("video", "theme filter", themes=("online-radicalisering",)),
    Query("gedetineerde", "theme filter", themes=("detentie", "weerbaarheid")),
    Query("Oekraïne", "year filter", year_from=2020),
    Query("aanslag", "theme and year filter", themes=("jihadisme",), year_from=2015, year_to=2018),
    Query("kwetsbare jongere", "several words, year filter", year_to=2008),
)
assert len(QUERIES) == 50


def rg_args(query: Query) -> list[str]:
    """ripgrep arguments (without the folder) that find the files this query is about.

    What a user would type: each word as written (ripgrep does not fold
    diacritics, so "Oekraine" misses "Oekraïne"; no character classes that
    would slow it down), phrases as literals, prefixes as a word start; and as
    ripgrep has no AND across a file, several words are searched as
    alternatives (a superset, which is less work for ripgrep, not more).
    Filters become globs on the exported tree (``<date>-<id>/<nn>-<theme>.md``;
    a theme filter only sees a chapter's first theme).
    """
    text = query.text
    args = ["--no-config", "--files-with-matches", "--ignore-case"]
    patterns: list[str] = []
    for phrase in re.findall(r'"([^"]*)"', text):
        words = re.findall(r"\w+", phrase)
        patterns.append(r"\b" + " ".join(re.escape(w) for w in words) + r"\b")
    rest = re.sub(r'"[^"]*"', " ", text)
    tokens = re.findall(r"\w+\*?", rest)
    for i, token in enumerate(tokens):
        prefix = token.endswith("*") or (query.prefix_last and i == len(tokens) - 1)
        word = token.rstrip("*")
        patterns.append(r"\b" + re.escape(word) + ("" if prefix else r"\b"))
    for pattern in patterns:
        args += ["-e", pattern]
    if query.year_from is not None or query.year_to is not None:
        low = query.year_from if query.year_from is not None else 1900
        high = query.year_to if query.year_to is not None else 2100
        for year in range(low, high + 1):
            args += ["--glob", f"**/{year}-*/*.md"]
    for theme in query.themes:
        args += ["--glob", f"*-{theme}.md"]
    return args

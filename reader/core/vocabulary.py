"""Controlled vocabularies: threat-level scales and chapter themes.

Levels are stored with their label and scale, never as a bare number:
until July 2016 the scale had four levels and "substantieel" was 3 of 4;
since then it has five and "substantieel" is 4 of 5.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    id: str
    name: str
    labels: tuple[str, ...]  # index 0 is level 1

    @property
    def max(self) -> int:
        return len(self.labels)

    def label(self, value: int) -> str:
        return self.labels[value - 1]


SCALES: dict[str, Scale] = {
    "dtn-4": Scale("dtn-4", "Vier niveaus (2005-2016)", ("Minimaal", "Beperkt", "Substantieel", "Kritiek")),
    "dtn-5": Scale(
        "dtn-5",
        "Vijf niveaus (sinds juli 2016)",
        ("Minimaal", "Beperkt", "Aanzienlijk", "Substantieel", "Kritiek"),
    ),
}

# One-line meanings by label (paraphrased, not official wording).
LEVEL_MEANINGS: dict[str, str] = {
    "Minimaal": "Een aanslag is onwaarschijnlijk.",
    "Beperkt": "Er is een kleine kans op een aanslag.",
    "Aanzienlijk": "Een aanslag is voorstelbaar.",
    "Substantieel": "De kans op een aanslag is reëel.",
    "Kritiek": "Er zijn zeer concrete aanwijzingen voor een aanslag.",
}

LEVEL_MEANINGS_EN: dict[str, str] = {
    "Minimaal": "An attack is unlikely.",
    "Beperkt": "There is a small chance of an attack.",
    "Aanzienlijk": "An attack is conceivable.",
    "Substantieel": "The chance of an attack is real.",
    "Kritiek": "There are very concrete indications of an attack.",
}

LEVEL_LABELS_EN: dict[str, str] = {
    "Minimaal": "Minimal",
    "Beperkt": "Limited",
    "Aanzienlijk": "Significant",
    "Substantieel": "Substantial",
    "Kritiek": "Critical",
}


def severity(value: int, scale_id: str) -> float:
    """Position of a level on a common 0..1 axis, so both scales can share a chart."""
    scale = SCALES[scale_id]
    return (value - 1) / (scale.max - 1)


# The scale every level is placed on to compare them: the five-level scale, whose words
# include every word of the old four-level one.
COMMON_SCALE = "dtn-5"


def level_rank(value: int, label: str, scale_id: str) -> float:
    """A level's place on the common five-level scale (1..5), by its word: the old
    four-level "Substantieel" (3 of 4) and the new one (4 of 5) are the same level. An
    unknown word falls back to the level's severity on that axis. The one rule of "the
    same level on both scales" (Compare's direction, the level chart's rows)."""
    axis = SCALES[COMMON_SCALE]
    if scale_id == COMMON_SCALE:
        return float(value)
    if label in axis.labels:
        return float(axis.labels.index(label) + 1)
    if scale_id not in SCALES or SCALES[scale_id].max < 2:
        return float(value)
    return 1.0 + severity(value, scale_id) * (axis.max - 1)


# Theme id -> (Dutch name, English name). Chapters may only use these ids.
THEMES: dict[str, tuple[str, str]] = {
    "dreigingsniveau": ("Dreigingsniveau", "Threat level"),
    "jihadisme": ("Jihadisme", "Jihadism"),
    "uitreizigers": ("Uitreizigers en terugkeerders", "Foreign fighters and returnees"),
    "rechts-extremisme": ("Rechts-extremisme en -terrorisme", "Right-wing extremism and terrorism"),
    "anti-institutioneel-extremisme": ("Anti-institutioneel extremisme", "Anti-institutional extremism"),
    "links-extremisme": ("Links-extremisme", "Left-wing extremism"),
    "online-radicalisering": ("Online radicalisering", "Online radicalisation"),
    "eenlingen": ("Eenlingen", "Lone actors"),
    "minderjarigen": ("Jonge daders", "Young perpetrators"),
    "detentie": ("Detentie en re-integratie", "Detention and reintegration"),
    "polarisatie": ("Polarisatie", "Polarisation"),
    "internationaal": ("Internationale ontwikkelingen", "International developments"),
    "weerbaarheid": ("Aanpak en weerbaarheid", "Approach and resilience"),
}

PRIORITIES: tuple[str, ...] = ("hoog", "middel", "laag")
PRIORITY_NAMES_EN: dict[str, str] = {"hoog": "high", "middel": "medium", "laag": "low"}

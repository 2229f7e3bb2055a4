"""Dutch-like text for the synthetic library: a vocabulary, sentence templates and a seeded generator.

The words follow a Zipf-like frequency (a few very common, a long tail of rare
compounds), like real prose, so the search index has realistic posting lists:
some words occur in every chapter, many in only a few.
"""

from __future__ import annotations

import random
from itertools import accumulate

DETERMINERS = ("de", "het", "een", "deze", "die", "dit", "elke", "geen", "hun", "onze")
PREPOSITIONS = ("in", "op", "met", "voor", "door", "bij", "naar", "over", "tegen", "zonder", "na", "rond", "tijdens", "binnen", "buiten")
CONJUNCTIONS = ("en", "maar", "omdat", "terwijl", "hoewel", "zodat", "want", "of", "dus", "toch")
ADVERBS = (
    "vaak", "soms", "nog", "steeds", "opnieuw", "vooral", "ook", "wel", "niet", "zelden", "snel", "langzaam",
    "duidelijk", "nauwelijks", "tegelijk", "inmiddels", "bovendien", "daarnaast", "echter", "mogelijk",
)
NOUNS = (
    "dreiging", "aanslag", "dreigingsniveau", "netwerk", "jongere", "dader", "verdachte", "gemeente", "politie",
    "overheid", "samenleving", "ideologie", "propaganda", "beweging", "organisatie", "aanhanger", "groep",
    "extremist", "terrorist", "eenling", "signaal", "casusoverleg", "toezicht", "wijkagent", "school", "ouder",
    "platform", "chatgroep", "video", "oproep", "conflict", "oorlog", "regio", "grens", "reiziger",
    "uitreiziger", "terugkeerder", "gedetineerde", "gevangenis", "reclassering", "rechter", "rechtbank",
    "officier", "minister", "ministerie", "burgemeester", "ambtenaar", "journalist", "wetenschapper",
    "bestuurder", "evenement", "festival", "station", "luchthaven", "haven", "infrastructuur", "sabotage",
    "wapen", "mes", "voertuig", "explosief", "vuurwapen", "handleiding", "financiering", "geldstroom",
    "inlichtingendienst", "veiligheidsdienst", "partner", "aanpak", "weerbaarheid", "preventie", "interventie",
    "radicalisering", "polarisatie", "onrust", "spanning", "demonstratie", "protest", "intimidatie",
    "bedreiging", "vernieling", "complot", "elite", "soeverein", "accelerationisme", "jihadisme",
    "rechts-extremisme", "links-extremisme", "moskee", "synagoge", "kerk", "gemeenschap", "minderheid",
    "identiteit", "onrecht", "frustratie", "perspectief", "woning", "werk", "begeleiding", "hulpverlening",
    "zorg", "jeugdwerk", "onderwijs", "docent", "leerling", "student", "universiteit", "onderzoek", "rapport",
    "analyse", "inschatting", "ontwikkeling", "trend", "patroon", "periode", "halfjaar", "maand", "week",
    "informatie", "gegeven", "melding", "aangifte", "arrestatie", "aanhouding", "veroordeling", "straf",
    "maatregel", "voorwaarde", "vrijlating", "terugkeer", "re-integratie", "ideeën", "coördinatie",
    "financiële", "privacy", "café", "België", "Duitsland", "Frankrijk", "Oostenrijk", "Oekraïne", "Syrië",
    "Irak", "Afghanistan", "Europa", "Nederland", "Midden-Oosten", "Gaza", "Israël", "Rusland", "Sahel",
)
ADJECTIVES = (
    "jihadistische", "rechts-extremistische", "links-extremistische", "anti-institutionele", "terroristische",
    "extremistische", "gewelddadige", "online", "lokale", "internationale", "Europese", "Nederlandse",
    "jonge", "minderjarige", "kwetsbare", "geïsoleerde", "besloten", "openbare", "grote", "kleine", "nieuwe",
    "oude", "belangrijke", "concrete", "voorstelbare", "reële", "aanzienlijke", "substantiële", "beperkte",
    "kritieke", "verhoogde", "verlaagde", "blijvende", "tijdelijke", "zichtbare", "onzichtbare", "digitale",
    "fysieke", "sociale", "religieuze", "politieke", "economische", "financiële", "strafrechtelijke",
    "bestuurlijke", "persoonsgerichte", "gezamenlijke", "zorgvuldige", "snelle", "moeilijke", "eenvoudige",
    "ernstige", "opvallende", "geïnterviewde", "gecoördineerde", "beëdigde", "geëscaleerde", "reëel",
)
VERBS = (
    "vormt", "blijft", "neemt", "toe", "af", "speelt", "verspreidt", "gebruikt", "zoekt", "vindt", "ziet",
    "meldt", "deelt", "bespreekt", "volgt", "verhoogt", "verlaagt", "bedreigt", "intimideert", "radicaliseert",
    "rekruteert", "financiert", "bereidt", "voor", "pleegt", "verijdelt", "houdt", "aan", "veroordeelt",
    "begeleidt", "ondersteunt", "signaleert", "analyseert", "beoordeelt", "verwacht", "benadrukt", "onderstreept",
    "creëert", "coördineert", "reageert", "verandert", "ontwikkelt", "versterkt", "verzwakt", "beïnvloedt",
)
PREFIXES = (
    "terrorisme", "dreigings", "veiligheids", "radicaliserings", "extremisme", "jeugd", "online", "gemeente",
    "politie", "inlichtingen", "informatie", "preventie", "straf", "zorg", "onderwijs", "grens", "reis",
    "wapen", "geld", "netwerk", "risico", "crisis", "nood", "toezicht", "rechts", "beleids", "bestuurs",
    "justitie", "detentie", "gevangenis", "reclasserings", "opsporings", "meldings", "media", "platform",
    "evenementen", "haven", "luchtvaart", "spoor", "energie",
)
SUFFIXES = (
    "bestrijding", "analyse", "beeld", "niveau", "beleid", "aanpak", "overleg", "dienst", "netwerk", "plan",
    "signaal", "dossier", "strategie", "onderzoek", "melding", "maatregel", "verbod", "register", "team",
    "coördinator", "partner", "informatie", "training", "protocol", "kader", "wet", "akkoord", "agenda",
    "rapportage", "evaluatie", "capaciteit", "structuur", "procedure", "functionaris", "budget", "programma",
    "scenario", "oefening", "alarm", "centrum",
)
PLACES = (
    "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda",
    "Nijmegen", "Arnhem", "Haarlem", "Enschede", "Zaanstad", "Amersfoort", "Apeldoorn", "Maastricht", "Leiden",
    "Dordrecht", "Zoetermeer", "Zwolle", "Leeuwarden", "Delft", "Venlo", "Roermond", "Heerlen", "Emmen",
    "Schiphol", "Brussel", "Antwerpen", "Parijs", "Berlijn", "Londen", "Wenen", "Stockholm", "Kopenhagen",
)
TITLE_TOPICS = (
    "Het dreigingsniveau", "Jihadisme in Europa", "Online radicalisering", "Jonge daders", "Eenlingen",
    "Rechts-extremisme", "Links-extremisme", "Anti-institutioneel extremisme", "Uitreizigers en terugkeerders",
    "Detentie en re-integratie", "Polarisatie", "Internationale ontwikkelingen", "Aanpak en weerbaarheid",
    "Financiering van terrorisme", "Vitale infrastructuur", "Evenementen en publieke ruimte",
    "Dreiging tegen bestuurders", "Sociale media en platforms", "Samenwerking met partners", "Vooruitblik",
)
TITLE_TAILS = (
    "blijft aandacht vragen", "in beweging", "na een onrustig halfjaar", "onder druk", "in beeld",
    "een nieuwe fase", "verder versnipperd", "jonger en digitaler", "zonder duidelijke structuur",
    "vraagt om samenwerking",
)
PARTNERS = (
    ("politie", "Politie"),
    ("gemeenten", "Gemeenten en burgemeesters"),
    ("ministeries", "Ministeries en rijksdiensten"),
    ("onderwijs-jeugdwerk", "Onderwijs en jeugdwerk"),
    ("online-platforms", "Online platforms"),
    ("religieuze-gemeenschappen", "Religieuze gemeenschappen"),
)
CHECKLIST_ACTIONS = (
    "Bespreek signalen van radicalisering in het lokale casusoverleg.",
    "Houd zichtbaar toezicht op drukke openbare plaatsen en stations.",
    "Betrek het dreigingsbeeld bij de vergunning van grote evenementen.",
    "Informeer medewerkers over de signalen waarop zij kunnen letten.",
    "Deel meldingen zonder vertraging met de veiligheidspartners.",
    "Oefen het draaiboek voor een aanslag met alle betrokken diensten.",
    "Verwijder terroristische inhoud binnen een uur na een melding.",
    "Zorg voor een vast aanspreekpunt voor zorgen over jongeren.",
    "Ondersteun ouders en docenten met voorlichting over online risico's.",
    "Evalueer de beveiliging van gebedshuizen samen met de gemeenschap.",
)

# Zipf exponent of the word frequencies (about 1 for natural language).
ZIPF_EXPONENT = 1.0
WORDS_PER_SENTENCE = (7, 22)
SENTENCES_PER_PARAGRAPH = (3, 7)
SENTENCE_ENDS = (".", ".", ".", ".", ".", "?", "!")


class TextGenerator:
    """Seeded Dutch-like Markdown: sentences from templates over a Zipf-weighted vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        compounds = [p + s for p in PREFIXES for s in SUFFIXES]
        # Content words ranked: the shorter lists first, so they are the more frequent.
        content = list(dict.fromkeys([*NOUNS, *ADJECTIVES, *PLACES, *compounds]))
        weights = [1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(content))]
        self._content = content
        self._content_cum = list(accumulate(weights))
        self.vocabulary = tuple(dict.fromkeys([*DETERMINERS, *PREPOSITIONS, *CONJUNCTIONS, *ADVERBS, *VERBS, *content]))

    def _words(self, k: int) -> list[str]:
        return self.rng.choices(self._content, cum_weights=self._content_cum, k=k)

    def sentence(self) -> str:
        rng = self.rng
        n = rng.randint(*WORDS_PER_SENTENCE)
        content = self._words(n)
        parts: list[str] = []
        i = 0
        while len(parts) < n:
            pattern = rng.randrange(4)
            if pattern == 0:  # det adj noun verb
                parts += [rng.choice(DETERMINERS), content[i % n], content[(i + 1) % n], rng.choice(VERBS)]
            elif pattern == 1:  # prep det noun
                parts += [rng.choice(PREPOSITIONS), rng.choice(DETERMINERS), content[i % n]]
            elif pattern == 2:  # adverb conj noun
                parts += [rng.choice(ADVERBS), rng.choice(CONJUNCTIONS), content[i % n]]
            else:
                parts += [content[i % n], rng.choice(VERBS), rng.choice(ADVERBS)]
            i += 2
        text = " ".join(parts[:n])
        return text[0].upper() + text[1:] + rng.choice(SENTENCE_ENDS)

    def paragraph(self) -> str:
        rng = self.rng
        sentences = [self.sentence() for _ in range(rng.randint(*SENTENCES_PER_PARAGRAPH))]
        if rng.random() < 0.3:
            j = rng.randrange(len(sentences))
            words = sentences[j].split(" ")
            k = rng.randrange(len(words))
            words[k] = f"**{words[k].rstrip('.?!')}**" + ("." if k == len(words) - 1 else "")
            sentences[j] = " ".join(words)
        return " ".join(sentences)

    def heading(self) -> str:
        return f"## {self.rng.choice(TITLE_TOPICS)} {self.rng.choice(TITLE_TAILS)}"

    def chapter(self, target_bytes: int, links: list[str], images: list[str]) -> str:
        """Markdown of about ``target_bytes`` bytes: paragraphs, headings, lists, a table, links, images."""
        rng = self.rng
        blocks: list[str] = []
        size = 0
        while size < target_bytes:
            r = rng.random()
            if blocks and r < 0.12:
                block = self.heading()
            elif r < 0.20:
                block = "\n".join(f"- {self.sentence()}" for _ in range(rng.randint(2, 5)))
            elif r < 0.23:
                rows = "\n".join(f"| {rng.choice(TITLE_TOPICS)} | {rng.randint(1, 5)} | {self.sentence()} |" for _ in range(3))
                block = "| Onderwerp | Niveau | Toelichting |\n|---|---|---|\n" + rows
            elif r < 0.26 and links:
                block = f"{self.sentence()} Zie ook [{rng.choice(TITLE_TOPICS).lower()}]({rng.choice(links)})."
            elif r < 0.28 and images:
                block = f"![{rng.choice(TITLE_TOPICS)}](../{rng.choice(images)})"
            else:
                block = self.paragraph()
            blocks.append(block)
            size += len(block.encode("utf-8")) + 2
        return "\n\n".join(blocks) + "\n"

    def title(self) -> str:
        return f"{self.rng.choice(TITLE_TOPICS)} {self.rng.choice(TITLE_TAILS)}"

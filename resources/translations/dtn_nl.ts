<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>AddKeyDialog</name>
    <message>
        <source>Add a trusted key</source>
        <translation>Vertrouwde sleutel toevoegen</translation>
    </message>
    <message>
        <source>Compare this fingerprint character by character with the one the publisher gave you (on paper, by phone or on their website). Add the key only if they are identical: everything it signs will be accepted as genuine.</source>
        <translation>Vergelijk deze vingerafdruk teken voor teken met de vingerafdruk die de uitgever heeft verstrekt (op papier, telefonisch of op de eigen website). Voeg de sleutel alleen toe als ze identiek zijn: alles wat ermee is ondertekend, wordt als echt geaccepteerd.</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Sleutel-ID</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Vingerafdruk</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>as it appears on its editions, e.g. NCTV</source>
        <translation>zoals op de edities, bijv. NCTV</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <source>Fingerprint in groups, to read aloud</source>
        <translation>Vingerafdruk in groepjes, om voor te lezen</translation>
    </message>
    <message>
        <source>I have compared the fingerprint and it is identical</source>
        <translation>Ik heb de vingerafdruk vergeleken en deze is identiek</translation>
    </message>
    <message>
        <source>Key ID:</source>
        <translation>Sleutel-ID:</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Vingerafdruk:</translation>
    </message>
    <message>
        <source>To read aloud:</source>
        <translation>Om voor te lezen:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <source>&amp;Publisher:</source>
        <translation>&amp;Uitgever:</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>Voeg sleutel toe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>BookmarkTool</name>
    <message>
        <source>Bookmark…</source>
        <translation>Bladwijzer…</translation>
    </message>
    <message>
        <source>Bookmark this chapter, or the section chosen in the table of contents, with a note (Ctrl+D)</source>
        <translation>Een bladwijzer bij dit hoofdstuk, of bij de paragraaf die in de inhoudsopgave is gekozen, met een notitie (Ctrl+D)</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>Bladwijzer</translation>
    </message>
    <message>
        <source>Bookmark “%1” in %2. Note (optional):</source>
        <translation>Bladwijzer bij “%1” in %2. Notitie (niet verplicht):</translation>
    </message>
    <message>
        <source>Bookmarked: %1</source>
        <translation>Bladwijzer gemaakt: %1</translation>
    </message>
</context>
<context>
    <name>BookmarksView</name>
    <message>
        <source>Bookmarks</source>
        <translation>Bladwijzers</translation>
    </message>
    <message>
        <source>Chapters and sections you bookmarked while reading, with your notes. Open one with Enter or a double-click. Bookmarks stay with their edition through new revisions.</source>
        <translation>Hoofdstukken en paragrafen waar u tijdens het lezen een bladwijzer bij zette, met uw notities. Open er een met Enter of dubbelklikken. Een bladwijzer blijft bij zijn editie, ook bij een nieuwe revisie.</translation>
    </message>
    <message>
        <source>Search notes, chapters and editions</source>
        <translation>Zoek in notities, hoofdstukken en edities</translation>
    </message>
    <message>
        <source>Search bookmarks</source>
        <translation>Zoek in bladwijzers</translation>
    </message>
    <message>
        <source>Bookmarks, newest first; Enter opens one, Delete removes it.</source>
        <translation>Bladwijzers, nieuwste eerst; Enter opent er een, Delete verwijdert hem.</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Editie</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>Hoofdstuk</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Toegevoegd</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <source>Edit &amp;note…</source>
        <translation>&amp;Notitie wijzigen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>Save every bookmark and note to a JSON file, e.g. before reinstalling</source>
        <translation>Alle bladwijzers en notities in een JSON-bestand bewaren, bijvoorbeeld voor een herinstallatie</translation>
    </message>
    <message>
        <source>Merge bookmarks from a JSON file; bookmarks you have already are not added twice</source>
        <translation>Bladwijzers uit een JSON-bestand samenvoegen; bladwijzers die u al hebt, komen er niet dubbel bij</translation>
    </message>
    <message>
        <source>The bookmarks could not be loaded: %1</source>
        <translation>De bladwijzers konden niet worden geladen: %1</translation>
    </message>
    <message>
        <source>No bookmark holds “%1”.</source>
        <translation>Geen bladwijzer bevat “%1”.</translation>
    </message>
    <message>
        <source>No bookmarks yet. While reading an edition, choose Bookmark (Ctrl+D) to add one.</source>
        <translation>Nog geen bladwijzers. Kies tijdens het lezen van een editie Bladwijzer (Ctrl+D) om er een toe te voegen.</translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s)</source>
        <translation>
            <numerusform>%n bladwijzer</numerusform>
            <numerusform>%n bladwijzers</numerusform>
        </translation>
    </message>
    <message>
        <source>(not in the library)</source>
        <translation>(niet in de bibliotheek)</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Notitie wijzigen</translation>
    </message>
    <message>
        <source>Note for this bookmark:</source>
        <translation>Notitie bij deze bladwijzer:</translation>
    </message>
    <message numerus="yes">
        <source>%n bookmark(s) saved to %1</source>
        <translation>
            <numerusform>%n bladwijzer bewaard in %1</numerusform>
            <numerusform>%n bladwijzers bewaard in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export bookmarks</source>
        <translation>Bladwijzers exporteren</translation>
    </message>
    <message>
        <source>Bookmarks imported: %1 added, %2 notes updated, %3 already present.</source>
        <translation>Bladwijzers geïmporteerd: %1 toegevoegd, %2 notities bijgewerkt, %3 al aanwezig.</translation>
    </message>
    <message>
        <source>Import bookmarks</source>
        <translation>Bladwijzers importeren</translation>
    </message>
    <message>
        <source>Bookmarks (*.json)</source>
        <translation>Bladwijzers (*.json)</translation>
    </message>
</context>
<context>
    <name>ChapterBrowser</name>
    <message>
        <source>Chapter text</source>
        <translation>Tekst van het hoofdstuk</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Inzoomen</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Uitzoomen</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Werkelijke grootte</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Afdrukken…</translation>
    </message>
    <message>
        <source>Export to PDF…</source>
        <translation>Exporteer naar PDF…</translation>
    </message>
    <message>
        <source>This link leads outside DTN Reader:</source>
        <translation>Deze link verwijst naar een adres buiten DTN Reader:</translation>
    </message>
    <message>
        <source>(shown as: %1)</source>
        <translation>(weergegeven als: %1)</translation>
    </message>
    <message>
        <source>Open it in your e-mail program?</source>
        <translation>Openen in het e-mailprogramma?</translation>
    </message>
    <message>
        <source>Open it in your web browser? This connects to the internet.</source>
        <translation>Openen in de webbrowser? Daarmee wordt verbinding gemaakt met internet.</translation>
    </message>
    <message>
        <source>Open external link</source>
        <translation>Externe link openen</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>the library</source>
        <translation>de bibliotheek</translation>
    </message>
    <message>
        <source>The signed original of %1 was altered or is missing. Repairing moves it to the quarantine folder; import this edition again from its source.</source>
        <translation>Het ondertekende origineel van %1 is gewijzigd of ontbreekt. Herstellen verplaatst het naar de quarantainemap; importeer deze editie opnieuw vanaf de bron.</translation>
    </message>
    <message>
        <source>%1 no longer passes the signature check against the keys you trust now. Repairing removes it from the library; the file is kept.</source>
        <translation>%1 doorstaat de handtekeningcontrole met de sleutels die u nu vertrouwt niet meer. Herstellen haalt de editie uit de bibliotheek; het bestand blijft bewaard.</translation>
    </message>
    <message>
        <source>%1 is stored but not shown. Repairing adds it.</source>
        <translation>%1 is opgeslagen maar wordt niet getoond. Herstellen voegt de editie toe.</translation>
    </message>
    <message>
        <source>The library database is damaged. Quit the reader and run &apos;dtn rebuild&apos;: it moves the damaged file aside and rebuilds the library from the signed originals.</source>
        <translation>De bibliotheekdatabase is beschadigd. Sluit de reader en voer &apos;dtn rebuild&apos; uit: dat zet het beschadigde bestand opzij en bouwt de bibliotheek opnieuw op uit de ondertekende originelen.</translation>
    </message>
    <message>
        <source>A temporary file of an interrupted import is left over. Repairing removes it.</source>
        <translation>Er is een tijdelijk bestand van een onderbroken import achtergebleven. Herstellen verwijdert het.</translation>
    </message>
    <message>
        <source>What the reader shows for %1 differs from the signed edition. Repairing rebuilds it from the signed original.</source>
        <translation>Wat de reader voor %1 toont wijkt af van de ondertekende editie. Herstellen bouwt het opnieuw op uit het ondertekende origineel.</translation>
    </message>
    <message>
        <source>Everything matches: %1 signed edition(s) were checked again, byte for byte, and match what the reader shows.</source>
        <translation>Alles klopt: %1 ondertekende editie(s) zijn opnieuw gecontroleerd, byte voor byte, en komen overeen met wat de reader toont.</translation>
    </message>
    <message>
        <source>%1 problem(s) found in %2 signed edition(s):</source>
        <translation>%1 probleem/problemen gevonden in %2 ondertekende editie(s):</translation>
    </message>
    <message>
        <source>Check the library</source>
        <translation>Bibliotheek controleren</translation>
    </message>
    <message>
        <source>Every stored edition is hashed again, its signature checked against the keys you trust now, and what the reader shows compared with the signed original.</source>
        <translation>Elke opgeslagen editie wordt opnieuw gehasht, de handtekening wordt gecontroleerd met de sleutels die u nu vertrouwt, en wat de reader toont wordt vergeleken met het ondertekende origineel.</translation>
    </message>
    <message>
        <source>Progress of the check</source>
        <translation>Voortgang van de controle</translation>
    </message>
    <message>
        <source>Result of the check</source>
        <translation>Uitkomst van de controle</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>&amp;Repair</source>
        <translation>&amp;Herstellen</translation>
    </message>
    <message>
        <source>Repair the library</source>
        <translation>De bibliotheek herstellen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Bezig met controleren…</translation>
    </message>
    <message>
        <source>Repairing…</source>
        <translation>Bezig met herstellen…</translation>
    </message>
    <message>
        <source>The check was cancelled; nothing was changed.</source>
        <translation>De controle is geannuleerd; er is niets veranderd.</translation>
    </message>
    <message>
        <source>%1 stored edition(s) no longer match their signed original. Choose Help &gt; Check the library for what to do.</source>
        <translation>%1 opgeslagen editie(s) komen niet meer overeen met hun ondertekende origineel. Kies Help &gt; Bibliotheek controleren voor wat u kunt doen.</translation>
    </message>
</context>
<context>
    <name>ChecklistsView</name>
    <message>
        <source>high</source>
        <translation>hoog</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>middel</translation>
    </message>
    <message>
        <source>low</source>
        <translation>laag</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 van %2 afgerond</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>revisie %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>afgerond</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>demonstration content, not a real publication</source>
        <translation>demonstratie-inhoud, geen echte publicatie</translation>
    </message>
    <message>
        <source>Edition: %1</source>
        <translation>Editie: %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioriteit</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Editie</translation>
    </message>
    <message>
        <source>Editions with partner checklists, newest first</source>
        <translation>Edities met partnerchecklists, nieuwste eerst</translation>
    </message>
    <message>
        <source>&amp;Edition:</source>
        <translation>&amp;Editie:</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Afdrukken…</translation>
    </message>
    <message>
        <source>Print the selected partner&apos;s checklist</source>
        <translation>Druk de checklist van de gekozen partner af</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Opslaan als &amp;PDF…</translation>
    </message>
    <message>
        <source>Save the selected partner&apos;s checklist as PDF</source>
        <translation>Sla de checklist van de gekozen partner op als PDF</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partners</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <source>No edition in the library has partner checklists.</source>
        <translation>Geen enkele editie in de bibliotheek bevat partnerchecklists.</translation>
    </message>
    <message>
        <source>Partner: %1</source>
        <translation>Partner: %1</translation>
    </message>
    <message>
        <source>&amp;Carry over notes</source>
        <translation>Notities &amp;overnemen</translation>
    </message>
    <message>
        <source>Carry over the notes of open items from the previous edition</source>
        <translation>De notities van open punten uit de vorige editie overnemen</translation>
    </message>
    <message numerus="yes">
        <source>%n open item(s) of this checklist had a note in %1. Carry the notes over to this edition? Ticks are not carried over.</source>
        <translation>
            <numerusform>%n open punt van deze checklist had een notitie in %1. De notitie overnemen in deze editie? Vinkjes worden niet overgenomen.</numerusform>
            <numerusform>%n open punten van deze checklist hadden een notitie in %1. De notities overnemen in deze editie? Vinkjes worden niet overgenomen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) carried over from the previous edition.</source>
        <translation>
            <numerusform>%n notitie overgenomen uit de vorige editie.</numerusform>
            <numerusform>%n notities overgenomen uit de vorige editie.</numerusform>
        </translation>
    </message>
    <message>
        <source>The checklist could not be saved</source>
        <translation>De checklist kan niet worden opgeslagen</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Opgeslagen: %1</translation>
    </message>
    <message>
        <source>Save checklist as PDF</source>
        <translation>Checklist opslaan als PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <source>Print checklist</source>
        <translation>Checklist afdrukken</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare editions</source>
        <translation>Edities vergelijken</translation>
    </message>
    <message>
        <source>Choose two editions to see how the threat level changed, which chapters were added or removed, and, for a chapter, what changed in its text. Enter in the chapter list opens the chapter.</source>
        <translation>Kies twee edities om te zien hoe het dreigingsniveau veranderde, welke hoofdstukken erbij kwamen of verdwenen en, per hoofdstuk, wat er in de tekst veranderde. Enter in de hoofdstukkenlijst opent het hoofdstuk.</translation>
    </message>
    <message>
        <source>&amp;Swap sides</source>
        <translation>&amp;Omwisselen</translation>
    </message>
    <message>
        <source>Swap sides</source>
        <translation>Omwisselen</translation>
    </message>
    <message>
        <source>Exchange the editions on the left and on the right</source>
        <translation>Verwissel de edities links en rechts</translation>
    </message>
    <message>
        <source>Chapters compared</source>
        <translation>Vergeleken hoofdstukken</translation>
    </message>
    <message>
        <source>Every chapter of both editions with its status; choose one to see its text side by side, Enter opens it.</source>
        <translation>Alle hoofdstukken van beide edities met hun status; kies er een om de tekst naast elkaar te zien, Enter opent het hoofdstuk.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>Hoofdstuk</translation>
    </message>
    <message>
        <source>Marked paragraphs: + text that is new or rewritten in the newer edition; − text of the older edition that was removed or rewritten. In a paragraph that changed a little, the changed words are underlined.</source>
        <translation>Gemarkeerde alinea&apos;s: + tekst die nieuw of herschreven is in de nieuwere editie; − tekst uit de oudere editie die is verwijderd of herschreven. In een alinea die een beetje veranderde, zijn de gewijzigde woorden onderstreept.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergelijken</translation>
    </message>
    <message>
        <source>Comparing needs at least two editions in the library. Import more under Import and trust.</source>
        <translation>Voor een vergelijking zijn minstens twee edities in de bibliotheek nodig. Importeer er meer onder Importeren en vertrouwen.</translation>
    </message>
    <message>
        <source>Both sides show the same edition: choose another one on one side to see differences.</source>
        <translation>Beide kanten tonen dezelfde editie: kies aan één kant een andere om verschillen te zien.</translation>
    </message>
    <message>
        <source>The editions could not be compared: %1</source>
        <translation>De edities konden niet worden vergeleken: %1</translation>
    </message>
    <message>
        <source>Older edition:</source>
        <translation>Oudere editie:</translation>
    </message>
    <message>
        <source>Newer edition:</source>
        <translation>Nieuwere editie:</translation>
    </message>
    <message>
        <source>Older edition</source>
        <translation>Oudere editie</translation>
    </message>
    <message>
        <source>Newer edition</source>
        <translation>Nieuwere editie</translation>
    </message>
    <message>
        <source>Text in the older edition</source>
        <translation>Tekst in de oudere editie</translation>
    </message>
    <message>
        <source>Text in the newer edition</source>
        <translation>Tekst in de nieuwere editie</translation>
    </message>
    <message>
        <source>Paragraphs marked + are new or rewritten in the newer edition; paragraphs marked − were removed or rewritten.</source>
        <translation>Alinea&apos;s met + zijn nieuw of herschreven in de nieuwere editie; alinea&apos;s met − zijn verwijderd of herschreven.</translation>
    </message>
    <message>
        <source>Threat level: unchanged, %1</source>
        <translation>Dreigingsniveau: ongewijzigd, %1</translation>
    </message>
    <message>
        <source>Threat level: %1 → %2, raised</source>
        <translation>Dreigingsniveau: %1 → %2, verhoogd</translation>
    </message>
    <message>
        <source>Threat level: %1 → %2, lowered</source>
        <translation>Dreigingsniveau: %1 → %2, verlaagd</translation>
    </message>
    <message>
        <source>Threat level: %1 → %2, the same level on another scale</source>
        <translation>Dreigingsniveau: %1 → %2, hetzelfde niveau op een andere schaal</translation>
    </message>
    <message>
        <source>Chapters: %1 added, %2 removed, %3 changed, %4 unchanged</source>
        <translation>Hoofdstukken: %1 toegevoegd, %2 verwijderd, %3 gewijzigd, %4 ongewijzigd</translation>
    </message>
    <message>
        <source>From %1 (older) to %2 (newer)</source>
        <translation>Van %1 (ouder) naar %2 (nieuwer)</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Toegevoegd</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Verwijderd</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Gewijzigd</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Ongewijzigd</translation>
    </message>
    <message>
        <source>%1 (was: %2)</source>
        <translation>%1 (was: %2)</translation>
    </message>
    <message>
        <source>No chapter chosen</source>
        <translation>Geen hoofdstuk gekozen</translation>
    </message>
    <message>
        <source>Added in the newer edition: %1</source>
        <translation>Toegevoegd in de nieuwere editie: %1</translation>
    </message>
    <message>
        <source>Removed in the newer edition: %1</source>
        <translation>Verwijderd in de nieuwere editie: %1</translation>
    </message>
    <message>
        <source>Changed: %1</source>
        <translation>Gewijzigd: %1</translation>
    </message>
    <message>
        <source>Unchanged: %1</source>
        <translation>Ongewijzigd: %1</translation>
    </message>
    <message>
        <source>Older edition: %1</source>
        <translation>Oudere editie: %1</translation>
    </message>
    <message>
        <source>Newer edition: %1</source>
        <translation>Nieuwere editie: %1</translation>
    </message>
    <message>
        <source>This chapter is long: its changed part is shown as one block.</source>
        <translation>Dit hoofdstuk is lang: het gewijzigde deel wordt als één blok getoond.</translation>
    </message>
    <message>
        <source>(not in this edition)</source>
        <translation>(niet in deze editie)</translation>
    </message>
    <message>
        <source>This chapter is not in the older edition.</source>
        <translation>Dit hoofdstuk staat niet in de oudere editie.</translation>
    </message>
    <message>
        <source>This chapter is not in the newer edition.</source>
        <translation>Dit hoofdstuk staat niet in de nieuwere editie.</translation>
    </message>
    <message>
        <source>+ The newer edition adds text here.</source>
        <translation>+ Hier voegt de nieuwere editie tekst toe.</translation>
    </message>
    <message>
        <source>− The older edition had text here.</source>
        <translation>− Hier stond tekst in de oudere editie.</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>revisie %1</translation>
    </message>
</context>
<context>
    <name>EditionsView</name>
    <message>
        <source>Editions</source>
        <translation>Edities</translation>
    </message>
    <message>
        <source>Loading editions…</source>
        <translation>Edities worden geladen…</translation>
    </message>
    <message>
        <source>The library holds no editions. Import one under Import and trust.</source>
        <translation>De bibliotheek bevat geen edities. Importeer een editie onder Importeren en vertrouwen.</translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation>revisie %1</translation>
    </message>
    <message>
        <source>superseded by a newer revision</source>
        <translation>vervangen door een nieuwere revisie</translation>
    </message>
    <message>
        <source>hidden: %1</source>
        <translation>verborgen: %1</translation>
    </message>
    <message>
        <source>signed by %1</source>
        <translation>ondertekend door %1</translation>
    </message>
    <message>
        <source>Also superseded and hidden</source>
        <translation>Ook vervangen en verborgen</translation>
    </message>
    <message>
        <source>Show superseded and hidden editions</source>
        <translation>Toon vervangen en verborgen edities</translation>
    </message>
    <message>
        <source>Also list the older revisions of editions and the editions hidden because their key was revoked</source>
        <translation>Toon ook de oudere revisies van edities en de edities die verborgen zijn omdat hun sleutel is ingetrokken</translation>
    </message>
    <message>
        <source>Editions, newest first</source>
        <translation>Edities, nieuwste eerst</translation>
    </message>
    <message>
        <source>DEMO — demonstration content, not an NCTV publication</source>
        <translation>DEMO — demonstratie-inhoud, geen NCTV-publicatie</translation>
    </message>
    <message>
        <source>Compare with previous</source>
        <translation>Vergelijk met vorige</translation>
    </message>
    <message>
        <source>Show this edition and the one before it side by side: level, chapters and text</source>
        <translation>Toon deze editie en de vorige naast elkaar: niveau, hoofdstukken en tekst</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>Table of contents</source>
        <translation>Inhoudsopgave</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tekstgrootte</translation>
    </message>
    <message>
        <source>This edition has no chapters.</source>
        <translation>Deze editie heeft geen hoofdstukken.</translation>
    </message>
    <message>
        <source>The search words do not occur literally in this chapter.</source>
        <translation>De zoekwoorden komen niet letterlijk voor in dit hoofdstuk.</translation>
    </message>
    <message>
        <source>No edition selected</source>
        <translation>Geen editie gekozen</translation>
    </message>
    <message>
        <source>Threat level %1</source>
        <translation>Dreigingsniveau %1</translation>
    </message>
    <message>
        <source>signed by %1 (key %2)</source>
        <translation>ondertekend door %1 (sleutel %2)</translation>
    </message>
    <message>
        <source>A newer revision of this edition replaces this one.</source>
        <translation>Deze editie is vervangen door een nieuwere revisie.</translation>
    </message>
    <message>
        <source>This edition is hidden: %1</source>
        <translation>Deze editie is verborgen: %1</translation>
    </message>
    <message>
        <source>%1 (current chapter)</source>
        <translation>%1 (huidig hoofdstuk)</translation>
    </message>
    <message>
        <source>Print the whole edition…</source>
        <translation>De hele editie afdrukken…</translation>
    </message>
    <message>
        <source>Export the whole edition to PDF…</source>
        <translation>De hele editie als PDF opslaan…</translation>
    </message>
    <message>
        <source>‹ Previous in theme</source>
        <translation>‹ Vorige in thema</translation>
    </message>
    <message>
        <source>Next in theme ›</source>
        <translation>Volgende in thema ›</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>Find in this chapter (%1)</source>
        <translation>Zoeken in dit hoofdstuk (%1)</translation>
    </message>
    <message>
        <source>This chapter</source>
        <translation>Dit hoofdstuk</translation>
    </message>
    <message>
        <source>Theme %1: chapter %2 of %3</source>
        <translation>Thema %1: hoofdstuk %2 van %3</translation>
    </message>
    <message>
        <source>Preparing the edition for printing…</source>
        <translation>De editie wordt klaargemaakt om af te drukken…</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>Opslaan als PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %1 (%n page(s))</source>
        <translation>
            <numerusform>%1 opgeslagen (%n pagina)</numerusform>
            <numerusform>%1 opgeslagen (%n pagina&apos;s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Afdrukken</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this chapter</source>
        <translation>Zoeken in dit hoofdstuk</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorige</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Vorige treffer (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Volgende</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Volgende treffer (Enter)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>De zoekbalk sluiten</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Zoeken:</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <source>%1 of more than %2</source>
        <translation>%1 van meer dan %2</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>niet gevonden</translation>
    </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <source>Getting started</source>
        <translation>Eerste kennismaking</translation>
    </message>
    <message>
        <source>Open the &amp;help</source>
        <translation>Open de &amp;hulp</translation>
    </message>
    <message>
        <source>Open the help</source>
        <translation>Open de hulp</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sluiten</translation>
    </message>
    <message>
        <source>Close the guide</source>
        <translation>Sluit de kennismaking</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>DTN Reader help</source>
        <translation>Hulp bij DTN Reader</translation>
    </message>
    <message>
        <source>Search the help…</source>
        <translation>Zoek in de hulp…</translation>
    </message>
    <message>
        <source>Search the help</source>
        <translation>Zoek in de hulp</translation>
    </message>
    <message>
        <source>Help topics</source>
        <translation>Onderwerpen van de hulp</translation>
    </message>
    <message>
        <source>No help page contains these words.</source>
        <translation>Geen hulppagina bevat deze woorden.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Terug</translation>
    </message>
    <message>
        <source>Back to the previous help page</source>
        <translation>Terug naar de vorige hulppagina</translation>
    </message>
    <message>
        <source>&amp;Contents</source>
        <translation>&amp;Inhoud</translation>
    </message>
    <message>
        <source>Help contents</source>
        <translation>Inhoud van de hulp</translation>
    </message>
    <message>
        <source>Help page</source>
        <translation>Hulppagina</translation>
    </message>
    <message>
        <source>%1 — DTN Reader help</source>
        <translation>%1 — Hulp bij DTN Reader</translation>
    </message>
    <message>
        <source>This help page cannot be shown: %1</source>
        <translation>Deze hulppagina kan niet worden getoond: %1</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Level history</source>
        <translation>Verloop dreigingsniveau</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>Exporteer als &amp;PNG…</translation>
    </message>
    <message>
        <source>Export the chart as a PNG image</source>
        <translation>Exporteer de grafiek als PNG-afbeelding</translation>
    </message>
    <message>
        <source>Export &amp;SVG…</source>
        <translation>Exporteer als &amp;SVG…</translation>
    </message>
    <message>
        <source>Export the chart as an SVG image</source>
        <translation>Exporteer de grafiek als SVG-afbeelding</translation>
    </message>
    <message>
        <source>Level history table</source>
        <translation>Tabel met het verloop van het dreigingsniveau</translation>
    </message>
    <message>
        <source>The same history as the chart, one row per level change or regional event; Enter opens the edition.</source>
        <translation>Hetzelfde verloop als in de grafiek, één rij per niveauwijziging of regionale verhoging; Enter opent de editie.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Benaming</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Schaal</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Editie</translation>
    </message>
    <message>
        <source>The national threat level since the first edition. Until July 2016 the scale had four levels; since then it has five, with “%1” added as level 3. Each level is drawn on the row of its label, and each step shows its number on the scale of its time. Triangles mark regional events. Click a step, or use Left, Right and Enter in the chart, to open its edition.</source>
        <translation>Het nationale dreigingsniveau sinds de eerste editie. Tot juli 2016 had de schaal vier niveaus; sindsdien vijf, met “%1” als nieuw niveau 3. Elk niveau staat op de rij van zijn benaming en elke stap toont zijn nummer op de schaal van dat moment. Driehoeken markeren regionale verhogingen. Klik op een stap, of gebruik pijl-links, pijl-rechts en Enter in de grafiek, om de bijbehorende editie te openen.</translation>
    </message>
    <message>
        <source>The level history could not be loaded: %1</source>
        <translation>Het verloop van het dreigingsniveau kan niet worden geladen: %1</translation>
    </message>
    <message>
        <source>National</source>
        <translation>Nationaal</translation>
    </message>
    <message>
        <source>%1 (regional event)</source>
        <translation>%1 (regionale verhoging)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <source>%1 levels</source>
        <translation>%1 niveaus</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG-afbeelding (*.svg)</translation>
    </message>
    <message>
        <source>threat-level-history.%1</source>
        <translation>verloop-dreigingsniveau.%1</translation>
    </message>
    <message>
        <source>Export the level history chart</source>
        <translation>Grafiek van het dreigingsniveau exporteren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Exporteren mislukt</translation>
    </message>
    <message>
        <source>Chart saved as %1</source>
        <translation>Grafiek opgeslagen als %1</translation>
    </message>
</context>
<context>
    <name>ImportTrustView</name>
    <message>
        <source>Imported</source>
        <translation>Geïmporteerd</translation>
    </message>
    <message>
        <source>Already present</source>
        <translation>Al aanwezig</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Geweigerd</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Verwijderd</translation>
    </message>
    <message>
        <source>Rebuilt</source>
        <translation>Opnieuw opgebouwd</translation>
    </message>
    <message>
        <source>Loaded</source>
        <translation>Geladen</translation>
    </message>
    <message>
        <source>Key added</source>
        <translation>Sleutel toegevoegd</translation>
    </message>
    <message>
        <source>Key revoked</source>
        <translation>Sleutel ingetrokken</translation>
    </message>
    <message>
        <source>Revocation undone</source>
        <translation>Intrekking ongedaan gemaakt</translation>
    </message>
    <message>
        <source>Publisher bound</source>
        <translation>Uitgever vastgelegd</translation>
    </message>
    <message>
        <source>Key rotated</source>
        <translation>Sleutel vervangen</translation>
    </message>
    <message>
        <source>Demo replaced</source>
        <translation>Demo vervangen</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>In quarantaine</translation>
    </message>
    <message>
        <source>Database set aside</source>
        <translation>Database opzijgezet</translation>
    </message>
    <message>
        <source>publisher</source>
        <translation>uitgever</translation>
    </message>
    <message>
        <source>feed</source>
        <translation>feed</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leeg</translation>
    </message>
    <message>
        <source>Built-in demo library</source>
        <translation>Ingebouwde demobibliotheek</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Resultaat: %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Bron: %1</translation>
    </message>
    <message>
        <source>Edition: %1</source>
        <translation>Editie: %1</translation>
    </message>
    <message>
        <source>Bundle: %1 revision %2</source>
        <translation>Bundel: %1 revisie %2</translation>
    </message>
    <message>
        <source>Bundle: %1</source>
        <translation>Bundel: %1</translation>
    </message>
    <message>
        <source>Replaces revision %1</source>
        <translation>Vervangt revisie %1</translation>
    </message>
    <message>
        <source>Signed by: %1 (key %2)</source>
        <translation>Ondertekend door: %1 (sleutel %2)</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reden: %1</translation>
    </message>
    <message>
        <source>Import and trust</source>
        <translation>Importeren en vertrouwen</translation>
    </message>
    <message>
        <source>Import and trust sections</source>
        <translation>Onderdelen van Importeren en vertrouwen</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>Trusted &amp;keys</source>
        <translation>Vertrouwde &amp;sleutels</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>&amp;Auditlog</translation>
    </message>
    <message>
        <source>Drag bundle files (.dtnb) or a folder, such as a USB stick, onto this window, or choose them. Every bundle is checked: its signature against your trusted keys and every file against the signed manifest. Nothing is imported that does not pass.</source>
        <translation>Sleep bundelbestanden (.dtnb) of een map, zoals een USB-stick, naar dit venster, of kies ze met de knoppen. Elke bundel wordt gecontroleerd: de handtekening aan de hand van de vertrouwde sleutels en elk bestand aan de hand van het ondertekende manifest. Wat de controle niet doorstaat, wordt niet geïmporteerd.</translation>
    </message>
    <message>
        <source>Import &amp;file…</source>
        <translation>Importeer b&amp;estanden…</translation>
    </message>
    <message>
        <source>Import bundle files</source>
        <translation>Importeer bundelbestanden</translation>
    </message>
    <message>
        <source>Import f&amp;older…</source>
        <translation>Importeer &amp;map…</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>Importeer een map</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Annuleer import</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Voortgang van de import</translation>
    </message>
    <message>
        <source>No import yet in this session.</source>
        <translation>Nog geen import in deze sessie.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Editie</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>Bundel</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Ondertekend door</translation>
    </message>
    <message>
        <source>Files checked</source>
        <translation>Gecontroleerde bestanden</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <source>Verification report</source>
        <translation>Verificatierapport</translation>
    </message>
    <message>
        <source>Details of the selected bundle</source>
        <translation>Details van de gekozen bundel</translation>
    </message>
    <message>
        <source>Select a bundle in the report to see every detail.</source>
        <translation>Kies een bundel in het rapport om alle details te zien.</translation>
    </message>
    <message>
        <source>What does this rejection mean?</source>
        <translation>Wat betekent deze weigering?</translation>
    </message>
    <message>
        <source>Bundles are accepted only when signed by one of these keys. Compare a fingerprint with the publisher&apos;s before you add a key. Revoking a key hides what it signed.</source>
        <translation>Bundels worden alleen geaccepteerd als ze met een van deze sleutels zijn ondertekend. Vergelijk vóór het toevoegen van een sleutel de vingerafdruk met die van de uitgever. Wordt een sleutel ingetrokken, dan wordt alles wat ermee is ondertekend verborgen.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation>Sleutel-ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Markings</source>
        <translation>Markeringen</translation>
    </message>
    <message>
        <source>Editions</source>
        <translation>Edities</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Toegevoegd</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Vingerafdruk</translation>
    </message>
    <message>
        <source>Trusted keys</source>
        <translation>Vertrouwde sleutels</translation>
    </message>
    <message>
        <source>A&amp;dd key…</source>
        <translation>Voeg sleutel &amp;toe…</translation>
    </message>
    <message>
        <source>Add a trusted key from a .pub file</source>
        <translation>Voeg een vertrouwde sleutel toe uit een .pub-bestand</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>I&amp;ntrekken…</translation>
    </message>
    <message>
        <source>Revoke the selected key</source>
        <translation>Trek de gekozen sleutel in</translation>
    </message>
    <message>
        <source>&amp;Copy fingerprint</source>
        <translation>&amp;Kopieer vingerafdruk</translation>
    </message>
    <message>
        <source>Copy the selected key&apos;s fingerprint</source>
        <translation>Kopieer de vingerafdruk van de gekozen sleutel</translation>
    </message>
    <message>
        <source>Fingerprint of the selected key</source>
        <translation>Vingerafdruk van de gekozen sleutel</translation>
    </message>
    <message>
        <source>Fin&amp;gerprint:</source>
        <translation>Vin&amp;gerafdruk:</translation>
    </message>
    <message>
        <source>Every import, rejection and removal, newest first.</source>
        <translation>Elke import, weigering en verwijdering, nieuwste eerst.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Auditlog</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <source>Refresh the audit log</source>
        <translation>Vernieuw het auditlog</translation>
    </message>
    <message>
        <source>Show results</source>
        <translation>Resultaten tonen</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Alle resultaten</translation>
    </message>
    <message>
        <source>Trust changes</source>
        <translation>Vertrouwenswijzigingen</translation>
    </message>
    <message>
        <source>Library changes</source>
        <translation>Bibliotheekwijzigingen</translation>
    </message>
    <message>
        <source>Show period</source>
        <translation>Periode tonen</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Altijd</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Afgelopen 7 dagen</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Afgelopen 30 dagen</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Afgelopen 12 maanden</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exporteren als CSV…</translation>
    </message>
    <message>
        <source>Export the audit log shown as CSV</source>
        <translation>Het getoonde auditlogboek exporteren als CSV</translation>
    </message>
    <message>
        <source>&amp;Trust this key…</source>
        <translation>Deze sleutel &amp;vertrouwen…</translation>
    </message>
    <message>
        <source>Trust the unknown key of the selected rejection</source>
        <translation>De onbekende sleutel van de gekozen weigering vertrouwen</translation>
    </message>
    <message>
        <source>Trust this key</source>
        <translation>Deze sleutel vertrouwen</translation>
    </message>
    <message>
        <source>The public key (the .pub file&apos;s text or its key line):</source>
        <translation>De publieke sleutel (de tekst van het .pub-bestand of de sleutelregel):</translation>
    </message>
    <message>
        <source>The bundle was signed by key %1. To trust it, the reader needs the public key itself, from the publisher: a .pub file, or its text pasted.</source>
        <translation>De bundel is ondertekend met sleutel %1. Om die te vertrouwen heeft de reader de publieke sleutel zelf nodig, van de uitgever: een .pub-bestand, of de geplakte tekst ervan.</translation>
    </message>
    <message>
        <source>From a &amp;file…</source>
        <translation>Uit een &amp;bestand…</translation>
    </message>
    <message>
        <source>&amp;Paste the key…</source>
        <translation>De sleutel &amp;plakken…</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Het auditlogboek exporteren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <source>Audit log exported to %1</source>
        <translation>Auditlogboek geëxporteerd naar %1</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>ingebouwd</translation>
    </message>
    <message>
        <source>REVOKED on %1</source>
        <translation>INGETROKKEN op %1</translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation>Vertrouwd</translation>
    </message>
    <message>
        <source>%1 (not yet bound to a publisher)</source>
        <translation>%1 (nog niet aan een uitgever gebonden)</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 voor %2</translation>
    </message>
    <message>
        <source>%1 revision %2</source>
        <translation>%1 revisie %2</translation>
    </message>
    <message>
        <source>An import is already running; wait for it to finish.</source>
        <translation>Er loopt al een import; wacht tot die klaar is.</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n item(s)…</source>
        <translation>
            <numerusform>%n item wordt gecontroleerd…</numerusform>
            <numerusform>%n items worden gecontroleerd…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Key %1 revoked; %n edition(s) hidden</source>
        <translation>
            <numerusform>Sleutel %1 ingetrokken; %n editie verborgen</numerusform>
            <numerusform>Sleutel %1 ingetrokken; %n edities verborgen</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Controleren…</translation>
    </message>
    <message>
        <source>%1 of %2 bundles checked</source>
        <translation>%1 van %2 bundels gecontroleerd</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annuleren…</translation>
    </message>
    <message>
        <source>Import cancelled: %1. The audit log shows what was imported before.</source>
        <translation>Import geannuleerd: %1. Het auditlog toont wat daarvoor al is geïmporteerd.</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import mislukt: %1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importeren</translation>
    </message>
    <message>
        <source>No bundle (.dtnb) found in what you chose.</source>
        <translation>Geen bundel (.dtnb) gevonden in de selectie.</translation>
    </message>
    <message>
        <source>%1 imported, %2 already present, %3 rejected</source>
        <translation>%1 geïmporteerd, %2 al aanwezig, %3 geweigerd</translation>
    </message>
    <message>
        <source>DTN bundles (*%1);;All files (*)</source>
        <translation>DTN-bundels (*%1);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Import every bundle in a folder</source>
        <translation>Importeer alle bundels uit een map</translation>
    </message>
    <message>
        <source>Select a key to see its fingerprint.</source>
        <translation>Kies een sleutel om de vingerafdruk te zien.</translation>
    </message>
    <message>
        <source>%1, key %2</source>
        <translation>%1, sleutel %2</translation>
    </message>
    <message>
        <source>Fingerprint of %1 copied</source>
        <translation>Vingerafdruk van %1 gekopieerd</translation>
    </message>
    <message>
        <source>Add a trusted key</source>
        <translation>Vertrouwde sleutel toevoegen</translation>
    </message>
    <message>
        <source>minisign public keys (*.pub);;All files (*)</source>
        <translation>Openbare minisign-sleutels (*.pub);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>Voeg sleutel toe</translation>
    </message>
    <message>
        <source>Key %1 (%2) is now trusted</source>
        <translation>Sleutel %1 (%2) wordt nu vertrouwd</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Trek sleutel in</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <source>Priority: %1</source>
        <translation>Prioriteit: %1</translation>
    </message>
    <message>
        <source>Mark as done (Space)</source>
        <translation>Markeer als afgerond (spatiebalk)</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>Notitie…</translation>
    </message>
    <message>
        <source>Note for: %1</source>
        <translation>Notitie bij: %1</translation>
    </message>
    <message>
        <source>A note of your own; saved when you press Enter or leave the field</source>
        <translation>Een eigen notitie; wordt opgeslagen bij Enter of bij het verlaten van het veld</translation>
    </message>
</context>
<context>
    <name>LevelChart</name>
    <message>
        <source>Threat level history chart</source>
        <translation>Grafiek van het verloop van het dreigingsniveau</translation>
    </message>
    <message>
        <source>Step chart of the national terrorist threat level, with regional events and the change of scale.</source>
        <translation>Trapgrafiek van het nationale dreigingsniveau terrorisme, met regionale verhogingen en de wijziging van de schaal.</translation>
    </message>
    <message>
        <source>There is no level history in the library yet.</source>
        <translation>De bibliotheek bevat nog geen verloop van het dreigingsniveau.</translation>
    </message>
    <message>
        <source>National threat level</source>
        <translation>Nationaal dreigingsniveau</translation>
    </message>
    <message>
        <source>National threat level, %1 to today</source>
        <translation>Nationaal dreigingsniveau, %1 tot heden</translation>
    </message>
    <message>
        <source>%1: demonstration content, not an NCTV publication</source>
        <translation>%1: demonstratie-inhoud, geen NCTV-publicatie</translation>
    </message>
    <message>
        <source>%1: scale changed from %2 to %3 levels</source>
        <translation>%1: schaal gewijzigd van %2 naar %3 niveaus</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>National level (number/scale and word in each step)</source>
        <translation>Nationaal niveau (nummer/schaal en benaming bij elke stap)</translation>
    </message>
    <message>
        <source>Regional event</source>
        <translation>Regionale verhoging</translation>
    </message>
    <message>
        <source>Change of scale</source>
        <translation>Wijziging van de schaal</translation>
    </message>
    <message>
        <source>four-level scale (2005 to July 2016)</source>
        <translation>schaal met vier niveaus (2005 tot juli 2016)</translation>
    </message>
    <message>
        <source>five-level scale (since July 2016)</source>
        <translation>schaal met vijf niveaus (sinds juli 2016)</translation>
    </message>
    <message>
        <source>National level %1</source>
        <translation>Nationaal niveau %1</translation>
    </message>
    <message>
        <source>From %1 until %2</source>
        <translation>Van %1 tot %2</translation>
    </message>
    <message>
        <source>Since %1 (current level)</source>
        <translation>Sinds %1 (huidig niveau)</translation>
    </message>
    <message>
        <source>Regional event: %1 in %2</source>
        <translation>Regionale verhoging: %1 in %2</translation>
    </message>
    <message>
        <source>On %1</source>
        <translation>Op %1</translation>
    </message>
    <message>
        <source>Level %1 of %2 on the %3</source>
        <translation>Niveau %1 van %2 op de %3</translation>
    </message>
    <message>
        <source>Edition: %1</source>
        <translation>Editie: %1</translation>
    </message>
    <message>
        <source>Level changes and regional events: %1. Use Left and Right to move between them and Enter to open the edition.</source>
        <translation>Niveauwijzigingen en regionale verhogingen: %1. Gebruik pijl-links en pijl-rechts om ertussen te wisselen en Enter om de editie te openen.</translation>
    </message>
    <message>
        <source>No level history loaded.</source>
        <translation>Geen verloop van het dreigingsniveau geladen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DTN Reader</source>
        <translation>DTN Reader</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigatie</translation>
    </message>
    <message>
        <source>The views of the reader; use the arrow keys to switch</source>
        <translation>De onderdelen van de reader; wissel met de pijltjestoetsen</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>De bibliotheek wordt geopend…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Import file…</source>
        <translation>Importeer &amp;bestand…</translation>
    </message>
    <message>
        <source>Import signed editions (.dtnb files)</source>
        <translation>Importeer ondertekende edities (.dtnb-bestanden)</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>Importeer &amp;map…</translation>
    </message>
    <message>
        <source>Import every signed edition in a folder, for example a USB stick</source>
        <translation>Importeer alle ondertekende edities uit een map, bijvoorbeeld op een USB-stick</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>I&amp;nstellingen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Help for this &amp;view</source>
        <translation>Hulp bij deze &amp;pagina</translation>
    </message>
    <message>
        <source>Explain the view you are on</source>
        <translation>Uitleg bij de pagina waar u bent</translation>
    </message>
    <message>
        <source>Help &amp;contents</source>
        <translation>&amp;Inhoud van de hulp</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Eerste kennismaking</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>Chec&amp;k the library…</source>
        <translation>Bibliotheek &amp;controleren…</translation>
    </message>
    <message>
        <source>Check every stored edition against its signed original</source>
        <translation>Elke opgeslagen editie controleren tegen het ondertekende origineel</translation>
    </message>
    <message>
        <source>&amp;About DTN Reader</source>
        <translation>&amp;Over DTN Reader</translation>
    </message>
    <message>
        <source>Library: %1</source>
        <translation>Bibliotheek: %1</translation>
    </message>
    <message>
        <source>The folder that holds the library</source>
        <translation>De map met de bibliotheek</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>&amp;Presentatiemodus</translation>
    </message>
    <message>
        <source>Full screen and large type: the level history and the open chapter, section by section, with the arrow keys</source>
        <translation>Volledig scherm en grote letters: het verloop van het dreigingsniveau en het open hoofdstuk, deel voor deel, met de pijltjestoetsen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DTN Reader %1&lt;/h3&gt;&lt;p&gt;An offline reader for signed editions of the Dutch terrorism threat assessment (Dreigingsbeeld Terrorisme Nederland).&lt;/p&gt;&lt;p&gt;&lt;b&gt;DEMO:&lt;/b&gt; the demo library that comes with the reader is demonstration content, marked DEMO wherever it appears. It is not a publication of the NCTV and says nothing about the actual threat.&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DTN Reader %1&lt;/h3&gt;&lt;p&gt;Een offline reader voor ondertekende edities van het Dreigingsbeeld Terrorisme Nederland.&lt;/p&gt;&lt;p&gt;&lt;b&gt;DEMO:&lt;/b&gt; de demobibliotheek die met de reader wordt meegeleverd is demonstratie-inhoud, overal gemarkeerd met DEMO. Het is geen publicatie van de NCTV en zegt niets over de werkelijke dreiging.&lt;/p&gt;&lt;p&gt;Licentie: EUPL-1.2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Qt %1, Python %2</source>
        <translation>Qt %1, Python %2</translation>
    </message>
    <message>
        <source>About DTN Reader</source>
        <translation>Over DTN Reader</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Terug</translation>
    </message>
    <message>
        <source>Go back to the previous view or chapter</source>
        <translation>Terug naar de vorige weergave of het vorige hoofdstuk</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Vooruit</translation>
    </message>
    <message>
        <source>Go forward again</source>
        <translation>Weer vooruit</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Notice</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Close the notice</source>
        <translation>Sluit de melding</translation>
    </message>
    <message>
        <source>New national threat level</source>
        <translation>Nieuw nationaal dreigingsniveau</translation>
    </message>
    <message>
        <source>Last brought up to date</source>
        <translation>Laatst bijgewerkt</translation>
    </message>
    <message>
        <source>Opening the library…</source>
        <translation>De bibliotheek wordt geopend…</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Current national threat level</source>
        <translation>Huidig nationaal dreigingsniveau</translation>
    </message>
    <message>
        <source>Regional events</source>
        <translation>Regionale verhogingen</translation>
    </message>
    <message>
        <source>Latest edition</source>
        <translation>Nieuwste editie</translation>
    </message>
    <message>
        <source>Title of the latest edition</source>
        <translation>Titel van de nieuwste editie</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <source>Open the latest edition</source>
        <translation>Open de nieuwste editie</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Wat is er veranderd</translation>
    </message>
    <message>
        <source>The library is empty</source>
        <translation>De bibliotheek is leeg</translation>
    </message>
    <message>
        <source>There are no editions to read yet. Import a signed edition (a .dtnb file or a folder, for example from a USB stick) under Import and trust, or load the demo library to try the reader with demonstration content.</source>
        <translation>Er zijn nog geen edities om te lezen. Importeer een ondertekende editie (een .dtnb-bestand of een map, bijvoorbeeld van een USB-stick) onder Importeren en vertrouwen, of laad de demobibliotheek om de reader met demonstratie-inhoud te proberen.</translation>
    </message>
    <message>
        <source>Go to Import and trust</source>
        <translation>Ga naar Importeren en vertrouwen</translation>
    </message>
    <message>
        <source>Load the demo library</source>
        <translation>Laad de demobibliotheek</translation>
    </message>
    <message>
        <source>Demonstration content, not a publication of the NCTV</source>
        <translation>Demonstratie-inhoud, geen publicatie van de NCTV</translation>
    </message>
    <message>
        <source>Out of date since %1: the feed has expired and no newer one was accepted.</source>
        <translation>Verouderd sinds %1: de feed is verlopen en er is geen nieuwere aangenomen.</translation>
    </message>
    <message>
        <source>Last brought up to date: %1</source>
        <translation>Laatst bijgewerkt: %1</translation>
    </message>
    <message>
        <source>Not brought up to date from the feed yet.</source>
        <translation>Nog niet bijgewerkt via de feed.</translation>
    </message>
    <message>
        <source>The library cannot be read: %1</source>
        <translation>De bibliotheek kan niet worden gelezen: %1</translation>
    </message>
    <message>
        <source>%1 of %2 — %3</source>
        <translation>%1 van %2 — %3</translation>
    </message>
    <message>
        <source>Threat level %1</source>
        <translation>Dreigingsniveau %1</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Sinds %1</translation>
    </message>
    <message>
        <source>Scale of %1 levels, from %2 to %3; now level %4</source>
        <translation>Schaal van %1 niveaus, van %2 tot %3; nu niveau %4</translation>
    </message>
    <message>
        <source>%1: level %2 %3 in %4, until %5</source>
        <translation>%1: niveau %2 %3 in %4, tot %5</translation>
    </message>
    <message>
        <source>%1: level %2 %3 in %4</source>
        <translation>%1: niveau %2 %3 in %4</translation>
    </message>
    <message>
        <source>%1 · revision %2 · signed by %3</source>
        <translation>%1 · revisie %2 · ondertekend door %3</translation>
    </message>
    <message>
        <source>%1 · %2 · revision %3 · signed by %4</source>
        <translation>%1 · %2 · revisie %3 · ondertekend door %4</translation>
    </message>
    <message numerus="yes">
        <source>%n chapter(s)</source>
        <translation>
            <numerusform>%n hoofdstuk</numerusform>
            <numerusform>%n hoofdstukken</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the latest edition: %1</source>
        <translation>Open de nieuwste editie: %1</translation>
    </message>
    <message>
        <source>This is the only edition in the library, so there is nothing to compare it with.</source>
        <translation>Dit is de enige editie in de bibliotheek; er is niets om mee te vergelijken.</translation>
    </message>
    <message>
        <source>What changed since %1</source>
        <translation>Wat is er veranderd sinds %1</translation>
    </message>
    <message>
        <source>The threat level changed from %1 to %2.</source>
        <translation>Het dreigingsniveau is veranderd van %1 naar %2.</translation>
    </message>
    <message>
        <source>The threat level is unchanged: %1.</source>
        <translation>Het dreigingsniveau is ongewijzigd: %1.</translation>
    </message>
    <message>
        <source>New chapters:</source>
        <translation>Nieuwe hoofdstukken:</translation>
    </message>
    <message>
        <source>Chapters no longer included:</source>
        <translation>Hoofdstukken die niet meer voorkomen:</translation>
    </message>
    <message>
        <source>The chapters are the same as in the previous edition.</source>
        <translation>De hoofdstukken zijn dezelfde als in de vorige editie.</translation>
    </message>
    <message>
        <source>Loading the demo library…</source>
        <translation>De demobibliotheek wordt geladen…</translation>
    </message>
    <message>
        <source>Loading the demo library: %1 of %2</source>
        <translation>De demobibliotheek wordt geladen: %1 van %2</translation>
    </message>
    <message>
        <source>The demo library has been loaded: demonstration editions marked DEMO, not publications of the NCTV. You can remove it in the settings.</source>
        <translation>De demobibliotheek is geladen: demonstratie-edities, gemarkeerd met DEMO, geen publicaties van de NCTV. Verwijderen kan via Instellingen.</translation>
    </message>
</context>
<context>
    <name>PresentationWindow</name>
    <message>
        <source>Presentation — %1</source>
        <translation>Presentatie — %1</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>Presentatie</translation>
    </message>
    <message>
        <source>%1 — demonstration content, not an NCTV publication</source>
        <translation>%1 — demonstratie-inhoud, geen NCTV-publicatie</translation>
    </message>
    <message>
        <source>Threat level %1</source>
        <translation>Dreigingsniveau %1</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>Acties voor %1</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1 (%2 van %3)</translation>
    </message>
    <message>
        <source>slide %1 of %2</source>
        <translation>dia %1 van %2</translation>
    </message>
</context>
<context>
    <name>ReaderApp</name>
    <message>
        <source>Waiting for another program that is changing the library…</source>
        <translation>Wachten op een ander programma dat de bibliotheek wijzigt…</translation>
    </message>
    <message>
        <source>The language is now English.</source>
        <translation>De taal is nu Engels.</translation>
    </message>
    <message>
        <source>The language is now Dutch.</source>
        <translation>De taal is nu Nederlands.</translation>
    </message>
    <message>
        <source>The library was repaired after an interrupted import.</source>
        <translation>De bibliotheek is hersteld na een onderbroken import.</translation>
    </message>
    <message>
        <source>Loading the demo library…</source>
        <translation>De demobibliotheek wordt geladen…</translation>
    </message>
    <message>
        <source>Loading the demo library: %1 of %2</source>
        <translation>De demobibliotheek wordt geladen: %1 van %2</translation>
    </message>
    <message>
        <source>The library cannot be opened: %1</source>
        <translation>De bibliotheek kan niet worden geopend: %1</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke key</source>
        <translation>Trek sleutel in</translation>
    </message>
    <message>
        <source>Revoke the key “%1” (key ID %2)?</source>
        <translation>Sleutel “%1” (sleutel-ID %2) intrekken?</translation>
    </message>
    <message numerus="yes">
        <source>Editions signed by this key will be hidden, not deleted: they stay in the library and the reason is shown. The library holds %n edition(s) signed by it. New bundles signed by it will be rejected. A revoked key cannot be trusted again.</source>
        <translation>
            <numerusform>Edities die met deze sleutel zijn ondertekend, worden verborgen, niet verwijderd: ze blijven in de bibliotheek en de reden wordt getoond. De bibliotheek bevat %n editie die met deze sleutel is ondertekend. Nieuwe bundels die ermee zijn ondertekend, worden geweigerd. Een ingetrokken sleutel kan niet opnieuw worden vertrouwd.</numerusform>
            <numerusform>Edities die met deze sleutel zijn ondertekend, worden verborgen, niet verwijderd: ze blijven in de bibliotheek en de reden wordt getoond. De bibliotheek bevat %n edities die met deze sleutel zijn ondertekend. Nieuwe bundels die ermee zijn ondertekend, worden geweigerd. Een ingetrokken sleutel kan niet opnieuw worden vertrouwd.</numerusform>
        </translation>
    </message>
    <message>
        <source>This key is built in; the revocation is recorded in your own trust folder.</source>
        <translation>Deze sleutel is ingebouwd; de intrekking wordt vastgelegd in de lokale vertrouwensmap.</translation>
    </message>
    <message>
        <source>e.g. the secret key was leaked</source>
        <translation>bijv. de geheime sleutel is uitgelekt</translation>
    </message>
    <message>
        <source>Reason for the revocation</source>
        <translation>Reden van de intrekking</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>All themes</source>
        <translation>Alle thema&apos;s</translation>
    </message>
    <message>
        <source>Search words</source>
        <translation>Zoekwoorden</translation>
    </message>
    <message>
        <source>Search all editions…</source>
        <translation>Doorzoek alle edities…</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>From year</source>
        <translation>Vanaf jaar</translation>
    </message>
    <message>
        <source>To year</source>
        <translation>Tot en met jaar</translation>
    </message>
    <message>
        <source>Number of results</source>
        <translation>Aantal resultaten</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thema:</translation>
    </message>
    <message>
        <source>&amp;Years:</source>
        <translation>&amp;Jaren:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>tot en met</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Zoekresultaten</translation>
    </message>
    <message>
        <source>Type at least two letters.</source>
        <translation>Typ ten minste twee letters.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>Nothing found. Check the spelling, use fewer words, or widen the theme and years.</source>
        <translation>Niets gevonden. Controleer de spelling, gebruik minder woorden of verruim het thema en de jaren.</translation>
    </message>
    <message>
        <source>best %1 results</source>
        <translation>beste %1 resultaten</translation>
    </message>
    <message>
        <source>1 result</source>
        <translation>1 resultaat</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 resultaten</translation>
    </message>
    <message>
        <source>Type one or more words to search the text of every edition. Results appear while you type; the last word also matches longer words. Use quotes for an exact phrase. Enter takes you to the results; Enter or a double-click on a result opens the chapter.</source>
        <translation>Typ een of meer woorden om de tekst van alle edities te doorzoeken. Resultaten verschijnen tijdens het typen; het laatste woord vindt ook langere woorden. Gebruik aanhalingstekens voor een exacte woordgroep. Enter brengt u naar de resultaten; Enter of dubbelklikken op een resultaat opent het hoofdstuk.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Dates and numbers follow the language too.</source>
        <translation>Datums en getallen volgen ook de taal.</translation>
    </message>
    <message>
        <source>Colour scheme</source>
        <translation>Kleurenschema</translation>
    </message>
    <message>
        <source>Load the demo library when the reader starts with an empty library</source>
        <translation>Laad de demobibliotheek als de reader start met een lege bibliotheek</translation>
    </message>
    <message>
        <source>Remove the demo library…</source>
        <translation>Verwijder de demobibliotheek…</translation>
    </message>
    <message>
        <source>Remove the demo library</source>
        <translation>Verwijder de demobibliotheek</translation>
    </message>
    <message>
        <source>The demo library holds demonstration editions marked DEMO; they are not publications of the NCTV.</source>
        <translation>De demobibliotheek bevat demonstratie-edities, gemarkeerd met DEMO; het zijn geen publicaties van de NCTV.</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Weergave</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;Kleuren:</translation>
    </message>
    <message>
        <source>Demo library</source>
        <translation>Demobibliotheek</translation>
    </message>
    <message>
        <source>Remove every demo edition from the library? Your own imported editions are kept, and the demo library is no longer loaded at start. You can load it again from the overview when the library is empty.</source>
        <translation>Alle demo-edities uit de bibliotheek verwijderen? Zelf geïmporteerde edities blijven bewaard en de demobibliotheek wordt niet meer geladen bij het starten. Is de bibliotheek leeg, dan kan de demobibliotheek opnieuw worden geladen vanuit het overzicht.</translation>
    </message>
    <message numerus="yes">
        <source>%n demo edition(s) removed</source>
        <translation>
            <numerusform>%n demo-editie verwijderd</numerusform>
            <numerusform>%n demo-edities verwijderd</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>The national threat level is now %1 (%2)</source>
        <translation>Het nationale dreigingsniveau is nu %1 (%2)</translation>
    </message>
    <message>
        <source>The national threat level changed from %1 (%2) to %3 (%4)</source>
        <translation>Het nationale dreigingsniveau is gewijzigd van %1 (%2) naar %3 (%4)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchroniseren</translation>
    </message>
    <message>
        <source>Bring the library up to date from a signed feed. Every bundle is checked against the feed and its publisher&apos;s signature before it is stored; nothing from the network is trusted.</source>
        <translation>Werk de bibliotheek bij vanuit een ondertekende feed. Elke bundel wordt gecontroleerd tegen de feed en de handtekening van de uitgever voordat hij wordt opgeslagen; niets van het netwerk wordt vertrouwd.</translation>
    </message>
    <message>
        <source>&amp;Feed addresses (one per line; the first is the feed, the others mirrors):</source>
        <translation>&amp;Feedadressen (één per regel; de eerste is de feed, de andere zijn spiegels):</translation>
    </message>
    <message>
        <source>Feed addresses</source>
        <translation>Feedadressen</translation>
    </message>
    <message>
        <source>&amp;Save addresses</source>
        <translation>Adressen op&amp;slaan</translation>
    </message>
    <message numerus="yes">
        <source>Sync &amp;automatically when the network comes up (at most every %n hours)</source>
        <translation>
            <numerusform>&amp;Automatisch synchroniseren zodra het netwerk er is (hoogstens elke %n uur)</numerusform>
            <numerusform>&amp;Automatisch synchroniseren zodra het netwerk er is (hoogstens elke %n uur)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Offline: never connect to the network</source>
        <translation>&amp;Offline: nooit verbinding maken met het netwerk</translation>
    </message>
    <message>
        <source>With Offline on, the reader opens no network connection at all</source>
        <translation>Met Offline aan maakt de lezer helemaal geen netwerkverbinding</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>&amp;Nu synchroniseren</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Voortgang van de synchronisatie</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Laatste resultaat</translation>
    </message>
    <message>
        <source>Bundles of the last sync</source>
        <translation>Bundels van de laatste synchronisatie</translation>
    </message>
    <message>
        <source>Offline: the reader does not connect to the network.</source>
        <translation>Offline: de lezer maakt geen verbinding met het netwerk.</translation>
    </message>
    <message>
        <source>No feed configured: enter the address your organisation gave you.</source>
        <translation>Geen feed ingesteld: vul het adres in dat uw organisatie u gaf.</translation>
    </message>
    <message>
        <source>Not synced yet.</source>
        <translation>Nog niet gesynchroniseerd.</translation>
    </message>
    <message>
        <source>%1 imported, %2 already up to date, %3 refused</source>
        <translation>%1 geïmporteerd, %2 al bijgewerkt, %3 geweigerd</translation>
    </message>
    <message>
        <source>Last sync %1: %2</source>
        <translation>Laatste synchronisatie %1: %2</translation>
    </message>
    <message>
        <source>Last sync %1 failed: %2</source>
        <translation>Laatste synchronisatie %1 mislukt: %2</translation>
    </message>
    <message>
        <source>The feed expired on %1; the library may be out of date since then.</source>
        <translation>De feed is verlopen op %1; de bibliotheek kan sindsdien verouderd zijn.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Bezig met synchroniseren…</translation>
    </message>
    <message>
        <source>Imported: %1 revision %2</source>
        <translation>Geïmporteerd: %1 revisie %2</translation>
    </message>
    <message>
        <source>Already present: %1 revision %2</source>
        <translation>Al aanwezig: %1 revisie %2</translation>
    </message>
    <message>
        <source>Not needed, a newer revision is in the library: %1 revision %2</source>
        <translation>Niet nodig, de bibliotheek heeft een nieuwere revisie: %1 revisie %2</translation>
    </message>
    <message>
        <source>Refused at an earlier sync: %1 revision %2</source>
        <translation>Geweigerd bij een eerdere synchronisatie: %1 revisie %2</translation>
    </message>
    <message>
        <source>Refused: %1 revision %2</source>
        <translation>Geweigerd: %1 revisie %2</translation>
    </message>
    <message>
        <source>Sync cancelled; nothing half-done was kept.</source>
        <translation>Synchronisatie geannuleerd; niets half afgemaakts is bewaard.</translation>
    </message>
    <message>
        <source>The sync was refused: %1</source>
        <translation>De synchronisatie is geweigerd: %1</translation>
    </message>
    <message>
        <source>New national threat level</source>
        <translation>Nieuw nationaal dreigingsniveau</translation>
    </message>
</context>
<context>
    <name>ThemesView</name>
    <message>
        <source>Themes</source>
        <translation>Thema&apos;s</translation>
    </message>
    <message>
        <source>Follow a theme across editions: choose a theme, then open one of its chapters with Enter or a double-click. A theme chapter is an edition&apos;s chapter devoted to that theme.</source>
        <translation>Volg een thema door de edities heen: kies een thema en open daarna een van de hoofdstukken met Enter of een dubbelklik. Een themahoofdstuk is een hoofdstuk van een editie dat geheel aan dat thema is gewijd.</translation>
    </message>
    <message>
        <source>Every theme with the number of chapters on it; Enter moves to its chapters.</source>
        <translation>Alle thema&apos;s met het aantal hoofdstukken erover; Enter gaat naar de hoofdstukken.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation>Hoofdstukken</translation>
    </message>
    <message>
        <source>Chapters on the theme</source>
        <translation>Hoofdstukken over het thema</translation>
    </message>
    <message>
        <source>Chapters across editions, oldest first; Enter opens the chapter.</source>
        <translation>Hoofdstukken uit alle edities, oudste eerst; Enter opent het hoofdstuk.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Editie</translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation>Hoofdstuk</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>The library holds no chapters with themes yet.</source>
        <translation>De bibliotheek bevat nog geen hoofdstukken met thema&apos;s.</translation>
    </message>
    <message>
        <source>Chapters on %1: %2</source>
        <translation>Hoofdstukken over %1: %2</translation>
    </message>
    <message>
        <source>Chapters on %1, oldest first: %2</source>
        <translation>Hoofdstukken over %1, oudste eerst: %2</translation>
    </message>
    <message>
        <source>Chapters on %1</source>
        <translation>Hoofdstukken over %1</translation>
    </message>
    <message>
        <source>Theme chapter</source>
        <translation>Themahoofdstuk</translation>
    </message>
    <message>
        <source>The themes could not be loaded: %1</source>
        <translation>De thema&apos;s kunnen niet worden geladen: %1</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>An unexpected error occurred: %1</source>
        <translation>Er is een onverwachte fout opgetreden: %1</translation>
    </message>
    <message>
        <source>DTN Reader</source>
        <translation>DTN Reader</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Foutmelding</translation>
    </message>
</context>
<context>
    <name>format</name>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <source>What does this mean?</source>
        <translation>Wat betekent dit?</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>(revision %1)</source>
        <translation>(revisie %1)</translation>
    </message>
    <message>
        <source>Threat level %1</source>
        <translation>Dreigingsniveau %1</translation>
    </message>
    <message>
        <source>demonstration content, not an NCTV publication; it says nothing about the actual threat</source>
        <translation>demonstratie-inhoud, geen publicatie van de NCTV; zegt niets over de werkelijke dreiging</translation>
    </message>
    <message>
        <source>Edition</source>
        <translation>Editie</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Threat level</source>
        <translation>Dreigingsniveau</translation>
    </message>
    <message>
        <source>Level since</source>
        <translation>Niveau sinds</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Ondertekend door</translation>
    </message>
    <message>
        <source>%1 (key %2)</source>
        <translation>%1 (sleutel %2)</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revisie</translation>
    </message>
    <message>
        <source>%1 of bundle %2</source>
        <translation>%1 van bundel %2</translation>
    </message>
    <message>
        <source>Bundle SHA-256</source>
        <translation>SHA-256 van de bundel</translation>
    </message>
    <message>
        <source>signed by %1 (key %2)</source>
        <translation>ondertekend door %1 (sleutel %2)</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhoud</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>pagina %1 van %2</translation>
    </message>
</context>
<context>
    <name>scheme</name>
    <message>
        <source>As the system</source>
        <translation>Zoals het systeem</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Licht</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Donker</translation>
    </message>
</context>
</TS>

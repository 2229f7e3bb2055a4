<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>superseded by a newer revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show superseded and hidden editions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editions, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEMO — demonstration content, not an NCTV publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table of contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search all editions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All themes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Years:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type one or more words to search the text of every edition. Results appear while you type; the last word also matches longer words. Use quotes for an exact phrase. Press Enter or double-click a result to open the chapter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddKeyDialog</name>
    <message>
        <source>Add a trusted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare this fingerprint character by character with the one the publisher gave you (on paper, by phone or on their website). Add the key only if they are identical: everything it signs will be accepted as genuine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have compared the fingerprint and it is identical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChapterBrowser</name>
    <message>
        <source>Chapter text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link leads outside DTN Reader:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(shown as: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it in your e-mail program?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it in your web browser? This connects to the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open external link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chapter to PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1; choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistsView</name>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editions with partner checklists, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the selected partner&apos;s checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected partner&apos;s checklist as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No edition in the library has partner checklists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checklist could not be saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save checklist as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print checklist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditionsView</name>
    <message>
        <source>Editions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading editions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library holds no editions. Import one under Import and trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This edition has no chapters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search words do not occur literally in this chapter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No edition selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threat level %1</source>
        <translation type="unfinished">Dreigingsniveau %1</translation>
    </message>
    <message>
        <source>signed by %1 (key %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A newer revision of this edition replaces this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This edition is hidden: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (current chapter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Level history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the chart as a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the chart as an SVG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level history table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same history as the chart, one row per level change or regional event; Enter opens the edition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The national threat level since the first edition. Until July 2016 the scale had four levels; since then it has five, with “%1” added as level 3. Each level is drawn on the row of its label, and each step shows its number on the scale of its time. Triangles mark regional events. Click a step, or use Left, Right and Enter in the chart, to open its edition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The level history could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (regional event)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threat-level-history.%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the level history chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart saved as %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportTrustView</name>
    <message>
        <source>Import and trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import and trust sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted &amp;keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag bundle files (.dtnb) or a folder, such as a USB stick, onto this window, or choose them. Every bundle is checked: its signature against your trusted keys and every file against the signed manifest. Nothing is imported that does not pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import bundle files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import f&amp;older…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No import yet in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details of the selected bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a bundle in the report to see every detail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundles are accepted only when signed by one of these keys. Compare a fingerprint with the publisher&apos;s before you add a key. Revoking a key hides what it signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a trusted key from a .pub file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the selected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected key&apos;s fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint of the selected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fin&amp;gerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every import, rejection and removal, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REVOKED on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is already running; wait for it to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking %1 item(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 bundles checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: %1. The audit log shows what was imported before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bundle (.dtnb) found in what you chose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 imported, %2 already present, %3 rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DTN bundles (*%1);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import every bundle in a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a key to see its fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, key %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint of %1 copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a trusted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minisign public keys (*.pub);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 (%2) is now trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 revoked; %2 edition(s) hidden</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <source>Priority: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as done (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note of your own; saved when you press Enter or leave the field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LevelChart</name>
    <message>
        <source>Threat level history chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the image %1; check that the folder exists and is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step chart of the national terrorist threat level, with regional events and the change of scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no level history in the library yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National threat level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National threat level, %1 to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: demonstration content, not an NCTV publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: scale changed from %2 to %3 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National level (number/scale and word in each step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regional event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change of scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>four-level scale (2005 to July 2016)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>five-level scale (since July 2016)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1 until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since %1 (current level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regional event: %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level %1 of %2 on the %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edition: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level changes and regional events: %1. Use Left and Right to move between them and Enter to open the edition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No level history loaded.</source>
        <translation type="unfinished"></translation>
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
        <translation>Bestand &amp;importeren…</translation>
    </message>
    <message>
        <source>Import signed editions (.dtnb files)</source>
        <translation>Ondertekende edities importeren (.dtnb-bestanden)</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>&amp;Map importeren…</translation>
    </message>
    <message>
        <source>Import every signed edition in a folder, for example a USB stick</source>
        <translation>Alle ondertekende edities in een map importeren, bijvoorbeeld van een USB-stick</translation>
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
        <source>Import signed editions</source>
        <translation>Ondertekende edities importeren</translation>
    </message>
    <message>
        <source>DTN bundles (*.dtnb);;All files (*)</source>
        <translation>DTN-bundels (*.dtnb);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Import every signed edition in a folder</source>
        <translation>Alle ondertekende edities in een map importeren</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DTN Reader %1&lt;/h3&gt;&lt;p&gt;An offline reader for signed editions of the Dutch terrorism threat assessment (Dreigingsbeeld Terrorisme Nederland).&lt;/p&gt;&lt;p&gt;&lt;b&gt;DEMO:&lt;/b&gt; the demo library that comes with the reader is demonstration content, marked DEMO wherever it appears. It is not a publication of the NCTV and says nothing about the actual threat.&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DTN Reader %1&lt;/h3&gt;&lt;p&gt;Een offline reader voor ondertekende edities van het Dreigingsbeeld Terrorisme Nederland.&lt;/p&gt;&lt;p&gt;&lt;b&gt;DEMO:&lt;/b&gt; de demobibliotheek die met de reader wordt meegeleverd is demonstratie-inhoud, overal gemarkeerd met DEMO. Zij is geen publicatie van de NCTV en zegt niets over de werkelijke dreiging.&lt;/p&gt;&lt;p&gt;Licentie: EUPL-1.2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About DTN Reader</source>
        <translation>Over DTN Reader</translation>
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
        <translation>De melding sluiten</translation>
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
        <translation>Nieuwste editie openen</translation>
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
        <translation>Naar Importeren en vertrouwen</translation>
    </message>
    <message>
        <source>Load the demo library</source>
        <translation>Demobibliotheek laden</translation>
    </message>
    <message>
        <source>Demonstration content, not a publication of the NCTV</source>
        <translation>Demonstratie-inhoud, geen publicatie van de NCTV</translation>
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
        <translation>Nieuwste editie openen: %1</translation>
    </message>
    <message>
        <source>This is the only edition in the library, so there is nothing to compare it with.</source>
        <translation>Dit is de enige editie in de bibliotheek; er is niets om haar mee te vergelijken.</translation>
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
        <translation>De demobibliotheek is geladen: demonstratie-edities, gemarkeerd met DEMO, geen publicaties van de NCTV. U kunt haar verwijderen in de instellingen.</translation>
    </message>
</context>
<context>
    <name>ReaderApp</name>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the key “%1” (key ID %2)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editions signed by this key will be hidden, not deleted: they stay in the library and the reason is shown. The library holds %1 edition(s) signed by it. New bundles signed by it will be rejected. A revoked key cannot be trusted again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key is built in; the revocation is recorded in your own trust folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. the secret key was leaked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All themes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found. Check the spelling, use fewer words, or widen the theme and years.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best %1 results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation type="unfinished"></translation>
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
        <translation>Datums en getallen volgen de taal ook.</translation>
    </message>
    <message>
        <source>Load the demo library when the reader starts with an empty library</source>
        <translation>De demobibliotheek laden als de reader met een lege bibliotheek start</translation>
    </message>
    <message>
        <source>Remove the demo library…</source>
        <translation>Demobibliotheek verwijderen…</translation>
    </message>
    <message>
        <source>Remove the demo library</source>
        <translation>Demobibliotheek verwijderen</translation>
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
        <source>Demo library</source>
        <translation>Demobibliotheek</translation>
    </message>
    <message>
        <source>Remove every demo edition from the library? Your own imported editions are kept, and the demo library is no longer loaded at start. You can load it again from the overview when the library is empty.</source>
        <translation>Alle demo-edities uit de bibliotheek verwijderen? Uw zelf geïmporteerde edities blijven bewaard, en de demobibliotheek wordt niet meer geladen bij het starten. U kunt haar opnieuw laden vanuit het overzicht als de bibliotheek leeg is.</translation>
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
    <name>ThemesView</name>
    <message>
        <source>Themes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow a theme across editions: choose a theme, then open one of its chapters with Enter or a double-click. A theme chapter is an edition&apos;s chapter devoted to that theme.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every theme with the number of chapters on it; Enter moves to its chapters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapters on the theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapters across editions, oldest first; Enter opens the chapter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library holds no chapters with themes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapters on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapters on %1, oldest first: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chapters on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The themes could not be loaded: %1</source>
        <translation type="unfinished"></translation>
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
</TS>

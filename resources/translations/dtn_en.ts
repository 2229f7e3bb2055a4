<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AddKeyDialog</name>
        <message>
            <source>Add a trusted key</source>
            <translation>Add a trusted key</translation>
        </message>
        <message>
            <source>Compare this fingerprint character by character with the one the publisher gave you (on paper, by phone or on their website). Add the key only if they are identical: everything it signs will be accepted as genuine.</source>
            <translation>Compare this fingerprint character by character with the one the publisher gave you (on paper, by phone or on their website). Add the key only if they are identical: everything it signs will be accepted as genuine.</translation>
        </message>
        <message>
            <source>Key ID</source>
            <translation>Key ID</translation>
        </message>
        <message>
            <source>Fingerprint</source>
            <translation>Fingerprint</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>as it appears on its editions, e.g. NCTV</source>
            <translation>as it appears on its editions, e.g. NCTV</translation>
        </message>
        <message>
            <source>Publisher</source>
            <translation>Publisher</translation>
        </message>
        <message>
            <source>Fingerprint in groups, to read aloud</source>
            <translation>Fingerprint in groups, to read aloud</translation>
        </message>
        <message>
            <source>I have compared the fingerprint and it is identical</source>
            <translation>I have compared the fingerprint and it is identical</translation>
        </message>
        <message>
            <source>Key ID:</source>
            <translation>Key ID:</translation>
        </message>
        <message>
            <source>Fingerprint:</source>
            <translation>Fingerprint:</translation>
        </message>
        <message>
            <source>To read aloud:</source>
            <translation>To read aloud:</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Name:</translation>
        </message>
        <message>
            <source>&amp;Role:</source>
            <translation>&amp;Role:</translation>
        </message>
        <message>
            <source>&amp;Publisher:</source>
            <translation>&amp;Publisher:</translation>
        </message>
        <message>
            <source>Add key</source>
            <translation>Add key</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>BookmarkTool</name>
        <message>
            <source>Bookmark…</source>
            <translation>Bookmark…</translation>
        </message>
        <message>
            <source>Bookmark this chapter, or the section chosen in the table of contents, with a note (Ctrl+D)</source>
            <translation>Bookmark this chapter, or the section chosen in the table of contents, with a note (Ctrl+D)</translation>
        </message>
        <message>
            <source>Bookmark</source>
            <translation>Bookmark</translation>
        </message>
        <message>
            <source>Bookmark “%1” in %2. Note (optional):</source>
            <translation>Bookmark “%1” in %2. Note (optional):</translation>
        </message>
        <message>
            <source>Bookmarked: %1</source>
            <translation>Bookmarked: %1</translation>
        </message>
    </context>
    <context>
        <name>BookmarksView</name>
        <message>
            <source>Bookmarks</source>
            <translation>Bookmarks</translation>
        </message>
        <message>
            <source>Chapters and sections you bookmarked while reading, with your notes. Open one with Enter or a double-click. Bookmarks stay with their edition through new revisions.</source>
            <translation>Chapters and sections you bookmarked while reading, with your notes. Open one with Enter or a double-click. Bookmarks stay with their edition through new revisions.</translation>
        </message>
        <message>
            <source>Search notes, chapters and editions</source>
            <translation>Search notes, chapters and editions</translation>
        </message>
        <message>
            <source>Search bookmarks</source>
            <translation>Search bookmarks</translation>
        </message>
        <message>
            <source>Bookmarks, newest first; Enter opens one, Delete removes it.</source>
            <translation>Bookmarks, newest first; Enter opens one, Delete removes it.</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>Edition</translation>
        </message>
        <message>
            <source>Chapter</source>
            <translation>Chapter</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>Added</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Open</translation>
        </message>
        <message>
            <source>Edit &amp;note…</source>
            <translation>Edit &amp;note…</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>&amp;Remove</translation>
        </message>
        <message>
            <source>E&amp;xport…</source>
            <translation>E&amp;xport…</translation>
        </message>
        <message>
            <source>&amp;Import…</source>
            <translation>&amp;Import…</translation>
        </message>
        <message>
            <source>Save every bookmark and note to a JSON file, e.g. before reinstalling</source>
            <translation>Save every bookmark and note to a JSON file, e.g. before reinstalling</translation>
        </message>
        <message>
            <source>Merge bookmarks from a JSON file; bookmarks you have already are not added twice</source>
            <translation>Merge bookmarks from a JSON file; bookmarks you have already are not added twice</translation>
        </message>
        <message>
            <source>The bookmarks could not be loaded: %1</source>
            <translation>The bookmarks could not be loaded: %1</translation>
        </message>
        <message>
            <source>No bookmark holds “%1”.</source>
            <translation>No bookmark holds “%1”.</translation>
        </message>
        <message>
            <source>No bookmarks yet. While reading an edition, choose Bookmark (Ctrl+D) to add one.</source>
            <translation>No bookmarks yet. While reading an edition, choose Bookmark (Ctrl+D) to add one.</translation>
        </message>
        <message numerus="yes">
            <source>%n bookmark(s)</source>
            <translation>
                <numerusform>%n bookmark</numerusform>
                <numerusform>%n bookmarks</numerusform>
            </translation>
        </message>
        <message>
            <source>(not in the library)</source>
            <translation>(not in the library)</translation>
        </message>
        <message>
            <source>Edit note</source>
            <translation>Edit note</translation>
        </message>
        <message>
            <source>Note for this bookmark:</source>
            <translation>Note for this bookmark:</translation>
        </message>
        <message numerus="yes">
            <source>%n bookmark(s) saved to %1</source>
            <translation>
                <numerusform>%n bookmark saved to %1</numerusform>
                <numerusform>%n bookmarks saved to %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Export bookmarks</source>
            <translation>Export bookmarks</translation>
        </message>
        <message>
            <source>Bookmarks imported: %1 added, %2 notes updated, %3 already present.</source>
            <translation>Bookmarks imported: %1 added, %2 notes updated, %3 already present.</translation>
        </message>
        <message>
            <source>Import bookmarks</source>
            <translation>Import bookmarks</translation>
        </message>
        <message>
            <source>Bookmarks (*.json)</source>
            <translation>Bookmarks (*.json)</translation>
        </message>
    </context>
    <context>
        <name>ChapterBrowser</name>
        <message>
            <source>Chapter text</source>
            <translation>Chapter text</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <source>Actual size</source>
            <translation>Actual size</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <source>Export to PDF…</source>
            <translation>Export to PDF…</translation>
        </message>
        <message>
            <source>This link leads outside DTN Reader:</source>
            <translation>This link leads outside DTN Reader:</translation>
        </message>
        <message>
            <source>(shown as: %1)</source>
            <translation>(shown as: %1)</translation>
        </message>
        <message>
            <source>Open it in your e-mail program?</source>
            <translation>Open it in your e-mail program?</translation>
        </message>
        <message>
            <source>Open it in your web browser? This connects to the internet.</source>
            <translation>Open it in your web browser? This connects to the internet.</translation>
        </message>
        <message>
            <source>Open external link</source>
            <translation>Open external link</translation>
        </message>
    </context>
    <context>
        <name>CheckDialog</name>
        <message>
            <source>the library</source>
            <translation>the library</translation>
        </message>
        <message>
            <source>The signed original of %1 was altered or is missing. Repairing moves it to the quarantine folder; import this edition again from its source.</source>
            <translation>The signed original of %1 was altered or is missing. Repairing moves it to the quarantine folder; import this edition again from its source.</translation>
        </message>
        <message>
            <source>%1 no longer passes the signature check against the keys you trust now. Repairing removes it from the library; the file is kept.</source>
            <translation>%1 no longer passes the signature check against the keys you trust now. Repairing removes it from the library; the file is kept.</translation>
        </message>
        <message>
            <source>%1 is stored but not shown. Repairing adds it.</source>
            <translation>%1 is stored but not shown. Repairing adds it.</translation>
        </message>
        <message>
            <source>The library database is damaged. Quit the reader and run 'dtn rebuild': it moves the damaged file aside and rebuilds the library from the signed originals.</source>
            <translation>The library database is damaged. Quit the reader and run 'dtn rebuild': it moves the damaged file aside and rebuilds the library from the signed originals.</translation>
        </message>
        <message>
            <source>A temporary file of an interrupted import is left over. Repairing removes it.</source>
            <translation>A temporary file of an interrupted import is left over. Repairing removes it.</translation>
        </message>
        <message>
            <source>What the reader shows for %1 differs from the signed edition. Repairing rebuilds it from the signed original.</source>
            <translation>What the reader shows for %1 differs from the signed edition. Repairing rebuilds it from the signed original.</translation>
        </message>
        <message>
            <source>Everything matches: %1 signed edition(s) were checked again, byte for byte, and match what the reader shows.</source>
            <translation>Everything matches: %1 signed edition(s) were checked again, byte for byte, and match what the reader shows.</translation>
        </message>
        <message>
            <source>%1 problem(s) found in %2 signed edition(s):</source>
            <translation>%1 problem(s) found in %2 signed edition(s):</translation>
        </message>
        <message>
            <source>Check the library</source>
            <translation>Check the library</translation>
        </message>
        <message>
            <source>Every stored edition is hashed again, its signature checked against the keys you trust now, and what the reader shows compared with the signed original.</source>
            <translation>Every stored edition is hashed again, its signature checked against the keys you trust now, and what the reader shows compared with the signed original.</translation>
        </message>
        <message>
            <source>Progress of the check</source>
            <translation>Progress of the check</translation>
        </message>
        <message>
            <source>Result of the check</source>
            <translation>Result of the check</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>&amp;Repair</source>
            <translation>&amp;Repair</translation>
        </message>
        <message>
            <source>Repair the library</source>
            <translation>Repair the library</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>Repairing…</source>
            <translation>Repairing…</translation>
        </message>
        <message>
            <source>The check was cancelled; nothing was changed.</source>
            <translation>The check was cancelled; nothing was changed.</translation>
        </message>
        <message>
            <source>%1 stored edition(s) no longer match their signed original. Choose Help &gt; Check the library for what to do.</source>
            <translation>%1 stored edition(s) no longer match their signed original. Choose Help &gt; Check the library for what to do.</translation>
        </message>
    </context>
    <context>
        <name>ChecklistsView</name>
        <message>
            <source>high</source>
            <translation>high</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>medium</translation>
        </message>
        <message>
            <source>low</source>
            <translation>low</translation>
        </message>
        <message>
            <source>%1 of %2 done</source>
            <translation>%1 of %2 done</translation>
        </message>
        <message>
            <source>revision %1</source>
            <translation>revision %1</translation>
        </message>
        <message>
            <source>done</source>
            <translation>done</translation>
        </message>
        <message>
            <source>open</source>
            <translation>open</translation>
        </message>
        <message>
            <source>demonstration content, not a real publication</source>
            <translation>demonstration content, not a real publication</translation>
        </message>
        <message>
            <source>Edition: %1</source>
            <translation>Edition: %1</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priority</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>Edition</translation>
        </message>
        <message>
            <source>Editions with partner checklists, newest first</source>
            <translation>Editions with partner checklists, newest first</translation>
        </message>
        <message>
            <source>&amp;Edition:</source>
            <translation>&amp;Edition:</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>&amp;Print…</translation>
        </message>
        <message>
            <source>Print the selected partner's checklist</source>
            <translation>Print the selected partner's checklist</translation>
        </message>
        <message>
            <source>Save as P&amp;DF…</source>
            <translation>Save as P&amp;DF…</translation>
        </message>
        <message>
            <source>Save the selected partner's checklist as PDF</source>
            <translation>Save the selected partner's checklist as PDF</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partners</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Progress</translation>
        </message>
        <message>
            <source>Checklists</source>
            <translation>Checklists</translation>
        </message>
        <message>
            <source>No edition in the library has partner checklists.</source>
            <translation>No edition in the library has partner checklists.</translation>
        </message>
        <message>
            <source>Partner: %1</source>
            <translation>Partner: %1</translation>
        </message>
        <message>
            <source>&amp;Carry over notes</source>
            <translation>&amp;Carry over notes</translation>
        </message>
        <message>
            <source>Carry over the notes of open items from the previous edition</source>
            <translation>Carry over the notes of open items from the previous edition</translation>
        </message>
        <message numerus="yes">
            <source>%n open item(s) of this checklist had a note in %1. Carry the notes over to this edition? Ticks are not carried over.</source>
            <translation>
                <numerusform>%n open item of this checklist had a note in %1. Carry the notes over to this edition? Ticks are not carried over.</numerusform>
                <numerusform>%n open items of this checklist had a note in %1. Carry the notes over to this edition? Ticks are not carried over.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n note(s) carried over from the previous edition.</source>
            <translation>
                <numerusform>%n note carried over from the previous edition.</numerusform>
                <numerusform>%n notes carried over from the previous edition.</numerusform>
            </translation>
        </message>
        <message>
            <source>The checklist could not be saved</source>
            <translation>The checklist could not be saved</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>Saved %1</translation>
        </message>
        <message>
            <source>Save checklist as PDF</source>
            <translation>Save checklist as PDF</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>Print checklist</source>
            <translation>Print checklist</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <source>Compare editions</source>
            <translation>Compare editions</translation>
        </message>
        <message>
            <source>Choose two editions to see how the threat level changed, which chapters were added or removed, and, for a chapter, what changed in its text. Enter in the chapter list opens the chapter.</source>
            <translation>Choose two editions to see how the threat level changed, which chapters were added or removed, and, for a chapter, what changed in its text. Enter in the chapter list opens the chapter.</translation>
        </message>
        <message>
            <source>&amp;Swap sides</source>
            <translation>&amp;Swap sides</translation>
        </message>
        <message>
            <source>Swap sides</source>
            <translation>Swap sides</translation>
        </message>
        <message>
            <source>Exchange the editions on the left and on the right</source>
            <translation>Exchange the editions on the left and on the right</translation>
        </message>
        <message>
            <source>Chapters compared</source>
            <translation>Chapters compared</translation>
        </message>
        <message>
            <source>Every chapter of both editions with its status; choose one to see its text side by side, Enter opens it.</source>
            <translation>Every chapter of both editions with its status; choose one to see its text side by side, Enter opens it.</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Chapter</source>
            <translation>Chapter</translation>
        </message>
        <message>
            <source>Marked paragraphs: + text that is new or rewritten in the newer edition; − text of the older edition that was removed or rewritten. In a paragraph that changed a little, the changed words are underlined.</source>
            <translation>Marked paragraphs: + text that is new or rewritten in the newer edition; − text of the older edition that was removed or rewritten. In a paragraph that changed a little, the changed words are underlined.</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Compare</translation>
        </message>
        <message>
            <source>Comparing needs at least two editions in the library. Import more under Import and trust.</source>
            <translation>Comparing needs at least two editions in the library. Import more under Import and trust.</translation>
        </message>
        <message>
            <source>Both sides show the same edition: choose another one on one side to see differences.</source>
            <translation>Both sides show the same edition: choose another one on one side to see differences.</translation>
        </message>
        <message>
            <source>The editions could not be compared: %1</source>
            <translation>The editions could not be compared: %1</translation>
        </message>
        <message>
            <source>Older edition:</source>
            <translation>Older edition:</translation>
        </message>
        <message>
            <source>Newer edition:</source>
            <translation>Newer edition:</translation>
        </message>
        <message>
            <source>Older edition</source>
            <translation>Older edition</translation>
        </message>
        <message>
            <source>Newer edition</source>
            <translation>Newer edition</translation>
        </message>
        <message>
            <source>Text in the older edition</source>
            <translation>Text in the older edition</translation>
        </message>
        <message>
            <source>Text in the newer edition</source>
            <translation>Text in the newer edition</translation>
        </message>
        <message>
            <source>Paragraphs marked + are new or rewritten in the newer edition; paragraphs marked − were removed or rewritten.</source>
            <translation>Paragraphs marked + are new or rewritten in the newer edition; paragraphs marked − were removed or rewritten.</translation>
        </message>
        <message>
            <source>Threat level: unchanged, %1</source>
            <translation>Threat level: unchanged, %1</translation>
        </message>
        <message>
            <source>Threat level: %1 → %2, raised</source>
            <translation>Threat level: %1 → %2, raised</translation>
        </message>
        <message>
            <source>Threat level: %1 → %2, lowered</source>
            <translation>Threat level: %1 → %2, lowered</translation>
        </message>
        <message>
            <source>Threat level: %1 → %2, the same level on another scale</source>
            <translation>Threat level: %1 → %2, the same level on another scale</translation>
        </message>
        <message>
            <source>Chapters: %1 added, %2 removed, %3 changed, %4 unchanged</source>
            <translation>Chapters: %1 added, %2 removed, %3 changed, %4 unchanged</translation>
        </message>
        <message>
            <source>From %1 (older) to %2 (newer)</source>
            <translation>From %1 (older) to %2 (newer)</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>Added</translation>
        </message>
        <message>
            <source>Removed</source>
            <translation>Removed</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Changed</translation>
        </message>
        <message>
            <source>Unchanged</source>
            <translation>Unchanged</translation>
        </message>
        <message>
            <source>%1 (was: %2)</source>
            <translation>%1 (was: %2)</translation>
        </message>
        <message>
            <source>No chapter chosen</source>
            <translation>No chapter chosen</translation>
        </message>
        <message>
            <source>Added in the newer edition: %1</source>
            <translation>Added in the newer edition: %1</translation>
        </message>
        <message>
            <source>Removed in the newer edition: %1</source>
            <translation>Removed in the newer edition: %1</translation>
        </message>
        <message>
            <source>Changed: %1</source>
            <translation>Changed: %1</translation>
        </message>
        <message>
            <source>Unchanged: %1</source>
            <translation>Unchanged: %1</translation>
        </message>
        <message>
            <source>Older edition: %1</source>
            <translation>Older edition: %1</translation>
        </message>
        <message>
            <source>Newer edition: %1</source>
            <translation>Newer edition: %1</translation>
        </message>
        <message>
            <source>This chapter is long: its changed part is shown as one block.</source>
            <translation>This chapter is long: its changed part is shown as one block.</translation>
        </message>
        <message>
            <source>(not in this edition)</source>
            <translation>(not in this edition)</translation>
        </message>
        <message>
            <source>This chapter is not in the older edition.</source>
            <translation>This chapter is not in the older edition.</translation>
        </message>
        <message>
            <source>This chapter is not in the newer edition.</source>
            <translation>This chapter is not in the newer edition.</translation>
        </message>
        <message>
            <source>+ The newer edition adds text here.</source>
            <translation>+ The newer edition adds text here.</translation>
        </message>
        <message>
            <source>− The older edition had text here.</source>
            <translation>− The older edition had text here.</translation>
        </message>
        <message>
            <source>revision %1</source>
            <translation>revision %1</translation>
        </message>
    </context>
    <context>
        <name>EditionsView</name>
        <message>
            <source>Editions</source>
            <translation>Editions</translation>
        </message>
        <message>
            <source>Loading editions…</source>
            <translation>Loading editions…</translation>
        </message>
        <message>
            <source>The library holds no editions. Import one under Import and trust.</source>
            <translation>The library holds no editions. Import one under Import and trust.</translation>
        </message>
        <message>
            <source>revision %1</source>
            <translation>revision %1</translation>
        </message>
        <message>
            <source>superseded by a newer revision</source>
            <translation>superseded by a newer revision</translation>
        </message>
        <message>
            <source>hidden: %1</source>
            <translation>hidden: %1</translation>
        </message>
        <message>
            <source>signed by %1</source>
            <translation>signed by %1</translation>
        </message>
        <message>
            <source>Also superseded and hidden</source>
            <translation>Also superseded and hidden</translation>
        </message>
        <message>
            <source>Show superseded and hidden editions</source>
            <translation>Show superseded and hidden editions</translation>
        </message>
        <message>
            <source>Also list the older revisions of editions and the editions hidden because their key was revoked</source>
            <translation>Also list the older revisions of editions and the editions hidden because their key was revoked</translation>
        </message>
        <message>
            <source>Editions, newest first</source>
            <translation>Editions, newest first</translation>
        </message>
        <message>
            <source>DEMO — demonstration content, not an NCTV publication</source>
            <translation>DEMO — demonstration content, not an NCTV publication</translation>
        </message>
        <message>
            <source>Compare with previous</source>
            <translation>Compare with previous</translation>
        </message>
        <message>
            <source>Show this edition and the one before it side by side: level, chapters and text</source>
            <translation>Show this edition and the one before it side by side: level, chapters and text</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>Table of contents</source>
            <translation>Table of contents</translation>
        </message>
        <message>
            <source>PDF</source>
            <translation>PDF</translation>
        </message>
        <message>
            <source>Text size</source>
            <translation>Text size</translation>
        </message>
        <message>
            <source>This edition has no chapters.</source>
            <translation>This edition has no chapters.</translation>
        </message>
        <message>
            <source>The search words do not occur literally in this chapter.</source>
            <translation>The search words do not occur literally in this chapter.</translation>
        </message>
        <message>
            <source>No edition selected</source>
            <translation>No edition selected</translation>
        </message>
        <message>
            <source>Threat level %1</source>
            <translation>Threat level %1</translation>
        </message>
        <message>
            <source>signed by %1 (key %2)</source>
            <translation>signed by %1 (key %2)</translation>
        </message>
        <message>
            <source>A newer revision of this edition replaces this one.</source>
            <translation>A newer revision of this edition replaces this one.</translation>
        </message>
        <message>
            <source>This edition is hidden: %1</source>
            <translation>This edition is hidden: %1</translation>
        </message>
        <message>
            <source>%1 (current chapter)</source>
            <translation>%1 (current chapter)</translation>
        </message>
        <message>
            <source>Print the whole edition…</source>
            <translation>Print the whole edition…</translation>
        </message>
        <message>
            <source>Export the whole edition to PDF…</source>
            <translation>Export the whole edition to PDF…</translation>
        </message>
        <message>
            <source>‹ Previous in theme</source>
            <translation>‹ Previous in theme</translation>
        </message>
        <message>
            <source>Next in theme ›</source>
            <translation>Next in theme ›</translation>
        </message>
        <message>
            <source>Find…</source>
            <translation>Find…</translation>
        </message>
        <message>
            <source>Find in this chapter (%1)</source>
            <translation>Find in this chapter (%1)</translation>
        </message>
        <message>
            <source>This chapter</source>
            <translation>This chapter</translation>
        </message>
        <message>
            <source>Theme %1: chapter %2 of %3</source>
            <translation>Theme %1: chapter %2 of %3</translation>
        </message>
        <message>
            <source>Preparing the edition for printing…</source>
            <translation>Preparing the edition for printing…</translation>
        </message>
        <message>
            <source>Export to PDF</source>
            <translation>Export to PDF</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message numerus="yes">
            <source>Saved %1 (%n page(s))</source>
            <translation>
                <numerusform>Saved %1 (%n page)</numerusform>
                <numerusform>Saved %1 (%n pages)</numerusform>
            </translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Print</translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>Find in this chapter</source>
            <translation>Find in this chapter</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>Previous</translation>
        </message>
        <message>
            <source>Previous match (Shift+Enter)</source>
            <translation>Previous match (Shift+Enter)</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Next</translation>
        </message>
        <message>
            <source>Next match (Enter)</source>
            <translation>Next match (Enter)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Close the find bar</source>
            <translation>Close the find bar</translation>
        </message>
        <message>
            <source>&amp;Find:</source>
            <translation>&amp;Find:</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 of %2</translation>
        </message>
        <message>
            <source>%1 of more than %2</source>
            <translation>%1 of more than %2</translation>
        </message>
        <message>
            <source>not found</source>
            <translation>not found</translation>
        </message>
    </context>
    <context>
        <name>FirstRunGuide</name>
        <message>
            <source>Getting started</source>
            <translation>Getting started</translation>
        </message>
        <message>
            <source>Open the &amp;help</source>
            <translation>Open the &amp;help</translation>
        </message>
        <message>
            <source>Open the help</source>
            <translation>Open the help</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Close</translation>
        </message>
        <message>
            <source>Close the guide</source>
            <translation>Close the guide</translation>
        </message>
    </context>
    <context>
        <name>HelpWindow</name>
        <message>
            <source>DTN Reader help</source>
            <translation>DTN Reader help</translation>
        </message>
        <message>
            <source>Search the help…</source>
            <translation>Search the help…</translation>
        </message>
        <message>
            <source>Search the help</source>
            <translation>Search the help</translation>
        </message>
        <message>
            <source>Help topics</source>
            <translation>Help topics</translation>
        </message>
        <message>
            <source>No help page contains these words.</source>
            <translation>No help page contains these words.</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>&amp;Back</translation>
        </message>
        <message>
            <source>Back to the previous help page</source>
            <translation>Back to the previous help page</translation>
        </message>
        <message>
            <source>&amp;Contents</source>
            <translation>&amp;Contents</translation>
        </message>
        <message>
            <source>Help contents</source>
            <translation>Help contents</translation>
        </message>
        <message>
            <source>Help page</source>
            <translation>Help page</translation>
        </message>
        <message>
            <source>%1 — DTN Reader help</source>
            <translation>%1 — DTN Reader help</translation>
        </message>
        <message>
            <source>This help page cannot be shown: %1</source>
            <translation>This help page cannot be shown: %1</translation>
        </message>
    </context>
    <context>
        <name>HistoryView</name>
        <message>
            <source>Level history</source>
            <translation>Level history</translation>
        </message>
        <message>
            <source>Export &amp;PNG…</source>
            <translation>Export &amp;PNG…</translation>
        </message>
        <message>
            <source>Export the chart as a PNG image</source>
            <translation>Export the chart as a PNG image</translation>
        </message>
        <message>
            <source>Export &amp;SVG…</source>
            <translation>Export &amp;SVG…</translation>
        </message>
        <message>
            <source>Export the chart as an SVG image</source>
            <translation>Export the chart as an SVG image</translation>
        </message>
        <message>
            <source>Level history table</source>
            <translation>Level history table</translation>
        </message>
        <message>
            <source>The same history as the chart, one row per level change or regional event; Enter opens the edition.</source>
            <translation>The same history as the chart, one row per level change or regional event; Enter opens the edition.</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Level</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Label</translation>
        </message>
        <message>
            <source>Scale</source>
            <translation>Scale</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>Region</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>Edition</translation>
        </message>
        <message>
            <source>The national threat level since the first edition. Until July 2016 the scale had four levels; since then it has five, with “%1” added as level 3. Each level is drawn on the row of its label, and each step shows its number on the scale of its time. Triangles mark regional events. Click a step, or use Left, Right and Enter in the chart, to open its edition.</source>
            <translation>The national threat level since the first edition. Until July 2016 the scale had four levels; since then it has five, with “%1” added as level 3. Each level is drawn on the row of its label, and each step shows its number on the scale of its time. Triangles mark regional events. Click a step, or use Left, Right and Enter in the chart, to open its edition.</translation>
        </message>
        <message>
            <source>The level history could not be loaded: %1</source>
            <translation>The level history could not be loaded: %1</translation>
        </message>
        <message>
            <source>National</source>
            <translation>National</translation>
        </message>
        <message>
            <source>%1 (regional event)</source>
            <translation>%1 (regional event)</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 of %2</translation>
        </message>
        <message>
            <source>%1 levels</source>
            <translation>%1 levels</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>PNG image (*.png)</translation>
        </message>
        <message>
            <source>SVG image (*.svg)</source>
            <translation>SVG image (*.svg)</translation>
        </message>
        <message>
            <source>threat-level-history.%1</source>
            <translation>threat-level-history.%1</translation>
        </message>
        <message>
            <source>Export the level history chart</source>
            <translation>Export the level history chart</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>Export failed</translation>
        </message>
        <message>
            <source>Chart saved as %1</source>
            <translation>Chart saved as %1</translation>
        </message>
    </context>
    <context>
        <name>ImportTrustView</name>
        <message>
            <source>Imported</source>
            <translation>Imported</translation>
        </message>
        <message>
            <source>Already present</source>
            <translation>Already present</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>Removed</source>
            <translation>Removed</translation>
        </message>
        <message>
            <source>Rebuilt</source>
            <translation>Rebuilt</translation>
        </message>
        <message>
            <source>Loaded</source>
            <translation>Loaded</translation>
        </message>
        <message>
            <source>Key added</source>
            <translation>Key added</translation>
        </message>
        <message>
            <source>Key revoked</source>
            <translation>Key revoked</translation>
        </message>
        <message>
            <source>Revocation undone</source>
            <translation>Revocation undone</translation>
        </message>
        <message>
            <source>Publisher bound</source>
            <translation>Publisher bound</translation>
        </message>
        <message>
            <source>Key rotated</source>
            <translation>Key rotated</translation>
        </message>
        <message>
            <source>Demo replaced</source>
            <translation>Demo replaced</translation>
        </message>
        <message>
            <source>Quarantined</source>
            <translation>Quarantined</translation>
        </message>
        <message>
            <source>Database set aside</source>
            <translation>Database set aside</translation>
        </message>
        <message>
            <source>publisher</source>
            <translation>publisher</translation>
        </message>
        <message>
            <source>feed</source>
            <translation>feed</translation>
        </message>
        <message>
            <source>empty</source>
            <translation>empty</translation>
        </message>
        <message>
            <source>Built-in demo library</source>
            <translation>Built-in demo library</translation>
        </message>
        <message>
            <source>Result: %1</source>
            <translation>Result: %1</translation>
        </message>
        <message>
            <source>Source: %1</source>
            <translation>Source: %1</translation>
        </message>
        <message>
            <source>Edition: %1</source>
            <translation>Edition: %1</translation>
        </message>
        <message>
            <source>Bundle: %1 revision %2</source>
            <translation>Bundle: %1 revision %2</translation>
        </message>
        <message>
            <source>Bundle: %1</source>
            <translation>Bundle: %1</translation>
        </message>
        <message>
            <source>Replaces revision %1</source>
            <translation>Replaces revision %1</translation>
        </message>
        <message>
            <source>Signed by: %1 (key %2)</source>
            <translation>Signed by: %1 (key %2)</translation>
        </message>
        <message>
            <source>Reason: %1</source>
            <translation>Reason: %1</translation>
        </message>
        <message>
            <source>Import and trust</source>
            <translation>Import and trust</translation>
        </message>
        <message>
            <source>Import and trust sections</source>
            <translation>Import and trust sections</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>&amp;Import</translation>
        </message>
        <message>
            <source>Trusted &amp;keys</source>
            <translation>Trusted &amp;keys</translation>
        </message>
        <message>
            <source>&amp;Audit log</source>
            <translation>&amp;Audit log</translation>
        </message>
        <message>
            <source>Drag bundle files (.dtnb) or a folder, such as a USB stick, onto this window, or choose them. Every bundle is checked: its signature against your trusted keys and every file against the signed manifest. Nothing is imported that does not pass.</source>
            <translation>Drag bundle files (.dtnb) or a folder, such as a USB stick, onto this window, or choose them. Every bundle is checked: its signature against your trusted keys and every file against the signed manifest. Nothing is imported that does not pass.</translation>
        </message>
        <message>
            <source>Import &amp;file…</source>
            <translation>Import &amp;file…</translation>
        </message>
        <message>
            <source>Import bundle files</source>
            <translation>Import bundle files</translation>
        </message>
        <message>
            <source>Import f&amp;older…</source>
            <translation>Import f&amp;older…</translation>
        </message>
        <message>
            <source>Import a folder</source>
            <translation>Import a folder</translation>
        </message>
        <message>
            <source>Cancel import</source>
            <translation>Cancel import</translation>
        </message>
        <message>
            <source>Import progress</source>
            <translation>Import progress</translation>
        </message>
        <message>
            <source>No import yet in this session.</source>
            <translation>No import yet in this session.</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>Edition</translation>
        </message>
        <message>
            <source>Bundle</source>
            <translation>Bundle</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Signed by</translation>
        </message>
        <message>
            <source>Files checked</source>
            <translation>Files checked</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>Verification report</source>
            <translation>Verification report</translation>
        </message>
        <message>
            <source>Details of the selected bundle</source>
            <translation>Details of the selected bundle</translation>
        </message>
        <message>
            <source>Select a bundle in the report to see every detail.</source>
            <translation>Select a bundle in the report to see every detail.</translation>
        </message>
        <message>
            <source>What does this rejection mean?</source>
            <translation>What does this rejection mean?</translation>
        </message>
        <message>
            <source>Bundles are accepted only when signed by one of these keys. Compare a fingerprint with the publisher's before you add a key. Revoking a key hides what it signed.</source>
            <translation>Bundles are accepted only when signed by one of these keys. Compare a fingerprint with the publisher's before you add a key. Revoking a key hides what it signed.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Key ID</source>
            <translation>Key ID</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Markings</source>
            <translation>Markings</translation>
        </message>
        <message>
            <source>Editions</source>
            <translation>Editions</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>Added</translation>
        </message>
        <message>
            <source>Fingerprint</source>
            <translation>Fingerprint</translation>
        </message>
        <message>
            <source>Trusted keys</source>
            <translation>Trusted keys</translation>
        </message>
        <message>
            <source>A&amp;dd key…</source>
            <translation>A&amp;dd key…</translation>
        </message>
        <message>
            <source>Add a trusted key from a .pub file</source>
            <translation>Add a trusted key from a .pub file</translation>
        </message>
        <message>
            <source>&amp;Revoke…</source>
            <translation>&amp;Revoke…</translation>
        </message>
        <message>
            <source>Revoke the selected key</source>
            <translation>Revoke the selected key</translation>
        </message>
        <message>
            <source>&amp;Copy fingerprint</source>
            <translation>&amp;Copy fingerprint</translation>
        </message>
        <message>
            <source>Copy the selected key's fingerprint</source>
            <translation>Copy the selected key's fingerprint</translation>
        </message>
        <message>
            <source>Fingerprint of the selected key</source>
            <translation>Fingerprint of the selected key</translation>
        </message>
        <message>
            <source>Fin&amp;gerprint:</source>
            <translation>Fin&amp;gerprint:</translation>
        </message>
        <message>
            <source>Every import, rejection and removal, newest first.</source>
            <translation>Every import, rejection and removal, newest first.</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>Audit log</translation>
        </message>
        <message>
            <source>Re&amp;fresh</source>
            <translation>Re&amp;fresh</translation>
        </message>
        <message>
            <source>Refresh the audit log</source>
            <translation>Refresh the audit log</translation>
        </message>
        <message>
            <source>Show results</source>
            <translation>Show results</translation>
        </message>
        <message>
            <source>All results</source>
            <translation>All results</translation>
        </message>
        <message>
            <source>Trust changes</source>
            <translation>Trust changes</translation>
        </message>
        <message>
            <source>Library changes</source>
            <translation>Library changes</translation>
        </message>
        <message>
            <source>Show period</source>
            <translation>Show period</translation>
        </message>
        <message>
            <source>Any time</source>
            <translation>Any time</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translation>Last 7 days</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>Last 30 days</translation>
        </message>
        <message>
            <source>Last 12 months</source>
            <translation>Last 12 months</translation>
        </message>
        <message>
            <source>&amp;Export CSV…</source>
            <translation>&amp;Export CSV…</translation>
        </message>
        <message>
            <source>Export the audit log shown as CSV</source>
            <translation>Export the audit log shown as CSV</translation>
        </message>
        <message>
            <source>&amp;Trust this key…</source>
            <translation>&amp;Trust this key…</translation>
        </message>
        <message>
            <source>Trust the unknown key of the selected rejection</source>
            <translation>Trust the unknown key of the selected rejection</translation>
        </message>
        <message>
            <source>Trust this key</source>
            <translation>Trust this key</translation>
        </message>
        <message>
            <source>The public key (the .pub file's text or its key line):</source>
            <translation>The public key (the .pub file's text or its key line):</translation>
        </message>
        <message>
            <source>The bundle was signed by key %1. To trust it, the reader needs the public key itself, from the publisher: a .pub file, or its text pasted.</source>
            <translation>The bundle was signed by key %1. To trust it, the reader needs the public key itself, from the publisher: a .pub file, or its text pasted.</translation>
        </message>
        <message>
            <source>From a &amp;file…</source>
            <translation>From a &amp;file…</translation>
        </message>
        <message>
            <source>&amp;Paste the key…</source>
            <translation>&amp;Paste the key…</translation>
        </message>
        <message>
            <source>Export the audit log</source>
            <translation>Export the audit log</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
        <message>
            <source>Audit log exported to %1</source>
            <translation>Audit log exported to %1</translation>
        </message>
        <message>
            <source>built-in</source>
            <translation>built-in</translation>
        </message>
        <message>
            <source>REVOKED on %1</source>
            <translation>REVOKED on %1</translation>
        </message>
        <message>
            <source>Trusted</source>
            <translation>Trusted</translation>
        </message>
        <message>
            <source>%1 (not yet bound to a publisher)</source>
            <translation>%1 (not yet bound to a publisher)</translation>
        </message>
        <message>
            <source>%1 for %2</source>
            <translation>%1 for %2</translation>
        </message>
        <message>
            <source>%1 revision %2</source>
            <translation>%1 revision %2</translation>
        </message>
        <message>
            <source>An import is already running; wait for it to finish.</source>
            <translation>An import is already running; wait for it to finish.</translation>
        </message>
        <message numerus="yes">
            <source>Checking %n item(s)…</source>
            <translation>
                <numerusform>Checking %n item…</numerusform>
                <numerusform>Checking %n items…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Key %1 revoked; %n edition(s) hidden</source>
            <translation>
                <numerusform>Key %1 revoked; %n edition hidden</numerusform>
                <numerusform>Key %1 revoked; %n editions hidden</numerusform>
            </translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>%1 of %2 bundles checked</source>
            <translation>%1 of %2 bundles checked</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <source>Import cancelled: %1. The audit log shows what was imported before.</source>
            <translation>Import cancelled: %1. The audit log shows what was imported before.</translation>
        </message>
        <message>
            <source>Import failed: %1</source>
            <translation>Import failed: %1</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>No bundle (.dtnb) found in what you chose.</source>
            <translation>No bundle (.dtnb) found in what you chose.</translation>
        </message>
        <message>
            <source>%1 imported, %2 already present, %3 rejected</source>
            <translation>%1 imported, %2 already present, %3 rejected</translation>
        </message>
        <message>
            <source>DTN bundles (*%1);;All files (*)</source>
            <translation>DTN bundles (*%1);;All files (*)</translation>
        </message>
        <message>
            <source>Import every bundle in a folder</source>
            <translation>Import every bundle in a folder</translation>
        </message>
        <message>
            <source>Select a key to see its fingerprint.</source>
            <translation>Select a key to see its fingerprint.</translation>
        </message>
        <message>
            <source>%1, key %2</source>
            <translation>%1, key %2</translation>
        </message>
        <message>
            <source>Fingerprint of %1 copied</source>
            <translation>Fingerprint of %1 copied</translation>
        </message>
        <message>
            <source>Add a trusted key</source>
            <translation>Add a trusted key</translation>
        </message>
        <message>
            <source>minisign public keys (*.pub);;All files (*)</source>
            <translation>minisign public keys (*.pub);;All files (*)</translation>
        </message>
        <message>
            <source>Add key</source>
            <translation>Add key</translation>
        </message>
        <message>
            <source>Key %1 (%2) is now trusted</source>
            <translation>Key %1 (%2) is now trusted</translation>
        </message>
        <message>
            <source>Revoke key</source>
            <translation>Revoke key</translation>
        </message>
    </context>
    <context>
        <name>ItemRow</name>
        <message>
            <source>Priority: %1</source>
            <translation>Priority: %1</translation>
        </message>
        <message>
            <source>Mark as done (Space)</source>
            <translation>Mark as done (Space)</translation>
        </message>
        <message>
            <source>Note…</source>
            <translation>Note…</translation>
        </message>
        <message>
            <source>Note for: %1</source>
            <translation>Note for: %1</translation>
        </message>
        <message>
            <source>A note of your own; saved when you press Enter or leave the field</source>
            <translation>A note of your own; saved when you press Enter or leave the field</translation>
        </message>
    </context>
    <context>
        <name>LevelChart</name>
        <message>
            <source>Threat level history chart</source>
            <translation>Threat level history chart</translation>
        </message>
        <message>
            <source>Step chart of the national terrorist threat level, with regional events and the change of scale.</source>
            <translation>Step chart of the national terrorist threat level, with regional events and the change of scale.</translation>
        </message>
        <message>
            <source>There is no level history in the library yet.</source>
            <translation>There is no level history in the library yet.</translation>
        </message>
        <message>
            <source>National threat level</source>
            <translation>National threat level</translation>
        </message>
        <message>
            <source>National threat level, %1 to today</source>
            <translation>National threat level, %1 to today</translation>
        </message>
        <message>
            <source>%1: demonstration content, not an NCTV publication</source>
            <translation>%1: demonstration content, not an NCTV publication</translation>
        </message>
        <message>
            <source>%1: scale changed from %2 to %3 levels</source>
            <translation>%1: scale changed from %2 to %3 levels</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1, %2</translation>
        </message>
        <message>
            <source>National level (number/scale and word in each step)</source>
            <translation>National level (number/scale and word in each step)</translation>
        </message>
        <message>
            <source>Regional event</source>
            <translation>Regional event</translation>
        </message>
        <message>
            <source>Change of scale</source>
            <translation>Change of scale</translation>
        </message>
        <message>
            <source>four-level scale (2005 to July 2016)</source>
            <translation>four-level scale (2005 to July 2016)</translation>
        </message>
        <message>
            <source>five-level scale (since July 2016)</source>
            <translation>five-level scale (since July 2016)</translation>
        </message>
        <message>
            <source>National level %1</source>
            <translation>National level %1</translation>
        </message>
        <message>
            <source>From %1 until %2</source>
            <translation>From %1 until %2</translation>
        </message>
        <message>
            <source>Since %1 (current level)</source>
            <translation>Since %1 (current level)</translation>
        </message>
        <message>
            <source>Regional event: %1 in %2</source>
            <translation>Regional event: %1 in %2</translation>
        </message>
        <message>
            <source>On %1</source>
            <translation>On %1</translation>
        </message>
        <message>
            <source>Level %1 of %2 on the %3</source>
            <translation>Level %1 of %2 on the %3</translation>
        </message>
        <message>
            <source>Edition: %1</source>
            <translation>Edition: %1</translation>
        </message>
        <message>
            <source>Level changes and regional events: %1. Use Left and Right to move between them and Enter to open the edition.</source>
            <translation>Level changes and regional events: %1. Use Left and Right to move between them and Enter to open the edition.</translation>
        </message>
        <message>
            <source>No level history loaded.</source>
            <translation>No level history loaded.</translation>
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
            <translation>Navigation</translation>
        </message>
        <message>
            <source>The views of the reader; use the arrow keys to switch</source>
            <translation>The views of the reader; use the arrow keys to switch</translation>
        </message>
        <message>
            <source>Opening the library…</source>
            <translation>Opening the library…</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;Import file…</source>
            <translation>&amp;Import file…</translation>
        </message>
        <message>
            <source>Import signed editions (.dtnb files)</source>
            <translation>Import signed editions (.dtnb files)</translation>
        </message>
        <message>
            <source>Import &amp;folder…</source>
            <translation>Import &amp;folder…</translation>
        </message>
        <message>
            <source>Import every signed edition in a folder, for example a USB stick</source>
            <translation>Import every signed edition in a folder, for example a USB stick</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>&amp;Settings…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>Help for this &amp;view</source>
            <translation>Help for this &amp;view</translation>
        </message>
        <message>
            <source>Explain the view you are on</source>
            <translation>Explain the view you are on</translation>
        </message>
        <message>
            <source>Help &amp;contents</source>
            <translation>Help &amp;contents</translation>
        </message>
        <message>
            <source>&amp;Getting started</source>
            <translation>&amp;Getting started</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Keyboard shortcuts</translation>
        </message>
        <message>
            <source>Chec&amp;k the library…</source>
            <translation>Chec&amp;k the library…</translation>
        </message>
        <message>
            <source>Check every stored edition against its signed original</source>
            <translation>Check every stored edition against its signed original</translation>
        </message>
        <message>
            <source>&amp;About DTN Reader</source>
            <translation>&amp;About DTN Reader</translation>
        </message>
        <message>
            <source>Library: %1</source>
            <translation>Library: %1</translation>
        </message>
        <message>
            <source>The folder that holds the library</source>
            <translation>The folder that holds the library</translation>
        </message>
        <message>
            <source>&amp;Presentation mode</source>
            <translation>&amp;Presentation mode</translation>
        </message>
        <message>
            <source>Full screen and large type: the level history and the open chapter, section by section, with the arrow keys</source>
            <translation>Full screen and large type: the level history and the open chapter, section by section, with the arrow keys</translation>
        </message>
        <message>
            <source>&lt;h3&gt;DTN Reader %1&lt;/h3&gt;&lt;p&gt;An offline reader for signed editions of the Dutch terrorism threat assessment (Dreigingsbeeld Terrorisme Nederland).&lt;/p&gt;&lt;p&gt;&lt;b&gt;DEMO:&lt;/b&gt; the demo library that comes with the reader is demonstration content, marked DEMO wherever it appears. It is not a publication of the NCTV and says nothing about the actual threat.&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</source>
            <translation>&lt;h3&gt;DTN Reader %1&lt;/h3&gt;&lt;p&gt;An offline reader for signed editions of the Dutch terrorism threat assessment (Dreigingsbeeld Terrorisme Nederland).&lt;/p&gt;&lt;p&gt;&lt;b&gt;DEMO:&lt;/b&gt; the demo library that comes with the reader is demonstration content, marked DEMO wherever it appears. It is not a publication of the NCTV and says nothing about the actual threat.&lt;/p&gt;&lt;p&gt;Licence: EUPL-1.2&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Qt %1, Python %2</source>
            <translation>Qt %1, Python %2</translation>
        </message>
        <message>
            <source>About DTN Reader</source>
            <translation>About DTN Reader</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>&amp;Back</translation>
        </message>
        <message>
            <source>Go back to the previous view or chapter</source>
            <translation>Go back to the previous view or chapter</translation>
        </message>
        <message>
            <source>&amp;Forward</source>
            <translation>&amp;Forward</translation>
        </message>
        <message>
            <source>Go forward again</source>
            <translation>Go forward again</translation>
        </message>
    </context>
    <context>
        <name>OverviewView</name>
        <message>
            <source>Notice</source>
            <translation>Notice</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Close the notice</source>
            <translation>Close the notice</translation>
        </message>
        <message>
            <source>New national threat level</source>
            <translation>New national threat level</translation>
        </message>
        <message>
            <source>Last brought up to date</source>
            <translation>Last brought up to date</translation>
        </message>
        <message>
            <source>Opening the library…</source>
            <translation>Opening the library…</translation>
        </message>
        <message>
            <source>Overview</source>
            <translation>Overview</translation>
        </message>
        <message>
            <source>Current national threat level</source>
            <translation>Current national threat level</translation>
        </message>
        <message>
            <source>Regional events</source>
            <translation>Regional events</translation>
        </message>
        <message>
            <source>Latest edition</source>
            <translation>Latest edition</translation>
        </message>
        <message>
            <source>Title of the latest edition</source>
            <translation>Title of the latest edition</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Summary</translation>
        </message>
        <message>
            <source>Open the latest edition</source>
            <translation>Open the latest edition</translation>
        </message>
        <message>
            <source>What changed</source>
            <translation>What changed</translation>
        </message>
        <message>
            <source>The library is empty</source>
            <translation>The library is empty</translation>
        </message>
        <message>
            <source>There are no editions to read yet. Import a signed edition (a .dtnb file or a folder, for example from a USB stick) under Import and trust, or load the demo library to try the reader with demonstration content.</source>
            <translation>There are no editions to read yet. Import a signed edition (a .dtnb file or a folder, for example from a USB stick) under Import and trust, or load the demo library to try the reader with demonstration content.</translation>
        </message>
        <message>
            <source>Go to Import and trust</source>
            <translation>Go to Import and trust</translation>
        </message>
        <message>
            <source>Load the demo library</source>
            <translation>Load the demo library</translation>
        </message>
        <message>
            <source>Demonstration content, not a publication of the NCTV</source>
            <translation>Demonstration content, not a publication of the NCTV</translation>
        </message>
        <message>
            <source>Out of date since %1: the feed has expired and no newer one was accepted.</source>
            <translation>Out of date since %1: the feed has expired and no newer one was accepted.</translation>
        </message>
        <message>
            <source>Last brought up to date: %1</source>
            <translation>Last brought up to date: %1</translation>
        </message>
        <message>
            <source>Not brought up to date from the feed yet.</source>
            <translation>Not brought up to date from the feed yet.</translation>
        </message>
        <message>
            <source>The library cannot be read: %1</source>
            <translation>The library cannot be read: %1</translation>
        </message>
        <message>
            <source>%1 of %2 — %3</source>
            <translation>%1 of %2 — %3</translation>
        </message>
        <message>
            <source>Threat level %1</source>
            <translation>Threat level %1</translation>
        </message>
        <message>
            <source>Since %1</source>
            <translation>Since %1</translation>
        </message>
        <message>
            <source>Scale of %1 levels, from %2 to %3; now level %4</source>
            <translation>Scale of %1 levels, from %2 to %3; now level %4</translation>
        </message>
        <message>
            <source>%1: level %2 %3 in %4, until %5</source>
            <translation>%1: level %2 %3 in %4, until %5</translation>
        </message>
        <message>
            <source>%1: level %2 %3 in %4</source>
            <translation>%1: level %2 %3 in %4</translation>
        </message>
        <message>
            <source>%1 · revision %2 · signed by %3</source>
            <translation>%1 · revision %2 · signed by %3</translation>
        </message>
        <message>
            <source>%1 · %2 · revision %3 · signed by %4</source>
            <translation>%1 · %2 · revision %3 · signed by %4</translation>
        </message>
        <message numerus="yes">
            <source>%n chapter(s)</source>
            <translation>
                <numerusform>%n chapter</numerusform>
                <numerusform>%n chapters</numerusform>
            </translation>
        </message>
        <message>
            <source>Open the latest edition: %1</source>
            <translation>Open the latest edition: %1</translation>
        </message>
        <message>
            <source>This is the only edition in the library, so there is nothing to compare it with.</source>
            <translation>This is the only edition in the library, so there is nothing to compare it with.</translation>
        </message>
        <message>
            <source>What changed since %1</source>
            <translation>What changed since %1</translation>
        </message>
        <message>
            <source>The threat level changed from %1 to %2.</source>
            <translation>The threat level changed from %1 to %2.</translation>
        </message>
        <message>
            <source>The threat level is unchanged: %1.</source>
            <translation>The threat level is unchanged: %1.</translation>
        </message>
        <message>
            <source>New chapters:</source>
            <translation>New chapters:</translation>
        </message>
        <message>
            <source>Chapters no longer included:</source>
            <translation>Chapters no longer included:</translation>
        </message>
        <message>
            <source>The chapters are the same as in the previous edition.</source>
            <translation>The chapters are the same as in the previous edition.</translation>
        </message>
        <message>
            <source>Loading the demo library…</source>
            <translation>Loading the demo library…</translation>
        </message>
        <message>
            <source>Loading the demo library: %1 of %2</source>
            <translation>Loading the demo library: %1 of %2</translation>
        </message>
        <message>
            <source>The demo library has been loaded: demonstration editions marked DEMO, not publications of the NCTV. You can remove it in the settings.</source>
            <translation>The demo library has been loaded: demonstration editions marked DEMO, not publications of the NCTV. You can remove it in the settings.</translation>
        </message>
    </context>
    <context>
        <name>PresentationWindow</name>
        <message>
            <source>Presentation — %1</source>
            <translation>Presentation — %1</translation>
        </message>
        <message>
            <source>Presentation</source>
            <translation>Presentation</translation>
        </message>
        <message>
            <source>%1 — demonstration content, not an NCTV publication</source>
            <translation>%1 — demonstration content, not an NCTV publication</translation>
        </message>
        <message>
            <source>Threat level %1</source>
            <translation>Threat level %1</translation>
        </message>
        <message>
            <source>Actions for %1</source>
            <translation>Actions for %1</translation>
        </message>
        <message>
            <source>%1 (%2 of %3)</source>
            <translation>%1 (%2 of %3)</translation>
        </message>
        <message>
            <source>slide %1 of %2</source>
            <translation>slide %1 of %2</translation>
        </message>
    </context>
    <context>
        <name>ReaderApp</name>
        <message>
            <source>Waiting for another program that is changing the library…</source>
            <translation>Waiting for another program that is changing the library…</translation>
        </message>
        <message>
            <source>The language is now English.</source>
            <translation>The language is now English.</translation>
        </message>
        <message>
            <source>The language is now Dutch.</source>
            <translation>The language is now Dutch.</translation>
        </message>
        <message>
            <source>The library was repaired after an interrupted import.</source>
            <translation>The library was repaired after an interrupted import.</translation>
        </message>
        <message>
            <source>Loading the demo library…</source>
            <translation>Loading the demo library…</translation>
        </message>
        <message>
            <source>Loading the demo library: %1 of %2</source>
            <translation>Loading the demo library: %1 of %2</translation>
        </message>
        <message>
            <source>The library cannot be opened: %1</source>
            <translation>The library cannot be opened: %1</translation>
        </message>
    </context>
    <context>
        <name>RevokeDialog</name>
        <message>
            <source>Revoke key</source>
            <translation>Revoke key</translation>
        </message>
        <message>
            <source>Revoke the key “%1” (key ID %2)?</source>
            <translation>Revoke the key “%1” (key ID %2)?</translation>
        </message>
        <message numerus="yes">
            <source>Editions signed by this key will be hidden, not deleted: they stay in the library and the reason is shown. The library holds %n edition(s) signed by it. New bundles signed by it will be rejected. A revoked key cannot be trusted again.</source>
            <translation>
                <numerusform>Editions signed by this key will be hidden, not deleted: they stay in the library and the reason is shown. The library holds %n edition signed by it. New bundles signed by it will be rejected. A revoked key cannot be trusted again.</numerusform>
                <numerusform>Editions signed by this key will be hidden, not deleted: they stay in the library and the reason is shown. The library holds %n editions signed by it. New bundles signed by it will be rejected. A revoked key cannot be trusted again.</numerusform>
            </translation>
        </message>
        <message>
            <source>This key is built in; the revocation is recorded in your own trust folder.</source>
            <translation>This key is built in; the revocation is recorded in your own trust folder.</translation>
        </message>
        <message>
            <source>e.g. the secret key was leaked</source>
            <translation>e.g. the secret key was leaked</translation>
        </message>
        <message>
            <source>Reason for the revocation</source>
            <translation>Reason for the revocation</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Reason:</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>SearchView</name>
        <message>
            <source>Search</source>
            <translation>Search</translation>
        </message>
        <message>
            <source>All themes</source>
            <translation>All themes</translation>
        </message>
        <message>
            <source>Search words</source>
            <translation>Search words</translation>
        </message>
        <message>
            <source>Search all editions…</source>
            <translation>Search all editions…</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>Theme</translation>
        </message>
        <message>
            <source>From year</source>
            <translation>From year</translation>
        </message>
        <message>
            <source>To year</source>
            <translation>To year</translation>
        </message>
        <message>
            <source>Number of results</source>
            <translation>Number of results</translation>
        </message>
        <message>
            <source>&amp;Theme:</source>
            <translation>&amp;Theme:</translation>
        </message>
        <message>
            <source>&amp;Years:</source>
            <translation>&amp;Years:</translation>
        </message>
        <message>
            <source>to</source>
            <translation>to</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>Search results</translation>
        </message>
        <message>
            <source>Type at least two letters.</source>
            <translation>Type at least two letters.</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>Nothing found. Check the spelling, use fewer words, or widen the theme and years.</source>
            <translation>Nothing found. Check the spelling, use fewer words, or widen the theme and years.</translation>
        </message>
        <message>
            <source>best %1 results</source>
            <translation>best %1 results</translation>
        </message>
        <message>
            <source>1 result</source>
            <translation>1 result</translation>
        </message>
        <message>
            <source>%1 results</source>
            <translation>%1 results</translation>
        </message>
        <message>
            <source>Type one or more words to search the text of every edition. Results appear while you type; the last word also matches longer words. Use quotes for an exact phrase. Enter takes you to the results; Enter or a double-click on a result opens the chapter.</source>
            <translation>Type one or more words to search the text of every edition. Results appear while you type; the last word also matches longer words. Use quotes for an exact phrase. Enter takes you to the results; Enter or a double-click on a result opens the chapter.</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Dates and numbers follow the language too.</source>
            <translation>Dates and numbers follow the language too.</translation>
        </message>
        <message>
            <source>Colour scheme</source>
            <translation>Colour scheme</translation>
        </message>
        <message>
            <source>Load the demo library when the reader starts with an empty library</source>
            <translation>Load the demo library when the reader starts with an empty library</translation>
        </message>
        <message>
            <source>Remove the demo library…</source>
            <translation>Remove the demo library…</translation>
        </message>
        <message>
            <source>Remove the demo library</source>
            <translation>Remove the demo library</translation>
        </message>
        <message>
            <source>The demo library holds demonstration editions marked DEMO; they are not publications of the NCTV.</source>
            <translation>The demo library holds demonstration editions marked DEMO; they are not publications of the NCTV.</translation>
        </message>
        <message>
            <source>Display</source>
            <translation>Display</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>&amp;Language:</translation>
        </message>
        <message>
            <source>&amp;Colours:</source>
            <translation>&amp;Colours:</translation>
        </message>
        <message>
            <source>Demo library</source>
            <translation>Demo library</translation>
        </message>
        <message>
            <source>Remove every demo edition from the library? Your own imported editions are kept, and the demo library is no longer loaded at start. You can load it again from the overview when the library is empty.</source>
            <translation>Remove every demo edition from the library? Your own imported editions are kept, and the demo library is no longer loaded at start. You can load it again from the overview when the library is empty.</translation>
        </message>
        <message numerus="yes">
            <source>%n demo edition(s) removed</source>
            <translation>
                <numerusform>%n demo edition removed</numerusform>
                <numerusform>%n demo editions removed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SyncView</name>
        <message>
            <source>The national threat level is now %1 (%2)</source>
            <translation>The national threat level is now %1 (%2)</translation>
        </message>
        <message>
            <source>The national threat level changed from %1 (%2) to %3 (%4)</source>
            <translation>The national threat level changed from %1 (%2) to %3 (%4)</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>Bring the library up to date from a signed feed. Every bundle is checked against the feed and its publisher's signature before it is stored; nothing from the network is trusted.</source>
            <translation>Bring the library up to date from a signed feed. Every bundle is checked against the feed and its publisher's signature before it is stored; nothing from the network is trusted.</translation>
        </message>
        <message>
            <source>&amp;Feed addresses (one per line; the first is the feed, the others mirrors):</source>
            <translation>&amp;Feed addresses (one per line; the first is the feed, the others mirrors):</translation>
        </message>
        <message>
            <source>Feed addresses</source>
            <translation>Feed addresses</translation>
        </message>
        <message>
            <source>&amp;Save addresses</source>
            <translation>&amp;Save addresses</translation>
        </message>
        <message numerus="yes">
            <source>Sync &amp;automatically when the network comes up (at most every %n hours)</source>
            <translation>
                <numerusform>Sync &amp;automatically when the network comes up (at most every %n hours)</numerusform>
                <numerusform>Sync &amp;automatically when the network comes up (at most every %n hours)</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Offline: never connect to the network</source>
            <translation>&amp;Offline: never connect to the network</translation>
        </message>
        <message>
            <source>With Offline on, the reader opens no network connection at all</source>
            <translation>With Offline on, the reader opens no network connection at all</translation>
        </message>
        <message>
            <source>Sync &amp;now</source>
            <translation>Sync &amp;now</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>&amp;Cancel</translation>
        </message>
        <message>
            <source>Sync progress</source>
            <translation>Sync progress</translation>
        </message>
        <message>
            <source>Last result</source>
            <translation>Last result</translation>
        </message>
        <message>
            <source>Bundles of the last sync</source>
            <translation>Bundles of the last sync</translation>
        </message>
        <message>
            <source>Offline: the reader does not connect to the network.</source>
            <translation>Offline: the reader does not connect to the network.</translation>
        </message>
        <message>
            <source>No feed configured: enter the address your organisation gave you.</source>
            <translation>No feed configured: enter the address your organisation gave you.</translation>
        </message>
        <message>
            <source>Not synced yet.</source>
            <translation>Not synced yet.</translation>
        </message>
        <message>
            <source>%1 imported, %2 already up to date, %3 refused</source>
            <translation>%1 imported, %2 already up to date, %3 refused</translation>
        </message>
        <message>
            <source>Last sync %1: %2</source>
            <translation>Last sync %1: %2</translation>
        </message>
        <message>
            <source>Last sync %1 failed: %2</source>
            <translation>Last sync %1 failed: %2</translation>
        </message>
        <message>
            <source>The feed expired on %1; the library may be out of date since then.</source>
            <translation>The feed expired on %1; the library may be out of date since then.</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Syncing…</translation>
        </message>
        <message>
            <source>Imported: %1 revision %2</source>
            <translation>Imported: %1 revision %2</translation>
        </message>
        <message>
            <source>Already present: %1 revision %2</source>
            <translation>Already present: %1 revision %2</translation>
        </message>
        <message>
            <source>Not needed, a newer revision is in the library: %1 revision %2</source>
            <translation>Not needed, a newer revision is in the library: %1 revision %2</translation>
        </message>
        <message>
            <source>Refused at an earlier sync: %1 revision %2</source>
            <translation>Refused at an earlier sync: %1 revision %2</translation>
        </message>
        <message>
            <source>Refused: %1 revision %2</source>
            <translation>Refused: %1 revision %2</translation>
        </message>
        <message>
            <source>Sync cancelled; nothing half-done was kept.</source>
            <translation>Sync cancelled; nothing half-done was kept.</translation>
        </message>
        <message>
            <source>The sync was refused: %1</source>
            <translation>The sync was refused: %1</translation>
        </message>
        <message>
            <source>New national threat level</source>
            <translation>New national threat level</translation>
        </message>
    </context>
    <context>
        <name>ThemesView</name>
        <message>
            <source>Themes</source>
            <translation>Themes</translation>
        </message>
        <message>
            <source>Follow a theme across editions: choose a theme, then open one of its chapters with Enter or a double-click. A theme chapter is an edition's chapter devoted to that theme.</source>
            <translation>Follow a theme across editions: choose a theme, then open one of its chapters with Enter or a double-click. A theme chapter is an edition's chapter devoted to that theme.</translation>
        </message>
        <message>
            <source>Every theme with the number of chapters on it; Enter moves to its chapters.</source>
            <translation>Every theme with the number of chapters on it; Enter moves to its chapters.</translation>
        </message>
        <message>
            <source>Theme</source>
            <translation>Theme</translation>
        </message>
        <message>
            <source>Chapters</source>
            <translation>Chapters</translation>
        </message>
        <message>
            <source>Chapters on the theme</source>
            <translation>Chapters on the theme</translation>
        </message>
        <message>
            <source>Chapters across editions, oldest first; Enter opens the chapter.</source>
            <translation>Chapters across editions, oldest first; Enter opens the chapter.</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>Edition</translation>
        </message>
        <message>
            <source>Chapter</source>
            <translation>Chapter</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <source>The library holds no chapters with themes yet.</source>
            <translation>The library holds no chapters with themes yet.</translation>
        </message>
        <message>
            <source>Chapters on %1: %2</source>
            <translation>Chapters on %1: %2</translation>
        </message>
        <message>
            <source>Chapters on %1, oldest first: %2</source>
            <translation>Chapters on %1, oldest first: %2</translation>
        </message>
        <message>
            <source>Chapters on %1</source>
            <translation>Chapters on %1</translation>
        </message>
        <message>
            <source>Theme chapter</source>
            <translation>Theme chapter</translation>
        </message>
        <message>
            <source>The themes could not be loaded: %1</source>
            <translation>The themes could not be loaded: %1</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>An unexpected error occurred: %1</source>
            <translation>An unexpected error occurred: %1</translation>
        </message>
        <message>
            <source>DTN Reader</source>
            <translation>DTN Reader</translation>
        </message>
        <message>
            <source>Error message</source>
            <translation>Error message</translation>
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
            <translation>What does this mean?</translation>
        </message>
    </context>
    <context>
        <name>printing</name>
        <message>
            <source>(revision %1)</source>
            <translation>(revision %1)</translation>
        </message>
        <message>
            <source>Threat level %1</source>
            <translation>Threat level %1</translation>
        </message>
        <message>
            <source>demonstration content, not an NCTV publication; it says nothing about the actual threat</source>
            <translation>demonstration content, not an NCTV publication; it says nothing about the actual threat</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>Edition</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Threat level</source>
            <translation>Threat level</translation>
        </message>
        <message>
            <source>Level since</source>
            <translation>Level since</translation>
        </message>
        <message>
            <source>Publisher</source>
            <translation>Publisher</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Signed by</translation>
        </message>
        <message>
            <source>%1 (key %2)</source>
            <translation>%1 (key %2)</translation>
        </message>
        <message>
            <source>Revision</source>
            <translation>Revision</translation>
        </message>
        <message>
            <source>%1 of bundle %2</source>
            <translation>%1 of bundle %2</translation>
        </message>
        <message>
            <source>Bundle SHA-256</source>
            <translation>Bundle SHA-256</translation>
        </message>
        <message>
            <source>signed by %1 (key %2)</source>
            <translation>signed by %1 (key %2)</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>Contents</translation>
        </message>
        <message>
            <source>page %1 of %2</source>
            <translation>page %1 of %2</translation>
        </message>
    </context>
    <context>
        <name>scheme</name>
        <message>
            <source>As the system</source>
            <translation>As the system</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>Light</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>Dark</translation>
        </message>
    </context>
</TS>

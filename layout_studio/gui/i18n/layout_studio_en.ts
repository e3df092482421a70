<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="262" />
        <source>Contributeurs</source>
        <translation>Contributors</translation>
    </message>
    <message>
        <location filename="../window.py" line="268" />
        <source>Typographie</source>
        <translation>Typography</translation>
    </message>
    <message>
        <location filename="../window.py" line="272" />
        <source>Styles</source>
        <translation>Styles</translation>
    </message>
    <message>
        <location filename="../window.py" line="275" />
        <source>Couverture</source>
        <translation>Cover</translation>
    </message>
    <message>
        <location filename="../window.py" line="279" />
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../window.py" line="306" />
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../window.py" line="307" />
        <source>&amp;Nouveau</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <location filename="../window.py" line="308" />
        <source>&amp;Ouvrir…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <location filename="../window.py" line="309" />
        <source>Ouvrir &amp;récent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <location filename="../window.py" line="311" />
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="313" />
        <source>Enregistrer &amp;sous…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <location filename="../window.py" line="316" />
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../window.py" line="317" />
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../window.py" line="318" />
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../window.py" line="320" />
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../window.py" line="325" />
        <source>Co&amp;uper</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <location filename="../window.py" line="326" />
        <source>&amp;Copier</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../window.py" line="327" />
        <source>C&amp;oller</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <location filename="../window.py" line="330" />
        <source>Tout &amp;sélectionner</source>
        <translation>Select &amp;All</translation>
    </message>
    <message>
        <location filename="../window.py" line="334" />
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../window.py" line="337" />
        <source>Aperçu d’&amp;impression</source>
        <translation>&amp;Print Preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="340" />
        <source>Aperçu &amp;liseuse</source>
        <translation>&amp;E-reader Preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="348" />
        <source>&amp;Doubles pages</source>
        <translation>&amp;Facing Pages</translation>
    </message>
    <message>
        <location filename="../window.py" line="353" />
        <source>Zoom &amp;avant</source>
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <location filename="../window.py" line="359" />
        <source>Zoom a&amp;rrière</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <location filename="../window.py" line="363" />
        <source>Ajuster à la &amp;largeur</source>
        <translation>Fit &amp;Width</translation>
    </message>
    <message>
        <location filename="../window.py" line="364" />
        <source>Ajuster à la &amp;page</source>
        <translation>Fit &amp;Page</translation>
    </message>
    <message>
        <location filename="../window.py" line="368" />
        <source>Repères de &amp;coupe</source>
        <translation>&amp;Trim Marks</translation>
    </message>
    <message>
        <location filename="../window.py" line="369" />
        <source>&amp;Fond perdu</source>
        <translation>&amp;Bleed</translation>
    </message>
    <message>
        <location filename="../window.py" line="370" />
        <source>&amp;Marges</source>
        <translation>&amp;Margins</translation>
    </message>
    <message>
        <location filename="../window.py" line="378" />
        <source>&amp;Livre</source>
        <translation>&amp;Book</translation>
    </message>
    <message>
        <location filename="../window.py" line="379" />
        <source>&amp;Métadonnées…</source>
        <translation>&amp;Metadata…</translation>
    </message>
    <message>
        <location filename="../window.py" line="380" />
        <source>&amp;Couverture…</source>
        <translation>&amp;Cover…</translation>
    </message>
    <message>
        <location filename="../window.py" line="383" />
        <source>Couverture &amp;typographique (sans image)</source>
        <translation>&amp;Typographic Cover (No Image)</translation>
    </message>
    <message>
        <location filename="../window.py" line="386" />
        <source>&amp;Styles…</source>
        <translation>&amp;Styles…</translation>
    </message>
    <message>
        <location filename="../window.py" line="387" />
        <source>E&amp;xporter</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <location filename="../window.py" line="388" />
        <source>PDF d’&amp;impression…</source>
        <translation>&amp;Print PDF…</translation>
    </message>
    <message>
        <location filename="../window.py" line="390" />
        <source>&amp;Couverture à plat (PDF)…</source>
        <translation>&amp;Wraparound Cover (PDF)…</translation>
    </message>
    <message>
        <location filename="../window.py" line="392" />
        <source>&amp;EPUB…</source>
        <translation>&amp;EPUB…</translation>
    </message>
    <message>
        <location filename="../window.py" line="393" />
        <source>Ai&amp;de</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../window.py" line="394" />
        <source>À &amp;propos de Layout Studio</source>
        <translation>&amp;About Layout Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="398" />
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../window.py" line="399" />
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
</context>
</TS>
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ContributorsPanel</name>
    <message>
        <location filename="../contributors.py" line="55"/>
        <source>Contributeur</source>
        <translation>Contributor</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="55"/>
        <source>Passages</source>
        <translation>Passages</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="56"/>
        <source>Liste des contributeurs</source>
        <translation>Contributor list</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="61"/>
        <source>Renommer ou fusionner…</source>
        <translation>Rename or Merge…</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="66"/>
        <source>Corrige l’orthographe d’un nom partout ; un nom déjà présent fusionne les deux.</source>
        <translation>Fixes a name&apos;s spelling everywhere; a name already present merges the two.</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="70"/>
        <source>Crédits douteux (à confirmer) :</source>
        <translation>Doubtful credits (to confirm):</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="72"/>
        <source>Crédits douteux</source>
        <translation>Doubtful credits</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="76"/>
        <source>Confirmer</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="77"/>
        <source>Rejeter</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="109"/>
        <source>ligne {line} : {name} (confiance {confidence})</source>
        <translation>line {line}: {name} (confidence {confidence})</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="141"/>
        <source>Renommer le contributeur</source>
        <translation>Rename Contributor</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="142"/>
        <source>Nouveau nom pour « {name} » :</source>
        <translation>New name for “{name}”:</translation>
    </message>
</context>
<context>
    <name>CoverPanel</name>
    <message>
        <location filename="../cover_panel.py" line="36"/>
        <source>Déposez une image ici</source>
        <translation>Drop an image here</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="39"/>
        <source>Vignette de la couverture</source>
        <translation>Cover thumbnail</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="46"/>
        <source>Choisir une image…</source>
        <translation>Choose an Image…</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="48"/>
        <source>Sans image</source>
        <translation>No Image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="49"/>
        <source>Couverture typographique générée à partir du thème</source>
        <translation>Typographic cover generated from the theme</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="66"/>
        <source>Image de couverture</source>
        <translation>Cover Image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="68"/>
        <source>Images (*.jpg *.jpeg *.png *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../export_task.py" line="23"/>
        <source>PDF d’impression</source>
        <translation>print PDF</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="24"/>
        <source>couverture à plat</source>
        <translation>wraparound cover</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="25"/>
        <source>EPUB</source>
        <translation>EPUB</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="27"/>
        <source>composition</source>
        <translation>typesetting</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="27"/>
        <source>terminé</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="99"/>
        <source>{path} : erreur interne ({error})</source>
        <translation>{path}: internal error ({error})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="123"/>
        <source>modification du texte</source>
        <translation>text edit</translation>
    </message>
    <message>
        <location filename="../window.py" line="312"/>
        <source>Téléphone (360 × 640)</source>
        <translation>Phone (360 × 640)</translation>
    </message>
    <message>
        <location filename="../window.py" line="313"/>
        <source>Tablette (768 × 1024)</source>
        <translation>Tablet (768 × 1024)</translation>
    </message>
    <message>
        <location filename="../window.py" line="314"/>
        <source>Taille de la liseuse</source>
        <translation>E-reader size</translation>
    </message>
    <message>
        <location filename="../window.py" line="318"/>
        <source>Aperçu liseuse</source>
        <translation>E-reader preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="349"/>
        <source>Vignettes des pages</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <location filename="../window.py" line="355"/>
        <source>Contributeurs</source>
        <translation>Contributors</translation>
    </message>
    <message>
        <location filename="../window.py" line="361"/>
        <source>Typographie</source>
        <translation>Typography</translation>
    </message>
    <message>
        <location filename="../window.py" line="365"/>
        <source>Styles</source>
        <translation>Styles</translation>
    </message>
    <message>
        <location filename="../window.py" line="368"/>
        <source>Couverture</source>
        <translation>Cover</translation>
    </message>
    <message>
        <location filename="../window.py" line="372"/>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../window.py" line="399"/>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../window.py" line="400"/>
        <source>&amp;Nouveau</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <location filename="../window.py" line="401"/>
        <source>&amp;Ouvrir…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <location filename="../window.py" line="402"/>
        <source>Ouvrir &amp;récent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <location filename="../window.py" line="404"/>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="406"/>
        <source>Enregistrer &amp;sous…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <location filename="../window.py" line="409"/>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../window.py" line="410"/>
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../window.py" line="411"/>
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../window.py" line="413"/>
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../window.py" line="418"/>
        <source>Co&amp;uper</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <location filename="../window.py" line="419"/>
        <source>&amp;Copier</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../window.py" line="420"/>
        <source>C&amp;oller</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <location filename="../window.py" line="423"/>
        <source>Tout &amp;sélectionner</source>
        <translation>Select &amp;All</translation>
    </message>
    <message>
        <location filename="../window.py" line="427"/>
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../window.py" line="430"/>
        <source>Aperçu d’&amp;impression</source>
        <translation>&amp;Print Preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="433"/>
        <source>Aperçu &amp;liseuse</source>
        <translation>&amp;E-reader Preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="441"/>
        <source>&amp;Doubles pages</source>
        <translation>&amp;Facing Pages</translation>
    </message>
    <message>
        <location filename="../window.py" line="446"/>
        <source>Zoom &amp;avant</source>
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <location filename="../window.py" line="452"/>
        <source>Zoom a&amp;rrière</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <location filename="../window.py" line="456"/>
        <source>Ajuster à la &amp;largeur</source>
        <translation>Fit &amp;Width</translation>
    </message>
    <message>
        <location filename="../window.py" line="457"/>
        <source>Ajuster à la &amp;page</source>
        <translation>Fit &amp;Page</translation>
    </message>
    <message>
        <location filename="../window.py" line="461"/>
        <source>Repères de &amp;coupe</source>
        <translation>&amp;Trim Marks</translation>
    </message>
    <message>
        <location filename="../window.py" line="462"/>
        <source>&amp;Fond perdu</source>
        <translation>&amp;Bleed</translation>
    </message>
    <message>
        <location filename="../window.py" line="463"/>
        <source>&amp;Marges</source>
        <translation>&amp;Margins</translation>
    </message>
    <message>
        <location filename="../window.py" line="471"/>
        <source>&amp;Livre</source>
        <translation>&amp;Book</translation>
    </message>
    <message>
        <location filename="../window.py" line="472"/>
        <source>&amp;Métadonnées…</source>
        <translation>&amp;Metadata…</translation>
    </message>
    <message>
        <location filename="../window.py" line="473"/>
        <source>&amp;Couverture…</source>
        <translation>&amp;Cover…</translation>
    </message>
    <message>
        <location filename="../window.py" line="476"/>
        <source>Couverture &amp;typographique (sans image)</source>
        <translation>&amp;Typographic Cover (No Image)</translation>
    </message>
    <message>
        <location filename="../window.py" line="479"/>
        <source>&amp;Styles…</source>
        <translation>&amp;Styles…</translation>
    </message>
    <message>
        <location filename="../window.py" line="480"/>
        <source>E&amp;xporter</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <location filename="../window.py" line="481"/>
        <source>PDF d’&amp;impression…</source>
        <translation>&amp;Print PDF…</translation>
    </message>
    <message>
        <location filename="../window.py" line="483"/>
        <source>&amp;Couverture à plat (PDF)…</source>
        <translation>&amp;Wraparound Cover (PDF)…</translation>
    </message>
    <message>
        <location filename="../window.py" line="485"/>
        <source>&amp;EPUB…</source>
        <translation>&amp;EPUB…</translation>
    </message>
    <message>
        <location filename="../window.py" line="486"/>
        <source>Ai&amp;de</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../window.py" line="487"/>
        <source>À &amp;propos de Layout Studio</source>
        <translation>&amp;About Layout Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="488"/>
        <source>Outils</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../window.py" line="491"/>
        <location filename="../window.py" line="850"/>
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../window.py" line="492"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="519"/>
        <source>Sans titre</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <location filename="../window.py" line="591"/>
        <source>{pages} pages · {hyphens} coupures · {overfull} ligne(s) trop longue(s) · composé en {ms} ms</source>
        <translation>{pages} pages · {hyphens} hyphenations · {overfull} overfull line(s) · typeset in {ms} ms</translation>
    </message>
    <message>
        <location filename="../window.py" line="609"/>
        <source>couv.</source>
        <translation>cover</translation>
    </message>
    <message>
        <location filename="../window.py" line="702"/>
        <source>changement de thème</source>
        <translation>theme change</translation>
    </message>
    <message>
        <location filename="../window.py" line="708"/>
        <source>réglage {key}</source>
        <translation>setting {key}</translation>
    </message>
    <message>
        <location filename="../window.py" line="716"/>
        <source>règle {rule}</source>
        <translation>rule {rule}</translation>
    </message>
    <message>
        <location filename="../window.py" line="729"/>
        <source>Image refusée</source>
        <translation>Image Rejected</translation>
    </message>
    <message>
        <location filename="../window.py" line="731"/>
        <source>couverture</source>
        <translation>cover</translation>
    </message>
    <message>
        <location filename="../window.py" line="745"/>
        <location filename="../window.py" line="755"/>
        <source>métadonnées</source>
        <translation>metadata</translation>
    </message>
    <message>
        <location filename="../window.py" line="775"/>
        <source>« {old} » → « {new} » : {count} crédit(s) modifié(s)</source>
        <translation>“{old}” → “{new}”: {count} credit(s) changed</translation>
    </message>
    <message>
        <location filename="../window.py" line="787"/>
        <source>Enregistrer le thème</source>
        <translation>Save Theme</translation>
    </message>
    <message>
        <location filename="../window.py" line="789"/>
        <source>Thème (*.toml)</source>
        <translation>Theme (*.toml)</translation>
    </message>
    <message>
        <location filename="../window.py" line="798"/>
        <location filename="../window.py" line="896"/>
        <source>Enregistrement impossible</source>
        <translation>Cannot Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="802"/>
        <source>nouveau thème</source>
        <translation>new theme</translation>
    </message>
    <message>
        <location filename="../window.py" line="829"/>
        <source>Modifications non enregistrées</source>
        <translation>Unsaved Changes</translation>
    </message>
    <message>
        <location filename="../window.py" line="830"/>
        <source>Le livre a été modifié. Enregistrer les modifications ?</source>
        <translation>The book has been modified. Save the changes?</translation>
    </message>
    <message>
        <location filename="../window.py" line="852"/>
        <source>Livres (*.toml *.md *.txt *.docx *.odt)</source>
        <translation>Books (*.toml *.md *.txt *.docx *.odt)</translation>
    </message>
    <message>
        <location filename="../window.py" line="861"/>
        <source>Ouverture impossible</source>
        <translation>Cannot Open</translation>
    </message>
    <message>
        <location filename="../window.py" line="883"/>
        <source>Enregistrer le projet</source>
        <translation>Save Project</translation>
    </message>
    <message>
        <location filename="../window.py" line="884"/>
        <source>Projet Layout Studio (*.toml)</source>
        <translation>Layout Studio project (*.toml)</translation>
    </message>
    <message>
        <location filename="../window.py" line="904"/>
        <source>Enregistré : {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../window.py" line="939"/>
        <source>Récupération</source>
        <translation>Recovery</translation>
    </message>
    <message>
        <location filename="../window.py" line="940"/>
        <source>Layout Studio s’est fermé sans enregistrer. Restaurer le texte récupéré ?</source>
        <translation>Layout Studio closed without saving. Restore the recovered text?</translation>
    </message>
    <message>
        <location filename="../window.py" line="993"/>
        <source>livre</source>
        <translation>book</translation>
    </message>
    <message>
        <location filename="../window.py" line="996"/>
        <source>{stem}-couverture.pdf</source>
        <translation>{stem}-cover.pdf</translation>
    </message>
    <message>
        <location filename="../window.py" line="1003"/>
        <source>Exporter : {kind}</source>
        <translation>Export: {kind}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1015"/>
        <source>Export {kind}…</source>
        <translation>Exporting {kind}…</translation>
    </message>
    <message>
        <location filename="../window.py" line="1015"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../window.py" line="1023"/>
        <source>Export {kind} : {step}</source>
        <translation>Exporting {kind}: {step}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1042"/>
        <source>Export terminé</source>
        <translation>Export Finished</translation>
    </message>
    <message>
        <location filename="../window.py" line="1043"/>
        <source>Fichier écrit : {path}</source>
        <translation>File written: {path}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1047"/>
        <source>Ouvrir le fichier</source>
        <translation>Open File</translation>
    </message>
    <message>
        <location filename="../window.py" line="1050"/>
        <source>Ouvrir le dossier</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location filename="../window.py" line="1064"/>
        <source>Exporté : {path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1071"/>
        <source>Export impossible</source>
        <translation>Export Failed</translation>
    </message>
    <message>
        <location filename="../window.py" line="1082"/>
        <source>À propos de Layout Studio</source>
        <translation>About Layout Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="1086"/>
        <source>Layout Studio {version}
Mise en page de livres co-écrits : typographie française, césure, PDF d’impression et EPUB.
Licence GPL-3.0 ou ultérieure.</source>
        <translation>Layout Studio {version}
Layout of co-written books: French typography, hyphenation, print PDF and EPUB.
Licence GPL-3.0 or later.</translation>
    </message>
</context>
<context>
    <name>MetadataDialog</name>
    <message>
        <location filename="../window.py" line="155"/>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../window.py" line="156"/>
        <source>Sous-titre</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <location filename="../window.py" line="157"/>
        <source>Mention d’auteur</source>
        <translation>Byline</translation>
    </message>
    <message>
        <location filename="../window.py" line="158"/>
        <source>Dédicace</source>
        <translation>Dedication</translation>
    </message>
    <message>
        <location filename="../window.py" line="159"/>
        <source>Éditeur</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <location filename="../window.py" line="160"/>
        <source>Date (AAAA-MM-JJ)</source>
        <translation>Date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../window.py" line="161"/>
        <source>Présentation</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../window.py" line="166"/>
        <source>Métadonnées du livre</source>
        <translation>Book Metadata</translation>
    </message>
    <message>
        <location filename="../window.py" line="181"/>
        <source>Contributeurs, dans l’ordre du colophon et de l’EPUB (double-clic ou F2 pour corriger un nom) :</source>
        <translation>Contributors, in the order of the colophon and the EPUB (double-click or F2 to fix a name):</translation>
    </message>
    <message>
        <location filename="../window.py" line="184"/>
        <source>Noms et ordre des contributeurs</source>
        <translation>Contributor names and order</translation>
    </message>
    <message>
        <location filename="../window.py" line="194"/>
        <source>Monter</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <location filename="../window.py" line="195"/>
        <source>Descendre</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <location filename="../window.py" line="196"/>
        <source>Ordre alphabétique</source>
        <translation>Alphabetical Order</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <location filename="../preview.py" line="45"/>
        <source>Aperçu des pages</source>
        <translation>Page preview</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <location filename="../worker.py" line="44"/>
        <source>erreur interne de composition : {error}</source>
        <translation>internal typesetting error: {error}</translation>
    </message>
</context>
<context>
    <name>PreviewArea</name>
    <message>
        <location filename="../preview.py" line="140"/>
        <source>Aperçu d’impression</source>
        <translation>Print preview</translation>
    </message>
</context>
<context>
    <name>SourceEditor</name>
    <message>
        <location filename="../editor.py" line="96"/>
        <source>Source du livre (Markdown)</source>
        <translation>Book source (Markdown)</translation>
    </message>
</context>
<context>
    <name>ThemesPanel</name>
    <message>
        <location filename="../themes_panel.py" line="44"/>
        <source>dans le texte</source>
        <translation>in the text</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="45"/>
        <source>signé à droite</source>
        <translation>signed on the right</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="46"/>
        <source>ligne à part</source>
        <translation>own line</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="47"/>
        <source>en marge</source>
        <translation>in the margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="50"/>
        <source>italique</source>
        <translation>italic</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="51"/>
        <source>petites capitales</source>
        <translation>small caps</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="52"/>
        <source>romain</source>
        <translation>roman</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="71"/>
        <source>Galerie des thèmes</source>
        <translation>Theme gallery</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="78"/>
        <source>Format de page</source>
        <translation>Page size</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="82"/>
        <source>Format</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="85"/>
        <source>Marge intérieure</source>
        <translation>Inner margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="86"/>
        <source>Marge extérieure</source>
        <translation>Outer margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="87"/>
        <source>Marge de tête</source>
        <translation>Top margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="88"/>
        <source>Marge de pied</source>
        <translation>Bottom margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="104"/>
        <source>Corps du texte</source>
        <translation>Body text size</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="108"/>
        <source>Corps</source>
        <translation>Body size</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="113"/>
        <location filename="../themes_panel.py" line="117"/>
        <source>Interlignage</source>
        <translation>Leading</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="121"/>
        <source>Place des crédits</source>
        <translation>Credit placement</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="125"/>
        <source>Crédits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="129"/>
        <location filename="../themes_panel.py" line="133"/>
        <source>Style des crédits</source>
        <translation>Credit style</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="134"/>
        <source>Césure</source>
        <translation>Hyphenation</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="140"/>
        <source>Enregistrer comme thème…</source>
        <translation>Save as Theme…</translation>
    </message>
</context>
<context>
    <name>TypographyPanel</name>
    <message>
        <location filename="../typography_panel.py" line="37"/>
        <source>Règle / correction</source>
        <translation>Rule / correction</translation>
    </message>
    <message>
        <location filename="../typography_panel.py" line="37"/>
        <source>Ligne</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../typography_panel.py" line="38"/>
        <source>Corrections typographiques</source>
        <translation>Typographic corrections</translation>
    </message>
</context>
</TS>

<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ContributorsPanel</name>
    <message>
        <location filename="../contributors.py" line="55" />
        <source>Contributeur</source>
        <translation>Contributor</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="55" />
        <source>Passages</source>
        <translation>Passages</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="56" />
        <source>Liste des contributeurs</source>
        <translation>Contributor list</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="61" />
        <source>Renommer ou fusionner…</source>
        <translation>Rename or Merge…</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="66" />
        <source>Corrige l’orthographe d’un nom partout ; un nom déjà présent fusionne les deux.</source>
        <translation>Fixes a name's spelling everywhere; a name already present merges the two.</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="70" />
        <source>Crédits douteux (à confirmer) :</source>
        <translation>Doubtful credits (to confirm):</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="72" />
        <source>Crédits douteux</source>
        <translation>Doubtful credits</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="76" />
        <source>Confirmer</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="77" />
        <source>Rejeter</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="109" />
        <source>ligne {line} : {name} (confiance {confidence})</source>
        <translation>line {line}: {name} (confidence {confidence})</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="141" />
        <source>Renommer le contributeur</source>
        <translation>Rename Contributor</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="142" />
        <source>Nouveau nom pour « {name} » :</source>
        <translation>New name for “{name}”:</translation>
    </message>
</context>
<context>
    <name>CoverPanel</name>
    <message>
        <location filename="../cover_panel.py" line="36" />
        <source>Déposez une image ici</source>
        <translation>Drop an image here</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="39" />
        <source>Vignette de la couverture</source>
        <translation>Cover thumbnail</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="46" />
        <source>Choisir une image…</source>
        <translation>Choose an Image…</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="48" />
        <source>Sans image</source>
        <translation>No Image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="49" />
        <source>Couverture typographique générée à partir du thème</source>
        <translation>Typographic cover generated from the theme</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="66" />
        <source>Image de couverture</source>
        <translation>Cover Image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="68" />
        <source>Images (*.jpg *.jpeg *.png *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../export_task.py" line="23" />
        <source>PDF d’impression</source>
        <translation>print PDF</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="24" />
        <source>couverture à plat</source>
        <translation>wraparound cover</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="25" />
        <source>EPUB</source>
        <translation>EPUB</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="28" />
        <source>composition</source>
        <translation>typesetting</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="31" />
        <source>terminé</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../export_task.py" line="119" />
        <source>{path} : erreur interne ({error})</source>
        <translation>{path}: internal error ({error})</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <location filename="../find_replace.py" line="36" />
        <location filename="../find_replace.py" line="37" />
        <source>Rechercher</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="42" />
        <location filename="../find_replace.py" line="43" />
        <source>Remplacer par</source>
        <translation>Replace with</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="45" />
        <source>Respecter la casse</source>
        <translation>Match case</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="47" />
        <source>Mots entiers</source>
        <translation>Whole words</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="50" />
        <source>Précédent</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="52" />
        <source>Suivant</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="54" />
        <source>Remplacer</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="56" />
        <source>Tout remplacer</source>
        <translation>Replace All</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="59" />
        <source>Fermer la recherche</source>
        <translation>Close search</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="129" />
        <location filename="../find_replace.py" line="161" />
        <location filename="../find_replace.py" line="189" />
        <source>introuvable</source>
        <translation>not found</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="163" />
        <source>1 occurrence</source>
        <translation>1 match</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="165" />
        <source>{n} occurrences</source>
        <translation>{n} matches</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="199" />
        <source>1 remplacement</source>
        <translation>1 replacement</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="199" />
        <source>{n} remplacements</source>
        <translation>{n} replacements</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="156" />
        <source>modification du texte</source>
        <translation>text edit</translation>
    </message>
    <message>
        <location filename="../window.py" line="384" />
        <source>Téléphone (360 × 640)</source>
        <translation>Phone (360 × 640)</translation>
    </message>
    <message>
        <location filename="../window.py" line="385" />
        <source>Tablette (768 × 1024)</source>
        <translation>Tablet (768 × 1024)</translation>
    </message>
    <message>
        <location filename="../window.py" line="386" />
        <source>Taille de la liseuse</source>
        <translation>E-reader size</translation>
    </message>
    <message>
        <location filename="../window.py" line="390" />
        <source>Aperçu liseuse</source>
        <translation>E-reader preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="443" />
        <source>Vignettes des pages</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <location filename="../window.py" line="451" />
        <source>Contributeurs</source>
        <translation>Contributors</translation>
    </message>
    <message>
        <location filename="../window.py" line="457" />
        <source>Typographie</source>
        <translation>Typography</translation>
    </message>
    <message>
        <location filename="../window.py" line="461" />
        <source>Styles</source>
        <translation>Styles</translation>
    </message>
    <message>
        <location filename="../window.py" line="464" />
        <source>Couverture</source>
        <translation>Cover</translation>
    </message>
    <message>
        <location filename="../window.py" line="470" />
        <source>Contrôle d’impression</source>
        <translation>Preflight</translation>
    </message>
    <message>
        <location filename="../window.py" line="474" />
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../window.py" line="509" />
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../window.py" line="510" />
        <source>&amp;Nouveau</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <location filename="../window.py" line="511" />
        <source>&amp;Ouvrir…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <location filename="../window.py" line="512" />
        <source>Ouvrir &amp;récent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <location filename="../window.py" line="514" />
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="516" />
        <source>Enregistrer &amp;sous…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <location filename="../window.py" line="519" />
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../window.py" line="520" />
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../window.py" line="521" />
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../window.py" line="523" />
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../window.py" line="528" />
        <source>Co&amp;uper</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <location filename="../window.py" line="529" />
        <source>&amp;Copier</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../window.py" line="530" />
        <source>C&amp;oller</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <location filename="../window.py" line="533" />
        <source>Tout &amp;sélectionner</source>
        <translation>Select &amp;All</translation>
    </message>
    <message>
        <location filename="../window.py" line="539" />
        <source>&amp;Rechercher…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <location filename="../window.py" line="543" />
        <source>Rem&amp;placer…</source>
        <translation>Re&amp;place…</translation>
    </message>
    <message>
        <location filename="../window.py" line="549" />
        <source>Occurrence &amp;suivante</source>
        <translation>Find &amp;Next</translation>
    </message>
    <message>
        <location filename="../window.py" line="555" />
        <source>Occurrence &amp;précédente</source>
        <translation>Find Pre&amp;vious</translation>
    </message>
    <message>
        <location filename="../window.py" line="561" />
        <source>&amp;Insertion</source>
        <translation>&amp;Insert</translation>
    </message>
    <message>
        <location filename="../window.py" line="564" />
        <source>&amp;Crédit d’auteur (nom sélectionné)</source>
        <translation>Author &amp;credit (selected name)</translation>
    </message>
    <message>
        <location filename="../window.py" line="569" />
        <source>&amp;Saut de scène</source>
        <translation>&amp;Scene break</translation>
    </message>
    <message>
        <location filename="../window.py" line="571" />
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location filename="../window.py" line="572" />
        <source>S&amp;ection</source>
        <translation>S&amp;ection</translation>
    </message>
    <message>
        <location filename="../window.py" line="575" />
        <source>&amp;Inclure la section candidate</source>
        <translation>&amp;Include the candidate section</translation>
    </message>
    <message>
        <location filename="../window.py" line="578" />
        <source>É&amp;carter la section candidate</source>
        <translation>&amp;Discard the candidate section</translation>
    </message>
    <message>
        <location filename="../window.py" line="580" />
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../window.py" line="583" />
        <source>Aperçu d’&amp;impression</source>
        <translation>&amp;Print Preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="586" />
        <source>Aperçu &amp;liseuse</source>
        <translation>&amp;E-reader Preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="594" />
        <source>&amp;Doubles pages</source>
        <translation>&amp;Facing Pages</translation>
    </message>
    <message>
        <location filename="../window.py" line="599" />
        <source>Zoom &amp;avant</source>
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <location filename="../window.py" line="605" />
        <source>Zoom a&amp;rrière</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <location filename="../window.py" line="609" />
        <source>Ajuster à la &amp;largeur</source>
        <translation>Fit &amp;Width</translation>
    </message>
    <message>
        <location filename="../window.py" line="610" />
        <source>Ajuster à la &amp;page</source>
        <translation>Fit &amp;Page</translation>
    </message>
    <message>
        <location filename="../window.py" line="614" />
        <source>Repères de &amp;coupe</source>
        <translation>&amp;Trim Marks</translation>
    </message>
    <message>
        <location filename="../window.py" line="615" />
        <source>&amp;Fond perdu</source>
        <translation>&amp;Bleed</translation>
    </message>
    <message>
        <location filename="../window.py" line="616" />
        <source>&amp;Marges</source>
        <translation>&amp;Margins</translation>
    </message>
    <message>
        <location filename="../window.py" line="624" />
        <source>&amp;Livre</source>
        <translation>&amp;Book</translation>
    </message>
    <message>
        <location filename="../window.py" line="625" />
        <source>&amp;Métadonnées…</source>
        <translation>&amp;Metadata…</translation>
    </message>
    <message>
        <location filename="../window.py" line="626" />
        <source>&amp;Couverture…</source>
        <translation>&amp;Cover…</translation>
    </message>
    <message>
        <location filename="../window.py" line="629" />
        <source>Couverture &amp;typographique (sans image)</source>
        <translation>&amp;Typographic Cover (No Image)</translation>
    </message>
    <message>
        <location filename="../window.py" line="632" />
        <source>&amp;Styles…</source>
        <translation>&amp;Styles…</translation>
    </message>
    <message>
        <location filename="../window.py" line="633" />
        <source>E&amp;xporter</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <location filename="../window.py" line="634" />
        <source>PDF d’&amp;impression…</source>
        <translation>&amp;Print PDF…</translation>
    </message>
    <message>
        <location filename="../window.py" line="636" />
        <source>&amp;Couverture à plat (PDF)…</source>
        <translation>&amp;Wraparound Cover (PDF)…</translation>
    </message>
    <message>
        <location filename="../window.py" line="638" />
        <source>&amp;EPUB…</source>
        <translation>&amp;EPUB…</translation>
    </message>
    <message>
        <location filename="../window.py" line="641" />
        <source>Contrôle avant &amp;impression</source>
        <translation>&amp;Preflight for print</translation>
    </message>
    <message>
        <location filename="../window.py" line="643" />
        <source>Ai&amp;de</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../window.py" line="646" />
        <source>&amp;Guide de la syntaxe</source>
        <translation>&amp;Syntax guide</translation>
    </message>
    <message>
        <location filename="../window.py" line="650" />
        <source>À &amp;propos de Layout Studio</source>
        <translation>&amp;About Layout Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="651" />
        <source>Outils</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../window.py" line="654" />
        <location filename="../window.py" line="1056" />
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../window.py" line="655" />
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="682" />
        <source>Sans titre</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <location filename="../window.py" line="758" />
        <source>{pages} pages · {hyphens} coupures · {overfull} ligne(s) trop longue(s) · composé en {ms} ms</source>
        <translation>{pages} pages · {hyphens} hyphenations · {overfull} overfull line(s) · typeset in {ms} ms</translation>
    </message>
    <message>
        <location filename="../window.py" line="791" />
        <source>couv.</source>
        <translation>cover</translation>
    </message>
    <message>
        <location filename="../window.py" line="901" />
        <source>changement de thème</source>
        <translation>theme change</translation>
    </message>
    <message>
        <location filename="../window.py" line="915" />
        <source>règle {rule}</source>
        <translation>rule {rule}</translation>
    </message>
    <message>
        <location filename="../window.py" line="928" />
        <source>Image refusée</source>
        <translation>Image Rejected</translation>
    </message>
    <message>
        <location filename="../window.py" line="930" />
        <source>couverture</source>
        <translation>cover</translation>
    </message>
    <message>
        <location filename="../window.py" line="952" />
        <location filename="../window.py" line="962" />
        <source>métadonnées</source>
        <translation>metadata</translation>
    </message>
    <message>
        <location filename="../window.py" line="982" />
        <source>« {old} » → « {new} » : {count} crédit(s) modifié(s)</source>
        <translation>“{old}” → “{new}”: {count} credit(s) changed</translation>
    </message>
    <message>
        <location filename="../window.py" line="994" />
        <source>Enregistrer le thème</source>
        <translation>Save Theme</translation>
    </message>
    <message>
        <location filename="../window.py" line="996" />
        <source>Thème (*.toml)</source>
        <translation>Theme (*.toml)</translation>
    </message>
    <message>
        <location filename="../window.py" line="1005" />
        <location filename="../window.py" line="1115" />
        <source>Enregistrement impossible</source>
        <translation>Cannot Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="1009" />
        <source>nouveau thème</source>
        <translation>new theme</translation>
    </message>
    <message>
        <location filename="../window.py" line="1035" />
        <source>Modifications non enregistrées</source>
        <translation>Unsaved Changes</translation>
    </message>
    <message>
        <location filename="../window.py" line="1036" />
        <source>Le livre a été modifié. Enregistrer les modifications ?</source>
        <translation>The book has been modified. Save the changes?</translation>
    </message>
    <message>
        <location filename="../window.py" line="1058" />
        <source>Livres (*.toml *.md *.txt *.docx *.odt)</source>
        <translation>Books (*.toml *.md *.txt *.docx *.odt)</translation>
    </message>
    <message>
        <location filename="../window.py" line="1067" />
        <source>Ouverture impossible</source>
        <translation>Cannot Open</translation>
    </message>
    <message>
        <location filename="../window.py" line="1089" />
        <source>Enregistrer le projet</source>
        <translation>Save Project</translation>
    </message>
    <message>
        <location filename="../window.py" line="1090" />
        <source>Projet Layout Studio (*.toml)</source>
        <translation>Layout Studio project (*.toml)</translation>
    </message>
    <message>
        <location filename="../window.py" line="1123" />
        <source>Enregistré : {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1158" />
        <source>Récupération</source>
        <translation>Recovery</translation>
    </message>
    <message>
        <location filename="../window.py" line="1159" />
        <source>Layout Studio s’est fermé sans enregistrer. Restaurer le texte récupéré ?</source>
        <translation>Layout Studio closed without saving. Restore the recovered text?</translation>
    </message>
    <message>
        <location filename="../window.py" line="1235" />
        <source>livre</source>
        <translation>book</translation>
    </message>
    <message>
        <location filename="../window.py" line="1238" />
        <source>{stem}-couverture.pdf</source>
        <translation>{stem}-cover.pdf</translation>
    </message>
    <message>
        <location filename="../window.py" line="1245" />
        <source>Exporter : {kind}</source>
        <translation>Export: {kind}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1265" />
        <source>Export {kind}…</source>
        <translation>Exporting {kind}…</translation>
    </message>
    <message>
        <location filename="../window.py" line="1265" />
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../window.py" line="1273" />
        <source>Export {kind} : {step}</source>
        <translation>Exporting {kind}: {step}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1292" />
        <source>Export terminé</source>
        <translation>Export Finished</translation>
    </message>
    <message>
        <location filename="../window.py" line="1293" />
        <source>Fichier écrit : {path}</source>
        <translation>File written: {path}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1297" />
        <source>Ouvrir le fichier</source>
        <translation>Open File</translation>
    </message>
    <message>
        <location filename="../window.py" line="1300" />
        <source>Ouvrir le dossier</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location filename="../window.py" line="1314" />
        <source>Exporté : {path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <location filename="../window.py" line="1321" />
        <source>Export impossible</source>
        <translation>Export Failed</translation>
    </message>
    <message>
        <location filename="../window.py" line="1347" />
        <source>À propos de Layout Studio</source>
        <translation>About Layout Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="1351" />
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
        <location filename="../window.py" line="188" />
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../window.py" line="189" />
        <source>Sous-titre</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <location filename="../window.py" line="190" />
        <source>Mention d’auteur</source>
        <translation>Byline</translation>
    </message>
    <message>
        <location filename="../window.py" line="191" />
        <source>Dédicace</source>
        <translation>Dedication</translation>
    </message>
    <message>
        <location filename="../window.py" line="192" />
        <source>Éditeur</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <location filename="../window.py" line="193" />
        <source>Date (AAAA-MM-JJ)</source>
        <translation>Date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../window.py" line="194" />
        <source>Présentation</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../window.py" line="195" />
        <source>Droits ou licence</source>
        <translation>Rights or licence</translation>
    </message>
    <message>
        <location filename="../window.py" line="196" />
        <source>ISBN du livre numérique</source>
        <translation>E-book ISBN</translation>
    </message>
    <message>
        <location filename="../window.py" line="197" />
        <source>ISBN de l’édition imprimée</source>
        <translation>Print edition ISBN</translation>
    </message>
    <message>
        <location filename="../window.py" line="202" />
        <source>Métadonnées du livre</source>
        <translation>Book Metadata</translation>
    </message>
    <message>
        <location filename="../window.py" line="220" />
        <source>Contributeurs, dans l’ordre du colophon et de l’EPUB (double-clic ou F2 pour corriger un nom) :</source>
        <translation>Contributors, in the order of the colophon and the EPUB (double-click or F2 to fix a name):</translation>
    </message>
    <message>
        <location filename="../window.py" line="223" />
        <source>Noms et ordre des contributeurs</source>
        <translation>Contributor names and order</translation>
    </message>
    <message>
        <location filename="../window.py" line="233" />
        <source>Monter</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <location filename="../window.py" line="234" />
        <source>Descendre</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <location filename="../window.py" line="235" />
        <source>Ordre alphabétique</source>
        <translation>Alphabetical Order</translation>
    </message>
    <message>
        <location filename="../window.py" line="273" />
        <source>ISBN invalide</source>
        <translation>Invalid ISBN</translation>
    </message>
    <message>
        <location filename="../window.py" line="274" />
        <source>{field} : « {value} » n’est pas un ISBN valide ({reason}).</source>
        <translation>{field}: “{value}” is not a valid ISBN ({reason}).</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <location filename="../preview.py" line="54" />
        <source>Aperçu des pages</source>
        <translation>Page preview</translation>
    </message>
</context>
<context>
    <name>PreflightPanel</name>
    <message>
        <location filename="../preflight_panel.py" line="48" />
        <source>Service d’impression</source>
        <translation>Print service</translation>
    </message>
    <message>
        <location filename="../preflight_panel.py" line="49" />
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../preflight_panel.py" line="51" />
        <source>Vérifier</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../preflight_panel.py" line="56" />
        <source>Enregistrez le projet, puis vérifiez-le avant l’impression.</source>
        <translation>Save the project, then check it before printing.</translation>
    </message>
    <message>
        <location filename="../preflight_panel.py" line="61" />
        <source>Résultats du contrôle</source>
        <translation>Preflight results</translation>
    </message>
    <message>
        <location filename="../preflight_panel.py" line="75" />
        <source>Enregistrez d’abord le projet : le contrôle porte sur le fichier enregistré.</source>
        <translation>Save the project first: the check reads the saved file.</translation>
    </message>
    <message>
        <location filename="../preflight_panel.py" line="81" />
        <source>Contrôle en cours…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../preflight_panel.py" line="115" />
        <source>{errors} erreur(s), {warnings} avertissement(s) pour {service}</source>
        <translation>{errors} error(s), {warnings} warning(s) for {service}</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <location filename="../worker.py" line="44" />
        <source>erreur interne de composition : {error}</source>
        <translation>internal typesetting error: {error}</translation>
    </message>
</context>
<context>
    <name>PreviewArea</name>
    <message>
        <location filename="../preview.py" line="161" />
        <source>Aperçu d’impression</source>
        <translation>Print preview</translation>
    </message>
</context>
<context>
    <name>SourceEditor</name>
    <message>
        <location filename="../editor.py" line="133" />
        <source>Source du livre (Markdown)</source>
        <translation>Book source (Markdown)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="228" />
        <source>(aucune suggestion)</source>
        <translation>(no suggestions)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="231" />
        <source>Ignorer « {word} »</source>
        <translation>Ignore “{word}”</translation>
    </message>
    <message>
        <location filename="../editor.py" line="233" />
        <source>Ajouter « {word} » au dictionnaire</source>
        <translation>Add “{word}” to the dictionary</translation>
    </message>
    <message>
        <location filename="../editor.py" line="254" />
        <source>Section candidate — non imprimée</source>
        <translation>Candidate section — not printed</translation>
    </message>
</context>
<context>
    <name>SpellingController</name>
    <message>
        <location filename="../spelling.py" line="33" />
        <source>Vérifier l’&amp;orthographe</source>
        <translation>Check &amp;Spelling</translation>
    </message>
</context>
<context>
    <name>SyntaxGuide</name>
    <message>
        <location filename="../syntax_guide.py" line="101" />
        <location filename="../syntax_guide.py" line="106" />
        <source>Guide de la syntaxe</source>
        <translation>Syntax guide</translation>
    </message>
</context>
<context>
    <name>ThemesPanel</name>
    <message>
        <location filename="../themes_panel.py" line="44" />
        <source>dans le texte</source>
        <translation>in the text</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="45" />
        <source>signé à droite</source>
        <translation>signed on the right</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="46" />
        <source>ligne à part</source>
        <translation>own line</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="47" />
        <source>en marge</source>
        <translation>in the margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="50" />
        <source>italique</source>
        <translation>italic</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="51" />
        <source>petites capitales</source>
        <translation>small caps</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="52" />
        <source>romain</source>
        <translation>roman</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="86" />
        <source>Galerie des thèmes</source>
        <translation>Theme gallery</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="93" />
        <source>Format de page</source>
        <translation>Page size</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="97" />
        <source>Format</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="100" />
        <source>Marge intérieure</source>
        <translation>Inner margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="101" />
        <source>Marge extérieure</source>
        <translation>Outer margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="102" />
        <source>Marge de tête</source>
        <translation>Top margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="103" />
        <source>Marge de pied</source>
        <translation>Bottom margin</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="119" />
        <source>Corps du texte</source>
        <translation>Body text size</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="123" />
        <source>Corps</source>
        <translation>Body size</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="128" />
        <location filename="../themes_panel.py" line="132" />
        <source>Interlignage</source>
        <translation>Leading</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="136" />
        <source>Place des crédits</source>
        <translation>Credit placement</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="140" />
        <source>Crédits</source>
        <translation>Credits</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="144" />
        <location filename="../themes_panel.py" line="148" />
        <source>Style des crédits</source>
        <translation>Credit style</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="149" />
        <location filename="../themes_panel.py" line="150" />
        <source>Césure</source>
        <translation>Hyphenation</translation>
    </message>
    <message>
        <location filename="../themes_panel.py" line="156" />
        <source>Enregistrer comme thème…</source>
        <translation>Save as Theme…</translation>
    </message>
</context>
<context>
    <name>TypographyPanel</name>
    <message>
        <location filename="../typography_panel.py" line="37" />
        <source>Règle / correction</source>
        <translation>Rule / correction</translation>
    </message>
    <message>
        <location filename="../typography_panel.py" line="37" />
        <source>Ligne</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../typography_panel.py" line="38" />
        <source>Corrections typographiques</source>
        <translation>Typographic corrections</translation>
    </message>
</context>
</TS>
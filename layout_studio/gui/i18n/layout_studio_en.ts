<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ContributorsPanel</name>
    <message>
        <location filename="../contributors.py" line="93" />
        <source>Contributeur</source>
        <translation>Contributor</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="93" />
        <source>Passages</source>
        <translation>Passages</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="94" />
        <source>Liste des contributeurs</source>
        <translation>Contributor list</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="99" />
        <source>Renommer ou fusionner…</source>
        <translation>Rename or Merge…</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="104" />
        <source>Corrige l’orthographe d’un nom partout ; un nom déjà présent fusionne les deux.</source>
        <translation>Fixes a name's spelling everywhere; a name already present merges the two.</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="108" />
        <source>Crédits douteux (à confirmer) :</source>
        <translation>Doubtful credits (to confirm):</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="110" />
        <source>Crédits douteux</source>
        <translation>Doubtful credits</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="114" />
        <source>Confirmer</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="115" />
        <source>Rejeter</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="200" />
        <source>ligne {line} : {name} (confiance {confidence})</source>
        <translation>line {line}: {name} (confidence {confidence})</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="232" />
        <source>Renommer le contributeur</source>
        <translation>Rename Contributor</translation>
    </message>
    <message>
        <location filename="../contributors.py" line="233" />
        <source>Nouveau nom pour « {name} » :</source>
        <translation>New name for “{name}”:</translation>
    </message>
</context>
<context>
    <name>CoverPanel</name>
    <message>
        <location filename="../cover_panel.py" line="51" />
        <location filename="../cover_panel.py" line="58" />
        <source>En bas</source>
        <translation>At the bottom</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="49" />
        <location filename="../cover_panel.py" line="56" />
        <source>En haut</source>
        <translation>At the top</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="50" />
        <location filename="../cover_panel.py" line="57" />
        <source>Au centre</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="52" />
        <source>Pas de titre sur l’image</source>
        <translation>No title on the image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="61" />
        <location filename="../cover_panel.py" line="107" />
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="62" />
        <source>Titre et mention d’auteur</source>
        <translation>Title and byline</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="63" />
        <source>Rien</source>
        <translation>Nothing</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="83" />
        <source>Déposez une image ici</source>
        <translation>Drop an image here</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="86" />
        <source>Vignette de la couverture</source>
        <translation>Cover thumbnail</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="87" />
        <source>Couverture à plat : dos, tranche, première</source>
        <translation>Flat cover: back, spine, front</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="94" />
        <source>Choisir une image…</source>
        <translation>Choose an Image…</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="96" />
        <source>Sans image</source>
        <translation>No Image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="97" />
        <source>Couverture typographique générée à partir du thème</source>
        <translation>Typographic cover generated from the theme</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="107" />
        <source>titre</source>
        <translation>title</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="108" />
        <source>Sous-titre</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="108" />
        <source>sous-titre</source>
        <translation>subtitle</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="109" />
        <source>Mention d’auteur</source>
        <translation>Byline</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="109" />
        <source>mention d’auteur</source>
        <translation>byline</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="119" />
        <location filename="../cover_panel.py" line="127" />
        <source>Titre sur l’image</source>
        <translation>Title on the image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="125" />
        <source>titre sur l’image</source>
        <translation>title on the image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="129" />
        <source>Position du titre sans image</source>
        <translation>Title position without an image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="132" />
        <source>En haut : le titre au tiers supérieur, la mention d’auteur en pied</source>
        <translation>Top: the title in the upper third, the byline at the foot</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="143" />
        <source>position du titre</source>
        <translation>title position</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="146" />
        <source>Titre sans image</source>
        <translation>Title without an image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="147" />
        <source>Sur un bandeau de la couleur du fond</source>
        <translation>On a band of the background colour</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="148" />
        <source>Bandeau</source>
        <translation>Band</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="150" />
        <source>bandeau</source>
        <translation>band</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="155" />
        <source>Couleur du texte</source>
        <translation>Text colour</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="156" />
        <source>Couleur du fond et du bandeau</source>
        <translation>Background and band colour</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="165" />
        <source>Point focal, horizontal</source>
        <translation>Focal point, horizontal</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="166" />
        <source>Point focal, vertical</source>
        <translation>Focal point, vertical</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="173" />
        <source>point focal</source>
        <translation>focal point</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="178" />
        <source>Texte de la tranche</source>
        <translation>Spine text</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="184" />
        <source>texte de la tranche</source>
        <translation>spine text</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="186" />
        <source>Tranche</source>
        <translation>Spine</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="187" />
        <source>Quatrième de couverture (présentation du livre) :</source>
        <translation>Back cover (the book's description):</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="191" />
        <source>Quatrième de couverture</source>
        <translation>Back cover</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="276" />
        <source>quatrième de couverture</source>
        <translation>back cover</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="287" />
        <source>Image de couverture</source>
        <translation>Cover Image</translation>
    </message>
    <message>
        <location filename="../cover_panel.py" line="289" />
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
    <name>ExportActions</name>
    <message>
        <location filename="../export_actions.py" line="44" />
        <source>livre</source>
        <translation>book</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="47" />
        <source>{stem}-couverture.pdf</source>
        <translation>{stem}-cover.pdf</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="54" />
        <source>Exporter : {kind}</source>
        <translation>Export: {kind}</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="74" />
        <source>Export {kind}…</source>
        <translation>Exporting {kind}…</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="74" />
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="82" />
        <source>Export {kind} : {step}</source>
        <translation>Exporting {kind}: {step}</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="101" />
        <source>Export terminé</source>
        <translation>Export Finished</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="102" />
        <source>Fichier écrit : {path}</source>
        <translation>File written: {path}</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="106" />
        <source>Ouvrir le fichier</source>
        <translation>Open File</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="109" />
        <source>Ouvrir le dossier</source>
        <translation>Open Folder</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="123" />
        <source>Exporté : {path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <location filename="../export_actions.py" line="130" />
        <source>Export impossible</source>
        <translation>Export Failed</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../file_actions.py" line="50" />
        <source>Modifications non enregistrées</source>
        <translation>Unsaved Changes</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="51" />
        <source>Le livre a été modifié. Enregistrer les modifications ?</source>
        <translation>The book has been modified. Save the changes?</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="72" />
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="74" />
        <source>Livres (*.toml *.md *.txt *.docx *.odt)</source>
        <translation>Books (*.toml *.md *.txt *.docx *.odt)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="83" />
        <source>Ouverture impossible</source>
        <translation>Cannot Open</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="109" />
        <source>Enregistrer le projet</source>
        <translation>Save Project</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="110" />
        <source>Projet Layout Studio (*.toml)</source>
        <translation>Layout Studio project (*.toml)</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="135" />
        <source>Enregistrement impossible</source>
        <translation>Cannot Save</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="145" />
        <source>Dictionnaire du livre non enregistré</source>
        <translation>Book dictionary not saved</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="146" />
        <source>Enregistré : {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="180" />
        <source>Récupération</source>
        <translation>Recovery</translation>
    </message>
    <message>
        <location filename="../file_actions.py" line="181" />
        <source>Layout Studio s’est fermé sans enregistrer. Restaurer le texte récupéré ?</source>
        <translation>Layout Studio closed without saving. Restore the recovered text?</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <location filename="../find_replace.py" line="73" />
        <location filename="../find_replace.py" line="74" />
        <source>Rechercher</source>
        <extracomment>Above this many replacements, *Tout remplacer* swaps the whole text in one edit. Quiet time after the last letter of a regular expression before it is counted. Matches tinted in the editor while the bar is open (the count goes further).</extracomment>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="86" />
        <location filename="../find_replace.py" line="87" />
        <source>Remplacer par</source>
        <translation>Replace with</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="90" />
        <source>Respecter la casse</source>
        <translation>Match case</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="92" />
        <source>Mots entiers</source>
        <translation>Whole words</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="94" />
        <source>Expression régulière</source>
        <translation>Regular expression</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="97" />
        <source>Syntaxe de Python ; dans le remplacement, \1 ou \g&lt;nom&gt; reprend un groupe</source>
        <translation>Python syntax; in the replacement, \1 or \g&lt;name&gt; inserts a group</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="104" />
        <source>Précédent</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="106" />
        <source>Suivant</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="108" />
        <source>Remplacer</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="110" />
        <source>Tout remplacer</source>
        <translation>Replace All</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="113" />
        <source>Fermer la recherche</source>
        <translation>Close search</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="238" />
        <location filename="../find_replace.py" line="297" />
        <location filename="../find_replace.py" line="335" />
        <source>introuvable</source>
        <translation>not found</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="293" />
        <source>plus de {n} occurrences</source>
        <translation>more than {n} matches</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="295" />
        <source>au moins {n} occurrences (recherche interrompue)</source>
        <translation>at least {n} matches (search stopped)</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="299" />
        <source>1 occurrence</source>
        <translation>1 match</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="301" />
        <source>{n} occurrences</source>
        <translation>{n} matches</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="357" />
        <source>1 remplacement</source>
        <translation>1 replacement</translation>
    </message>
    <message>
        <location filename="../find_replace.py" line="357" />
        <source>{n} remplacements</source>
        <translation>{n} replacements</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window_state.py" line="63" />
        <source>modification du texte</source>
        <translation>text edit</translation>
    </message>
    <message>
        <location filename="../window.py" line="151" />
        <source>Téléphone (360 × 640)</source>
        <translation>Phone (360 × 640)</translation>
    </message>
    <message>
        <location filename="../window.py" line="152" />
        <source>Tablette (768 × 1024)</source>
        <translation>Tablet (768 × 1024)</translation>
    </message>
    <message>
        <location filename="../window.py" line="153" />
        <source>Taille de la liseuse</source>
        <translation>E-reader size</translation>
    </message>
    <message>
        <location filename="../window.py" line="157" />
        <source>Aperçu liseuse</source>
        <translation>E-reader preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="205" />
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../window.py" line="206" />
        <source>&amp;Nouveau</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <location filename="../window.py" line="207" />
        <source>&amp;Ouvrir…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <location filename="../window.py" line="208" />
        <source>Ouvrir &amp;récent</source>
        <translation>Open &amp;Recent</translation>
    </message>
    <message>
        <location filename="../window.py" line="210" />
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="212" />
        <source>Enregistrer &amp;sous…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <location filename="../window.py" line="215" />
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../window.py" line="216" />
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../window.py" line="217" />
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../window.py" line="219" />
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../window.py" line="224" />
        <source>Co&amp;uper</source>
        <translation>Cu&amp;t</translation>
    </message>
    <message>
        <location filename="../window.py" line="225" />
        <source>&amp;Copier</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <location filename="../window.py" line="226" />
        <source>C&amp;oller</source>
        <translation>&amp;Paste</translation>
    </message>
    <message>
        <location filename="../window.py" line="229" />
        <source>Tout &amp;sélectionner</source>
        <translation>Select &amp;All</translation>
    </message>
    <message>
        <location filename="../window.py" line="235" />
        <source>&amp;Rechercher…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <location filename="../window.py" line="239" />
        <source>Rem&amp;placer…</source>
        <translation>Re&amp;place…</translation>
    </message>
    <message>
        <location filename="../window.py" line="245" />
        <source>Occurrence &amp;suivante</source>
        <translation>Find &amp;Next</translation>
    </message>
    <message>
        <location filename="../window.py" line="251" />
        <source>Occurrence &amp;précédente</source>
        <translation>Find Pre&amp;vious</translation>
    </message>
    <message>
        <location filename="../window.py" line="257" />
        <source>&amp;Insertion</source>
        <translation>&amp;Insert</translation>
    </message>
    <message>
        <location filename="../window.py" line="260" />
        <source>&amp;Crédit d’auteur (nom sélectionné)</source>
        <translation>Author &amp;credit (selected name)</translation>
    </message>
    <message>
        <location filename="../window.py" line="265" />
        <source>&amp;Saut de scène</source>
        <translation>&amp;Scene break</translation>
    </message>
    <message>
        <location filename="../window.py" line="267" />
        <source>&amp;Note</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location filename="../window.py" line="268" />
        <source>S&amp;ection</source>
        <translation>S&amp;ection</translation>
    </message>
    <message>
        <location filename="../window.py" line="271" />
        <source>&amp;Inclure la section candidate</source>
        <translation>&amp;Include the candidate section</translation>
    </message>
    <message>
        <location filename="../window.py" line="274" />
        <source>É&amp;carter la section candidate</source>
        <translation>&amp;Discard the candidate section</translation>
    </message>
    <message>
        <location filename="../window.py" line="276" />
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../window.py" line="279" />
        <source>Aperçu d’&amp;impression</source>
        <translation>&amp;Print Preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="282" />
        <source>Aperçu &amp;liseuse</source>
        <translation>&amp;E-reader Preview</translation>
    </message>
    <message>
        <location filename="../window.py" line="290" />
        <source>&amp;Doubles pages</source>
        <translation>&amp;Facing Pages</translation>
    </message>
    <message>
        <location filename="../window.py" line="295" />
        <source>Zoom &amp;avant</source>
        <translation>Zoom &amp;In</translation>
    </message>
    <message>
        <location filename="../window.py" line="301" />
        <source>Zoom a&amp;rrière</source>
        <translation>Zoom &amp;Out</translation>
    </message>
    <message>
        <location filename="../window.py" line="305" />
        <source>Ajuster à la &amp;largeur</source>
        <translation>Fit &amp;Width</translation>
    </message>
    <message>
        <location filename="../window.py" line="306" />
        <source>Ajuster à la &amp;page</source>
        <translation>Fit &amp;Page</translation>
    </message>
    <message>
        <location filename="../window.py" line="310" />
        <source>Repères de &amp;coupe</source>
        <translation>&amp;Trim Marks</translation>
    </message>
    <message>
        <location filename="../window.py" line="311" />
        <source>&amp;Fond perdu</source>
        <translation>&amp;Bleed</translation>
    </message>
    <message>
        <location filename="../window.py" line="312" />
        <source>&amp;Marges</source>
        <translation>&amp;Margins</translation>
    </message>
    <message>
        <location filename="../window.py" line="320" />
        <source>&amp;Livre</source>
        <translation>&amp;Book</translation>
    </message>
    <message>
        <location filename="../window.py" line="321" />
        <source>&amp;Métadonnées…</source>
        <translation>&amp;Metadata…</translation>
    </message>
    <message>
        <location filename="../window.py" line="322" />
        <source>&amp;Couverture…</source>
        <translation>&amp;Cover…</translation>
    </message>
    <message>
        <location filename="../window.py" line="325" />
        <source>Couverture &amp;typographique (sans image)</source>
        <translation>&amp;Typographic Cover (No Image)</translation>
    </message>
    <message>
        <location filename="../window.py" line="328" />
        <source>&amp;Styles…</source>
        <translation>&amp;Styles…</translation>
    </message>
    <message>
        <location filename="../window.py" line="329" />
        <source>E&amp;xporter</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <location filename="../window.py" line="330" />
        <source>PDF d’&amp;impression…</source>
        <translation>&amp;Print PDF…</translation>
    </message>
    <message>
        <location filename="../window.py" line="332" />
        <source>&amp;Couverture à plat (PDF)…</source>
        <translation>&amp;Wraparound Cover (PDF)…</translation>
    </message>
    <message>
        <location filename="../window.py" line="334" />
        <source>&amp;EPUB…</source>
        <translation>&amp;EPUB…</translation>
    </message>
    <message>
        <location filename="../window.py" line="337" />
        <source>Contrôle avant &amp;impression</source>
        <translation>&amp;Preflight for print</translation>
    </message>
    <message>
        <location filename="../window.py" line="339" />
        <source>Ai&amp;de</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../window.py" line="342" />
        <source>&amp;Guide de la syntaxe</source>
        <translation>&amp;Syntax guide</translation>
    </message>
    <message>
        <location filename="../window.py" line="346" />
        <source>À &amp;propos de Layout Studio</source>
        <translation>&amp;About Layout Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="347" />
        <source>Outils</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../window.py" line="350" />
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../window.py" line="351" />
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../window.py" line="373" />
        <source>À propos de Layout Studio</source>
        <translation>About Layout Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="377" />
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
        <location filename="../metadata_dialog.py" line="38" />
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="39" />
        <source>Sous-titre</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="40" />
        <source>Mention d’auteur</source>
        <translation>Byline</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="41" />
        <source>Dédicace</source>
        <translation>Dedication</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="42" />
        <source>Éditeur</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="43" />
        <source>Date (AAAA-MM-JJ)</source>
        <translation>Date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="44" />
        <source>Présentation</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="45" />
        <source>Droits ou licence</source>
        <translation>Rights or licence</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="46" />
        <source>ISBN du livre numérique</source>
        <translation>E-book ISBN</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="47" />
        <source>ISBN de l’édition imprimée</source>
        <translation>Print edition ISBN</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="52" />
        <source>Métadonnées du livre</source>
        <translation>Book Metadata</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="70" />
        <source>Contributeurs, dans l’ordre du colophon et de l’EPUB (double-clic ou F2 pour corriger un nom) :</source>
        <translation>Contributors, in the order of the colophon and the EPUB (double-click or F2 to fix a name):</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="73" />
        <source>Noms et ordre des contributeurs</source>
        <translation>Contributor names and order</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="83" />
        <source>Monter</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="84" />
        <source>Descendre</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="85" />
        <source>Ordre alphabétique</source>
        <translation>Alphabetical Order</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="123" />
        <source>ISBN invalide</source>
        <translation>Invalid ISBN</translation>
    </message>
    <message>
        <location filename="../metadata_dialog.py" line="124" />
        <source>{field} : « {value} » n’est pas un ISBN valide ({reason}).</source>
        <translation>{field}: “{value}” is not a valid ISBN ({reason}).</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <location filename="../preview.py" line="92" />
        <source>Aperçu des pages</source>
        <translation>Page preview</translation>
    </message>
</context>
<context>
    <name>PanelWiring</name>
    <message>
        <location filename="../panel_wiring.py" line="116" />
        <source>Vignettes des pages</source>
        <translation>Page thumbnails</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="122" />
        <source>Contributeurs</source>
        <translation>Contributors</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="128" />
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="134" />
        <source>Typographie</source>
        <translation>Typography</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="138" />
        <source>Styles</source>
        <translation>Styles</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="141" />
        <source>Couverture</source>
        <translation>Cover</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="147" />
        <source>Contrôle d’impression</source>
        <translation>Preflight</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="151" />
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="239" />
        <source>changement de thème</source>
        <translation>theme change</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="269" />
        <source>règle {rule}</source>
        <translation>rule {rule}</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="282" />
        <source>Image refusée</source>
        <translation>Image Rejected</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="284" />
        <source>couverture</source>
        <translation>cover</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="306" />
        <location filename="../panel_wiring.py" line="316" />
        <source>métadonnées</source>
        <translation>metadata</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="337" />
        <source>« {old} » → « {new} » : {count} crédit(s) modifié(s)</source>
        <translation>“{old}” → “{new}”: {count} credit(s) changed</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="349" />
        <source>Enregistrer le thème</source>
        <translation>Save Theme</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="351" />
        <source>Thème (*.toml)</source>
        <translation>Theme (*.toml)</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="360" />
        <source>Enregistrement impossible</source>
        <translation>Cannot Save</translation>
    </message>
    <message>
        <location filename="../panel_wiring.py" line="364" />
        <source>nouveau thème</source>
        <translation>new theme</translation>
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
        <location filename="../worker.py" line="86" />
        <source>erreur interne de composition : {error}</source>
        <translation>internal typesetting error: {error}</translation>
    </message>
</context>
<context>
    <name>PreviewArea</name>
    <message>
        <location filename="../preview.py" line="365" />
        <source>Aperçu d’impression</source>
        <translation>Print preview</translation>
    </message>
</context>
<context>
    <name>SourceEditor</name>
    <message>
        <location filename="../editor.py" line="271" />
        <source>Source du livre (Markdown)</source>
        <translation>Book source (Markdown)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="431" />
        <source>(aucune suggestion)</source>
        <translation>(no suggestions)</translation>
    </message>
    <message>
        <location filename="../editor.py" line="434" />
        <source>Ignorer « {word} »</source>
        <translation>Ignore “{word}”</translation>
    </message>
    <message>
        <location filename="../editor.py" line="437" />
        <source>Ajouter « {word} » au dictionnaire du livre</source>
        <translation>Add “{word}” to the book’s dictionary</translation>
    </message>
    <message>
        <location filename="../editor.py" line="439" />
        <source>Enregistré avec le projet, dans dictionnaire.txt</source>
        <translation>Saved with the project, in dictionnaire.txt</translation>
    </message>
    <message>
        <location filename="../editor.py" line="442" />
        <source>Ajouter « {word} » au dictionnaire personnel</source>
        <translation>Add “{word}” to the personal dictionary</translation>
    </message>
    <message>
        <location filename="../editor.py" line="467" />
        <source>Section candidate — non imprimée</source>
        <translation>Candidate section — not printed</translation>
    </message>
    <message>
        <location filename="../editor.py" line="468" />
        <source>non imprimée</source>
        <translation>not printed</translation>
    </message>
</context>
<context>
    <name>SpellingController</name>
    <message>
        <location filename="../spelling.py" line="41" />
        <source>Vérifier l’&amp;orthographe</source>
        <translation>Check &amp;Spelling</translation>
    </message>
</context>
<context>
    <name>StructurePanel</name>
    <message>
        <location filename="../structure_panel.py" line="82" />
        <source>Structure du livre</source>
        <translation>Structure of the book</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="91" />
        <source>Monter</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="92" />
        <source>Descendre</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="96" />
        <source>Déplacer la section ({keys})</source>
        <translation>Move the section ({keys})</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="201" />
        <source>Section candidate : non imprimée</source>
        <translation>Candidate section: not printed</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="208" />
        <source>(sans crédit)</source>
        <translation>(no credit)</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="214" />
        <source>(texte avant le premier titre)</source>
        <translation>(text before the first title)</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="216" />
        <source>début</source>
        <translation>front</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="218" />
        <source>fin</source>
        <translation>back</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="220" />
        <source>non imprimée</source>
        <translation>not printed</translation>
    </message>
    <message>
        <location filename="../structure_panel.py" line="222" />
        <source>{n} passage(s)</source>
        <translation>{n} passage(s)</translation>
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
        <location filename="../typography_panel.py" line="38" />
        <source>Règle / correction</source>
        <translation>Rule / correction</translation>
    </message>
    <message>
        <location filename="../typography_panel.py" line="38" />
        <source>Ligne</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../typography_panel.py" line="39" />
        <source>Corrections typographiques</source>
        <translation>Typographic corrections</translation>
    </message>
</context>
<context>
    <name>ViewControl</name>
    <message>
        <location filename="../view_control.py" line="112" />
        <source>{pages} pages · {hyphens} coupures · {overfull} ligne(s) trop longue(s) · composé en {ms} ms</source>
        <translation>{pages} pages · {hyphens} hyphenations · {overfull} overfull line(s) · typeset in {ms} ms</translation>
    </message>
    <message>
        <location filename="../view_control.py" line="179" />
        <source>couv.</source>
        <translation>cover</translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message>
        <location filename="../window_state.py" line="149" />
        <source>Sans titre</source>
        <translation>Untitled</translation>
    </message>
</context>
</TS>
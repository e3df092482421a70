"""Fill the English translation file (run after ``pyside6-lupdate``, then ``pyside6-lrelease``).

Takes ``layout_studio_en.ts`` from lupdate; gives it back with every French
source string of the interface translated to English. The app's source language
is French; English is used when the system locale is English.
"""

# ruff: noqa: E501  (a table of whole interface strings reads best one per line)
from __future__ import annotations

import sys
from pathlib import Path
from xml.etree import ElementTree as ET

EN = {
    "Contributeurs": "Contributors",
    "Typographie": "Typography",
    "Styles": "Styles",
    "Couverture": "Cover",
    "Pages": "Pages",
    "&Fichier": "&File",
    "&Nouveau": "&New",
    "&Ouvrir…": "&Open…",
    "Ouvrir &récent": "Open &Recent",
    "&Enregistrer": "&Save",
    "Enregistrer &sous…": "Save &As…",
    "&Quitter": "&Quit",
    "É&dition": "&Edit",
    "&Annuler": "&Undo",
    "&Rétablir": "&Redo",
    "Co&uper": "Cu&t",
    "&Copier": "&Copy",
    "C&oller": "&Paste",
    "Tout &sélectionner": "Select &All",
    "&Affichage": "&View",
    "Aperçu d’&impression": "&Print Preview",
    "Aperçu &liseuse": "&E-reader Preview",
    "&Doubles pages": "&Facing Pages",
    "Zoom &avant": "Zoom &In",
    "Zoom a&rrière": "Zoom &Out",
    "Ajuster à la &largeur": "Fit &Width",
    "Ajuster à la &page": "Fit &Page",
    "Repères de &coupe": "&Trim Marks",
    "&Fond perdu": "&Bleed",
    "&Marges": "&Margins",
    "&Livre": "&Book",
    "&Métadonnées…": "&Metadata…",
    "&Couverture…": "&Cover…",
    "Couverture &typographique (sans image)": "&Typographic Cover (No Image)",
    "&Styles…": "&Styles…",
    "E&xporter": "E&xport",
    "PDF d’&impression…": "&Print PDF…",
    "&Couverture à plat (PDF)…": "&Wraparound Cover (PDF)…",
    "&EPUB…": "&EPUB…",
    "Ai&de": "&Help",
    "À &propos de Layout Studio": "&About Layout Studio",
    "Ouvrir": "Open",
    "Enregistrer": "Save",
    "PDF": "PDF",
    "EPUB": "EPUB",
    "Contributeur": "Contributor",
    "Passages": "Passages",
    "Liste des contributeurs": "Contributor list",
    "Renommer ou fusionner…": "Rename or Merge…",
    "Corrige l’orthographe d’un nom partout ; un nom déjà présent fusionne les deux.": "Fixes a name's spelling everywhere; a name already present merges the two.",
    "Crédits douteux (à confirmer) :": "Doubtful credits (to confirm):",
    "Crédits douteux": "Doubtful credits",
    "Confirmer": "Confirm",
    "Rejeter": "Reject",
    "ligne {line} : {name} (confiance {confidence})": "line {line}: {name} (confidence {confidence})",
    "Renommer le contributeur": "Rename Contributor",
    "Nouveau nom pour « {name} » :": "New name for “{name}”:",
    "Déposez une image ici": "Drop an image here",
    "Vignette de la couverture": "Cover thumbnail",
    "Choisir une image…": "Choose an Image…",
    "Sans image": "No Image",
    "Couverture typographique générée à partir du thème": "Typographic cover generated from the theme",
    "Image de couverture": "Cover Image",
    "Images (*.jpg *.jpeg *.png *.webp)": "Images (*.jpg *.jpeg *.png *.webp)",
    "PDF d’impression": "print PDF",
    "couverture à plat": "wraparound cover",
    "composition": "typesetting",
    "terminé": "done",
    "{path} : erreur interne ({error})": "{path}: internal error ({error})",
    "modification du texte": "text edit",
    "Téléphone (360 × 640)": "Phone (360 × 640)",
    "Tablette (768 × 1024)": "Tablet (768 × 1024)",
    "Taille de la liseuse": "E-reader size",
    "Aperçu liseuse": "E-reader preview",
    "Vignettes des pages": "Page thumbnails",
    "Outils": "Tools",
    "Sans titre": "Untitled",
    "{pages} pages · {hyphens} coupures · {overfull} ligne(s) trop longue(s) · composé en {ms} ms": "{pages} pages · {hyphens} hyphenations · {overfull} overfull line(s) · typeset in {ms} ms",
    "changement de thème": "theme change",
    "réglage {key}": "setting {key}",
    "règle {rule}": "rule {rule}",
    "Image refusée": "Image Rejected",
    "« {old} » → « {new} » : {count} crédit(s) modifié(s)": "“{old}” → “{new}”: {count} credit(s) changed",
    "Enregistrer le thème": "Save Theme",
    "Thème (*.toml)": "Theme (*.toml)",
    "Enregistrement impossible": "Cannot Save",
    "nouveau thème": "new theme",
    "Modifications non enregistrées": "Unsaved Changes",
    "Le livre a été modifié. Enregistrer les modifications ?": "The book has been modified. Save the changes?",
    "Livres (*.toml *.md *.txt *.docx *.odt)": "Books (*.toml *.md *.txt *.docx *.odt)",
    "Ouverture impossible": "Cannot Open",
    "Enregistrer le projet": "Save Project",
    "Projet Layout Studio (*.toml)": "Layout Studio project (*.toml)",
    "Enregistré : {path}": "Saved: {path}",
    "Récupération": "Recovery",
    "Layout Studio s’est fermé sans enregistrer. Restaurer le texte récupéré ?": "Layout Studio closed without saving. Restore the recovered text?",
    "Exporter : {kind}": "Export: {kind}",
    "Export {kind}…": "Exporting {kind}…",
    "Annuler": "Cancel",
    "Export {kind} : {step}": "Exporting {kind}: {step}",
    "Export terminé": "Export Finished",
    "Fichier écrit : {path}": "File written: {path}",
    "Ouvrir le fichier": "Open File",
    "Ouvrir le dossier": "Open Folder",
    "Exporté : {path}": "Exported: {path}",
    "Export impossible": "Export Failed",
    "Layout Studio {version}\nMise en page de livres co-écrits : typographie française, césure, PDF d’impression et EPUB.\nLicence GPL-3.0 ou ultérieure.": "Layout Studio {version}\nLayout of co-written books: French typography, hyphenation, print PDF and EPUB.\nLicence GPL-3.0 or later.",
    "À propos de Layout Studio": "About Layout Studio",
    "couverture": "cover",
    "métadonnées": "metadata",
    "couv.": "cover",
    "livre": "book",
    "{stem}-couverture.pdf": "{stem}-cover.pdf",
    "Titre": "Title",
    "Sous-titre": "Subtitle",
    "Mention d’auteur": "Byline",
    "Dédicace": "Dedication",
    "Éditeur": "Publisher",
    "Date (AAAA-MM-JJ)": "Date (YYYY-MM-DD)",
    "Présentation": "Description",
    "Métadonnées du livre": "Book Metadata",
    "Contributeurs, dans l’ordre du colophon et de l’EPUB (double-clic ou F2 pour corriger un nom) :": "Contributors, in the order of the colophon and the EPUB (double-click or F2 to fix a name):",
    "Noms et ordre des contributeurs": "Contributor names and order",
    "Monter": "Move Up",
    "Descendre": "Move Down",
    "Ordre alphabétique": "Alphabetical Order",
    "Aperçu des pages": "Page preview",
    "erreur interne de composition : {error}": "internal typesetting error: {error}",
    "Aperçu d’impression": "Print preview",
    "Source du livre (Markdown)": "Book source (Markdown)",
    "dans le texte": "in the text",
    "signé à droite": "signed on the right",
    "ligne à part": "own line",
    "en marge": "in the margin",
    "italique": "italic",
    "petites capitales": "small caps",
    "romain": "roman",
    "Galerie des thèmes": "Theme gallery",
    "Format de page": "Page size",
    "Format": "Size",
    "Marge intérieure": "Inner margin",
    "Marge extérieure": "Outer margin",
    "Marge de tête": "Top margin",
    "Marge de pied": "Bottom margin",
    "Corps du texte": "Body text size",
    "Corps": "Body size",
    "Interlignage": "Leading",
    "Place des crédits": "Credit placement",
    "Crédits": "Credits",
    "Style des crédits": "Credit style",
    "Césure": "Hyphenation",
    "Enregistrer comme thème…": "Save as Theme…",
    "Règle / correction": "Rule / correction",
    "Ligne": "Line",
    "Corrections typographiques": "Typographic corrections",
}


def main(path: str) -> None:
    """Fill every translation of ``path``; fail if a source string has none."""
    tree = ET.parse(path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            continue
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    if missing:
        raise SystemExit("sans traduction : " + ", ".join(missing))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name("layout_studio_en.ts")))

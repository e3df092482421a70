"""Fill the English translation file (run after ``pyside6-lupdate``, then ``pyside6-lrelease``).

Takes ``layout_studio_en.ts`` from lupdate; gives it back with every French
source string of the menus translated to English. The app's source language
is French; English is used when the system locale is English.
"""

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

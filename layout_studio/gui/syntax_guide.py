"""*Aide › Guide de la syntaxe*: the source format explained, with examples.

Takes the interface language; gives a dialog with the guide in French (or in
English when the interface is English). The examples are the ones the
importer writes, so what the guide shows is what the editor holds.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE_FR = """
<h2>Guide de la syntaxe</h2>
<p>Le texte du livre est du Markdown, avec quelques marques propres aux livres co-écrits.
Les menus <b>Insertion</b> et <b>Édition</b> les posent pour vous.</p>
<h3>Paragraphes et mise en valeur</h3>
<p>Une ligne vide sépare deux paragraphes. <code>*italique*</code> donne <i>italique</i>,
<code>**gras**</code> donne <b>gras</b>.</p>
<h3>Crédits d’auteur</h3>
<p>Un passage se termine par le nom de son auteur entre crochets, suivi de
<code>{.credit}</code> :</p>
<pre>Le jardinier sème ses graines. [Cécile]{.credit}</pre>
<p>Tous les paragraphes depuis le crédit précédent forment la contribution de Cécile.
Une affiliation suit une virgule : <code>[Catherine, CDP]{.credit}</code>.
Un crédit douteux porte <code>confidence="0.60"</code> : supprimez cet attribut pour le
confirmer (panneau <i>Contributeurs</i>). Sélectionnez un nom et choisissez
<i>Insertion › Crédit d’auteur</i> (Ctrl+Alt+C) pour le marquer.</p>
<h3>Sections</h3>
<pre># L’histoire</pre>
<p>Un titre précédé de <code>#</code> ouvre une section. Sur la ligne d’avant,
<code>{.front}</code> la place en début de livre, <code>{.back}</code> en fin de livre.
<code>{.candidate}</code> marque une section proposée par l’import mais <b>non imprimée</b> :
elle apparaît grisée. <i>Insertion › Inclure la section candidate</i> la garde,
<i>Écarter la section candidate</i> la supprime.</p>
<pre>{.front .candidate}
# Introduction</pre>
<h3>Sauts de scène</h3>
<p>Une ligne <code>* * *</code> seule entre deux paragraphes.</p>
<h3>Notes</h3>
<p>Un appel <code>[^1]</code> dans le texte, et la note en fin de texte :</p>
<pre>Un livre écrit à cinquante-deux mains[^1].

[^1]: Cinquante-deux mains, deux cent soixante doigts.</pre>
<h3>Espaces insécables et typographie</h3>
<p>Tapez le texte normalement : les règles françaises (espaces fines avant ; ! ?,
guillemets « », apostrophes, points de suspension…) s’appliquent à la composition, le texte
source reste tel quel. Les endroits corrigés sont soulignés en vert ; le panneau
<i>Typographie</i> les liste. <code>[10 000]{.nobreak}</code> interdit une coupure.</p>
<h3>Métadonnées</h3>
<p>L’en-tête entre deux lignes <code>---</code> donne le titre, le sous-titre, la langue,
l’éditeur, la date (AAAA-MM-JJ) : <i>Livre › Métadonnées…</i> le modifie pour vous.</p>
"""

GUIDE_EN = """
<h2>Syntax guide</h2>
<p>The book's text is Markdown, with a few marks for co-written books. The <b>Insert</b>
and <b>Edit</b> menus write them for you.</p>
<h3>Paragraphs and emphasis</h3>
<p>A blank line separates two paragraphs. <code>*italic*</code> gives <i>italic</i>,
<code>**bold**</code> gives <b>bold</b>.</p>
<h3>Author credits</h3>
<p>A passage ends with its author's name in square brackets followed by
<code>{.credit}</code>:</p>
<pre>Le jardinier sème ses graines. [Cécile]{.credit}</pre>
<p>All paragraphs since the previous credit are Cécile's contribution. An affiliation
follows a comma: <code>[Catherine, CDP]{.credit}</code>. A doubtful credit carries
<code>confidence="0.60"</code>: delete it to confirm the credit (<i>Contributors</i>
panel). Select a name and choose <i>Insert › Author credit</i> (Ctrl+Alt+C) to mark it.</p>
<h3>Sections</h3>
<pre># L’histoire</pre>
<p>A title after <code>#</code> opens a section. On the line before it, <code>{.front}</code>
puts it at the front of the book, <code>{.back}</code> at the back. <code>{.candidate}</code>
marks a section the importer proposed but that is <b>not printed</b>: it is greyed.
<i>Insert › Include the candidate section</i> keeps it, <i>Discard the candidate section</i>
deletes it.</p>
<pre>{.front .candidate}
# Introduction</pre>
<h3>Scene breaks</h3>
<p>A line <code>* * *</code> on its own between two paragraphs.</p>
<h3>Notes</h3>
<p>A call <code>[^1]</code> in the text, and the note at the end of the text:</p>
<pre>Un livre écrit à cinquante-deux mains[^1].

[^1]: Cinquante-deux mains, deux cent soixante doigts.</pre>
<h3>No-break spaces and typography</h3>
<p>Type the text normally: the French rules (thin spaces before ; ! ?, « » quotes,
apostrophes, ellipses…) are applied when typesetting; the source stays as typed. Corrected
places are underlined in green and listed in the <i>Typography</i> panel.
<code>[10 000]{.nobreak}</code> forbids a line break.</p>
<h3>Metadata</h3>
<p>The header between two <code>---</code> lines gives the title, subtitle, language,
publisher and date (YYYY-MM-DD): <i>Book › Metadata…</i> edits it for you.</p>
"""


class SyntaxGuide(QDialog):
    """The guide in a resizable, non-modal window."""

    def __init__(self, parent: QWidget | None = None, *, english: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guide de la syntaxe"))
        self.resize(640, 620)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setHtml(GUIDE_EN if english else GUIDE_FR)
        self.browser.setAccessibleName(self.tr("Guide de la syntaxe"))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

"""Finishing reportlab's PDF with pikepdf, where reportlab cannot.

Takes the bytes reportlab wrote, and for a print PDF the PDF/X flavour and
the CMYK output profile; gives the finished bytes, reproducible (qpdf's
deterministic /ID, dates from the document, no clock read).

* Distinct subset tags: reportlab names the first subset of every font
  ``AAAAAA+``; ISO 32000-1 §9.6.4 wants a tag unique to each subset, so each
  gets six capitals drawn from a hash of the font's name and embedded glyphs.
* PDF/X-1a:2003 (ISO 15930-4) or PDF/X-4 (ISO 15930-7) identification: the
  output intent with its profile, ``GTS_PDFXVersion`` in the Info dictionary
  and in XMP metadata, ``Trapped`` set to False.
"""

from __future__ import annotations

import hashlib
import io
import re
import string
import uuid
import zlib

import pikepdf

from layout_studio.export.color import OutputProfile


def escape(data: str) -> str:
    """``&``, ``<`` and ``>`` escaped, as ``xml.sax.saxutils.escape`` does.

    Its module imports ``urllib.request`` (http, email, ssl): a cold PDF export
    saves that import.
    """
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


PDFX_VERSIONS = {"x1a": "PDF/X-1a:2003", "x4": "PDF/X-4"}
PDF_VERSIONS = {"x1a": "1.4", "x4": "1.6"}  # what each standard is based on

_TAGGED = re.compile(r"^[A-Z]{6}\+(.+)$")
_PDF_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([+-])(\d\d)'?(\d\d))?")


def finish_pdf(data: bytes, *, pdfx: str = "none", profile: OutputProfile | None = None) -> bytes:
    """The PDF reportlab wrote, subset tags made distinct, made PDF/X if asked."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        retag_subsets(pdf)
        version = None
        if pdfx in PDFX_VERSIONS:
            identify_pdfx(pdf, pdfx, profile)
            version = PDF_VERSIONS[pdfx]
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            min_version=version or "",
            force_version=version or "",
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            fix_metadata_version=False,
        )
    return out.getvalue()


def identify_pdfx(pdf: pikepdf.Pdf, flavour: str, profile: OutputProfile | None) -> None:
    """Output intent, Info keys and XMP that name the file PDF/X-1a:2003 or PDF/X-4."""
    version = PDFX_VERSIONS[flavour]
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String("CGATS TR 001"),
        OutputCondition=pikepdf.String("SWOP (Publication) Grade 1 Paper, coated"),
        RegistryName=pikepdf.String("http://www.color.org"),
    )
    if profile is not None:
        intent.OutputConditionIdentifier = pikepdf.String(profile.identifier)
        intent.OutputCondition = pikepdf.String(profile.condition)
        intent.RegistryName = pikepdf.String(profile.registry)
        intent.Info = pikepdf.String(profile.description)
        icc = pikepdf.Stream(pdf, profile.data)
        icc.N = 4
        icc.Alternate = pikepdf.Name.DeviceCMYK
        intent.DestOutputProfile = pdf.make_indirect(icc)
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
    info = pdf.docinfo
    info.GTS_PDFXVersion = pikepdf.String(version)
    if "/GTS_PDFXConformance" in info:
        del info["/GTS_PDFXConformance"]
    info.Trapped = pikepdf.Name("/False")
    created = _xmp_date(str(info.get("/CreationDate", "D:19700101000000Z")))
    modified = _xmp_date(str(info.get("/ModDate", info.get("/CreationDate", ""))))
    title = str(info.get("/Title", ""))
    authors = [a.strip() for a in str(info.get("/Author", "")).split(",") if a.strip()]
    seed = f"{title}\0{created}\0{version}"
    document_id = uuid.uuid5(uuid.NAMESPACE_URL, "layout-studio:" + seed)
    metadata = pikepdf.Stream(
        pdf,
        _xmp(
            title=title,
            authors=authors,
            subject=str(info.get("/Subject", "")),
            keywords=str(info.get("/Keywords", "")),
            producer=str(info.get("/Producer", "")),
            creator=str(info.get("/Creator", "")),
            created=created,
            modified=modified,
            version=version,
            document_id=str(document_id),
        ).encode("utf-8"),
    )
    metadata.Type = pikepdf.Name.Metadata
    metadata.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = pdf.make_indirect(metadata)


def _xmp_date(pdf_date: str) -> str:
    """``D:19700101000000+00'00'`` → ``1970-01-01T00:00:00+00:00``."""
    m = _PDF_DATE.match(pdf_date)
    if not m:
        return "1970-01-01T00:00:00Z"
    y, mo, d, h, mi, se, sign, th, tm = m.groups()
    zone = f"{sign}{th}:{tm}" if sign else "Z"
    return f"{y}-{mo}-{d}T{h}:{mi}:{se}{zone}"


def _xmp(
    *,
    title: str,
    authors: list[str],
    subject: str,
    keywords: str,
    producer: str,
    creator: str,
    created: str,
    modified: str,
    version: str,
    document_id: str,
) -> str:
    creators = "".join(f"<rdf:li>{escape(a)}</rdf:li>" for a in authors)
    description = (
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}'
        "</rdf:li></rdf:Alt></dc:description>"
        if subject
        else ""
    )
    x1a = version.startswith("PDF/X-1a")
    legacy = f"<pdfx:GTS_PDFXVersion>{version}</pdfx:GTS_PDFXVersion>" if x1a else ""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
 xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq>{creators}</rdf:Seq></dc:creator>
{description}
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{modified}</xmp:ModifyDate>
<xmp:MetadataDate>{modified}</xmp:MetadataDate>
<xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>
<pdf:Producer>{escape(producer)}</pdf:Producer>
<pdf:Keywords>{escape(keywords)}</pdf:Keywords>
<pdf:Trapped>False</pdf:Trapped>
<xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
<xmpMM:InstanceID>uuid:{document_id}</xmpMM:InstanceID>
<xmpMM:VersionID>1</xmpMM:VersionID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>
<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>
{legacy}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _tag(name: str, glyphs: bytes, salt: int) -> str:
    digest = hashlib.sha256(f"{name}\0{salt}\0".encode() + glyphs).digest()
    return "".join(string.ascii_uppercase[b % 26] for b in digest[:6])


def _as_compressed(stream: pikepdf.Object) -> bytes:
    """The font file as reportlab wrote it compressed: the bytes its tag is a hash of.

    reportlab now writes the PDF uncompressed (qpdf compresses it once, on
    saving: the same output, faster); the tags stay those of the compressed
    subsets, so files are byte-identical to those written before.
    """
    raw = bytes(stream.read_raw_bytes())
    return raw if "/Filter" in stream else zlib.compress(raw)


def retag_subsets(pdf: pikepdf.Pdf) -> dict[str, str]:
    """Give every embedded subset its own tag; the old → new names."""
    renamed: dict[str, str] = {}
    used: set[str] = set()
    fonts: list[pikepdf.Object] = []
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        if resources is None or "/Font" not in resources:
            continue
        for font in resources.Font.values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                fonts.append(font)
    for font in sorted(fonts, key=lambda f: f.objgen):
        base = str(font.get("/BaseFont", ""))[1:]
        match = _TAGGED.match(base)
        descriptor = font.get("/FontDescriptor")
        if not match or descriptor is None or "/FontFile2" not in descriptor:
            continue
        glyphs = _as_compressed(descriptor.FontFile2)
        salt = 0
        tag = _tag(match.group(1), glyphs, salt)
        while tag in used:  # a collision is unlikely; keep the tags unique anyway
            salt += 1
            tag = _tag(match.group(1), glyphs, salt)
        used.add(tag)
        new = f"{tag}+{match.group(1)}"
        renamed[base] = new
        font.BaseFont = pikepdf.Name("/" + new)
        descriptor.FontName = pikepdf.Name("/" + new)
        if "/ToUnicode" in font:
            cmap = font.ToUnicode
            cmap.write(cmap.read_bytes().replace(base.encode(), new.encode()))
    return renamed

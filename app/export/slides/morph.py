"""PowerPoint's Morph transition on a slide, written as PowerPoint writes it (python-pptx has no API for it):
an mc:AlternateContent whose choice is p159:morph by object, with a fade for applications without Morph."""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn
from pptx.slide import Slide

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
P159 = "http://schemas.microsoft.com/office/powerpoint/2015/09/main"

MORPH_XML = (
    f'<mc:AlternateContent xmlns:mc="{MC}" xmlns:p="{P}" xmlns:p14="{P14}">'
    f'<mc:Choice xmlns:p159="{P159}" Requires="p159">'
    '<p:transition spd="slow" p14:dur="{ms}"><p159:morph option="byObject"/></p:transition>'
    "</mc:Choice>"
    '<mc:Fallback><p:transition spd="slow"><p:fade/></p:transition></mc:Fallback>'
    "</mc:AlternateContent>"
)


def add_morph(slide: Slide, ms: int = 1200) -> None:
    """Give `slide` the Morph transition (from the slide before it) lasting `ms` milliseconds.

    The transition goes where the schema puts it: after p:clrMapOvr, before p:timing and p:extLst.
    Shapes are paired across slides by name; a name starting with "!!" forces the pairing.
    """
    sld = slide._element
    element = etree.fromstring(MORPH_XML.replace("{ms}", str(int(ms))))
    later = next((sld.find(qn(tag)) for tag in ("p:timing", "p:extLst") if sld.find(qn(tag)) is not None), None)
    if later is not None:
        later.addprevious(element)
    else:
        sld.append(element)

"""XML as the readers of XML formats (OFD, Word 2003 XML) parse it: no entities resolved, no network, no DTD
loaded, and a document that declares a DTD refused outright (neither format has one, and an entity left
unresolved would lose its text silently)."""

from __future__ import annotations


class XMLFault(ValueError):
    """The bytes are not XML a document writer wrote: a syntax error, or a DTD."""


def parse_xml(data: bytes):
    """The root element of `data` (an lxml element)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise XMLFault(f"not well-formed XML ({exc})") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        raise XMLFault("XML declaring a DTD (entities), which no document writer puts there")
    return root

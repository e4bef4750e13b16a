"""A CSL style parsed for citeproc-py with its element classes specialised for this tree only.

citeproc-py builds its style tree with an lxml class lookup: each CSL element becomes an
instance of the class named after it. This module parses a style with its own lookup, whose
classes put a few methods in front of citeproc-py's own; the library's classes are left as
shipped, for any other user of it in the same process.

- Macros, terms and the enclosing <layout> are found once. citeproc-py finds each by an XPath
  search (compiled anew every time) on every use, tens of thousands of times for Chicago
  author-date's 170 KB style: two thirds of the time of formatting a bibliography.
- A <macro> remembers whether it calls a variable (a fixed property of the style, which groups
  ask through nested macros before deciding whether to print).
- A <label> prints nothing when its variable is empty, as CSL 1.0 requires. citeproc-py 0.11
  printed the term anyway, so Chicago's `<label variable="edition"/>` put "Edition." into
  every newspaper article without an edition.
"""
from __future__ import annotations

from citeproc import CitationItem, CitationStylesStyle
from citeproc.model import CitationStylesElement, Label, Locale
from citeproc.source import VariableError
from lxml import etree

from functools import lru_cache

CSL_NAMESPACE = "http://purl.org/net/xbiblio/csl"
_LAYOUT = f"{{{CSL_NAMESPACE}}}layout"


@lru_cache(maxsize=256)  # an expression's compiled form never changes
def _compiled(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces=CitationStylesElement.nsmap)


class _Kept:
    """Put before a citeproc-py element class: macros and the enclosing layout found quickly."""

    def xpath_search(self, expression):
        # citeproc-py's searches are a few dozen fixed strings: compile each once, not per call.
        return _compiled(expression)(self)

    def get_macro(self, name):
        # The root element's Python object lives as long as the style, so its dict does too.
        macros = self.get_root().__dict__.setdefault("_macros", {})
        if name not in macros:
            macros[name] = super().get_macro(name)  # an XPath search of the whole style
        return macros[name]

    def calls_variable(self):
        # Whether an element calls a variable is fixed by the style (ParsedStyle keeps every
        # element's Python object alive, so what is kept on one stays for the whole build).
        kept = self.__dict__.get("_calls_variable")
        if kept is None:
            kept = self.__dict__["_calls_variable"] = super().calls_variable()
        return kept

    def get_layout(self):
        # What citeproc-py's XPath './ancestor-or-self::cs:layout[1]' finds, by walking up.
        element = self
        while element is not None and element.tag != _LAYOUT:
            element = element.getparent()
        if element is None:
            raise IndexError("no cs:layout above this element")
        return element


class _KeptTerms(_Kept):
    """_Kept, and terms found quickly (not for <locale>, whose get_term is another method)."""

    def get_term(self, name, form=None, fallback_locale=True, zero_padded=False):
        # A term depends only on the style's locales and these arguments (an XPath search each).
        terms = self.get_root().__dict__.setdefault("_terms", {})
        key = (name, form, fallback_locale, zero_padded)
        if key not in terms:
            terms[key] = super().get_term(name, form, fallback_locale, zero_padded)
        return terms[key]


class _Label(_KeptTerms, Label):
    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        # A label given its variable by a parent (<names>) and the locator's label are left alone.
        name = self.get("variable")
        if variable is None and name and name != "locator":
            try:
                if not item.reference[name.replace("-", "_")]:
                    return None
            except VariableError:
                return None
        return super().process(item, variable=variable, plural=plural, context=context, **kwargs)


class Item(CitationItem):
    """citeproc-py's CitationItem, finding its reference once (the style asks ~700 times a work)."""

    @property
    def reference(self):
        # citeproc-py goes item -> citation -> bibliography -> source on every ask; the answer
        # is fixed once the item is registered. Kept outside the dict, whose keys are the item's data.
        kept = self.__dict__.get("_reference")
        if kept is None:
            kept = self.__dict__["_reference"] = super().reference
        return kept


class ParsedStyle(CitationStylesStyle):
    """citeproc-py's CitationStylesStyle for a .csl file, with the classes above in its tree."""

    def __init__(self, path: str) -> None:  # parsed as CitationStylesXML does, with this lookup
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(CSL_NAMESPACE)
        namespace[None] = CitationStylesElement
        namespace.update(_CLASSES)
        parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        parser.set_element_class_lookup(lookup)
        self.parser = parser
        self.xml = etree.parse(path, parser)
        self.root = self.xml.getroot()
        # lxml makes a new Python object for an element nobody holds; holding them all lets
        # each keep what _Kept remembers (and citeproc-py's own attributes) for the style's life.
        self.elements = list(self.root.iter())
        self.root.set_locale_list(self.root.get("default-locale", "en-US"), validate=False)


def _kept(cls: type) -> type:
    """citeproc-py's class for an element, with _Kept's lookups in front."""
    mixin = _Kept if issubclass(cls, Locale) else _KeptTerms
    return type(cls.__name__, (mixin, cls), {"__module__": __name__})


# The names citeproc-py's own lookup gives (frontend.CitationStylesXML), each with its class here.
_CLASSES = {**{cls.__name__.replace("_", "-").lower(): _kept(cls) for cls in CitationStylesElement.__subclasses__()},
            "label": _Label}

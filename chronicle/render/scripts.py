"""Language and writing direction of native-script names (`lang` and `dir` attributes).

Screen readers pick a voice and browsers pick fonts and line breaking from `lang`, so a
Korean name marked as English is read out letter by letter; right-to-left scripts also need
`dir="rtl"` or their punctuation lands on the wrong side.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..bodies.markup import native_lang as guess_lang

# Languages written right to left (ISO 639 codes), for an explicit native_lang.
RTL_LANGUAGES = {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku-arab", "ps", "sd", "syr", "ug", "ur", "yi"}
# Unicode blocks of right-to-left scripts, for names without native_lang.
_RTL_RANGES = (("\u0590", "\u08ff"),  # Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, NKo, Samaritan...
               ("\ufb1d", "\ufdff"), ("\ufe70", "\ufeff"),  # Hebrew and Arabic presentation forms
               ("\U00010800", "\U00010fff"))  # historic RTL scripts (Phoenician, Imperial Aramaic...)
_RTL_SCRIPTS = {"arab", "hebr", "syrc", "thaa", "nkoo", "samr", "mand", "adlm", "rohg"}


@dataclass(frozen=True)
class NativeName:
    """A native-script name with its language tag and direction (None where not known)."""

    text: str
    lang: str | None
    dir: str | None


def native_name(text: str | None, lang: str | None = None) -> NativeName | None:
    """The name with its `lang` (explicit, else guessed) and `dir` ('rtl' for right-to-left)."""
    if not text:
        return None
    lang = lang or guess_lang(text)
    return NativeName(text, lang, "rtl" if is_rtl(text, lang) else None)


def is_rtl(text: str, lang: str | None) -> bool:
    """True when the language tag or, lacking one, the first strong letter is right-to-left."""
    if lang:
        parts = lang.lower().split("-")
        if any(p in _RTL_SCRIPTS for p in parts[1:]):
            return True
        if len(parts) > 1 and len(parts[1]) == 4:  # an explicit left-to-right script: 'az-Latn'
            return False
        if parts[0] in RTL_LANGUAGES:
            return True
    for char in text:
        if char.isalpha():
            return any(low <= char <= high for low, high in _RTL_RANGES)
    return False

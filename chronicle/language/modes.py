"""Travel modes in words: the modes a stop may name, their aliases, and their names per language.

The map legend (figures/travel.py) draws them; the itinerary (render/listing.py) writes them.
"""
from __future__ import annotations

MODES = ("train", "car", "plane", "ship", "foot", "horse", "camel", "caravan", "other")
MODE_NAMES = {"train": "Train", "car": "Car", "plane": "Plane", "ship": "Ship", "foot": "On foot",
              "horse": "Horse", "camel": "Camel", "caravan": "Caravan", "other": "Other / unknown"}
MODE_NAMES_KO = {"train": "기차", "car": "자동차", "plane": "비행기", "ship": "배", "foot": "도보",
                 "horse": "말", "camel": "낙타", "caravan": "대상", "other": "기타 / 미상"}
ALIASES = {"rail": "train", "railway": "train", "flight": "plane", "air": "plane", "aircraft": "plane",
           "airplane": "plane", "aeroplane": "plane", "boat": "ship", "ferry": "ship", "sail": "ship",
           "road": "car", "automobile": "car", "motorcade": "car", "walk": "foot", "walking": "foot",
           "on-foot": "foot", "hike": "foot", "march": "foot", "horseback": "horse", "riding": "horse",
           "camels": "camel", "dromedary": "camel", "horses": "horse"}


def mode_kind(mode: str | None) -> str:
    """Normalise a travel mode to one of MODES."""
    m = "-".join((mode or "").strip().lower().split())
    m = ALIASES.get(m, m)
    return m if m in MODES else "other"


def mode_names(language: str) -> dict[str, str]:
    """The legend's names of the modes in a site language (English where none are provided)."""
    return MODE_NAMES_KO if language.split("-")[0].lower() == "ko" else MODE_NAMES


def mode_text(mode: str, language: str) -> str:
    """A stop's mode as the itinerary shows it: as written, or the mode's name on a non-English site."""
    names = mode_names(language)
    kind = mode_kind(mode)
    return names[kind] if mode and names is not MODE_NAMES and kind != "other" else mode

#!/usr/bin/env python3
"""Builds data/people/names.yaml: the given names and the family names written
first ("Xi Jinping", "Kim Jong-un") by which `briefing` recognises a person
in news text without a registry file.

Sources: the person-name lists of the Python package Faker (MIT license),
pinned in requirements.txt, over the locales of world news; Cyrillic names
romanized in the German and English ways; the romanized Japanese and Chinese
lists; plus `curated.yaml` beside this script (names that news writes in
Latin letters but Faker lists only in other scripts: Arabic, Persian, Korean).
Words that are months, weekdays or pronouns are left out; given names
that are also common lowercase words are listed as `weak`.

    pip install -r tools/names/requirements.txt
    python3 tools/names/generate.py          # writes data/people/names.yaml
    python3 tools/names/generate.py --check  # exit 1 if the file is stale
"""

import importlib
import pathlib
import re
import sys

import faker
import yaml

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent.parent / "data" / "people" / "names.yaml"
FAKER_VERSION = "40.63.0"

# Locales whose lists are in Latin letters.
LATIN = [
    "cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "en", "en_GB", "en_IE", "en_IN",
    "en_KE", "en_NG", "en_NZ", "en_PK", "en_US", "es", "es_AR", "es_CL", "es_CO",
    "es_ES", "es_MX", "et_EE", "fi_FI", "fr_BE", "fr_CA", "fr_CH", "fr_DZ", "fr_FR",
    "ga_IE", "hr_HR", "hu_HU", "id_ID", "is_IS", "it_IT", "lt_LT", "lv_LV", "nl_BE",
    "nl_NL", "no_NO", "pl_PL", "pt_BR", "pt_PT", "ro_RO", "sk_SK", "sl_SI", "sv_SE",
    "sw", "tr_TR", "az_AZ", "uz_UZ", "yo_NG", "ig_NG", "ha_NG", "zu_ZA", "tw_GH",
]
CYRILLIC = ["ru_RU", "uk_UA", "bg_BG"]

# German and English romanizations of Cyrillic letters (Duden / news usage).
TRANSLIT = {
    "de": {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo",
           "ж": "sch", "з": "s", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m",
           "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
           "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
           "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja", "і": "i",
           "ї": "ji", "є": "je", "ґ": "g"},
    "en": {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
           "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
           "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
           "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
           "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
           "ї": "yi", "є": "ye", "ґ": "g"},
}

NOT_NAMES = {
    # Months, weekdays and words that open sentences in either language.
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Januar", "Februar", "März",
    "Mai", "Juni", "Juli", "Oktober", "Dezember", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "Montag", "Dienstag", "Mittwoch",
    "Donnerstag", "Freitag", "Samstag", "Sonntag", "Will", "Hope", "Joy", "Faith",
    "Grace", "Patience", "Summer", "Autumn", "Winter", "Dawn", "Sunny", "Art",
    "Sage", "Job", "Guy", "Chance", "Christian", "Ever", "Major", "General",
    "King", "Prince", "Princess", "Duke", "Earl", "Bishop", "Deacon", "Justice",
    "Liberty", "Unity", "Harmony", "Miracle", "Precious", "Gift", "Blessing",
    "Golden", "Diamond", "Crystal", "Amber", "Ruby", "Pearl", "Jade", "Ivory",
    "Sky", "Rain", "Storm", "River", "Ocean", "Forest", "Stone", "Hunter",
    "Ernst", "Fritz", "Heide", "Kai", "Mark",
}
# "Mark" (the currency) and "Ernst" (serious) are left to the title and
# saying-verb rules; "Hunter", "King" are family names as often as given ones.

WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][a-zà-öø-ÿĀ-ſ'’]+(?:-[A-ZÀ-ÖØ-ÞĀ-ſ][a-zà-öø-ÿĀ-ſ'’]+)?$")


def names_of(locale, attrs):
    module = importlib.import_module(f"faker.providers.person.{locale}")
    provider = module.Provider
    out = set()
    for attr in attrs:
        value = getattr(provider, attr, None)
        if not isinstance(value, (list, tuple, dict, set, frozenset)):
            continue
        items = value.keys() if isinstance(value, dict) else value
        for item in items:
            if isinstance(item, tuple):
                item = item[-1]
            out.add(str(item).strip())
    return out


def common_words(paths=("/usr/share/dict/american-english", "/usr/share/dict/ngerman")):
    """Lowercase words of the English and German word lists (apt-get install
    wamerican wngerman): a given name that is one of them needs more evidence."""
    words = set()
    for path in paths:
        try:
            text = pathlib.Path(path).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            sys.exit(f"{path} is missing: apt-get install wamerican wngerman")
        words |= {w for w in text.split() if w[:1].islower()}
    return words


def romanize(name, table):
    lower = name.lower()
    text = "".join(table.get(c, c) for c in lower)
    return text[:1].upper() + text[1:]


FIRST = ["first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
         "first_names_unisex"]


def build():
    if faker.VERSION != FAKER_VERSION:
        sys.exit(f"Faker {faker.VERSION} is installed; this script is pinned to {FAKER_VERSION}")
    given = set()
    for locale in LATIN:
        given |= names_of(locale, FIRST)
    for locale in CYRILLIC:
        for name in names_of(locale, FIRST):
            for table in TRANSLIT.values():
                given.add(romanize(name, table))
    given |= names_of("ja_JP", ["first_romanized_names", "first_name_male_pairs",
                                "first_name_female_pairs"])
    given |= names_of("zh_CN", ["first_romanized_names"])
    family_first = names_of("zh_CN", ["last_romanized_names"])
    curated = yaml.safe_load((HERE / "curated.yaml").read_text(encoding="utf-8"))
    given |= set(curated["given"])
    family_first |= set(curated["family_first"])
    given = sorted(n for n in given if WORD.match(n) and n not in NOT_NAMES and len(n) > 1)
    words = common_words()
    german = common_words(["/usr/share/dict/ngerman"])
    weak = [n for n in given if n.lower() in words]
    family_first = sorted(n for n in family_first if WORD.match(n))
    header = (
        "# Generated by tools/names/generate.py; do not edit by hand.\n"
        f"# Given names from the person lists of Faker {FAKER_VERSION} (MIT License,\n"
        "# Copyright (c) 2012 Daniele Faraglia), over the locales of world news, with\n"
        "# Cyrillic names romanized; plus tools/names/curated.yaml (curated by the\n"
        "# briefing authors, same license as the project).\n"
        "# weak: the given names that are also lowercase words of English or German\n"
        "# (Frank, Rose, An), as the Debian word lists wamerican and wngerman have them\n"
        "# (read at generation time only; not shipped). weak_family_first: family names\n"
        "# written first that are also such words (Um, Song, Moon).\n"
        f"# {len(given)} given names ({len(weak)} weak), {len(family_first)} family names written first.\n"
    )
    # Letters of the Greek alphabet ("xi") are listed as words but never
    # open a sentence.
    greek = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
             "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau",
             "upsilon", "phi", "chi", "psi", "omega"}
    weak_family_first = [n for n in family_first if n.lower() in words - greek]
    body = yaml.safe_dump({"given": given, "weak": weak, "family_first": family_first,
                           "weak_family_first": weak_family_first},
                          allow_unicode=True, width=100, default_flow_style=None)
    return header + body


def main():
    text = build()
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is stale; run tools/names/generate.py")
        return
    OUT.write_text(text, encoding="utf-8")
    print(text.splitlines()[8])


if __name__ == "__main__":
    main()

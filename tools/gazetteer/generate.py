#!/usr/bin/env python3
"""Generate the built-in gazetteer data of `briefing` (data/gazetteer/*.yaml).

Inputs
  * Unicode CLDR, as shipped by the `babel` package (version pinned in
    requirements.txt): German/English territory names, region names and
    time-zone exemplar city names.
  * Hand-curated overlays in tools/gazetteer/curated/*.yaml.

Outputs (one YAML list per file, entries sorted by id, byte-for-byte
deterministic):
  data/gazetteer/countries.yaml, cities.yaml, regions.yaml, organizations.yaml

Usage
  python3 tools/gazetteer/generate.py           # write the files, then validate
  python3 tools/gazetteer/generate.py --check   # validate; fail if files differ
  python3 tools/gazetteer/generate.py --allow-other-babel   # skip the pin check

Any validation error makes the script exit with status 1 without writing.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import unicodedata
from pathlib import Path

import yaml

try:
    import babel
    from babel import Locale
    from babel.core import get_global
    from babel.dates import get_timezone_location
except ImportError:  # pragma: no cover
    sys.exit("error: babel is not installed; run: pip install -r tools/gazetteer/requirements.txt")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CURATED = HERE / "curated"
OUT = REPO / "data" / "gazetteer"

LANGS = ("de", "en")
# Output key order (the schema the Rust matcher deserializes; unknown keys are errors there).
FIELDS = ["id", "kind", "name", "names", "acronyms", "genitive", "adjective", "demonym",
          "capital", "country", "metonym_for", "homograph", "part_of"]
LANG_LIST_FIELDS = ("names", "genitive", "adjective", "demonym")
REF_FIELDS = ("capital", "country", "metonym_for", "part_of")
# Keys that only steer the generator and are never written.
HELPER_KEYS = {"tz", "cldr", "no_metonym", "no_country"}

FILES = {  # output file -> (curated file, kind, id prefix)
    "countries.yaml": ("countries.yaml", "country", "iso:"),
    "cities.yaml": ("cities.yaml", "city", "city:"),
    "regions.yaml": ("regions.yaml", "place", "place:"),
    "organizations.yaml": ("organizations.yaml", "organization", "org:"),
}
MINIMUM_COUNTS = {"country": 245, "city": 300, "place": 50, "organization": 120}

# CLDR territory codes that are NOT written to countries.yaml (with the reason).
# Several are handled by hand elsewhere (see the `cldr:` helper keys).
NON_COUNTRY_CODES = {
    "AQ": "continent -> regions.yaml place:antarctica",
    "AC": "part of Saint Helena (SH) -> regions.yaml place:ascension-island",
    "TA": "part of Saint Helena (SH) -> regions.yaml place:tristan-da-cunha",
    "CP": "French possession -> regions.yaml place:clipperton-island",
    "CQ": "part of Guernsey (GG) -> regions.yaml place:sark",
    "DG": "island of the Chagos Archipelago -> regions.yaml place:diego-garcia",
    "EA": "Spanish cities -> regions.yaml place:ceuta-and-melilla, cities.yaml",
    "IC": "Spanish islands -> regions.yaml place:canary-islands",
    "EU": "organization -> organizations.yaml org:eu",
    "EZ": "currency area -> regions.yaml place:eurozone",
    "UN": "organization -> organizations.yaml org:un",
    "QO": "CLDR pseudo-region (Outlying Oceania)",
    "XA": "CLDR pseudo-locale",
    "XB": "CLDR pseudo-locale",
    "ZZ": "unknown region",
}
# Dependent / non-sovereign territories (no `capital` expected).
DEPENDENT_TERRITORIES = {
    "AI", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "EH", "FK",
    "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE", "KY",
    "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH",
    "SJ", "SX", "TC", "TF", "TK", "UM", "VG", "VI", "WF", "YT",
}
# Sovereign states written without `capital`: city-states whose capital is the state
# itself, and Palestine (capital disputed; Ramallah is the administrative seat).
NO_CAPITAL = {"MC", "SG", "VA", "PS"}

ID_RE = re.compile(r"^(iso:[A-Z]{2}|(city|place|org):[a-z0-9]+(-[a-z0-9]+)*)$")
YAML11_SPECIAL = {"y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ""}


class GazetteerError(Exception):
    pass


# --------------------------------------------------------------------------- helpers
def clean(s: str) -> str:
    """NFC, no soft hyphens (CLDR has 'Reyk\u00adja\u00advík'), single spaces."""
    s = unicodedata.normalize("NFC", s).replace("\u00ad", "")
    return re.sub(r"\s+", " ", s).strip()


def fold(s: str) -> str:
    return clean(s).lower()


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def add_unique(lst: list, value: str, *, case_sensitive: bool = False, avoid=()) -> None:
    """Append value unless an equal string (case-insensitive unless told) is present."""
    key = (lambda x: x) if case_sensitive else fold
    k = key(value)
    if any(key(x) == k for x in lst) or any(key(x) == k for x in avoid):
        return
    lst.append(value)


def pinned_babel_version() -> str:
    for line in (HERE / "requirements.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*babel\s*==\s*([0-9][^\s#;]*)", line, re.I)
        if m:
            return m.group(1)
    raise GazetteerError("requirements.txt does not pin babel==X.Y.Z")


# --------------------------------------------------------------------------- CLDR access
class Cldr:
    def __init__(self) -> None:
        self.terr = {lang: dict(Locale(lang).territories) for lang in LANGS}
        self.zone_territories = get_global("zone_territories")
        self.version = get_global("cldr").get("version", "?")

    def territory(self, code: str, lang: str) -> str | None:
        v = self.terr[lang].get(code)
        return clean(v) if v else None

    def exemplar_city(self, tz: str, lang: str) -> str:
        if tz not in self.zone_territories:
            raise GazetteerError(f"unknown time zone {tz!r}")
        return clean(get_timezone_location(tz, locale=lang, return_city=True))


def usable_cldr_name(s: str | None) -> bool:
    """CLDR display strings that are not plain surface forms are not added to `names`."""
    return bool(s) and "(" not in s and " SAR" not in s and " - " not in s and "/" not in s


def english_display(s: str) -> str:
    return s.replace(" & ", " and ")


# --------------------------------------------------------------------------- merging
def merge_entry(base: dict, overlay: dict, where: str) -> dict:
    out = dict(base)
    for key, value in overlay.items():
        if key == "name":
            name = dict(out.get("name", {}))
            if not isinstance(value, dict):
                raise GazetteerError(f"{where}: name must be a mapping")
            name.update(value)
            out["name"] = name
        elif key in LANG_LIST_FIELDS:
            if not isinstance(value, dict):
                raise GazetteerError(f"{where}: {key} must be a mapping lang -> list")
            merged = {lang: list(v) for lang, v in out.get(key, {}).items()}
            for lang, items in value.items():
                merged.setdefault(lang, [])
                for item in items or []:
                    merged[lang].append(item)
            out[key] = merged
        else:
            out[key] = value
    return out


def add_names(entry: dict, lang: str, values, *, avoid_display=True) -> None:
    names = entry.setdefault("names", {})
    lst = names.setdefault(lang, [])
    avoid = [entry["name"][lang]] if avoid_display and entry.get("name", {}).get(lang) else []
    for v in values:
        if v:
            add_unique(lst, v, avoid=avoid)


def build_countries(cldr: Cldr, overlays: list, continents: dict) -> list:
    by_id = {}
    for code in sorted(cldr.terr["en"]):
        if not re.fullmatch(r"[A-Z]{2}", code) or code in NON_COUNTRY_CODES:
            continue
        de, en = cldr.territory(code, "de"), cldr.territory(code, "en")
        if not de or not en:
            raise GazetteerError(f"CLDR lacks a de/en name for {code}; add it to NON_COUNTRY_CODES or curate it")
        by_id[f"iso:{code}"] = {
            "id": f"iso:{code}", "kind": "country",
            "name": {"de": de, "en": english_display(en)},
            "_cldr": {"de": de, "en": en},
        }
    part_of = {}
    for place, members in continents.items():
        for cid in members:
            if cid in part_of:
                raise GazetteerError(f"continents.yaml lists {cid} twice")
            part_of[cid] = place
    for ov in overlays:
        cid = ov.get("id")
        if cid not in by_id:
            raise GazetteerError(f"curated/countries.yaml: {cid!r} is not a CLDR country code")
        by_id[cid] = merge_entry(by_id[cid], ov, f"countries.yaml {cid}")
    for cid, e in by_id.items():
        for lang in LANGS:
            original = e["_cldr"][lang]
            if usable_cldr_name(original):
                add_names(e, lang, [original])
            if lang == "en" and usable_cldr_name(english_display(original)):
                add_names(e, lang, [english_display(original)])
        del e["_cldr"]
        if "part_of" not in e and cid in part_of:
            e["part_of"] = part_of[cid]
    missing = sorted(set(by_id) - set(part_of))
    if missing:
        raise GazetteerError(f"continents.yaml lacks: {missing}")
    extra = sorted(set(part_of) - set(by_id))
    if extra:
        raise GazetteerError(f"continents.yaml lists unknown countries: {extra}")
    return list(by_id.values())


def build_curated(cldr: Cldr, entries: list, kind: str, filename: str) -> list:
    out = []
    for raw in entries:
        e = copy.deepcopy(raw)
        where = f"{filename} {e.get('id')}"
        e.setdefault("kind", kind)
        e["name"] = dict(e.get("name") or {})
        cldr_names = {lang: [] for lang in LANGS}
        if "tz" in e:
            for lang in LANGS:
                cldr_names[lang].append(cldr.exemplar_city(e["tz"], lang))
        if "cldr" in e:
            code = str(e["cldr"])
            for lang in LANGS:
                v = cldr.territory(code, lang)
                if v:
                    cldr_names[lang].append(english_display(v) if lang == "en" else v)
                    if lang == "en":
                        cldr_names[lang].append(v)
        for lang in LANGS:
            usable = [v for v in cldr_names[lang] if usable_cldr_name(v)]
            if not e["name"].get(lang) and usable:
                e["name"][lang] = usable[0]
            if e["name"].get(lang):
                add_names(e, lang, usable)
        if not e["name"]:
            raise GazetteerError(f"{where}: no name")
        out.append(e)
    return out


def link_capitals(countries: list, cities: list) -> None:
    city_by_id = {c["id"]: c for c in cities}
    for country in countries:
        cap = country.get("capital")
        if not cap:
            continue
        city = city_by_id.get(cap)
        if city is None:
            continue  # reported by validation
        if not city.get("no_country"):
            if city.get("country", country["id"]) != country["id"]:
                raise GazetteerError(f"{cap} is capital of {country['id']} but has country {city['country']}")
            city["country"] = country["id"]
        if not city.get("no_metonym"):
            city.setdefault("metonym_for", country["id"])


def finalize(entry: dict, errors: list) -> dict:
    """Add ß->ss spellings (Swiss German), dedupe, drop empties, order keys."""
    e = dict(entry)
    de_name = e.get("name", {}).get("de", "")
    if "ß" in de_name:
        e.setdefault("names", {}).setdefault("de", [])
        add_unique(e["names"]["de"], de_name.replace("ß", "ss"), avoid=[de_name])
    for key in LANG_LIST_FIELDS:
        if key not in e:
            continue
        cleaned = {}
        for lang in LANGS:
            items = [clean(x) if isinstance(x, str) else x for x in (e[key].get(lang) or [])]
            lst: list = []
            for x in items:
                if not isinstance(x, str) or not x:
                    errors.append(f"{e.get('id')}: {key}.{lang} has a non-string or empty item {x!r}")
                    continue
                add_unique(lst, x)
            if lang == "de":
                for x in list(lst):
                    if "ß" in x:
                        add_unique(lst, x.replace("ß", "ss"))
            if lst:
                cleaned[lang] = lst
        for lang in e[key]:
            if lang not in LANGS:
                errors.append(f"{e.get('id')}: {key} has unknown language {lang!r}")
        if cleaned:
            e[key] = cleaned
        else:
            del e[key]
    if "acronyms" in e:
        lst = []
        for a in e["acronyms"] or []:
            add_unique(lst, clean(str(a)), case_sensitive=True)
        if lst:
            e["acronyms"] = lst
        else:
            del e["acronyms"]
    if "name" in e:
        e["name"] = {lang: clean(e["name"][lang]) for lang in LANGS if e["name"].get(lang)}
    if e.get("homograph") is False:
        del e["homograph"]
    for k in HELPER_KEYS:
        e.pop(k, None)
    unknown = set(e) - set(FIELDS)
    if unknown:
        errors.append(f"{e.get('id')}: unknown keys {sorted(unknown)}")
    return {k: e[k] for k in FIELDS if k in e}


# --------------------------------------------------------------------------- validation
def validate(files: dict, raw_cities: dict) -> list:
    errors: list[str] = []
    by_id: dict[str, dict] = {}
    for fname, entries in files.items():
        _, kind, prefix = FILES[fname]
        for e in entries:
            eid = e.get("id")
            if not isinstance(eid, str) or not ID_RE.match(eid):
                errors.append(f"{fname}: bad id {eid!r}")
                continue
            if not eid.startswith(prefix):
                errors.append(f"{fname}: id {eid} does not start with {prefix}")
            if eid in by_id:
                errors.append(f"duplicate id {eid}")
            by_id[eid] = e
            if e.get("kind") != kind:
                errors.append(f"{eid}: kind {e.get('kind')!r}, expected {kind!r}")
            name = e.get("name")
            if not isinstance(name, dict) or set(name) != set(LANGS) or not all(
                    isinstance(name[lang], str) and name[lang].strip() for lang in LANGS):
                errors.append(f"{eid}: name must have non-empty 'de' and 'en'")
            if "homograph" in e and e["homograph"] is not True:
                errors.append(f"{eid}: homograph must be true or omitted")
            for a in e.get("acronyms", []):
                if not isinstance(a, str) or not any(c.isupper() for c in a) or " " in a:
                    errors.append(f"{eid}: acronym {a!r} must contain an upper-case letter and no space")
            for stem in e.get("adjective", {}).get("de", []):
                if stem != stem.lower() or not stem.endswith("sch"):
                    errors.append(f"{eid}: German adjective stem {stem!r} must be lower case, without ending")
    expected_kind = {"capital": "city", "country": "country", "metonym_for": "country", "part_of": "place"}
    for eid, e in by_id.items():
        for field in REF_FIELDS:
            ref = e.get(field)
            if ref is None:
                continue
            target = by_id.get(ref)
            if target is None:
                errors.append(f"{eid}: {field} -> {ref} does not exist")
            elif target["kind"] != expected_kind[field]:
                errors.append(f"{eid}: {field} -> {ref} is a {target['kind']}, expected {expected_kind[field]}")
            if ref == eid:
                errors.append(f"{eid}: {field} refers to itself")
        if e["kind"] == "country":
            code = eid[4:]
            sovereign = code not in DEPENDENT_TERRITORIES
            if sovereign and code not in NO_CAPITAL and "capital" not in e:
                errors.append(f"{eid}: sovereign state without capital")
            if e.get("capital"):
                cap = by_id.get(e["capital"])
                if cap and cap.get("country") not in (None, eid):
                    errors.append(f"{eid}: capital {e['capital']} lies in {cap.get('country')}")
    # part_of chains must not loop
    for eid in by_id:
        seen, cur = set(), eid
        while cur in by_id and "part_of" in by_id[cur]:
            if cur in seen:
                errors.append(f"{eid}: part_of cycle")
                break
            seen.add(cur)
            cur = by_id[cur]["part_of"]
    # time zones of cities must lie in the city's country
    zt = get_global("zone_territories")
    for raw in raw_cities:
        city = by_id.get(raw.get("id"))
        if city and raw.get("tz") and city.get("country"):
            terr = zt.get(raw["tz"])
            if city["country"] != f"iso:{terr}":
                errors.append(f"{city['id']}: tz {raw['tz']} is in {terr}, city country is {city['country']}")
    # German adjective stems must not be country names ("japanisch" is no country)
    stems = {s for e in by_id.values() for s in e.get("adjective", {}).get("de", [])}
    for e in by_id.values():
        if e["kind"] != "country":
            continue
        forms = [e.get("name", {}).get("de", "")] + e.get("names", {}).get("de", [])
        for f in forms:
            if fold(f) in stems:
                errors.append(f"{e['id']}: German name {f!r} equals an adjective stem")
    return errors


def surface_collisions(files: dict) -> list[str]:
    """Surface forms shared by several entries (informational, not an error)."""
    owners: dict[tuple, set] = {}
    for entries in files.values():
        for e in entries:
            for lang in LANGS:
                forms = [e["name"][lang]] + e.get("names", {}).get(lang, [])
                for f in forms:
                    owners.setdefault((lang, fold(f)), set()).add(e["id"])
            for a in e.get("acronyms", []):
                owners.setdefault(("acronym", a), set()).add(e["id"])
    return [f"{k[0]}:{k[1]!r} -> {sorted(v)}" for k, v in sorted(owners.items()) if len(v) > 1]


# --------------------------------------------------------------------------- YAML output
def scalar(s: str) -> str:
    """Plain scalar when safe in flow and block context under YAML 1.1 and 1.2; else double-quoted."""
    plain_ok = (
        s == s.strip()
        and s.lower() not in YAML11_SPECIAL
        and s[0] not in "-?:,[]{}#&*!|>'\"%@`"
        and not any(c in s for c in ",[]{}#\\\"\t\n")
        and ": " not in s
        and not s.endswith(":")
        and all(unicodedata.category(c)[0] != "C" for c in s)
    )
    if plain_ok:
        try:
            plain_ok = yaml.safe_load(s) == s
        except yaml.YAMLError:
            plain_ok = False
    if plain_ok and re.fullmatch(r"[-+]?(\.?[0-9][0-9_.,:eE+-]*|\.inf|\.nan|0x[0-9a-fA-F]+|0o[0-7]+)", s, re.I):
        plain_ok = False
    if plain_ok:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_scalar(s: str) -> str:
    """Scalar inside a flow collection: additionally quote any ':' (old libyaml quirk)."""
    out = scalar(s)
    if ":" in out and not out.startswith('"'):
        out = '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return out


def flow_list(items) -> str:
    return "[" + ", ".join(flow_scalar(x) for x in items) + "]"


def dump(entries: list, header: list[str]) -> str:
    lines = list(header)
    for e in entries:
        first = True
        for key in FIELDS:
            if key not in e:
                continue
            prefix = "- " if first else "  "
            first = False
            v = e[key]
            if key == "name":
                lines.append(f"{prefix}name: {{de: {flow_scalar(v['de'])}, en: {flow_scalar(v['en'])}}}")
            elif key in LANG_LIST_FIELDS:
                lines.append(f"{prefix}{key}:")
                for lang in LANGS:
                    if lang in v:
                        lines.append(f"    {lang}: {flow_list(v[lang])}")
            elif key == "acronyms":
                lines.append(f"{prefix}acronyms: {flow_list(v)}")
            elif key == "homograph":
                lines.append(f"{prefix}homograph: true")
            else:
                lines.append(f"{prefix}{key}: {scalar(v)}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main
def generate() -> tuple[dict, dict, Cldr, list]:
    cldr = Cldr()
    curated = {name: load_yaml(CURATED / name) or [] for name in
               ("countries.yaml", "cities.yaml", "regions.yaml", "organizations.yaml")}
    continents = load_yaml(CURATED / "continents.yaml")
    for name, entries in curated.items():
        if not isinstance(entries, list):
            raise GazetteerError(f"curated/{name} must be a YAML list")
        for e in entries:
            if not isinstance(e, dict) or "id" not in e:
                raise GazetteerError(f"curated/{name}: entry without id: {e!r}")
    countries = build_countries(cldr, curated["countries.yaml"], continents)
    cities = build_curated(cldr, curated["cities.yaml"], "city", "cities.yaml")
    regions = build_curated(cldr, curated["regions.yaml"], "place", "regions.yaml")
    orgs = build_curated(cldr, curated["organizations.yaml"], "organization", "organizations.yaml")
    link_capitals(countries, cities)
    errors: list[str] = []
    files = {
        "countries.yaml": countries,
        "cities.yaml": cities,
        "regions.yaml": regions,
        "organizations.yaml": orgs,
    }
    out = {}
    for fname, entries in files.items():
        done = [finalize(e, errors) for e in entries]
        out[fname] = sorted(done, key=lambda e: e["id"])
    return out, {"cities": curated["cities.yaml"]}, cldr, errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="do not write; fail if the files on disk differ")
    ap.add_argument("--allow-other-babel", action="store_true",
                    help="run even if the installed babel differs from requirements.txt")
    args = ap.parse_args(argv)
    try:
        pinned = pinned_babel_version()
        if babel.__version__ != pinned and not args.allow_other_babel:
            raise GazetteerError(f"babel {babel.__version__} installed, {pinned} pinned: "
                                 f"pip install -r tools/gazetteer/requirements.txt")
        files, raw, cldr, errors = generate()
        errors += validate(files, raw["cities"])
        if errors:
            raise GazetteerError("\n".join(errors))
        header = [
            f"# Generated by tools/gazetteer/generate.py from Unicode CLDR (babel {babel.__version__}) "
            f"and tools/gazetteer/curated/; do not edit by hand.",
            f"# Unicode CLDR {cldr.version} data: Unicode License v3. Curated data: see SOURCES.md.",
        ]
        texts = {}
        for fname, entries in files.items():
            text = dump(entries, header)
            if yaml.safe_load(text) != entries:
                errors.append(f"{fname}: YAML round trip changed the data (quoting bug)")
            if getattr(yaml, "__with_libyaml__", False) and \
                    yaml.load(text, Loader=yaml.CSafeLoader) != entries:
                errors.append(f"{fname}: libyaml reads the file differently (quoting bug)")
            texts[fname] = text
        if errors:
            raise GazetteerError("\n".join(errors))
    except GazetteerError as exc:
        print("gazetteer validation FAILED:", file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 1

    if args.check:
        stale = [f for f, t in texts.items()
                 if not (OUT / f).exists() or (OUT / f).read_text(encoding="utf-8") != t]
        if stale:
            print(f"gazetteer files out of date: {stale}; run tools/gazetteer/generate.py", file=sys.stderr)
            return 1
    else:
        OUT.mkdir(parents=True, exist_ok=True)
        for fname, text in texts.items():
            (OUT / fname).write_text(text, encoding="utf-8")

    collisions = surface_collisions(files)
    counts = {kind: 0 for kind in MINIMUM_COUNTS}
    for entries in files.values():
        for e in entries:
            counts[e["kind"]] += 1
    low = [f"{k}: {counts[k]} < {m}" for k, m in MINIMUM_COUNTS.items() if counts[k] < m]
    print(f"babel {babel.__version__}, CLDR {cldr.version}")
    print(f"countries: {counts['country']}")
    print(f"cities: {counts['city']}")
    print(f"regions: {counts['place']}")
    print(f"organizations: {counts['organization']}")
    print(f"total: {sum(counts.values())}")
    print(f"shared surface forms (informational): {len(collisions)}")
    for c in collisions:
        print(f"  {c}")
    if low:
        print("gazetteer validation FAILED: too few entries: " + "; ".join(low), file=sys.stderr)
        return 1
    print("validation OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes src/Petitions.Core/Signing/CountryNames.json from CLDR's territory names.

usage: generate.py path/to/cldr-localenames-modern/package
(generate.sh fetches the package and calls this.) The codes are those Countries.cs accepts; each
site language gets CLDR's name for each, in its own script. Hong Kong, Macao and Palestine take
CLDR's short form ("Hong Kong" rather than "Hong Kong SAR China"), as people write them.
"""
import json, os, re, sys

LANGUAGES = ["en", "ko", "zh-Hans", "zh-Hant", "ja", "es", "fr", "de", "ar"]
SHORT = {"HK", "MO", "PS"}
root = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.normpath(os.path.join(here, "..", ".."))
source = open(os.path.join(repo, "src/Petitions.Core/Signing/Countries.cs"), encoding="utf-8").read()
codes = sorted(set(re.findall(r"\b[A-Z]{2}\b", re.search(r'Codes =(.*?);', source, re.S).group(1))))

names = {}
for language in LANGUAGES:
    path = os.path.join(root, "main", language, "territories.json")
    territories = json.load(open(path, encoding="utf-8"))["main"][language]["localeDisplayNames"]["territories"]
    table = {}
    for code in codes:
        name = territories.get(code + "-alt-short") if code in SHORT else None
        name = name or territories.get(code)
        if not name:
            sys.exit(f"CLDR has no {language} name for {code}")
        table[code] = name
    names[language] = table

out = os.path.join(repo, "src/Petitions.Core/Signing/CountryNames.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(names, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{out}: {len(codes)} countries in {len(LANGUAGES)} languages")

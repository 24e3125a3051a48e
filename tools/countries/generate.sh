#!/usr/bin/env bash
# Regenerates src/Petitions.Core/Signing/CountryNames.json, the country names the public pages
# show in each site language, from the Unicode CLDR's territory names (npm package
# cldr-localenames-modern). Run it after changing the codes in Countries.cs or to move to a newer
# CLDR; commit the JSON it writes. Needs npm and python3. The data is under the Unicode licence in CountryNames-LICENSE.txt beside it.
set -euo pipefail
version="${1:-45.0.0}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "cldr-localenames-modern@$version" >/dev/null && tar xzf cldr-localenames-modern-*.tgz)
python3 "$here/generate.py" "$work/package"

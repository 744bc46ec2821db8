"""The time zone of a place where ITU meets, from the city a letter names.

Letters name a city ("Geneva", "Sophia Antipolis", "Hangzhou, China"), not a zone, and most
of these cities are not the city an IANA zone is named after: Geneva keeps the time of
Europe/Zurich, Hangzhou that of Asia/Shanghai. The table below pairs the cities where ITU
study groups, their Working Parties, TSAG and regional groups have met or are likely to
meet with the zone whose rules they follow, as the IANA time zone database assigns a
country's or a region's zone (its ``zone1970.tab`` and the comments of the zone files say
which cities each zone covers). A city the table does not hold is looked for among the
zone names themselves ("Nairobi" is Africa/Nairobi), and then the country's, for the
countries that keep one time (:data:`COUNTRY_ZONES`): :func:`zone_of_place` does all three.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from zoneinfo import available_timezones

# city (lower case, without accents) -> IANA zone
CITY_ZONES: dict[str, str] = {
    # Switzerland and ITU's neighbours
    "geneva": "Europe/Zurich",
    "geneve": "Europe/Zurich",
    "lausanne": "Europe/Zurich",
    "bern": "Europe/Zurich",
    "berne": "Europe/Zurich",
    "zurich": "Europe/Zurich",
    "sophia antipolis": "Europe/Paris",
    "sophia-antipolis": "Europe/Paris",
    "lannion": "Europe/Paris",
    "nice": "Europe/Paris",
    "turin": "Europe/Rome",
    "torino": "Europe/Rome",
    "milan": "Europe/Rome",
    "munich": "Europe/Berlin",
    "darmstadt": "Europe/Berlin",
    "bonn": "Europe/Berlin",
    "the hague": "Europe/Amsterdam",
    "st petersburg": "Europe/Moscow",
    "st. petersburg": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    "kazan": "Europe/Moscow",
    "kiev": "Europe/Kyiv",
    "barcelona": "Europe/Madrid",
    "malaga": "Europe/Madrid",
    "cracow": "Europe/Warsaw",
    "krakow": "Europe/Warsaw",
    "ankara": "Europe/Istanbul",
    "antalya": "Europe/Istanbul",
    "edinburgh": "Europe/London",
    "ohrid": "Europe/Skopje",
    # Asia and the Pacific
    "hangzhou": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "wuhan": "Asia/Shanghai",
    "xi'an": "Asia/Shanghai",
    "xian": "Asia/Shanghai",
    "nanjing": "Asia/Shanghai",
    "chengdu": "Asia/Shanghai",
    "qingdao": "Asia/Shanghai",
    "guangzhou": "Asia/Shanghai",
    "suzhou": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong",
    "macao": "Asia/Macau",
    "busan": "Asia/Seoul",
    "jeju": "Asia/Seoul",
    "incheon": "Asia/Seoul",
    "kyoto": "Asia/Tokyo",
    "osaka": "Asia/Tokyo",
    "yokohama": "Asia/Tokyo",
    "new delhi": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "hyderabad": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "chennai": "Asia/Kolkata",
    "hanoi": "Asia/Ho_Chi_Minh",
    "da nang": "Asia/Ho_Chi_Minh",
    "bali": "Asia/Makassar",
    "denpasar": "Asia/Makassar",
    "nusa dua": "Asia/Makassar",
    "islamabad": "Asia/Karachi",
    "abu dhabi": "Asia/Dubai",
    "sharjah": "Asia/Dubai",
    "doha": "Asia/Qatar",
    "manama": "Asia/Bahrain",
    "kuwait city": "Asia/Kuwait",
    "muscat": "Asia/Muscat",
    "riyadh": "Asia/Riyadh",
    "jeddah": "Asia/Riyadh",
    "astana": "Asia/Almaty",
    "nur-sultan": "Asia/Almaty",
    "canberra": "Australia/Sydney",
    "wellington": "Pacific/Auckland",
    # Africa
    "nairobi": "Africa/Nairobi",
    "mombasa": "Africa/Nairobi",
    "kigali": "Africa/Kigali",
    "kampala": "Africa/Kampala",
    "dar es salaam": "Africa/Dar_es_Salaam",
    "addis ababa": "Africa/Addis_Ababa",
    "abuja": "Africa/Lagos",
    "durban": "Africa/Johannesburg",
    "cape town": "Africa/Johannesburg",
    "pretoria": "Africa/Johannesburg",
    "sharm el-sheikh": "Africa/Cairo",
    "sharm el sheikh": "Africa/Cairo",
    "hammamet": "Africa/Tunis",
    "marrakech": "Africa/Casablanca",
    "marrakesh": "Africa/Casablanca",
    "rabat": "Africa/Casablanca",
    "yaounde": "Africa/Douala",
    "livingstone": "Africa/Maputo",
    "lusaka": "Africa/Maputo",
    "harare": "Africa/Maputo",
    "gaborone": "Africa/Maputo",
    "victoria falls": "Africa/Maputo",
    "cotonou": "Africa/Lagos",
    "ouagadougou": "Africa/Abidjan",
    "port louis": "Indian/Mauritius",
    # the Americas
    "montevideo": "America/Montevideo",
    "punta del este": "America/Montevideo",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "mar del plata": "America/Argentina/Buenos_Aires",
    "brasilia": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    "sao paulo": "America/Sao_Paulo",
    "campinas": "America/Sao_Paulo",
    "florianopolis": "America/Sao_Paulo",
    "porto alegre": "America/Sao_Paulo",
    "curitiba": "America/Sao_Paulo",
    "belo horizonte": "America/Sao_Paulo",
    "salvador": "America/Bahia",
    "recife": "America/Recife",
    "fortaleza": "America/Fortaleza",
    "manaus": "America/Manaus",
    "cartagena": "America/Bogota",
    "medellin": "America/Bogota",
    "quito": "America/Guayaquil",
    "asuncion": "America/Asuncion",
    "cancun": "America/Cancun",
    "mexico city": "America/Mexico_City",
    "guadalajara": "America/Mexico_City",
    "ottawa": "America/Toronto",
    "montreal": "America/Toronto",
    "washington": "America/New_York",
    "washington, d.c.": "America/New_York",
    "boston": "America/New_York",
    "san diego": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "port of spain": "America/Port_of_Spain",
    "bridgetown": "America/Barbados",
    "kingston": "America/Jamaica",
    "nassau": "America/Nassau",
    "san salvador": "America/El_Salvador",
    "tegucigalpa": "America/Tegucigalpa",
    "managua": "America/Managua",
    "guatemala city": "America/Guatemala",
    "santo domingo": "America/Santo_Domingo",
    "la paz": "America/La_Paz",
    "caracas": "America/Caracas",
}


# country (as letters name it) -> the zone of a country that keeps one time, for a city the
# tables do not know ("Xiamen, People's Republic of China"); countries spanning several
# zones (Brazil, Russia, the United States ...) are left out on purpose
COUNTRY_ZONES: dict[str, str] = {
    "switzerland": "Europe/Zurich",
    "france": "Europe/Paris",
    "italy": "Europe/Rome",
    "germany": "Europe/Berlin",
    "spain": "Europe/Madrid",
    "portugal": "Europe/Lisbon",
    "united kingdom": "Europe/London",
    "ireland": "Europe/Dublin",
    "belgium": "Europe/Brussels",
    "netherlands": "Europe/Amsterdam",
    "luxembourg": "Europe/Luxembourg",
    "austria": "Europe/Vienna",
    "poland": "Europe/Warsaw",
    "czech republic": "Europe/Prague",
    "czechia": "Europe/Prague",
    "hungary": "Europe/Budapest",
    "romania": "Europe/Bucharest",
    "bulgaria": "Europe/Sofia",
    "greece": "Europe/Athens",
    "serbia": "Europe/Belgrade",
    "croatia": "Europe/Zagreb",
    "slovenia": "Europe/Ljubljana",
    "denmark": "Europe/Copenhagen",
    "sweden": "Europe/Stockholm",
    "norway": "Europe/Oslo",
    "finland": "Europe/Helsinki",
    "estonia": "Europe/Tallinn",
    "latvia": "Europe/Riga",
    "lithuania": "Europe/Vilnius",
    "ukraine": "Europe/Kyiv",
    "belarus": "Europe/Minsk",
    "turkey": "Europe/Istanbul",
    "turkiye": "Europe/Istanbul",
    "georgia": "Asia/Tbilisi",
    "armenia": "Asia/Yerevan",
    "azerbaijan": "Asia/Baku",
    "china": "Asia/Shanghai",
    "people's republic of china": "Asia/Shanghai",
    "korea": "Asia/Seoul",
    "republic of korea": "Asia/Seoul",
    "japan": "Asia/Tokyo",
    "india": "Asia/Kolkata",
    "pakistan": "Asia/Karachi",
    "bangladesh": "Asia/Dhaka",
    "sri lanka": "Asia/Colombo",
    "nepal": "Asia/Kathmandu",
    "thailand": "Asia/Bangkok",
    "viet nam": "Asia/Ho_Chi_Minh",
    "vietnam": "Asia/Ho_Chi_Minh",
    "malaysia": "Asia/Kuala_Lumpur",
    "singapore": "Asia/Singapore",
    "philippines": "Asia/Manila",
    "united arab emirates": "Asia/Dubai",
    "qatar": "Asia/Qatar",
    "bahrain": "Asia/Bahrain",
    "kuwait": "Asia/Kuwait",
    "oman": "Asia/Muscat",
    "saudi arabia": "Asia/Riyadh",
    "jordan": "Asia/Amman",
    "lebanon": "Asia/Beirut",
    "iran": "Asia/Tehran",
    "islamic republic of iran": "Asia/Tehran",
    "egypt": "Africa/Cairo",
    "tunisia": "Africa/Tunis",
    "morocco": "Africa/Casablanca",
    "algeria": "Africa/Algiers",
    "kenya": "Africa/Nairobi",
    "rwanda": "Africa/Kigali",
    "uganda": "Africa/Kampala",
    "united republic of tanzania": "Africa/Dar_es_Salaam",
    "tanzania": "Africa/Dar_es_Salaam",
    "ethiopia": "Africa/Addis_Ababa",
    "nigeria": "Africa/Lagos",
    "ghana": "Africa/Accra",
    "senegal": "Africa/Dakar",
    "cote d'ivoire": "Africa/Abidjan",
    "south africa": "Africa/Johannesburg",
    "zambia": "Africa/Maputo",
    "zimbabwe": "Africa/Maputo",
    "mauritius": "Indian/Mauritius",
    "uruguay": "America/Montevideo",
    "argentina": "America/Argentina/Buenos_Aires",
    "colombia": "America/Bogota",
    "peru": "America/Lima",
    "paraguay": "America/Asuncion",
    "costa rica": "America/Costa_Rica",
    "panama": "America/Panama",
    "trinidad and tobago": "America/Port_of_Spain",
}


def plain(text: str) -> str:
    """A place's words as the table holds them: lower case, accents and extra spaces gone."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def zone_of_country(place: str) -> str | None:
    """The zone of the country ``place`` names last ("Xiamen, China"), when it keeps one."""
    for part in reversed(place.split(",")):
        found = COUNTRY_ZONES.get(plain(part).removeprefix("the "))
        if found is not None:
            return found
    return None


def zone_of_city(place: str) -> str | None:
    """The zone of the first part of ``place`` ("ITU headquarters, Geneva") the table
    knows, or None."""
    for part in place.split(","):
        found = CITY_ZONES.get(plain(part))
        if found is not None:
            return found
    return CITY_ZONES.get(plain(place))


def zone_of_place(place: str) -> str | None:
    """The IANA zone of a place ("ITU headquarters, Geneva" is Europe/Zurich): the table of
    cities where ITU meets, else a zone named after one of its parts, else its country's."""
    known = zone_of_city(place)
    if known is not None:
        return known
    for part in place.split(","):
        city = plain(part).replace(" ", "_")
        for name in _zones():
            if name.rsplit("/", 1)[-1].casefold() == city:
                return name
    return zone_of_country(place)


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))

#!/usr/bin/env python3
"""Parameterised, independent generator of synthetic seller/customer e-mail accounts.

Each account is the mailbox a software vendor ("the seller") keeps for one customer company: a
period of 8-14 months of ordinary requests (invoices, tickets, licences, training ...), seller
replies and follow-ups, seller-initiated notices, a few strategic-but-unrelated questions
(decoys), and - unless kind == "null" - a stream of "vision" requests that start at an onset
date 30-50 % into the period.  The vision requests share a set of 8 made-up noun phrases
(e.g. "a self-healing carrier mesh") that some hidden source planted in the customer's head:

  new_exec    a newly arrived executive of the customer (intro mail, 3 direct mails, notes
              that the contact forwards / pastes / mentions by name)
  it_dept     the customer's IT department (3-5 people; direct mails and forwarded notes)
  competitor  a rival vendor; its sales reps write to customer people (those mails are not
              in the export) and customers forward some of them, name its products, paste
              its text or just reuse its vocabulary
  null        no source, no vision requests (more decoys instead)

How a relayed vision request carries the source is drawn from ``relay_mix`` = shares of
(forwarded block, named mention, pasted text without header, vocabulary-only rephrase).

Everything (companies, people, phrases, dates, clients, header languages, reply rates) comes
from one ``random.Random`` seeded with the kind and the seed; the relay mix only changes the
vision part of the traffic, so the same (kind, seed) gives the same company at every
difficulty.  Python 3.11 standard library only; identical inputs give byte-identical files.

Files written to out_dir: mail.mbox, requests_log.csv (seller's request log, column names vary),
org_chart.csv (name,email,title,department), answer_key.json, truth_details.json.

answer_key.json:
  {"kind": "new_exec" | "it_dept" | "competitor" | "null",
   "source": new_exec   {"name", "email", "department"}
             it_dept    {"name": "IT department", "email": null, "department": "IT"}
             competitor {"name": <company>, "email": null, "domain": <domain>, "department": null}
             null       null,
   "onset": "YYYY-MM-DD" | null,
   "vision_phrases": [8 phrases, without article],
   "vision_message_ids": [Message-IDs of customer-sent vision requests, by date],
   "seller_domain": "<domain>",
   "products": [...]            # competitor only
  }
truth_details.json holds the rest (per-message modes, relays, relay mix, competitor people ...).

CLI:  python independent_accounts.py OUT_DIR --kinds new_exec competitor --seeds 1 2 \\
          --difficulty easy hard          ->  OUT_DIR/<kind>_<difficulty>_<seed>/
"""

import argparse
import base64
import csv
import hashlib
import json
import mailbox
import pathlib
import random
import re
import textwrap
import time
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

MASTER_SEED = "otherhands-v2-5519"
KINDS = ("new_exec", "it_dept", "competitor", "null")
DIFFICULTY = {
    "easy": (0.6, 0.3, 0.05, 0.05),
    "medium": (0.3, 0.3, 0.2, 0.2),
    "hard": (0.0, 0.0, 0.5, 0.5),
}
MODES = ("forward", "mention", "paste", "vocab")
MIN_MESSAGES = 250
PASTE_MARK = "\x00\x01"  # placeholder for pasted text while the surrounding mail is composed


# --------------------------------------------------------------------------- time zones
def _last_sunday(y, m):
    d = (date(y, m + 1, 1) if m < 12 else date(y + 1, 1, 1)) - timedelta(days=1)
    while d.weekday() != 6:
        d -= timedelta(days=1)
    return d


def _nth_sunday(y, m, n):
    d = date(y, m, 1)
    while d.weekday() != 6:
        d += timedelta(days=1)
    return d + timedelta(weeks=n - 1)


TZ = {
    "cet": (60, "eu"),
    "uk": (0, "eu"),
    "eet": (120, "eu"),
    "ist": (330, None),
    "sgt": (480, None),
    "us_east": (-300, "us"),
    "us_cen": (-360, "us"),
    "us_pac": (-480, "us"),
}
TZ_LABEL = {
    "cet": "CET",
    "uk": "UK time",
    "eet": "EET",
    "ist": "IST",
    "sgt": "SGT",
    "us_east": "ET",
    "us_cen": "CT",
    "us_pac": "PT",
}


def tz_for(kind, d):
    base, rule = TZ[kind]
    dst = False
    if rule == "eu":
        dst = _last_sunday(d.year, 3) <= d < _last_sunday(d.year, 10)
    elif rule == "us":
        dst = _nth_sunday(d.year, 3, 2) <= d < _nth_sunday(d.year, 11, 1)
    return timezone(timedelta(minutes=base + (60 if dst else 0)))


def to_local(dt, kind):
    return dt.astimezone(tz_for(kind, dt.astimezone(UTC).date()))


# --------------------------------------------------------------------------- names
TRANS = {
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "Æ": "Ae",
    "ß": "ss",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "đ": "d",
    "Đ": "D",
}


def ascii_fold(s, german=False):
    if german:
        for a, b in (("ü", "ue"), ("ö", "oe"), ("ä", "ae"), ("Ü", "Ue"), ("Ö", "Oe"), ("Ä", "Ae")):
            s = s.replace(a, b)
    s = "".join(TRANS.get(c, c) for c in s)
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def slug(s):
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


# language -> (male first names, female first names, surnames; "m|f" where the surname is gendered)
NAMES = {
    "no": (
        "Øystein Håkon Magnus Espen Bjørn Torstein Eirik Vegard",
        "Ingrid Sigrid Solveig Kari Tone Åse Ragnhild Hege",
        "Berg Solberg Haugen Johansen Bakke Lien Strand Dahl Sæther Løvås Fjeld Nygård",
    ),
    "sv": (
        "Oskar Björn Göran Mattias Per Anders Fredrik Linus",
        "Karin Åsa Linnea Elin Ebba Maja Ulrika Sofie",
        "Lindqvist Nyström Åberg Sjöberg Holm Ekström Lundgren Bergqvist Forsberg Wallin Söderberg Hägglund",
    ),
    "da": (
        "Lars Søren Rasmus Jens Mikkel Anders Jesper Troels",
        "Mette Signe Birgitte Freja Dorthe Lærke Pernille",
        "Eriksen Jørgensen Kjær Madsen Østergaard Nielsen Lauridsen Mølgaard Vestergaard Bøgh Thomsen",
    ),
    "fi": (
        "Jukka Mikko Teemu Ville Jari Antti Sami Lauri",
        "Aino Päivi Sanna Riikka Hanna Kaisa Tiina Elina",
        "Virtanen Mäkinen Korhonen Nieminen Hämäläinen Laine Heikkinen Järvinen Lehtonen Koskinen Räsänen",
    ),
    "is": (
        "Sigurður Jón Einar Gunnar Ólafur",
        "Helga Guðrún Þórunn Ragnheiður Björk",
        "Jónsson|Jónsdóttir Einarsson|Einarsdóttir Ólafsson|Ólafsdóttir Björnsson|Björnsdóttir Magnússon|Magnúsdóttir",
    ),
    "de": (
        "Matthias Jörg Stefan Jürgen Tobias Florian Lukas Sebastian Björn Ralf",
        "Katrin Sabine Anja Ulrike Bärbel Henrike Jana Miriam Steffi Franziska",
        "Krüger Schäfer Hoffmann Albers Müller Weiß Köhler Schröder Becker "
        "Groß Vogel Hübner Brandt Lorenz Kästner Bäumer",
    ),
    "nl": (
        "Rutger Joost Maarten Pieter Bram Sander Jeroen Thijs",
        "Sophie Lotte Anneke Femke Sanne Ilse Marloes Eline",
        "Vermeulen de_Vries Jansen Haverkamp van_Dijk Bakker Van_den_Broeck Smit Visser de_Groot Mertens Peeters",
    ),
    "fr": (
        "Thierry François Jérôme Benoît Mathieu Loïc Guillaume Rémi",
        "Zoë Émilie Camille Hélène Léa Céline Amélie Solène",
        "Laurent Durand Moreau Lefèvre Girard Fontaine Rousseau Bérard Chevalier Lemaître Dubois "
        "Mercier",
    ),
    "it": (
        "Luca Matteo Niccolò Alessandro Davide Lorenzo Federico",
        "Chiara Giulia Francesca Sara Elisa Martina Beatrice",
        "Bianchi Romano Ricci Esposito Colombo Greco Conti De_Luca Mancini Fabbri Galli",
    ),
    "es": (
        "Miguel_Ángel Javier Álvaro Sergio Íñigo Raúl Andrés",
        "Ana_Sofía Marta Lucía Carmen Nuria Pilar Begoña",
        "Ramírez Torres García Fernández López Martínez Sánchez Núñez Jiménez Ibáñez Ortega Muñoz",
    ),
    "pt": (
        "João Rui Gonçalo Tiago Sérgio Duarte",
        "Inês Mariana Beatriz Joana Conceição",
        "Pereira Almeida Gonçalves Magalhães Ribeiro Simões Antunes Figueiredo",
    ),
    "br": (
        "Thiago Leandro Rodrigo Vinícius Caio",
        "Juliana Camila Fernanda Letícia Patrícia",
        "Souza Oliveira Carvalho Araújo Barbosa Rocha Guimarães",
    ),
    "pl": (
        "Grzegorz Bartosz Paweł Łukasz Wojciech Michał Tomasz Krzysztof",
        "Agnieszka Małgorzata Katarzyna Joanna Magdalena Aleksandra Dorota",
        "Wójcik Nowak Kowalczyk Zieliński|Zielińska Wiśniewski|Wiśniewska "
        "Lewandowski|Lewandowska Kamiński|Kamińska Dąbrowski|Dąbrowska Mazur Krawczyk Górecki|Górecka",
    ),
    "cs": (
        "Tomáš Jan Petr Jiří Ondřej Martin",
        "Lucie Tereza Kateřina Markéta Petra",
        "Dvořák|Dvořáková Novák|Nováková Svoboda|Svobodová Černý|Černá Procházka|Procházková Kučera|Kučerová",
    ),
    "hu": (
        "László Gábor Péter Zoltán Attila",
        "Zsófia Eszter Krisztina Réka Anikó",
        "Nagy Kovács Tóth Szabó Horváth Varga Fekete",
    ),
    "ro": (
        "Andrei Mihai Radu Bogdan Ionuț",
        "Ioana Elena Cristina Andreea Mădălina",
        "Popescu Ionescu Dumitrescu Stănescu Constantin Marinescu Lazăr",
    ),
    "el": (
        "Dimitris Giorgos Nikos Kostas Yannis",
        "Eleni Katerina Maria Sofia Despina",
        "Papadakis|Papadaki Georgiou Nikolaidis|Nikolaidou Konstantinou Alexiou Vlachos|Vlachou",
    ),
    "tr": (
        "Mehmet Emre Burak Deniz Oğuz Serkan",
        "Elif Ayşe Zeynep Gülşen Büşra Deniz",
        "Yılmaz Demir Aydın Çelik Şahin Öztürk Kaya Doğan Güneş",
    ),
    "bg": (
        "Nikolai Georgi Ivan Stoyan",
        "Desislava Svetla Radostina Milena",
        "Petrov|Petrova Ivanov|Ivanova Dimitrov|Dimitrova Georgiev|Georgieva",
    ),
    "hr": (
        "Marko Luka Ivan Tomislav",
        "Ivana Petra Maja Ana",
        "Horvat Kovačević Babić Jurić Marić Perić",
    ),
    "en": (
        "Oliver James Tom Declan Callum Rhys Harry Ciarán",
        "Niamh Sinéad Siobhán Charlotte Aoife Harriet Bethan Eimear",
        "O'Connor Walsh Kelly Thompson Davies Murphy Clarke Ó_Briain Hughes Fitzgerald Pritchard McAllister",
    ),
    "us": (
        "Tyler Marcus Brandon Kyle Jordan",
        "Jessica Ashley Megan Brittany Lauren",
        "Johnson Rodriguez Nguyen Patel Kim Miller Hernandez",
    ),
    "in": (
        "Rahul Vikram Arjun Sandeep Karthik",
        "Priya Ananya Deepa Lakshmi Sneha",
        "Raghunathan Sharma Iyer Nair Krishnamurthy Banerjee Chatterjee",
    ),
    "ng": (
        "Femi Tunde Emeka Chidi",
        "Chiamaka Ngozi Adaeze Funmilayo",
        "Adeyemi Okafor Balogun Eze Nwosu Adebayo",
    ),
    "ar": (
        "Ahmed Karim Youssef Mehdi Rachid",
        "Fatima_Zahra Yasmine Nadia Salma Leïla",
        "Benali Haddad El_Amrani Bouzid Mansouri Cherkaoui",
    ),
    "ja": (
        "Kenji Haruto Takeshi Daisuke",
        "Aiko Yuki Haruka Emi",
        "Tanaka Watanabe Suzuki Sato Nakamura Ishikawa",
    ),
    "zh": ("Wei Jun Hao Lei", "Li_Na Mei Xiaoyu Jing", "Chen Zhang Wang Liu Huang Zhou"),
}
NAMES = {
    k: tuple([w.replace("_", " ") for w in part.split()] for part in v) for k, v in NAMES.items()
}

SIGNOFFS = {
    "base": [
        "Best regards",
        "Kind regards",
        "Thanks",
        "Many thanks",
        "Best",
        "Regards",
        "Cheers",
        "BR",
        "Thanks in advance",
        "Thank you",
    ],
    "de": ["Viele Grüße", "Mit freundlichen Grüßen", "Beste Grüße", "VG"],
    "no": ["Med vennlig hilsen", "Mvh"],
    "da": ["Venlig hilsen"],
    "fr": ["Cordialement", "Bien à vous"],
    "pl": ["Pozdrawiam"],
    "nl": ["Met vriendelijke groet", "Groeten"],
    "sv": ["Med vänliga hälsningar"],
    "it": ["Cordiali saluti"],
    "es": ["Saludos"],
    "cs": ["S pozdravem"],
    "fi": ["Ystävällisin terveisin"],
    "pt": ["Cumprimentos"],
    "br": ["Abraços"],
    "tr": ["Saygılarımla"],
    "hu": ["Üdvözlettel"],
    "ro": ["Cu stimă"],
    "hr": ["Lijep pozdrav"],
    "is": ["Kveðja"],
}
GREETS = [
    "Hi {n},",
    "Hello {n},",
    "Dear {n},",
    "Hi {n}",
    "{n},",
    "Good morning {n},",
    "Hey {n},",
    "Hi {n} -",
    "Morning {n},",
]
GREETS_LANG = {
    "de": ["Hallo {n},"],
    "no": ["Hei {n},"],
    "da": ["Hej {n},"],
    "sv": ["Hej {n},"],
    "nl": ["Hoi {n},"],
    "fr": ["Bonjour {n},"],
    "it": ["Ciao {n},"],
    "es": ["Hola {n},"],
}

# --------------------------------------------------------------------------- customer companies
ABC = "ABCDEFGHJKLMNPRSTVWXZ"
COUNTRIES = {
    "nl": {
        "tlds": ["nl", "eu", "com"],
        "legal": ["B.V.", "N.V."],
        "tz": "cet",
        "region": "Benelux",
        "lang": "nl",
        "hdr": {"de": 0.03, "fr": 0.03},
        "phone": "+31 {a} 555",
        "areas": ["10", "20", "30", "40", "13"],
        "cities": ["Rotterdam", "Amsterdam", "Utrecht", "Eindhoven", "Venlo", "Tilburg", "Zwolle"],
        "streets": [
            "Waalhaven Z.z. {no}",
            "Keizersgracht {no}",
            "Stationsplein {no}",
            "Maasboulevard {no}",
        ],
        "zip": lambda r: f"{r.randint(1000, 9999)} {r.choice(ABC)}{r.choice(ABC)}",
        "reg": lambda r: f"KvK {r.randint(10000000, 99999999)}",
        "prefixes": ["Zeeburg", "Waalborg", "Oosterhout", "Kestrel", "Duinhaven", "Lindenhof"],
    },
    "be": {
        "tlds": ["be", "eu", "com"],
        "legal": ["NV", "BV", "SA"],
        "tz": "cet",
        "region": "Benelux",
        "lang": "nl",
        "hdr": {"fr": 0.35, "de": 0.02},
        "phone": "+32 {a} 555",
        "areas": ["2", "3", "9", "16"],
        "cities": ["Antwerp", "Ghent", "Brussels", "Liège", "Mechelen", "Leuven"],
        "streets": [
            "Noorderlaan {no}",
            "Rue de la Loi {no}",
            "Kortrijksesteenweg {no}",
            "Havenlaan {no}",
        ],
        "zip": lambda r: f"{r.randint(1000, 9999)}",
        "reg": lambda r: f"BTW BE0{r.randint(100000000, 999999999)}",
        "prefixes": ["Scheldeport", "Meuse & Co", "Brabantia", "Vlaskade", "Ardenne"],
    },
    "de": {
        "tlds": ["de", "com", "eu"],
        "legal": ["GmbH", "AG", "GmbH & Co. KG"],
        "tz": "cet",
        "region": "DACH",
        "lang": "de",
        "hdr": {"de": 0.75},
        "phone": "+49 {a} 555",
        "areas": ["40", "30", "89", "221", "211", "341"],
        "cities": ["Hamburg", "Berlin", "Munich", "Cologne", "Düsseldorf", "Leipzig", "Bremen"],
        "streets": [
            "Am Sandtorkai {no}",
            "Hafenstraße {no}",
            "Industriestraße {no}",
            "Lindenallee {no}",
        ],
        "zip": lambda r: f"{r.randint(10000, 99999)}",
        "reg": lambda r: (
            f"Amtsgericht {r.choice(['Hamburg', 'Köln', 'München'])} HRB {r.randint(10000, 199999)}"
        ),
        "prefixes": ["Brightwater", "Rheinfeld", "Elbmark", "Nordlicht", "Hanseatica", "Wendelstein"],
    },
    "at": {
        "tlds": ["at", "com"],
        "legal": ["GmbH", "AG"],
        "tz": "cet",
        "region": "DACH",
        "lang": "de",
        "hdr": {"de": 0.75},
        "phone": "+43 {a} 555",
        "areas": ["1", "662", "732", "316"],
        "cities": ["Vienna", "Linz", "Salzburg", "Graz", "Innsbruck"],
        "streets": ["Donaustraße {no}", "Wiener Straße {no}", "Kaiserfeldgasse {no}"],
        "zip": lambda r: f"{r.randint(1000, 9999)}",
        "reg": lambda r: f"FN {r.randint(100000, 599999)}{r.choice('abdfgkmpsvx')}",
        "prefixes": ["Alpenkreuz", "Donauwerk", "Tauern", "Wachau"],
    },
    "ch": {
        "tlds": ["ch", "com"],
        "legal": ["AG", "SA", "GmbH"],
        "tz": "cet",
        "region": "DACH",
        "lang": "de",
        "hdr": {"de": 0.5, "fr": 0.2},
        "phone": "+41 {a} 555",
        "areas": ["44", "61", "22", "31"],
        "cities": ["Zurich", "Basel", "Geneva", "Bern", "Lausanne", "Lucerne"],
        "streets": ["Bahnhofstrasse {no}", "Rue du Rhône {no}", "Hardturmstrasse {no}"],
        "zip": lambda r: f"{r.randint(1000, 9999)}",
        "reg": lambda r: f"CHE-{r.randint(100, 999)}.{r.randint(100, 999)}.{r.randint(100, 999)}",
        "prefixes": ["Helvetor", "Gotthard", "Lémanis", "Pilatus"],
    },
    "fr": {
        "tlds": ["fr", "com", "eu"],
        "legal": ["SAS", "SA"],
        "tz": "cet",
        "region": "France",
        "lang": "fr",
        "hdr": {"fr": 0.75},
        "phone": "+33 {a} 55",
        "areas": ["1", "4", "3", "5"],
        "cities": ["Lyon", "Paris", "Lille", "Marseille", "Bordeaux", "Le Havre", "Nantes"],
        "streets": ["{no} rue de la République", "{no} quai Rambaud", "{no} avenue Jean Jaurès"],
        "zip": lambda r: f"{r.randint(10, 95):02d}{r.randint(0, 9)}{r.randint(0, 9)}0",
        "reg": lambda r: (
            f"RCS {r.choice(['Lyon', 'Paris', 'Lille'])} {r.randint(300, 899)} {r.randint(100, 999)} {r.randint(100, 999)}"
        ),
        "prefixes": ["Valmont", "Montclair", "Rhodanis", "Belcourt", "Loiret", "Castelnau"],
    },
    "no": {
        "tlds": ["no", "com"],
        "legal": ["AS", "ASA"],
        "tz": "cet",
        "region": "Nordics",
        "lang": "no",
        "hdr": {"de": 0.02, "fr": 0.02},
        "phone": "+47 {a} 55",
        "areas": ["55", "22", "73", "51"],
        "cities": ["Bergen", "Oslo", "Stavanger", "Trondheim", "Ålesund"],
        "streets": ["Strandkaien {no}", "Bryggen {no}", "Havnegata {no}"],
        "zip": lambda r: f"{r.randint(1000, 9999)}",
        "reg": lambda r: f"org.nr. {r.randint(900, 999)} {r.randint(100, 999)} {r.randint(100, 999)}",
        "prefixes": ["Solvik", "Fjellvik", "Havbris", "Nordkap", "Skagerak"],
    },
    "se": {
        "tlds": ["se", "com"],
        "legal": ["AB"],
        "tz": "cet",
        "region": "Nordics",
        "lang": "sv",
        "hdr": {"de": 0.02, "fr": 0.02},
        "phone": "+46 {a} 555",
        "areas": ["8", "31", "40", "18"],
        "cities": ["Gothenburg", "Stockholm", "Malmö", "Uppsala", "Jönköping"],
        "streets": ["Lindholmspiren {no}", "Hamngatan {no}", "Storgatan {no}"],
        "zip": lambda r: f"{r.randint(100, 999)} {r.randint(10, 99)}",
        "reg": lambda r: f"Org.nr 556{r.randint(100, 999)}-{r.randint(1000, 9999)}",
        "prefixes": ["Lindholm", "Vänerhamn", "Björkö", "Sjöstjärna"],
    },
    "dk": {
        "tlds": ["dk", "com"],
        "legal": ["A/S", "ApS"],
        "tz": "cet",
        "region": "Nordics",
        "lang": "da",
        "hdr": {"de": 0.04, "fr": 0.02},
        "phone": "+45 {a}",
        "areas": ["33 55", "70 55", "86 55"],
        "cities": ["Copenhagen", "Aarhus", "Esbjerg", "Odense", "Aalborg"],
        "streets": ["Kalvebod Brygge {no}", "Havnegade {no}", "Vestergade {no}"],
        "zip": lambda r: f"{r.randint(1000, 9999)}",
        "reg": lambda r: f"CVR {r.randint(10000000, 99999999)}",
        "prefixes": ["Øresund", "Kattegat", "Limfjord", "Søndervig"],
    },
    "fi": {
        "tlds": ["fi", "com"],
        "legal": ["Oy", "Oyj"],
        "tz": "eet",
        "region": "Nordics",
        "lang": "fi",
        "hdr": {"de": 0.02, "fr": 0.02},
        "phone": "+358 {a} 555",
        "areas": ["9", "2", "3"],
        "cities": ["Helsinki", "Tampere", "Turku", "Oulu", "Vantaa"],
        "streets": ["Satamakatu {no}", "Mannerheimintie {no}", "Hämeenkatu {no}"],
        "zip": lambda r: f"{r.randint(100, 999):03d}{r.randint(0, 9)}0",
        "reg": lambda r: f"Y-tunnus {r.randint(1000000, 9999999)}-{r.randint(0, 9)}",
        "prefixes": ["Kuusi", "Pohjola", "Saimaa", "Revontuli"],
    },
    "pl": {
        "tlds": ["pl", "com", "eu"],
        "legal": ["Sp. z o.o.", "S.A."],
        "tz": "cet",
        "region": "CEE",
        "lang": "pl",
        "hdr": {"de": 0.05, "fr": 0.02},
        "phone": "+48 {a} 555",
        "areas": ["22", "58", "61", "12", "71"],
        "cities": ["Warsaw", "Gdańsk", "Poznań", "Kraków", "Wrocław", "Łódź"],
        "streets": ["ul. Portowa {no}", "ul. Marszałkowska {no}", "al. Grunwaldzka {no}"],
        "zip": lambda r: f"{r.randint(0, 99):02d}-{r.randint(0, 999):03d}",
        "reg": lambda r: f"KRS {r.randint(0, 999999):010d}",
        "prefixes": ["Wisłostal", "Bałtyk", "Tatrex", "Mazovia", "Odrapol"],
    },
    "it": {
        "tlds": ["it", "com", "eu"],
        "legal": ["S.p.A.", "S.r.l."],
        "tz": "cet",
        "region": "Southern Europe",
        "lang": "it",
        "hdr": {"de": 0.02, "fr": 0.04},
        "phone": "+39 {a} 555",
        "areas": ["02", "010", "011", "051"],
        "cities": ["Milan", "Genoa", "Turin", "Bologna", "Verona", "Naples"],
        "streets": ["Via Dante {no}", "Corso Italia {no}", "Via del Porto {no}"],
        "zip": lambda r: f"{r.randint(10, 98)}1{r.randint(0, 9)}{r.randint(0, 9)}",
        "reg": lambda r: f"P.IVA {r.randint(0, 99999999999):011d}",
        "prefixes": ["Castellan", "Sorrento", "Bellavista", "Lungomare", "Vallombrosa"],
    },
    "es": {
        "tlds": ["es", "com", "eu"],
        "legal": ["S.A.", "S.L."],
        "tz": "cet",
        "region": "Iberia",
        "lang": "es",
        "hdr": {"fr": 0.04, "de": 0.02},
        "phone": "+34 {a} 555",
        "areas": ["91", "93", "96", "94"],
        "cities": ["Madrid", "Barcelona", "Valencia", "Bilbao", "Zaragoza", "Seville"],
        "streets": ["Calle de Alcalá {no}", "Passeig de Gràcia {no}", "Muelle de la Aduana {no}"],
        "zip": lambda r: f"{r.randint(1, 52):02d}{r.randint(0, 999):03d}",
        "reg": lambda r: f"CIF A{r.randint(10000000, 99999999)}",
        "prefixes": ["Ebrovia", "Castellar", "Marisma", "Sierra Alta", "Guadalmar"],
    },
    "pt": {
        "tlds": ["pt", "com"],
        "legal": ["S.A.", "Lda."],
        "tz": "uk",
        "region": "Iberia",
        "lang": "pt",
        "hdr": {"fr": 0.04},
        "phone": "+351 {a} 555",
        "areas": ["21", "22", "234"],
        "cities": ["Lisbon", "Porto", "Sines", "Aveiro", "Braga"],
        "streets": ["Avenida da Liberdade {no}", "Rua do Comércio {no}", "Cais do Sodré {no}"],
        "zip": lambda r: f"{r.randint(1000, 9999)}-{r.randint(0, 999):03d}",
        "reg": lambda r: f"NIPC 5{r.randint(10000000, 99999999)}",
        "prefixes": ["Atlântica", "Tejo", "Lusomar", "Douro"],
    },
    "uk": {
        "tlds": ["co.uk", "com"],
        "legal": ["Ltd", "plc"],
        "tz": "uk",
        "region": "UK & Ireland",
        "lang": "en",
        "hdr": {"de": 0.01, "fr": 0.01},
        "phone": "+44 {a} 496",
        "areas": ["161", "121", "113", "117"],
        "cities": ["Manchester", "Birmingham", "Leeds", "Bristol", "Southampton", "Felixstowe"],
        "streets": ["{no} Trafford Wharf Road", "{no} Colmore Row", "{no} Wellington Street"],
        "zip": lambda r: (
            f"{r.choice(['M', 'B', 'LS', 'BS', 'SO'])}{r.randint(1, 20)} {r.randint(1, 9)}{r.choice(ABC)}{r.choice(ABC)}"
        ),
        "reg": lambda r: f"Registered in England No. {r.randint(1000000, 9999999):08d}",
        "prefixes": ["Ravenscar", "Elmstead", "Greystone", "Harrowgate", "Saltmarsh", "Alderbank"],
    },
    "ie": {
        "tlds": ["ie", "com"],
        "legal": ["Ltd", "DAC"],
        "tz": "uk",
        "region": "UK & Ireland",
        "lang": "en",
        "hdr": {"de": 0.01, "fr": 0.01},
        "phone": "+353 {a} 555",
        "areas": ["1", "21", "61"],
        "cities": ["Dublin", "Cork", "Limerick", "Galway", "Shannon"],
        "streets": ["{no} North Wall Quay", "{no} Grand Parade", "{no} Eyre Square"],
        "zip": lambda r: (
            f"D{r.randint(1, 24):02d} {r.choice(ABC)}{r.randint(1, 9)}{r.choice(ABC)}{r.randint(1, 9)}"
        ),
        "reg": lambda r: f"Registered in Ireland No. {r.randint(100000, 799999)}",
        "prefixes": ["Shannonside", "Liffey", "Corrib", "Slieve"],
    },
    "cz": {
        "tlds": ["cz", "com", "eu"],
        "legal": ["s.r.o.", "a.s."],
        "tz": "cet",
        "region": "CEE",
        "lang": "cs",
        "hdr": {"de": 0.08},
        "phone": "+420 {a} 555",
        "areas": ["2", "5", "59"],
        "cities": ["Prague", "Brno", "Ostrava", "Plzeň", "Pardubice"],
        "streets": ["Na Poříčí {no}", "Vídeňská {no}", "Nádražní {no}"],
        "zip": lambda r: f"{r.randint(100, 799)} {r.randint(0, 99):02d}",
        "reg": lambda r: f"IČO {r.randint(10000000, 99999999)}",
        "prefixes": ["Vltava", "Krkonoš", "Moravia", "Šumava"],
    },
}
GENERIC_PREFIXES = [
    "Kestrel",
    "Cedarline",
    "Pinewood",
    "Marigold",
    "Silverbirch",
    "Harbourline",
    "Bluestone",
    "Northgate",
    "Westbrook",
    "Oakridge",
    "Larkspur",
    "Stonebridge",
    "Merrow",
    "Copperfield",
    "Heronsgate",
    "Ashcombe",
    "Tern & Co",
    "Summit",
    "Evergreen",
    "Ironwood",
]
LOCAL_DISCLAIMER = {
    "de": "Diese E-Mail kann vertrauliche Informationen enthalten. Wenn Sie nicht der richtige Adressat sind, "
    "informieren Sie bitte sofort den Absender und löschen Sie diese Nachricht.",
    "fr": "Ce message et ses pièces jointes sont confidentiels. Si vous n'en êtes pas le destinataire, merci d'en "
    "avertir l'expéditeur et de le supprimer.",
    "nl": "Dit bericht is uitsluitend bestemd voor de geadresseerde. Heeft u dit bericht per vergissing ontvangen, "
    "verwijder het dan en informeer de afzender.",
    "no": "Denne e-posten kan inneholde konfidensiell informasjon. Dersom du ikke er riktig mottaker, vennligst "
    "slett meldingen og gi beskjed til avsender.",
    "sv": "Detta e-postmeddelande kan innehålla konfidentiell information. Om du inte är rätt mottagare, vänligen "
    "meddela avsändaren och radera meddelandet.",
    "it": "Questo messaggio è riservato. Se lo avete ricevuto per errore, vi preghiamo di avvisare il mittente e di "
    "cancellarlo.",
    "es": "Este mensaje es confidencial. Si usted no es el destinatario, le rogamos que lo comunique al remitente y "
    "lo elimine.",
    "pl": "Ta wiadomość może zawierać informacje poufne. Jeśli nie jesteś jej adresatem, powiadom nadawcę i usuń "
    "wiadomość.",
}
EN_DISCLAIMER = [
    "DISCLAIMER: This e-mail is intended only for the addressee(s). If you received it in error, please notify the "
    "sender and delete it. {legal}, {reg}, is not liable for the proper and complete transmission of this message.",
    "This message is confidential and may be legally privileged. If you are not the intended recipient, please "
    "contact the sender and delete the message. {legal}, {reg}.",
    "{legal} · {address} · {reg}\nThis e-mail contains confidential information. If you are not the intended "
    "recipient, please delete it.",
    "CONFIDENTIALITY NOTICE: the information in this e-mail is for the named recipient only. Any other use, "
    "disclosure or copying is prohibited. {legal} | {reg} | Registered office: {city}",
    "Please consider the environment before printing this e-mail.\n{legal} - {reg}",
]

SECTORS = {
    "logistics": {
        "words": ["Logistics", "Freight", "Transport", "Forwarding"],
        "depts": ["Transport Planning", "Warehousing"],
        "titles": {
            "Transport Planning": ["Transport Planner", "Senior Planner", "Head of Planning"],
            "Warehousing": ["Warehouse Manager", "Site Manager", "Inventory Controller"],
        },
        "nouns": [
            "shipment",
            "pallet",
            "yard",
            "carrier",
            "lane",
            "dock",
            "consignment",
            "depot",
            "parcel",
            "trailer",
            "door",
            "hub",
        ],
    },
    "retail": {
        "words": ["Retail Group", "Stores", "Home & Living", "Fashion Group"],
        "depts": ["Store Operations", "E-Commerce", "Merchandising"],
        "titles": {
            "Store Operations": ["Regional Store Manager", "Store Operations Analyst"],
            "E-Commerce": ["Head of E-Commerce", "Web Shop Manager", "Marketplace Manager"],
            "Merchandising": ["Merchandise Planner", "Buyer", "Range Manager"],
        },
        "nouns": [
            "store",
            "basket",
            "shelf",
            "assortment",
            "checkout",
            "shopper",
            "SKU",
            "aisle",
            "range",
            "markdown",
            "catalogue",
            "till",
        ],
    },
    "shipping": {
        "words": ["Maritime", "Shipping", "Lines", "Shipholding"],
        "depts": ["Fleet Operations", "Chartering", "Port Agency"],
        "titles": {
            "Fleet Operations": ["Fleet Operations Manager", "Marine Superintendent"],
            "Chartering": ["Chartering Manager", "Chartering Analyst"],
            "Port Agency": ["Port Agency Coordinator", "Husbandry Agent"],
        },
        "nouns": [
            "vessel",
            "berth",
            "voyage",
            "container",
            "fleet",
            "terminal",
            "port call",
            "charter",
            "crew",
            "cargo hold",
            "bunker",
            "quay",
        ],
    },
    "manufacturing": {
        "words": ["Industries", "Components", "Manufacturing", "Engineering"],
        "depts": ["Production", "Quality", "Engineering"],
        "titles": {
            "Production": ["Production Manager", "Plant Manager", "Shift Lead"],
            "Quality": ["Quality Manager", "Quality Engineer"],
            "Engineering": ["Process Engineer", "Head of Engineering"],
        },
        "nouns": [
            "plant",
            "batch",
            "line",
            "shopfloor",
            "component",
            "work order",
            "machine",
            "tool",
            "cell",
            "spare part",
            "die",
            "press",
        ],
    },
    "food": {
        "words": ["Foods", "Dairy", "Fresh", "Food Group"],
        "depts": ["Production", "Quality Assurance", "Sales Operations"],
        "titles": {
            "Production": ["Production Planner", "Plant Manager"],
            "Quality Assurance": ["QA Manager", "Food Safety Specialist"],
            "Sales Operations": ["Sales Operations Manager", "Demand Planner"],
        },
        "nouns": [
            "recipe",
            "batch",
            "harvest",
            "ingredient",
            "cold room",
            "lot",
            "crate",
            "tray",
            "silo",
            "farm",
            "creamery",
            "label",
        ],
    },
    "wholesale": {
        "words": ["Wholesale", "Distribution", "Trading", "Supplies"],
        "depts": ["Branch Operations", "Purchasing", "Inside Sales"],
        "titles": {
            "Branch Operations": ["Branch Manager", "Branch Operations Lead"],
            "Purchasing": ["Purchasing Manager", "Buyer"],
            "Inside Sales": ["Inside Sales Manager", "Sales Coordinator"],
        },
        "nouns": [
            "branch",
            "catalogue",
            "trade counter",
            "SKU",
            "delivery run",
            "customer account",
            "pallet",
            "showroom",
            "van",
            "depot",
            "pick list",
            "trolley",
        ],
    },
    "pharma": {
        "words": ["Pharma Distribution", "Healthcare", "Medical Supplies", "Life Sciences"],
        "depts": ["Quality Assurance", "Regulatory Affairs", "Warehousing"],
        "titles": {
            "Quality Assurance": ["Qualified Person", "QA Specialist"],
            "Regulatory Affairs": ["Regulatory Affairs Manager", "Regulatory Specialist"],
            "Warehousing": ["GDP Warehouse Manager", "Inventory Controller"],
        },
        "nouns": [
            "batch",
            "lot",
            "ward",
            "clinic",
            "pack",
            "cold box",
            "pharmacy",
            "dose",
            "vial",
            "recall",
            "pallet",
            "tote",
        ],
    },
    "automotive": {
        "words": ["Automotive", "Parts", "Mobility", "Motor Group"],
        "depts": ["Aftersales", "Production", "Dealer Network"],
        "titles": {
            "Aftersales": ["Aftersales Manager", "Parts Manager"],
            "Production": ["Production Manager", "Line Manager"],
            "Dealer Network": ["Dealer Development Manager", "Network Manager"],
        },
        "nouns": [
            "part",
            "dealer",
            "workshop",
            "warranty claim",
            "kit",
            "vehicle",
            "model year",
            "axle",
            "chassis",
            "service bay",
            "fitting",
            "bumper",
        ],
    },
}
BASE_TITLES = {
    "Procurement": ["Category Manager", "Buyer", "Procurement Analyst", "Contract Manager"],
    "Finance": [
        "Accounts Payable Specialist",
        "Finance Controller",
        "Financial Analyst",
        "BI Analyst",
    ],
    "Operations": [
        "Operations Manager",
        "Shift Supervisor",
        "Site Manager",
        "Planning Coordinator",
    ],
    "Customer Service": [
        "Customer Service Agent",
        "Customer Service Specialist",
        "Customer Service Team Lead",
    ],
    "HR": ["L&D Coordinator", "HR Business Partner", "Training Specialist"],
    "Legal": ["Legal Counsel", "Data Protection Officer"],
    "Commercial": ["Key Account Manager", "Commercial Director"],
    "Quality & Compliance": ["Compliance Officer", "QHSE Manager"],
}
PRIMARY_TITLES = [
    "Vendor Manager",
    "Head of Supplier Management",
    "Procurement Manager",
    "Strategic Sourcing Lead",
    "IT Vendor Manager",
    "Senior Category Manager",
    "Supplier Relationship Manager",
]
EXEC_TITLES = [
    ("Chief Supply Chain Officer", "CSCO", "Supply Chain"),
    ("Chief Operating Officer", "COO", "Operations"),
    ("Chief Digital Officer", "CDO", "Digital"),
    ("Chief Executive Officer", "CEO", "Executive Board"),
    ("Chief Commercial Officer", "CCO", "Commercial"),
    ("Managing Director", "MD", "Executive Board"),
    ("Chief Transformation Officer", "CTrO", "Transformation Office"),
]
IT_ROLES = [
    ["Head of Enterprise Architecture", "Chief Architect", "Lead Enterprise Architect"],
    ["Cloud Platform Lead", "Head of Platform Engineering", "Infrastructure & Cloud Manager"],
    ["IT Security Manager", "CISO", "Information Security Lead"],
]
IT_EXTRA = [
    "Integration Architect",
    "Data Platform Manager",
    "IT Service Desk Lead",
    "Identity & Access Engineer",
]

# --------------------------------------------------------------------------- seller / competitor companies
SELLER_PREFIXES = [
    "Northwind",
    "Bluefjord",
    "Corvane",
    "Ardentis",
    "Skylark",
    "Tessaly",
    "Halcyon",
    "Quayside",
    "Lodestar",
    "Parallax",
    "Ironbark",
    "Sablecrest",
    "Kittiwake",
    "Tallowmere",
    "Brightline",
]
SELLER_SUFFIXES = ["Systems", "Software", "Technologies", "Cloud", "Platforms"]
SELLER_HOMES = {
    "uk": {
        "legal": "Ltd.",
        "reg": "Registered in England & Wales, No. {n}",
        "tzs": ["uk", "uk", "us_east", "us_pac", "cet"],
        "tld": "com",
        "ctz": "uk",
    },
    "ie": {
        "legal": "Limited",
        "reg": "Registered in Ireland, No. {n}",
        "tzs": ["uk", "uk", "cet", "us_east"],
        "tld": "com",
        "ctz": "uk",
    },
    "us": {
        "legal": "Inc.",
        "reg": "Incorporated in Delaware, file no. {n}",
        "tzs": ["us_east", "us_east", "us_pac", "uk", "us_cen"],
        "tld": "com",
        "ctz": "us_east",
    },
    "nl": {
        "legal": "B.V.", "reg": "KvK {n}", "tzs": ["cet", "cet", "uk", "us_east"], "tld": "io", "ctz": "cet"
    },
    "de": {
        "legal": "GmbH",
        "reg": "Amtsgericht München HRB {n}",
        "tzs": ["cet", "cet", "uk", "eet"],
        "tld": "de",
        "ctz": "cet",
    },
}
SELLER_TITLES = {
    "account": [
        "Senior Account Director",
        "Account Executive",
        "Key Account Manager",
        "Enterprise Account Manager",
    ],
    "success": [
        "Customer Success Manager",
        "Senior Customer Success Manager",
        "Customer Success Lead",
    ],
    "solutions": [
        "Principal Solutions Engineer",
        "Solutions Architect",
        "Senior Solutions Consultant",
    ],
    "support": ["Support Team Lead", "Technical Support Manager", "Senior Support Engineer"],
}
TZ_PHONE = {
    "uk": "+44 20 7946 0{d3}",
    "cet": "+31 20 555 0{d3}",
    "eet": "+358 9 555 0{d3}",
    "us_east": "+1 617 555 0{d3}",
    "us_cen": "+1 312 555 0{d3}",
    "us_pac": "+1 415 555 0{d3}",
    "ist": "+91 80 5555 0{d3}",
    "sgt": "+65 6555 0{d3}",
}
OPS_MODULES = [
    "Order Hub",
    "Carrier Portal",
    "Workforce Scheduler",
    "Inventory Insight",
    "Yard Manager",
    "Dock Planner",
    "Returns Desk",
    "Supplier Portal",
    "Fleet View",
    "Label Studio",
    "Route Planner",
    "Task Board",
    "Billing Centre",
    "Asset Tracker",
    "Contract Vault",
]
ANALYTICS_MODULES = [
    "Analytics Pro",
    "Insight Studio",
    "Report Builder",
    "KPI Centre",
    "Dashboards+",
]
COMP_PREFIXES = [
    "Veridian",
    "Orbitra",
    "Stratalis",
    "Nimbora",
    "Kairon",
    "Axelis",
    "Tidewell",
    "Fennick",
    "Cobaltline",
    "Quantix",
    "Praxon",
    "Luminar",
    "Zephyra",
    "Okapi",
    "Velora",
]
COMP_SUFFIXES = ["Cloudworks", "Software", "Technologies", "Digital", "Labs", "Solutions"]
PRODUCT_A = [
    "Flow",
    "Nexa",
    "Pulse",
    "Orbit",
    "Vista",
    "Tide",
    "Helix",
    "Quanta",
    "Strata",
    "Lumen",
    "Vector",
    "Cirrus",
    "Sona",
    "Axon",
    "Kinet",
]
PRODUCT_B = [
    "Sphere",
    "Grid",
    "OS",
    "Suite",
    "Stream",
    "Link",
    "Pilot",
    "Point",
    "Works",
    "Deck",
    "Core",
    "Loop",
]
COMP_TITLES = [
    "Enterprise Account Executive",
    "Solution Consultant",
    "Regional Sales Director",
    "Industry Principal",
    "Senior Account Executive",
    "Value Engineer",
]

# --------------------------------------------------------------------------- vision phrase pools
GEN_MODS = [
    "self-healing",
    "exception-first",
    "zero-touch",
    "closed-loop",
    "always-on",
    "touchless",
    "insight-led",
    "demand-driven",
    "lights-out",
    "hyper-connected",
    "outcome-led",
    "sense-and-respond",
    "signal-driven",
    "no-regret",
    "asset-light",
    "digital-first",
    "risk-aware",
    "carbon-aware",
    "glass-box",
    "borderless",
    "frictionless",
    "autonomous",
    "adaptive",
]
IT_MODS = [
    "API-first",
    "event-driven",
    "cloud-native",
    "composable",
    "zero-trust",
    "sovereign",
    "headless",
    "serverless",
    "policy-as-code",
    "self-service",
    "contract-first",
    "low-code",
    "identity-centric",
    "immutable",
    "multi-tenant",
    "GitOps-managed",
    "platform-led",
    "streaming-first",
    "mesh-ready",
]
COMP_MODS = [
    "AI-native",
    "autonomous",
    "touchless",
    "cognitive",
    "self-learning",
    "prescriptive",
    "zero-latency",
    "agentic",
    "generative",
    "always-optimised",
    "hands-free",
    "AI-orchestrated",
    "self-driving",
]
MASS_HEADS = [
    "orchestration",
    "choreography",
    "autonomy",
    "resilience",
    "visibility",
    "intelligence",
    "synchronisation",
    "stewardship",
]
COUNT_HEADS = [
    "backbone",
    "mesh",
    "control tower",
    "fabric",
    "flywheel",
    "playbook",
    "operating model",
    "cockpit",
    "spine",
    "twin",
    "grid",
    "exchange",
    "nerve centre",
    "command layer",
    "engine",
    "compass",
    "ledger",
]
IT_HEADS = [
    "backbone",
    "mesh",
    "landing zone",
    "fabric",
    "access layer",
    "integration hub",
    "service catalogue",
    "control plane",
    "data spine",
    "runtime",
    "paved road",
    "gateway tier",
    "core",
]
GERUNDS = [
    "slotting",
    "routing",
    "sensing",
    "balancing",
    "sourcing",
    "replenishment",
    "scheduling",
    "matching",
    "pricing",
    "allocation",
    "sequencing",
    "dispatching",
    "forecasting",
    "consolidation",
]
IT_NOUNS = [
    "API",
    "event",
    "integration",
    "identity",
    "workload",
    "service",
    "data product",
    "tenant",
    "pipeline",
    "cluster",
    "domain",
    "secret",
    "schema",
    "connector",
]
LEADS = [
    "golden path",
    "digital twin",
    "single front door",
    "flight deck",
    "command centre",
    "north-star metric",
    "one-stop shop",
    "control room",
]
PLANS = ["exit plan", "moonshot", "reset", "manifesto", "blueprint", "charter", "masterplan"]
AREAS = ["operations", "planning", "fulfilment", "procurement", "servicing", "execution"]
TRUTHS = ["cost", "margin", "carbon", "service", "capacity", "risk"]
PLAYS = ["ecosystem play", "network effect", "marketplace bet", "alliance model", "partner web"]
PAYMODELS = [
    "pay-per-{n} model",
    "cost-per-{n} contract",
    "{n}-as-a-service deal",
    "price-per-{n} scheme",
]
ONEVIEWS = [
    "one version of the {n}",
    "one truth per {n}",
    "every {n} in one view",
    "one record per {n}",
]
# --------------------------------------------------------------------------- ordinary requests
# (category, owner role, departments, subjects, [(body, log summary), ...])
ORD = [
    (
        "invoice",
        "account",
        ["Finance", "Procurement"],
        [
            "Invoice {inv}",
            "Query on invoice {inv}",
            "invoice {inv} - PO missing",
            "Question about your latest invoice",
        ],
        [
            (
                "We received invoice {inv} but it doesn't reference our PO {po}, so our AP system has rejected it. "
                "Could you re-issue it with the PO number on it?",
                "Re-issue invoice {inv} with PO {po}",
            ),
            (
                "The amount on invoice {inv} is higher than we expected. It looks like the {n} extra {module} licences "
                "from {month} might have been charged twice. Can you check?",
                "Possible double charge on {inv}",
            ),
            (
                "Invoice {inv} still shows our old billing address. Please send a corrected version to our AP mailbox.",
                "Corrected billing address on {inv}",
            ),
        ],
    ),
    (
        "payment",
        "account",
        ["Finance"],
        [
            "Credit note for {inv}?",
            "Payment status",
            "Remittance / credit note",
            "Reminder received for {inv}",
        ],
        [
            (
                "Can you confirm whether the credit note for {inv} has been issued? Our controller wants to close the month.",
                "Status of credit note for {inv}",
            ),
            (
                "We paid {inv} on {pdate} but received a payment reminder today. Could you check with your finance team "
                "that the payment was allocated correctly?",
                "Reminder for already paid invoice {inv}",
            ),
        ],
    ),
    (
        "support",
        "support",
        ["Operations", "Customer Service", "Transport Planning", "Logistics"],
        [
            "Issue in {module} - ticket {ticket}",
            "{module} error",
            "Ticket {ticket} - no update",
            "Urgent: {module} not saving changes",
        ],
        [
            (
                "Since this morning several users get an error when saving changes in {module}. We logged ticket {ticket} "
                "but have not heard back yet. Could someone take a look?",
                "{module} save error, ticket {ticket}",
            ),
            (
                "Ticket {ticket} has been open for {n} days without an update. It affects our daily planning so I'd "
                "appreciate an escalation.",
                "Escalation of ticket {ticket}",
            ),
            (
                "One of our team leads reports that the filters in {module} reset every time the page reloads. Is this a "
                "known bug? Our ref is {ticket}.",
                "Filter reset bug in {module} ({ticket})",
            ),
        ],
    ),
    (
        "performance",
        "support",
        ["Operations", "Customer Service", "Logistics"],
        ["{module} very slow today", "Performance issues", "slow response times"],
        [
            (
                "{module} has been very slow since yesterday afternoon, pages take 20-30 seconds to load. Is there an "
                "incident on your side?",
                "{module} slowness - incident check",
            ),
            (
                "Users in our {city} office complain about slow response times between 8 and 10 in the morning. Can your "
                "team check whether anything heavy is running at that time?",
                "Morning slowness for {city} users",
            ),
        ],
    ),
    (
        "licences",
        "account",
        ["Procurement", "Finance"],
        ["Licence count", "Licence true-up {year}", "How many licences do we have?"],
        [
            (
                "For our annual true-up, could you send an overview of how many named users we have per module, and how "
                "many of them are actually active? I think we're over-licensed on {module}.",
                "Licence overview per module for true-up",
            ),
            (
                "We need to reduce our {module} licences by {n} from the next billing period. What's the deadline to "
                "notify you?",
                "Reduce {module} licences by {n}",
            ),
        ],
    ),
    (
        "add_users",
        "account",
        ["Operations", "Procurement", "HR", "Logistics"],
        ["Additional licences", "{n} more users for {module}", "Order: extra users"],
        [
            (
                "We need {n} additional {module} licences for new starters in {city}. Can you send a quote? Same terms as "
                "the existing contract please.",
                "Quote for {n} extra {module} licences",
            ),
            (
                "Please add {n} users to our {module} subscription from the 1st of next month. PO {po} will follow.",
                "Add {n} {module} users (PO {po})",
            ),
        ],
    ),
    (
        "training",
        "success",
        ["HR", "Operations", "Customer Service"],
        ["Training dates", "{module} training for new team", "Training session {fdate}?"],
        [
            (
                "Could you propose dates for a {module} training for {n} new colleagues? Ideally in the week of {fdate}, "
                "on site in {city} if possible, otherwise remote.",
                "{module} training for {n} new users, wk of {fdate}",
            ),
            (
                "Is the admin training on {fdate} still going ahead? Two of our people would like to join.",
                "Confirm admin training on {fdate}",
            ),
            (
                "Do you have recorded training videos for {module}? We have a lot of seasonal staff starting soon.",
                "Recorded training material for {module}",
            ),
        ],
    ),
    (
        "docs",
        "success",
        ["HR", "Customer Service", "Operations"],
        ["User guide", "Onboarding material", "quick reference guide?"],
        [
            (
                "Do you have an up-to-date user guide for {module}? The one we have is from 2021 and the screenshots no "
                "longer match.",
                "Updated user guide for {module}",
            ),
            (
                "Can you share a one-page quick reference for new {module} users? We'd like to put it in our onboarding "
                "pack.",
                "Quick reference sheet for {module}",
            ),
        ],
    ),
    (
        "renewal",
        "account",
        ["Procurement", "Legal"],
        ["Contract renewal", "Renewal timeline", "Renewal of agreement {contract}"],
        [
            (
                "Our agreement {contract} expires on {fdate2}. Could you send the renewal paperwork and confirm whether "
                "prices will change?",
                "Renewal paperwork for {contract}",
            ),
            (
                "Legal would like to review the renewal terms at least 60 days before expiry. When can we expect the draft?",
                "Draft renewal terms for legal review",
            ),
            (
                "Can you confirm the notice period in our current contract? I can't find the signed copy.",
                "Confirm notice period / signed copy",
            ),
        ],
    ),
    (
        "meeting",
        "success",
        [],
        ["Catch-up", "Meeting next week?", "Quarterly review - date", "Call on {weekday}?"],
        [
            (
                "Could we set up a 30-minute call next week to go through the open tickets? {weekday} or Thursday "
                "afternoon works for me.",
                "Schedule call on open tickets",
            ),
            (
                "Can we move our quarterly review to {fdate}? A few of us are travelling on the original date.",
                "Move QBR to {fdate}",
            ),
            (
                "Would you have time to meet when you're in {city}? Happy to host you in our office.",
                "Meeting request in {city}",
            ),
        ],
    ),
    (
        "sso",
        "support",
        ["IT"],
        ["Login problem", "SSO error", "Cannot log in", "Locked out of {module}"],
        [
            (
                "A few users get 'SAML response invalid' when logging into {module} via SSO since this morning. Nothing "
                "changed on our side as far as I know.",
                "SSO SAML error for several users",
            ),
            (
                "{n} users are locked out after the password policy change. Can you unlock them? The list is in ticket "
                "{ticket}.",
                "Unlock {n} users ({ticket})",
            ),
        ],
    ),
    (
        "api",
        "solutions",
        ["IT"],
        ["API credentials", "Sandbox refresh", "API rate limit"],
        [
            (
                "Could you refresh our sandbox with a copy of production data? We have a UAT cycle starting {fdate}.",
                "Sandbox refresh before UAT {fdate}",
            ),
            (
                "We're hitting the API rate limit during the nightly sync (HTTP 429). Can the limit be raised for our "
                "tenant?",
                "API rate limit increase (429s)",
            ),
            (
                "Please issue a new API client secret for our integration user, the current one expires on {fdate}.",
                "New API client secret",
            ),
        ],
    ),
    (
        "report",
        "support",
        ["Finance", "Operations"],
        ["Report export", "Excel export broken?", "monthly report"],
        [
            (
                "The monthly utilisation report exports to Excel with all dates shifted by one day. Can you check?",
                "Date shift in Excel export",
            ),
            (
                "Is it possible to schedule the {module} KPI report to be emailed every Monday morning?",
                "Schedule weekly {module} KPI report",
            ),
        ],
    ),
    (
        "gdpr",
        "solutions",
        ["Legal", "HR"],
        ["Data deletion request", "GDPR request", "Data retention"],
        [
            (
                "We received a data subject request from a former employee. Can you confirm how we delete their personal "
                "data from {module}?",
                "GDPR deletion for former employee",
            ),
            (
                "What is your standard retention period for audit logs? Our DPO is asking.",
                "Audit log retention period",
            ),
        ],
    ),
    (
        "billing_contact",
        "account",
        ["Finance", "Procurement"],
        ["Change of billing contact", "New AP mailbox", "Update to our invoicing details"],
        [
            (
                "Starting next month please send all invoices to our new AP mailbox, ap-invoices@{domain}. The old address "
                "will be switched off.",
                "New AP mailbox for invoices",
            ),
            (
                "Our registered address changes on {fdate}. Please update it on your side for invoices and the contract.",
                "Update company address from {fdate}",
            ),
        ],
    ),
    (
        "release",
        "success",
        [],
        ["Upcoming release", "Release notes?", "Changes in next update"],
        [
            (
                "Are there any changes in the next release that affect {module} users? We'd like to prepare our team.",
                "Impact of next release on {module}",
            ),
            (
                "Where can I find the release notes for last weekend's update? Some buttons moved and people are asking.",
                "Release notes for last update",
            ),
        ],
    ),
    (
        "questionnaire",
        "solutions",
        ["Legal", "IT", "Procurement"],
        ["Annual supplier assessment", "Vendor questionnaire {year}", "ISO certificate"],
        [
            (
                "As every year, we need you to complete our supplier assessment questionnaire and send your current ISO "
                "27001 certificate. Deadline is {fdate}.",
                "Annual supplier questionnaire + ISO cert",
            ),
            (
                "Could you send us your latest SOC 2 report? Our auditors need it for the year-end file.",
                "SOC 2 report for auditors",
            ),
        ],
    ),
    (
        "leavers",
        "support",
        ["HR", "Operations"],
        ["Deactivate users", "Leavers", "Remove access"],
        [
            (
                "Please deactivate the users who have left the company - {n} accounts, list in ticket {ticket}. Can you "
                "confirm once done?",
                "Deactivate {n} leavers ({ticket})",
            ),
            (
                "Can you remove access for a contractor whose engagement ended last Friday? Details sent via the portal.",
                "Remove contractor access",
            ),
        ],
    ),
    (
        "holiday",
        "support",
        ["Operations", "Customer Service", "Logistics"],
        ["Support over the holidays", "Support cover during {holiday}", "Out of hours support"],
        [
            (
                "Will your support desk be staffed between Christmas and New Year? We have a peak period and need to know "
                "who to call.",
                "Holiday support coverage",
            ),
            (
                "What are your support hours during {holiday}? We'll be running extra shifts.",
                "Support hours during {holiday}",
            ),
        ],
    ),
    (
        "supplier_docs",
        "account",
        ["Procurement", "Legal"],
        ["Supplier onboarding documents", "Certificate of insurance", "Bank details confirmation"],
        [
            (
                "Our new supplier system requires an updated certificate of insurance and a signed code of conduct. Could "
                "you upload both by {fdate}?",
                "Insurance certificate + code of conduct",
            ),
            (
                "We received a letter saying your bank details have changed. Before we update anything, can you confirm "
                "this by phone?",
                "Verify change of bank details",
            ),
        ],
    ),
    (
        "howto",
        "support",
        ["Operations", "Customer Service", "Transport Planning", "Logistics"],
        ["Quick question", "How do I ...?", "Question about {module}"],
        [
            (
                "Is there a way to bulk-update the status of {n} records in {module}? Doing it one by one takes forever.",
                "Bulk update in {module}",
            ),
            (
                "How do I give a team lead read-only access to another team's dashboards?",
                "Read-only dashboard access",
            ),
            (
                "Can we add a custom field to the order screen? We need to capture the customer reference.",
                "Custom field on order screen",
            ),
        ],
    ),
    (
        "incident",
        "support",
        ["Operations", "IT"],
        ["Incident report request", "RCA for last week's outage", "Outage on {pdate}"],
        [
            (
                "Could you send us a root cause analysis for the outage on {pdate}? Our management wants to understand what "
                "happened.",
                "RCA for outage on {pdate}",
            ),
            (
                "We noticed about an hour of downtime on {pdate}. Was this planned maintenance? We did not get a "
                "notification.",
                "Unannounced downtime on {pdate}",
            ),
        ],
    ),
]

SELLER_REPLIES = {
    "invoice": [
        "Thanks for flagging. I've asked our billing team to look at {inv} and will come back to you by tomorrow.",
        "Apologies for that - a corrected version of {inv} is attached. Let me know if AP needs anything else.",
        "I've checked {inv}: the licences were only charged once, the second line is the pro-rata adjustment. "
        "Happy to walk you through it.",
    ],
    "payment": [
        "Finance confirms the credit note for {inv} was issued yesterday; you should have it in your AP mailbox.",
        "Thanks - I can see the payment was received, the reminder was sent in error. Sorry about that.",
    ],
    "support": [
        "Thanks, I've picked up {ticket} personally and our engineers are looking at it now. I'll update you by end of day.",
        "We identified the cause - a configuration change on our side. A fix has been deployed; could you ask "
        "your users to try again?",
        "Sorry for the slow response on {ticket}. It's now escalated to second line with high priority.",
    ],
    "performance": [
        "We did see elevated response times in the EU region yesterday; it should be resolved now. Let me "
        "know if users still notice it.",
        "Thanks for reporting. I've opened an internal incident and asked our SRE team to check the morning load.",
    ],
    "licences": [
        "Please find the licence overview below:\n\n  {module}: {users} named / {active} active\n  "
        "{amod}: 45 named / 38 active\n\nHappy to discuss the true-up on our next call.",
        "The notice deadline is 30 days before the billing period. I've noted the reduction.",
    ],
    "add_users": [
        "Thanks - quote for {n} additional {module} licences attached, same terms as the current agreement.",
        "Done, {n} users added. I'll wait for PO {po} before invoicing.",
    ],
    "training": [
        "We can do {fdate} or the following Tuesday. On-site in {city} is possible; I'll check trainer availability.",
        "Yes, the session on {fdate} is confirmed. I've added both colleagues to the invite.",
        "We have a recorded course in our academy - I'll send access links for your team.",
    ],
    "docs": [
        "Sure, the latest guide is attached. We're also publishing an updated version next month.",
        "Attached is our quick reference card. Feel free to brand it for your onboarding pack.",
    ],
    "renewal": [
        "I'll send the renewal paperwork this week. Prices are subject to the annual indexation as per the contract.",
        "We'll have the draft ready by {fdate}, well ahead of the 60-day window.",
        "The notice period is 90 days. I've attached the countersigned copy from our files.",
    ],
    "meeting": [
        "{weekday} works for me - invite on its way.",
        "No problem, I've moved the review to {fdate}. Same agenda.",
        "I'd love to - I'll be in {city} the week after next. Let's find a slot.",
    ],
    "sso": [
        "We rolled out a certificate rotation last night which affected some tenants. It has been reverted; please try again.",
        "All {n} users have been unlocked. Let me know if anyone still has trouble.",
    ],
    "api": [
        "The sandbox refresh is scheduled for this weekend; it'll be ready well before {fdate}.",
        "We've raised your tenant's rate limit for the nightly window. Please monitor tonight's run.",
        "A new secret has been issued via the admin portal; the old one stays valid until {fdate}.",
    ],
    "report": [
        "Thanks, this is a known issue with the time zone setting in the export. A fix is due in the next release; "
        "workaround: set the report time zone to UTC.",
        "Yes - under Reports > Schedules you can set it to go out every Monday at 07:00.",
    ],
    "gdpr": [
        "Admins can anonymise a user under Settings > Users > Anonymise. I can also do it for you if you send the user ID.",
        "Audit logs are retained for 13 months by default; longer retention is available as an option.",
    ],
    "billing_contact": [
        "Thanks, updated on our side from the next invoice onwards.",
        "Noted - the new address will appear on invoices from {fdate}.",
    ],
    "release": [
        "The release notes are on our customer portal; the main change for {module} users is the new toolbar layout.",
        "Nothing major for {module} this time - mostly fixes. I'll send a short summary.",
    ],
    "questionnaire": [
        "Our security team will complete the questionnaire by {fdate}. ISO certificate attached.",
        "Our SOC 2 Type II report is available under NDA - I've shared it via the trust portal.",
    ],
    "leavers": [
        "Done - all {n} accounts have been deactivated.",
        "Access removed. Let us know if you need an export of their activity.",
    ],
    "holiday": [
        "Yes, support is staffed every day except 25 December and 1 January, with on-call cover for P1s on those days.",
        "Standard hours apply during {holiday}; P1 cover is 24/7 as usual.",
    ],
    "supplier_docs": [
        "Both documents have been uploaded to your supplier portal.",
        "Good call checking - we have NOT changed our bank details. Please forward me the letter, it "
        "sounds like a fraud attempt.",
    ],
    "howto": [
        "Yes - use the bulk edit option in the list view (select all > Actions > Update status).",
        "You can do that with a custom role; I'll send a short guide.",
        "Custom fields are available on your plan. I'll set up a call to configure it.",
    ],
    "incident": [
        "RCA attached. In short, a failed database failover caused 47 minutes of degraded service.",
        "That was an unplanned incident, apologies for the missing notification. The RCA will follow this week.",
    ],
    "generic": [
        "Thanks {first}, received - we'll come back to you shortly.",
        "Got it, thanks. I'll look into this and get back to you.",
        "Thanks for the note, on it.",
    ],
}
FOLLOWUPS = [
    ("Thanks {s}, much appreciated.", None),
    ("Perfect, thank you!", None),
    ("Great - that works for us.", None),
    ("thx", None),
    ("Thanks. Could you also copy {colleague} on future updates?", "Done, {colleague} added."),
    ("Received, thanks. I'll pass it on to {colleague}.", None),
    (
        "Thanks {s}. Unfortunately the problem is back this morning - can you have another look?",
        "Sorry to hear that - I've reopened it and will call you this afternoon.",
    ),
    (
        "Thanks! One more question: does this also apply to our {city} site?",
        "Yes, it applies to all your sites.",
    ),
    ("Ok, noted.", None),
    ("Much appreciated {s}, have a good weekend.", None),
]

# --------------------------------------------------------------------------- strategic decoys (no shared vocabulary)
STRATEGIC = [
    (
        "AI in forecasting",
        "Our planners keep asking about machine-learning forecasts. Is anything like that on your "
        "roadmap for the next couple of years?",
        "Roadmap: ML forecasting",
    ),
    (
        "Seat pricing above 1,000 users",
        "If we rolled the platform out to our agency staff as well we'd be well above "
        "1,000 seats. Is there a volume tier beyond that?",
        "Volume tier pricing >1,000 seats",
    ),
    (
        "Consolidating tenants",
        "We currently run three separate tenants, one per region. What would a merge into a "
        "single tenant involve, and what would it cost?",
        "Effort/cost to merge 3 tenants",
    ),
    (
        "Scope 3 emissions",
        "Our sustainability office has to report Scope 3 emissions next year. Can your platform "
        "estimate CO2e per consignment?",
        "CO2e per consignment reporting",
    ),
    (
        "Managed service option",
        "Would {seller} consider running the platform administration for us as a managed "
        "service? We are short on internal admins.",
        "Managed admin service option",
    ),
    (
        "Data residency",
        "Legal wants to know whether all our data can stay within the EEA, including backups and "
        "support access.",
        "EEA data residency incl. backups",
    ),
    (
        "Three-year ramp deal",
        "For the next contract, could you price a three-year deal with a flat first year and "
        "growth in years two and three?",
        "3-yr ramp pricing",
    ),
    (
        "Offline mobile app",
        "Our field inspectors often work without connectivity. Is an offline-capable mobile app "
        "planned?",
        "Offline mobile app roadmap",
    ),
    (
        "Dedicated technical account manager",
        "What would it cost to have a named technical account manager for us, "
        "say two days a month?",
        "Price for named TAM",
    ),
    (
        "DR / business continuity",
        "As part of our continuity planning, please share your RTO/RPO commitments and the "
        "date of your last disaster recovery test.",
        "RTO/RPO + last DR test",
    ),
    (
        "Integration platform",
        "We are moving our interfaces onto an iPaaS over the next 18 months. Do you have "
        "certified connectors or recommended patterns?",
        "iPaaS connectors",
    ),
    (
        "Benchmarking",
        "Could you benchmark our adoption and usage against comparable customers? Management wants to "
        "know whether we get value for money.",
        "Usage benchmark vs peers",
    ),
    (
        "Standards support",
        "Does {seller} plan to support industry messaging standards such as DCSA track & trace or "
        "EDIFACT IFTSTA natively?",
        "Support for DCSA/EDIFACT",
    ),
    (
        "Acquisition scenario",
        "Confidential: we may acquire a smaller competitor next year, which would add roughly "
        "30% users. How would licensing and migration work?",
        "Licensing impact of acquisition (+30%)",
    ),
    (
        "Subprocessors",
        "Please send your current list of subprocessors and tell us how you notify customers of "
        "changes.",
        "Subprocessor list + change notifications",
    ),
    (
        "Shared services centre",
        "We're opening a shared services centre in Kraków next spring. Could your first-line "
        "support cover 07:00 {ctz} starts?",
        "Support from 07:00 {ctz} for SSC",
    ),
    (
        "Peak season capacity",
        "Our volumes roughly triple during peak season. Can you describe how the platform "
        "scales and whether we should expect any throttling?",
        "Peak-season scaling",
    ),
    (
        "Outcome-based pricing",
        "Would you be open to a fee that partly depends on on-time delivery improvements? Our "
        "CFO likes the idea of sharing risk.",
        "Outcome-linked fee idea",
    ),
    (
        "Admin certification",
        "We are thinking about bringing more admin work in-house. Do you offer an admin "
        "certification track, and what does it cost?",
        "Admin certification programme",
    ),
    (
        "Price lock on analytics",
        "Could we lock the price of the analytics add-on for five years if we commit now?",
        "5-yr price lock on analytics add-on",
    ),
    (
        "Accessibility",
        "Our HR department asked whether your user interface meets WCAG 2.1 AA. Do you have an "
        "accessibility conformance report?",
        "WCAG 2.1 AA / conformance report",
    ),
    (
        "Languages",
        "Several sites would prefer the interface in Polish and Portuguese. Are further languages planned?",
        "Additional UI languages (PL, PT)",
    ),
    (
        "Implementation partners",
        "Which implementation partners do you work with in the {region}? We might need local "
        "help for a rollout.",
        "Implementation partners in {region}",
    ),
    (
        "Exit assistance",
        "For our risk register: what exit assistance do you provide at the end of the contract, and "
        "in what format would we get our data back?",
        "Exit assistance / data return format",
    ),
    (
        "Customer advisory board",
        "Is there a customer advisory board we could join? We'd like more influence on what "
        "you build.",
        "Join customer advisory board",
    ),
    (
        "Handheld scanners",
        "Which handheld scanners are supported by your mobile app? We're replacing ours next year.",
        "Supported handheld scanners",
    ),
    (
        "Quantum-safe encryption?",
        "Slightly unusual question from our risk committee: does your encryption roadmap "
        "consider post-quantum algorithms?",
        "Post-quantum crypto roadmap",
    ),
    (
        "Sandbox per country",
        "Would it be possible to have one sandbox per country organisation for testing local "
        "configurations?",
        "Sandbox per country org",
    ),
]
STRATEGIC_REPLIES = [
    "Thanks {first}, good question. Let me check with product management and come back to you next week.",
    "We have a few options here. Could we discuss on our next call? I'll bring someone from the product team.",
    "I'll put a short written answer together - expect it by {day}.",
    "Interesting idea. I'll need to check internally what's possible commercially.",
]

# --------------------------------------------------------------------------- vision templates (primary's own words)
# {A},{B},{C} = vision noun phrases (with article), {Ac} = capitalised.
VISION_CORE = [
    {
        "owner": "account",
        "subj": ["Pricing scenario - 5 year term", "What-if pricing", "pricing question (5y)"],
        "summ": "Pricing what-if, 5-yr term, +{pct}% p.a. growth",
        "body": "Could you model a pricing scenario for a five-year commitment that assumes we move towards {A}? I'd "
        "like to see the effect on unit cost if volumes grow by {pct}% a year, and how {B} would change the "
        "picture.\n\nA rough range is fine at this stage.",
    },
    {
        "owner": "solutions",
        "subj": ["Your product roadmap {y1}-{y5}", "Roadmap question", "5-year roadmap"],
        "summ": "5-year roadmap overview requested",
        "body": "We are building our five-year view and need to understand where your roadmap is going. "
        "Specifically: does it include anything that supports {A}, and is {B} something you plan to invest "
        "in? A slide or two would be enough.",
    },
    {
        "owner": "solutions",
        "subj": [
            "Architecture proposal request",
            "High-level architecture",
            "Architecture - next steps",
        ],
        "summ": "High-level architecture proposal",
        "body": "Could your solutions team put together a high-level architecture proposal showing how your platform "
        "would sit inside {A}? We'd also want to see where {B} fits and what integration work is needed on "
        "our side.",
    },
    {
        "owner": "solutions",
        "subj": ["Security & compliance questions", "Compliance questions", "Audit file - questions"],
        "summ": "Security/compliance questions for audit file",
        "body": "A few questions from the compliance side: how would your hosting model work with {A}? Do you have "
        "customers running {B} with you today, and which certifications would apply? We'll need this "
        "documented for our audit file.",
    },
    {
        "owner": "success",
        "subj": [
            "Professional services - staffing estimate",
            "Services capacity next year",
            "Consultants for {y1}",
        ],
        "summ": "Estimate for {n} consultants over {m} months",
        "body": "We may need dedicated services capacity next year. Can you estimate what a team of {n} consultants "
        "would cost over {m} months to help us with {A}? Ideally people who have done {B} before.",
    },
    {
        "owner": "account",
        "subj": ["Alternative commercial model", "Commercial model", "Per-user pricing"],
        "summ": "Alternative to per-user commercial model",
        "body": "Is there any appetite on your side for a commercial model aligned with {A}? Today we pay per user, "
        "which doesn't really reflect {B}. Keen to hear options.",
    },
    {
        "owner": "success",
        "subj": ["Reference customers", "References?", "Customer references"],
        "summ": "Reference customers ({sector})",
        "body": "Do you have reference customers who have implemented {A}? We'd like to speak to one or two, ideally "
        "in {sector}, who can talk about {B}.",
    },
    {
        "owner": "success",
        "subj": ["Workshop request - Q{q}", "Workshop with your architects", "half-day workshop?"],
        "summ": "Half-day workshop with solution architects",
        "body": "Could we set up a half-day workshop with your solution architects in the next few weeks? Agenda from "
        "our side: {A}, {B}, and what a realistic first phase could look like.",
    },
    {
        "owner": "account",
        "subj": [
            "Questions for our vendor strategy review",
            "Vendor strategy review",
            "Three questions",
        ],
        "summ": "Vendor strategy review - 3 questions",
        "body": "As part of our vendor strategy review we are asking key suppliers three questions:\n\n"
        "1. How does your product contribute to {A}?\n2. What is your position on {B}?\n"
        "3. What would you need from us to support {C}?\n\nShort written answers are fine.",
    },
    {
        "owner": "solutions",
        "subj": ["Data export / integration question", "Real-time data feed", "Streaming data out"],
        "summ": "Near-real-time data feed options",
        "body": "We want to understand what data we could stream out of your platform in near-real time. The aim is "
        "{A}, so latency and completeness matter more than format. Would this fit with {B}?",
    },
    {
        "owner": "account",
        "subj": ["Renewal - scope discussion", "Before we talk renewal numbers", "Renewal scope"],
        "summ": "Reframe renewal scope",
        "body": "Before we get into the renewal numbers I need to reframe the scope a bit. Going forward, everything we "
        "buy needs to support {A} and {B}. Can you come back with a proposal that reflects that rather than "
        "a like-for-like renewal?",
    },
    {
        "owner": "support",
        "subj": ["Service levels going forward", "SLA question", "P2 response times"],
        "summ": "SLA options beyond current terms",
        "body": "Are your current SLAs compatible with {A}? If we rely on your platform for {B}, a 4-hour response "
        "time for P2 issues probably won't be enough. What options exist?",
    },
    {
        "owner": "account",
        "subj": ["Budget estimate for next FY", "Indicative budget", "budget figures FY{yy}"],
        "summ": "Indicative budget for next FY",
        "body": "I need indicative budget figures for next financial year covering licences, services and any new "
        "modules related to {A}. Please split out anything for {B} so we can see it separately.",
    },
    {
        "owner": "success",
        "subj": ["Pilot proposal?", "90-day pilot", "Pilot idea"],
        "summ": "90-day pilot proposal",
        "body": "Would {seller} be open to running a small pilot around {A}? We'd be looking for something we can "
        "show internally within 90 days, ideally touching {B} as well.",
    },
    {
        "owner": "solutions",
        "subj": [
            "Interoperability / exit questions",
            "Running alongside other vendors",
            "Lock-in question",
        ],
        "summ": "Interoperability / lock-in question",
        "body": "Hypothetical question: if we moved to {A}, how easy would it be to run your product alongside other "
        "vendors? We're trying to avoid lock-in while we build {B}.",
    },
]
VISION_REPLIES = [
    "Thanks {first}, this is helpful context. {sol} and I will put together a view on {A} and come back to you by {day}.",
    "Great question. Let me involve our product team - next year's roadmap does touch on some of this. Could we take "
    "30 minutes to discuss?",
    "Thanks - we'll prepare a what-if scenario. To make it realistic, could you share expected volumes for the next "
    "three years?",
    "Understood. I've asked our solutions team to draft a short note covering {A} and {B}.",
    "Happy to help. We've done something similar for another {sector} customer; I'll check whether they would act as "
    "a reference.",
    "Thanks for sharing. I'll set up a workshop - could you send two or three dates that work on your side?",
    "Noted. Our specialists will answer these in writing; expect a response within two weeks.",
    "Received, thank you. We'll come back with options rather than a single number.",
]
VISION_FOLLOWUPS = [
    "Thanks, {day} is fine.",
    "Great, thanks.",
    "Volumes: roughly +{pct}% per year for the next three years. Let me know if you need more.",
    "Thanks {s}. Please keep it short - one or two pages max.",
    "Sounds good, speak then.",
]

# --------------------------------------------------------------------------- source-side texts
EXEC_ORIG = [  # internal note exec -> primary contact
    (
        "{seller} - commercial model",
        "Pricing what-if requested by {abbr}",
        "{pf},\n\nAhead of the renewal I want us to stop thinking in licences. What I need from {seller} is a view on "
        "{A} and how their pricing would work under {B}. Can you ask them for a what-if?\n\nThanks,\n{sf}",
    ),
    (
        "Vendor roadmaps",
        "Roadmap request ({abbr})",
        "{pf} - please ask our top five vendors, {seller} included, for their 5-year roadmap. I'm specifically looking "
        "for evidence they understand {A}. If they can't talk about {B} credibly, we need to know now.\n\n{sf}",
    ),
    (
        "Architecture - where does {seller} fit?",
        "Architecture fit question",
        "Hi {pf},\n\nI sketched the target picture at the offsite: {A} at the core, {B} around it, and {C} as the way "
        "we measure it. {seller} is one of the pieces. Could you get their architects to show us where they'd "
        "sit?\n\nRgds,\n{sf}",
    ),
    (
        "Compliance angle",
        "Compliance questions",
        "{pf}, one more for the list. If we go for {A}, data will flow across far more partners than today. Ask "
        "{seller} how they handle customs and data-protection obligations in that world, and whether {B} creates any "
        "audit issues.\n{sf}",
    ),
    (
        "Services capacity",
        "Services team request",
        "Hi {pf}, I want to understand who could actually help us build {A}. Can you find out what kind of team "
        "{seller} could provide, how senior, and what they've done on {B} elsewhere?\n\nBest,\n{sf}",
    ),
    (
        "KPIs for strategic suppliers",
        "Supplier KPI reporting",
        "{pf},\n\nStarting in Q2 I'd like every strategic supplier to report against {A}. For {seller}, let's ask what they "
        "can expose today and what it would take to get to {B}.\n\n{sf}",
    ),
    (
        "Steerco follow-ups",
        "Steerco follow-up questions",
        "All,\n\nThree follow-ups from today's steerco:\n- {Ac} is the north star for the next 3 years\n- {Bc} is how "
        "we'll fund it\n- every vendor conversation should test for {C}\n\n{pf}, can you take {seller}?\n\n{sf}",
    ),
    (
        "Pilot idea",
        "Pilot idea",
        "{pf}, I'd be interested in a 90-day pilot with {seller} on {A}. Nothing big - one region, one site. If it "
        "works it becomes part of {B}. Can you sound them out?\n{sf}",
    ),
]
IT_ORIG = [  # internal note IT person -> primary contact
    (
        "{seller} - integration requirements",
        "IT requirements for proposal",
        "Hi {pf},\n\nfor the {seller} renewal please make sure the following is covered in their proposal:\n"
        "1. alignment with {A}\n2. a clear statement on {B}\n3. timeline for any changes needed on their side\n\n"
        "Thanks,\n{sf}\n{stitle}",
    ),
    (
        "Target architecture - vendor input",
        "Target architecture mapping",
        "Hi {pf}, as agreed in the architecture board we're asking strategic SaaS vendors to map themselves against our "
        "target architecture. Key themes are {A} and {B}. Could you forward the questions to {seller}? A written "
        "answer is fine.\n\nBR {sf}",
    ),
    (
        "Security review input",
        "Security review questions",
        "{pf},\n\nbefore we sign anything multi-year we need {seller} to confirm how they fit {A}: SSO, conditional "
        "access, audit logging. We also want their view on {B}.\n\nGruß,\n{sf}",
    ),
    (
        "Hosting / data residency",
        "Hosting / residency question",
        "Hi {pf}, quick one: please ask {seller} whether their EU region could be part of {A}. If not, we'll need a "
        "roadmap commitment. This ties into {B}, so it's fairly important.\n\n{sf}",
    ),
    (
        "Vendor questions - cloud platform",
        "Platform team questions",
        "Hi {pf},\n\nquestions from the platform team for {seller}:\n- can they publish events into {A}?\n- do they "
        "support {B}?\n- what is their API versioning policy?\n\nCheers, {sf}",
    ),
    (
        "Pricing - platform consumption",
        "Consumption-based pricing option",
        "{pf}, for the budget round we'd like {seller} to price the option of consuming their service via {A} rather "
        "than per named user. Anything that helps us with {B} should be listed separately please.\n\n{sf}",
    ),
    (
        "Vendor landscape review",
        "Landscape review statement",
        "Hi {pf},\n\nfollowing up on the landscape review: {seller} is in the 'keep' category, but only if they can "
        "support {A}. Please ask them for a short statement and how it aligns with {B}.\n\nThanks\n{sf}",
    ),
    (
        "Skills / services",
        "Engineers request",
        "{pf}, we'll need external help to build {A}. Could {seller} provide a couple of engineers with experience in "
        "{B}? Rough day rates would be enough for now.\n{sf}",
    ),
]
EXEC_DIRECT = [
    (
        "Strategic direction - context",
        "solutions",
        "Dear {r},\n\n{pf} has been passing on a number of questions from me, so I thought it best to explain the "
        "context directly. Over the next three years we are moving to {A}. That means {B} and, eventually, {C}. I'd "
        "like {seller} to tell us honestly where you can help and where you can't.\n\nKind regards,\n\n{sig}",
    ),
    (
        "Quick question on pricing",
        "account",
        "{r}, a direct question: would {seller} consider {A}? I'm not asking for a number yet, just whether it's on the "
        "table. It would make {B} much easier to justify to our board.\n\nRegards,\n{sf}",
    ),
    (
        "Steering committee - 20 minutes?",
        "account",
        "Hi {r}, could you join part of our steering committee next month? I'd like you to present how your platform "
        "supports {A} and {B}. 20 minutes, no sales deck please.\n\nBest,\n{sf}",
    ),
]
IT_DIRECT = [
    (
        "Architecture questions - direct line",
        "solutions",
        "Hi {r},\n\nI run Enterprise Architecture at {cshort}. {pf} has forwarded some of our questions; to speed "
        "things up, could we have a direct call with you about {A} and {B}?\n\nBest regards\n\n{sig}",
    ),
    (
        "Event integration documentation",
        "solutions",
        "Hi {r}, do you have documentation on publishing events to {A}? We're building {B} and {seller} is one of the "
        "first systems we'd like to connect.\n\nThanks\n{sf}",
    ),
    (
        "Access requirements",
        "support",
        "Hello {r},\n\nas part of our security programme we are moving to {A}. Please confirm whether your platform "
        "supports device-based conditional access and how this relates to {B}.\n\nRegards,\n\n{sig}",
    ),
]
EXEC_INTRO = [
    (
        "Introduction - new {title} at {cshort}",
        "Dear {r},\n\nI joined {company} {when} as {title}. {pf} tells me {seller} is one of our more important "
        "platform partners, so I wanted to introduce myself early. I'll be spending the first months getting to know our "
        "operations and suppliers, and I expect to have some questions for you along the way.\n\nI'd welcome a short "
        "introductory call in the coming weeks.\n\nKind regards,\n\n{sig}",
    ),
    (
        "Introduction",
        "Hello {r},\n\na short note to introduce myself - I took over as {title} at {company} {when}. {pf} has "
        "given me an overview of our suppliers and {seller} came up several times. I'd like to understand how you work "
        "with us today before we talk about anything else.\n\nCould we find 30 minutes in the next few weeks?\n\n"
        "Best regards,\n\n{sig}",
    ),
    (
        "Hello from {cshort}'s new {abbr}",
        "Dear {r},\n\nas you may have heard from {pf}, I started {when} as {title}. I make a point of meeting our key "
        "technology partners early on, and {seller} is on my list.\n\nWould you have time for an introductory call "
        "this month?\n\nKind regards\n\n{sig}",
    ),
]

MENTION_EXEC = [
    "{sf} would like to understand how {seller} thinks about this.",
    "Our new {abbr} is keen to see something concrete from you on this.",
    "Following a conversation with {sf} last week, I've been asked to collect input from our main suppliers.",
    "This one comes from {sf}, who joined us recently as {title}.",
    "{sf} has asked for this ahead of the next steering committee.",
    "I'm preparing a briefing for {sf} and this is one of the open questions.",
    "{sfull} (our {title}) will review your answer personally, so please be as concrete as possible.",
    "As {sf} keeps reminding us, we can't afford to buy point solutions any more.",
    "Per {sf}'s request, could you look into the following.",
    "The new leadership team, and {sf} in particular, want a clearer story from key vendors.",
    "{sf} and I discussed {seller} in our 1:1 yesterday.",
    "Our {abbr} raised this at the management meeting on {weekday}.",
    "I promised {sf} an answer by the end of the month.",
    "{sf}'s team is driving this internally; I'm mostly the messenger here.",
]
MENTION_IT = [
    "{it1} from Enterprise Architecture would like to understand your position on this.",
    "Our IT department has asked me to collect this from all strategic vendors.",
    "Following the architecture board last week, IT needs the following from you.",
    "{it2} and the cloud platform team are keen to see how you fit in.",
    "This is for {it3}'s security review, so please be precise.",
    "The request comes from our IT colleagues ({it1}'s team).",
    "Per our IT target architecture, every vendor has to answer this.",
    "{it1} asked me to check this with you before the next design authority.",
    "IT flagged this during the vendor landscape review.",
    "{it3} in IT Security will review your answer.",
    "I'm pulling together input for {it2}, who is leading the platform work.",
    "Our {it1t} wants this in writing.",
]
FWD_COVER = [
    "See below from {sf}. Can you take a look and come back to me by {day}?",
    "FYI and for action - any thoughts before I reply internally?",
    "Forwarding {sf}'s note. Can we discuss on our next call?",
    "Please see the note below. A short written answer I can share internally would be ideal.",
    "Sharing this internal note (please treat it as confidential).",
    "Passing this on as discussed on the phone.",
    "Below is what I got this morning. How would you answer?",
    "Could you help me with the questions below?",
    "see below pls",
]
SELLER_INIT = [
    (
        "Quarterly business review - agenda",
        "success",
        "I'd like to propose the following agenda for our quarterly review on {fdate}:\n\n1. Adoption and usage\n"
        "2. Open tickets and escalations\n3. Upcoming release highlights\n4. AOB\n\nLet me know if you'd like to add "
        "anything.",
    ),
    (
        "Planned maintenance window",
        "support",
        "Please note we have planned maintenance on {fdate} between 22:00 and 23:30 {ctz}. Short interruptions of up to "
        "five minutes are possible. No action is needed on your side.",
    ),
    (
        "Renewal reminder",
        "account",
        "A friendly reminder that your subscription is up for renewal in roughly 90 days. I'll send a proposal shortly; "
        "in the meantime, let me know if there are changes in scope we should reflect.",
    ),
    (
        "Release highlights",
        "success",
        "The spring release goes live on {fdate}. Highlights for your team: a redesigned toolbar in {module}, faster "
        "exports and a new audit trail view. Full notes are on the customer portal.",
    ),
    (
        "Customer survey",
        "success",
        "We're running our annual customer survey - it takes about 8 minutes. Your feedback really does shape the "
        "roadmap. Thanks in advance!",
    ),
    (
        "Support hours over the holidays",
        "support",
        "A quick note on support hours over the holiday period: the desk is staffed as normal except 25 December and "
        "1 January, when only P1 on-call cover is available.",
    ),
    (
        "Webinar invitation: reporting tips",
        "success",
        "We're hosting a 45-minute webinar on {fdate} with tips for building reports in {amod}. Feel free to "
        "forward to anyone in your team who might be interested.",
    ),
    (
        "Introducing our new status page",
        "support",
        "We've launched a new status page where you can subscribe to incident notifications. Link on the customer "
        "portal under Support.",
    ),
    (
        "Invoice schedule for next year",
        "account",
        "Attached is the proposed invoicing schedule for next year. Please check that PO references and the billing "
        "address are correct.",
    ),
]

# --------------------------------------------------------------------------- competitor-side texts
# rep -> customer person; {rf} = recipient's first name, {P1}/{P2} = competitor products
COMP_ORIG = [
    (
        "Recap: {P1} session on {weekday}",
        "Recap of vendor workshop",
        "Hi {rf},\n\nthank you again for your time on {weekday}. As promised, a short recap: {P1} was designed from the "
        "ground up for {A}, and with {P2} you get {B} without a multi-year transformation programme.\n\nI've attached "
        "the slides. Happy to set up a reference call with another {sector} customer.",
    ),
    (
        "{P2} - indicative pricing",
        "Indicative pricing from other vendor",
        "Dear {rf},\n\nas requested, a first outline. We license {P2} on the basis of {A}, so you only pay for what "
        "actually moves through the platform. Combined with {B}, most customers see a payback within 18 months.\n\n"
        "Let me know when you'd like to walk through the numbers.",
    ),
    (
        "Invitation: {comp} customer day",
        "Invitation to vendor customer day",
        "Hi {rf},\n\nI'd like to invite you and your team to our customer day on {fdate}. Three {sector} companies will "
        "show how they moved to {A} and what {B} meant for their teams. There is also a hands-on session with "
        "{P1}.\n\nSeats are limited - shall I reserve two?",
    ),
    (
        "Your priorities for {y1}",
        "Vendor pitch on priorities",
        "Hello {rf},\n\ngood talking to you at the trade fair. You mentioned that your current platform makes it hard to "
        "get to {A}. That is exactly the gap {P1} closes: {B} is standard, not a customisation project. And if {C} is "
        "on your agenda, {P2} covers that too.",
    ),
    (
        "{P1} vs. your current set-up",
        "Comparison sent by other vendor",
        "Hi {rf},\n\nas promised, a short comparison. Older platforms were built around licences and screens; {P1} is "
        "built around {A}. In practice that means {B} from day one and far less manual exception handling.\n\nI'd be "
        "glad to run a 30-minute demo with your team.",
    ),
    (
        "Proposal: 60-day proof of concept",
        "Vendor PoC proposal",
        "Dear {rf},\n\nfollowing our call, we'd propose a 60-day proof of concept of {P2} at one of your sites. Success "
        "criteria we suggested: measurable progress towards {A}, and a first version of {B}. We would carry most of "
        "the cost.\n\nLooking forward to hearing from you.",
    ),
    (
        "Reference visit - {city}",
        "Reference visit offered by other vendor",
        "Hi {rf},\n\none of our customers near {city} has agreed to host a reference visit. They went live with {P1} "
        "last year and now run {A} across their network; their operations director is happy to talk about {B} "
        "openly.\n\nWould {weekday} in two weeks work?",
    ),
    (
        "Whitepaper: {Ac}",
        "Whitepaper from other vendor",
        "Hello {rf},\n\nattached is our new whitepaper on {A}. It explains why {B} is becoming the norm in {sector} and "
        "how {P1} gets you there step by step.\n\nI'd welcome your feedback.",
    ),
]
MENTION_COMP = [
    "We had a demo of {P1} from {comp} last week, which is partly why I'm asking.",
    "{comp} have been pitching {P1} to us quite hard.",
    "Some of our team saw {P2} at a trade fair and came back with questions.",
    "To be transparent: we are also looking at {P1}.",
    "We've been told {P1} can do this out of the box.",
    "Honestly, {P2} looked strong on this point in the demo we had.",
    "{P1} keeps coming up in our internal discussions.",
    "I'd like to compare your answer with what we've seen in {P1}.",
    "The {comp} people claim their {P2} already does this - is that realistic?",
    "Management has seen a presentation of {P1} and asked me to check what you can offer.",
]
FWD_COVER_COMP = [
    "See below what we received from {comp}. How would you respond to this?",
    "FYI - another vendor is approaching us. Can you tell me how your offer compares?",
    "Forwarding this for context. I'd rather hear your view before our next steering meeting.",
    "Sharing this in confidence. Can you match it?",
    "This landed in my inbox last week - what's your take?",
]
PASTE_INTRO_EXEC = [
    "Copying in the text from {sf}'s note:",
    "Pasting an internal note I received below:",
    "This is what I was sent internally, pasted here:",
]
PASTE_INTRO_IT = [
    "Our IT colleagues sent me the following, pasting it here:",
    "Copying in the text from {sf}'s note:",
    "Pasting an internal note I received below:",
]
PASTE_INTRO_COMP = [
    "A vendor sent us the following, pasting the relevant part:",
    "Copying a paragraph from a proposal we received:",
    "This is from a presentation we were given recently:",
    "Pasting a section of a document someone shared internally:",
]

# --------------------------------------------------------------------------- date formats
WEEKDAYS_DE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
MONTHS_DE = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
WD_DE_SHORT = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."]
WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
WD_FR_SHORT = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
MONTHS_FR_SHORT = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


def fmt_long(dt):  # 'Tuesday, March 5, 2024 10:12 AM'
    h = dt.hour % 12 or 12
    return f"{dt:%A}, {dt:%B} {dt.day}, {dt.year} {h}:{dt:%M} {'AM' if dt.hour < 12 else 'PM'}"


def fmt_long_uk(dt):  # 'Tuesday, 5 March 2024 10:12'
    return f"{dt:%A}, {dt.day} {dt:%B} {dt.year} {dt:%H:%M}"


def fmt_de(dt):
    return f"{WEEKDAYS_DE[dt.weekday()]}, {dt.day}. {MONTHS_DE[dt.month - 1]} {dt.year} {dt:%H:%M}"


def fmt_fr(dt):
    return f"{WEEKDAYS_FR[dt.weekday()]} {dt.day} {MONTHS_FR[dt.month - 1]} {dt.year} {dt:%H:%M}"


def fmt_gmail(dt, hl="en"):
    if hl == "de":
        return f"{WD_DE_SHORT[dt.weekday()]}, {dt.day}. {MONTHS_DE[dt.month - 1]} {dt.year} um {dt:%H:%M} Uhr"
    if hl == "fr":
        return f"{WD_FR_SHORT[dt.weekday()]} {dt.day} {MONTHS_FR_SHORT[dt.month - 1]} {dt.year} à {dt:%H:%M}"
    return f"{dt:%a}, {dt.day} {dt:%b} {dt.year} at {dt:%H:%M}"  # 'Tue, 5 Mar 2024 at 10:12'


def gmt_label(dt):
    off = int(dt.utcoffset().total_seconds() // 60)
    h, m = divmod(abs(off), 60)
    return "GMT" + (
        "" if off == 0 else ("+" if off > 0 else "-") + str(h) + (f":{m:02d}" if m else "")
    )


def addr_str(p):
    return f"{p['name']} <{p['email']}>"


# --------------------------------------------------------------------------- vision phrases
IRREGULAR = {
    "chassis": "chassis",
    "shelf": "shelves",
    "crew": "crews",
    "die": "dies",
    "press": "presses",
}
STOP = {"of", "the", "to", "a", "as", "per", "for", "in", "one", "every", "an"}


def plural(n):
    w = n.split(" ")
    last = w[-1]
    if last in IRREGULAR:
        last = IRREGULAR[last]
    elif last.isupper():
        last += "s"
    elif last.endswith("y") and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return " ".join(w[:-1] + [last])


def indefinite(word):
    w = word.lower()
    if w.startswith(("one", "uni", "use", "eu")):
        return "a"
    return "an" if w[0] in "aeiou" or w.startswith(("api", "sku")) else "a"


def make_phrases(r, kind, sector_nouns, n=8):
    """Combine word pools into n distinct vision phrases -> [(phrase, article)]."""
    if kind == "null":
        return []
    single = [x for x in sector_nouns if " " not in x]
    if kind == "it_dept":
        mods, heads, nouns = IT_MODS, IT_HEADS, IT_NOUNS
        objects = [
            "monolith",
            "mainframe",
            "ERP",
            "data centre",
            "legacy estate",
            "batch interface",
        ]
        gerunds = [
            "provisioning",
            "onboarding",
            "tokenisation",
            "versioning",
            "segmentation",
            "federation",
            "cataloguing",
            "brokering",
        ]
        patterns = ["mnh", "mnh", "mh", "asa", "plan", "lead", "ger", "level"]
        plans = PLANS
    else:
        mods = COMP_MODS + GEN_MODS[:6] if kind == "competitor" else GEN_MODS
        heads, nouns, objects, gerunds = COUNT_HEADS, sector_nouns, sector_nouns, GERUNDS
        plans = ["exit plan", "moonshot", "masterplan", "reset", "manifesto"]
        patterns = [
            "mnh",
            "mnm",
            "to",
            "oneview",
            "level",
            "pay",
            "play",
            "ger",
            "area",
            "lead",
            "plan",
        ]
    out, used, pat_count = [], set(), {}
    tries = 0
    while len(out) < n and tries < 5000:
        tries += 1
        pat = r.choice(patterns)
        if pat_count.get(pat, 0) >= 2:
            continue
        noun, mod = r.choice(nouns), r.choice(mods)
        if pat == "mnh":
            ph, art = f"{mod} {noun} {r.choice(heads)}", r.choice(["a", "the", "our"])
        elif pat == "mnm":
            ph, art = f"{mod} {noun} {r.choice(MASS_HEADS)}", ""
        elif pat == "mh":
            ph, art = f"{mod} {r.choice(heads)}", r.choice(["a", "the", "our"])
        elif pat == "to":
            a, b = r.sample(single, 2)
            ph, art = (
                (f"{a}-to-{b} {r.choice(MASS_HEADS)}", "")
                if r.random() < 0.6
                else (f"{a}-to-{b} {r.choice(heads)}", r.choice(["a", "the"]))
            )
        elif pat == "oneview":
            ph, art = r.choice(ONEVIEWS).format(n=noun), ""
        elif pat == "level":
            ph, art = (
                f"{r.choice(single if kind != 'it_dept' else ['API', 'tenant', 'domain', 'workload'])}-level "
                f"{r.choice(TRUTHS)} truth",
                "",
            )
        elif pat == "pay":
            ph, art = r.choice(PAYMODELS).format(n=r.choice(single)), "a"
        elif pat == "play":
            ph, art = f"{noun} {r.choice(PLAYS)}", r.choice(["our", "the", "a"])
        elif pat == "ger":
            ph, art = f"{mod} {noun} {r.choice(gerunds)}", ""
        elif pat == "area":
            ph, art = f"{mod} {r.choice(AREAS)}", ""
        elif pat == "lead":
            ph, art = f"{r.choice(LEADS)} for {plural(noun)}", r.choice(["a", "the"])
        elif pat == "asa":
            ph, art = (
                f"{noun}-as-a-{r.choice(['product', 'utility', 'platform', 'subscription'])} model",
                "a",
            )
        else:  # plan
            ph, art = f"{r.choice(objects)} {r.choice(plans)}", r.choice(["our", "the", "a"])
        toks = [t for t in re.split(r"[\s-]+", ph.lower()) if t not in STOP]
        if ("-" not in ph and len(ph.split()) < 3) or len(toks) != len(set(toks)):
            continue
        if any(t in used for t in toks):
            continue
        if art == "a":
            art = indefinite(ph)
        used.update(toks)
        pat_count[pat] = pat_count.get(pat, 0) + 1
        out.append((ph, art))
    if len(out) < n:
        raise RuntimeError("could not build enough distinct vision phrases")
    return out


def largest_remainder(shares, n):
    raw = [s * n for s in shares]
    counts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def normalise_mix(mix):
    mix = tuple(float(x) for x in mix)
    if len(mix) != 4 or any(x < 0 for x in mix) or sum(mix) <= 0:
        raise ValueError("relay_mix must be 4 non-negative numbers with a positive sum")
    s = sum(mix)
    return tuple(x / s for x in mix)


COMMON_TYPOS = {
    "receive": "recieve",
    "separate": "seperate",
    "definitely": "definately",
    "until": "untill",
    "tomorrow": "tommorow",
    "which": "wich",
    "because": "becuase",
    "available": "availble",
    "necessary": "neccessary",
    "invoice": "invocie",
    "whether": "wether",
    "their": "thier",
    "please": "pls",
    "could": "coudl",
    "would": "woudl",
    "thanks": "thnaks",
    "schedule": "schedual",
}


# =========================================================================== generator
class Account:
    def __init__(self, kind, seed, relay_mix=None):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        self.kind, self.seed = kind, seed
        self.r = random.Random(f"{MASTER_SEED}:{kind}:{seed}")
        self.msgs, self.ids, self.log, self.truth = [], set(), [], []
        self.used_names = set()
        self.build_world()
        self.default_mix = self.draw_mix()
        self.mix = normalise_mix(relay_mix) if relay_mix is not None else self.default_mix
        self.phrase_use = {p: 0 for p, _ in self.cfg["phrases"]}
        self.build_people()

    # ------------------------------------------------------------------ world
    def draw_mix(self):
        r = self.r
        w = [r.uniform(0.1, 0.5), r.uniform(0.1, 0.4), r.uniform(0.02, 0.3), r.uniform(0.05, 0.35)]
        return tuple(round(x / sum(w), 3) for x in w)

    def build_world(self):
        r, kind = self.r, self.kind
        cc = r.choice(sorted(COUNTRIES))
        co = COUNTRIES[cc]
        sector = r.choice(sorted(SECTORS))
        sec = SECTORS[sector]
        prefix = r.choice(co["prefixes"]) if r.random() < 0.65 else r.choice(GENERIC_PREFIXES)
        word = r.choice(sec["words"])
        company = f"{prefix} {word}"
        legal = f"{company} {r.choice(co['legal'])}"
        tld = r.choice(co["tlds"])
        p, w = slug(prefix), slug(word.split()[0])
        domain = r.choice([f"{p}-{w}.{tld}", f"{p}{w}.{tld}", f"{p}.{tld}", f"{p}-group.{tld}"])
        cities = r.sample(co["cities"], min(5, len(co["cities"])))
        address = (
            f"{r.choice(co['streets']).format(no=r.randint(1, 180))}, {co['zip'](r)} {cities[0]}"
        )
        reg = co["reg"](r)
        disc = r.choice(EN_DISCLAIMER).format(legal=legal, reg=reg, address=address, city=cities[0])
        if co["lang"] in LOCAL_DISCLAIMER and r.random() < 0.55:
            disc = LOCAL_DISCLAIMER[co["lang"]] + ("\n" if r.random() < 0.5 else "\n\n") + disc
        # period, onset
        start = date(2022, 1, 3) + timedelta(days=r.randint(0, 3 * 365 + 150))
        while start.weekday() >= 5:
            start += timedelta(days=1)
        months = r.uniform(8, 14)
        period = int(months * 30.44)
        end = start + timedelta(days=period)
        while end.weekday() >= 5:
            end -= timedelta(days=1)
        onset = None
        if kind != "null":
            onset = start + timedelta(days=int(period * r.uniform(0.30, 0.50)))
            while onset.weekday() >= 5:
                onset += timedelta(days=1)
        ow = r.uniform(0.45, 0.85)
        rest = [r.random() + 0.2 for _ in range(3)]
        client_w = [ow] + [(1 - ow) * x / sum(rest) for x in rest]
        self.cfg = {
            "country": cc,
            "company": company,
            "cshort": prefix,
            "legal": legal,
            "domain": domain,
            "german": cc in ("de", "at", "ch"),
            "fmt": r.choice(
                [
                    "first.last",
                    "first.last",
                    "first.last",
                    "f.last",
                    "firstl",
                    "first_last",
                    "flast",
                ]
            ),
            "address": address,
            "phone": co["phone"].format(a=r.choice(co["areas"])),
            "cities": cities,
            "sector": sector,
            "region": co["region"],
            "home_tz": co["tz"],
            "lang": co["lang"],
            "hdr": co["hdr"],
            "disclaimer_p": r.uniform(0.2, 0.5),
            "disclaimer": disc,
            "start": start,
            "end": end,
            "onset": onset,
            "kind": kind,
            "months": round(months, 2),
            "n_people": r.randint(15, 35),
            "n_ord": round(months * r.uniform(11, 15)),
            "n_decoy": r.randint(18, 28) if kind == "null" else r.randint(5, 8),
            "n_vision_primary": r.randint(24, 40) if kind != "null" else 0,
            "n_vision_relay": (r.randint(3, 8) + (3 if kind == "competitor" else 0))
            if kind != "null"
            else 0,
            "n_direct": 3 if kind in ("new_exec", "it_dept") else 0,
            "p_reply": r.uniform(0.5, 0.82),
            "p_reply_vis": r.uniform(0.6, 0.9),
            "p_reply_strat": r.uniform(0.45, 0.75),
            "client_w": client_w,
            "loc": r.uniform(0.5, 1.3),
        }
        self.cfg["phrases"] = make_phrases(r, kind, sec["nouns"])
        # seller
        sp = r.choice(SELLER_PREFIXES)
        ss = r.choice(SELLER_SUFFIXES)
        home = r.choice(sorted(SELLER_HOMES))
        sh = SELLER_HOMES[home]
        self.seller_co = f"{sp} {ss}"
        self.seller_domain = r.choice(
            [f"{slug(sp)}-{slug(ss)}.{sh['tld']}", f"{slug(sp)}{slug(ss)}.com", f"{slug(sp)}.io"]
        )
        self.seller_home = home
        self.seller_disclaimer = (
            f"{self.seller_co} {sh['legal']} {sh['reg'].format(n=r.randint(1000000, 9999999))}. "
            "This e-mail and any attachments may contain confidential information. If you "
            "are not the intended recipient please notify the sender and delete it."
        )
        self.modules = [r.choice(ANALYTICS_MODULES)] + r.sample(OPS_MODULES, 4)
        r.shuffle(self.modules)
        self.amod = next(m for m in self.modules if m in ANALYTICS_MODULES)
        # request-log style
        self.log_style = {
            "cols": [
                r.choice(x)
                for x in (
                    ["Ref", "ID", "Ticket", "Request ID", "No."],
                    ["Date received", "Received", "Date", "Logged", "Date logged"],
                    ["Channel", "Source", "Via", "Medium"],
                    ["Requested by", "Requester", "Customer contact", "From", "Raised by"],
                    ["Subject", "Title", "Topic"],
                    ["Summary", "Description", "Request", "Notes"],
                    ["Owner", "Assigned to", "Handled by", "Account team"],
                    ["Hours spent", "Effort (h)", "Time spent (hrs)", "Hours"],
                    ["Status", "State", "Outcome"],
                )
            ],
            "datefmt": r.choice(
                ["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%b-%Y"]
                + (["%m/%d/%Y"] if home == "us" else [])
            ),
            "channels": r.choice(
                [("Email", "Phone"), ("E-mail", "Call"), ("email", "phone"), ("Mail", "Telephone")]
            ),
            "owner_full": r.random() < 0.4,
            "priority": r.random() < 0.4,
            "ref": r.choice(["{ini}-{yy}-{i:04d}", "REQ{i:05d}", "{i}", "{ini}{i:04d}"]),
            "ini": "".join(x[0] for x in self.seller_co.split()).upper(),
        }
        # competitor
        self.comp = None
        if kind == "competitor":
            cp = r.choice([x for x in COMP_PREFIXES if x != prefix])
            cs = r.choice(COMP_SUFFIXES)
            cname = f"{cp} {cs}"
            cdom = r.choice(
                [
                    f"{slug(cp)}.com",
                    f"{slug(cp)}-{slug(cs)}.com",
                    f"{slug(cp)}{slug(cs)}.io",
                    f"{slug(cp)}.io",
                ]
            )
            prods = []
            while len(prods) < r.choice([2, 2, 3]):
                x = r.random()
                pr = (
                    f"{r.choice(PRODUCT_A)}{r.choice(PRODUCT_B)}"
                    if x < 0.55
                    else f"{cp} {r.choice(PRODUCT_B)}"
                    if x < 0.8
                    else f"{r.choice(PRODUCT_A)} {r.choice(PRODUCT_B)}"
                )
                if pr not in prods and not any(
                    pr.split()[-1] in q or q.split()[-1] in pr for q in prods
                ):
                    prods.append(pr)
            self.comp = {
                "name": cname,
                "domain": cdom,
                "products": prods,
                "legal": f"{cname} {r.choice(['Inc.', 'GmbH', 'B.V.', 'Ltd', 'SAS'])}",
            }

    # ------------------------------------------------------------------ people
    def draw_name(self, lang):
        r = self.r
        males, females, lasts = NAMES[lang]
        for i in range(400):
            if i and i % 40 == 0:  # this language's pool is used up: take someone from elsewhere
                males, females, lasts = NAMES[r.choice(sorted(NAMES))]
            fem = r.random() < 0.5
            first = r.choice(females if fem else males)
            last = r.choice(lasts)
            if "|" in last:
                last = last.split("|")[1 if fem else 0]
            if (first, last) not in self.used_names and first.split()[
                0
            ] not in self.first_names_used():
                self.used_names.add((first, last))
                return first, last
        raise RuntimeError("name pool exhausted")

    def first_names_used(self):
        # first names stay unique inside an account so that greetings and mentions are unambiguous
        if not hasattr(self, "_firsts"):
            self._firsts = set()
        return self._firsts

    def take_name(self, lang):
        f, l = self.draw_name(lang)
        self._firsts.add(f.split()[0])
        return f, l

    def pick_lang(self, local_share=0.65):
        r = self.r
        c = self.cfg
        if r.random() < local_share:
            loc = {
                "be": ["nl", "fr"],
                "ch": ["de", "de", "fr", "it"],
                "uk": ["en"],
                "ie": ["en"],
                "at": ["de"],
                "cz": ["cs"],
            }.get(c["country"], [c["lang"]])
            return r.choice(loc)
        return r.choice(sorted(NAMES))

    def person(self, first, last, lang, title, dept, org, domain, tz, client, hl="en"):
        r = self.r
        signoffs = r.sample(SIGNOFFS["base"], 3) + (
            r.sample(SIGNOFFS.get(lang, []), 1) if lang in SIGNOFFS and r.random() < 0.4 else []
        )
        greets = r.sample(GREETS, 3) + (
            GREETS_LANG[lang][:1] if lang in GREETS_LANG and r.random() < 0.3 else []
        )
        return {
            "first": first,
            "last": last,
            "name": f"{first} {last}",
            "lang": lang,
            "title": title,
            "dept": dept,
            "org": org,
            "domain": domain,
            "tz": tz,
            "client": client,
            "hl": hl,
            "signoffs": signoffs,
            "greets": greets,
            "sig_p": r.choice([0.0, 0.3, 0.6, 0.9]),
            "lower": False,
            "typo": r.choice([0.05, 0.1, 0.2]),
            "seller": (org == self.seller_co),
            "rival": False,
        }

    def local_part(self, first, last, fmt, german):
        ff = re.sub(r"[^a-z]", "", ascii_fold(first.split()[0], german).lower())
        ll = re.sub(r"[^a-z]", "", ascii_fold(last, german).lower())
        return {
            "first.last": f"{ff}.{ll}",
            "f.last": f"{ff[0]}.{ll}",
            "firstl": f"{ff}{ll[0]}",
            "first_last": f"{ff}_{ll}",
            "flast": f"{ff[0]}{ll}",
        }[fmt]

    def header_lang(self, lang):
        r, c = self.r, self.cfg
        p_de = min(0.95, c["hdr"].get("de", 0) * c["loc"]) + (0.3 if lang == "de" else 0)
        p_fr = min(0.95, c["hdr"].get("fr", 0) * c["loc"]) + (0.3 if lang == "fr" else 0)
        x = r.random()
        return "de" if x < p_de else "fr" if x < p_de + p_fr else "en"

    def build_people(self):
        r, c, kind = self.r, self.cfg, self.kind
        self._firsts = set()
        sh = SELLER_HOMES[self.seller_home]
        self.sellers = []
        seller_langs = {"uk": ["en"], "ie": ["en"], "us": ["us"], "nl": ["nl"], "de": ["de"]}[
            self.seller_home
        ]
        for role in ("account", "success", "solutions", "support"):
            lang = r.choice(seller_langs) if r.random() < 0.55 else r.choice(sorted(NAMES))
            f, l = self.take_name(lang)
            tz = r.choice(sh["tzs"])
            client = r.choices(["outlook", "gmail", "apple"], [0.6, 0.25, 0.15])[0]
            p = self.person(
                f,
                l,
                "en",
                r.choice(SELLER_TITLES[role]),
                "Sales",
                self.seller_co,
                self.seller_domain,
                tz,
                client,
            )
            p.update(
                email=f"{self.local_part(f, l, 'first.last', False)}@{self.seller_domain}",
                role=role,
                phone=TZ_PHONE[tz].format(d3=r.randint(100, 999)),
                sig_p=0.7,
                typo=0.02,
            )
            self.sellers.append(p)
        self.by_role = {p["role"]: p for p in self.sellers}
        german = c["german"]
        sec = SECTORS[c["sector"]]
        # fixed roles first
        rows = [(PRIMARY_TITLES[r.randrange(len(PRIMARY_TITLES))], "Procurement", "primary")]
        if kind == "new_exec":
            t, abbr, dept = r.choice(EXEC_TITLES)
            self.exec_abbr = abbr
            rows.append((t, dept, "exec"))
        if kind == "it_dept":
            for alts in IT_ROLES:
                rows.append((r.choice(alts), "IT", "it"))
            for t in r.sample(IT_EXTRA, r.randint(0, 2)):
                rows.append((t, "IT", "it"))
        else:
            for t in r.sample(IT_EXTRA[2:], r.randint(1, 2)):
                rows.append((t, "IT", "other"))
        depts = list(BASE_TITLES) + sec["depts"] * 2
        titles = dict(BASE_TITLES, **sec["titles"])
        while len(rows) < c["n_people"]:
            d = depts[len(rows) % len(depts)] if r.random() < 0.7 else r.choice(depts)
            rows.append((r.choice(titles[d]), d, "other"))
        self.customers, seen = [], set()
        self.source_people = []
        for t, d, tag in rows:
            lang = self.pick_lang(0.9 if tag == "exec" and r.random() < 0.5 else 0.65)
            f, l = self.take_name(lang)
            lp = self.local_part(f, l, c["fmt"], german)
            while lp in seen:
                lp += "2"
            seen.add(lp)
            tz = (
                c["home_tz"]
                if r.random() < 0.82 or tag != "other"
                else r.choice(
                    [x for x in ("uk", "eet", "ist", "us_east", "sgt", "cet") if x != c["home_tz"]]
                )
            )
            client = r.choices(["outlook", "gmail", "thunderbird", "apple"], c["client_w"])[0]
            p = self.person(
                f, l, lang, t, d, c["company"], c["domain"], tz, client, self.header_lang(lang)
            )
            p["email"] = f"{lp}@{c['domain']}"
            self.customers.append(p)
            if tag in ("exec", "it"):
                self.source_people.append(p)
        self.primary = self.customers[0]
        self.primary.update(
            client="outlook" if r.random() < 0.85 else "gmail",
            sig_p=0.75,
            typo=0.12,
            tz=c["home_tz"],
        )
        cand = [p for p in self.customers[3:] if p not in self.source_people]
        for p in r.sample(cand, 2):
            p.update(lower=True, sig_p=0.0, typo=0.3)
        r.choice(cand)["typo"] = 0.35
        if kind == "new_exec":
            ex = self.source_people[0]
            ex.update(client="outlook", sig_p=0.95, typo=0.0, tz=c["home_tz"])
        elif kind == "it_dept":
            for p in self.source_people:
                p["typo"] = 0.05
        # relays: people other than the primary who pass vision requests on
        pref = [
            p
            for p in self.customers[1:]
            if p not in self.source_people
            and not p["lower"]
            and p["dept"] not in ("IT", "HR", "Legal")
        ]
        self.relays = r.sample(pref, min(len(pref), r.randint(2, 4))) if kind != "null" else []
        self.non_primary = [p for p in self.customers[1:] if p not in self.source_people]
        self.it_people = [p for p in self.customers if p["dept"] == "IT"]
        # competitor sales reps (never in the export themselves)
        self.reps = []
        if self.comp:
            for _ in range(r.choice([1, 2, 2, 3])):
                lang = r.choice(["en", "us", "de", "nl", "fr", "sv", "in"])
                f, l = self.take_name(lang)
                tz = r.choice(["cet", "uk", "us_east"])
                p = self.person(
                    f,
                    l,
                    "en",
                    r.choice(COMP_TITLES),
                    "Sales",
                    self.comp["name"],
                    self.comp["domain"],
                    tz,
                    r.choice(["outlook", "outlook", "gmail"]),
                )
                p.update(
                    email=f"{self.local_part(f, l, 'first.last', False)}@{self.comp['domain']}",
                    rival=True,
                    phone=TZ_PHONE[tz].format(d3=r.randint(100, 999)),
                    sig_p=1.0,
                    typo=0.0,
                )
                self.reps.append(p)

    # ------------------------------------------------------------------ helpers
    def rand_b64(self, n):
        al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-"
        return "".join(self.r.choice(al) for _ in range(n))

    def rand_hex(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def new_id(self, p):
        r = self.r
        while True:
            c = p["client"]
            if c == "outlook":
                if p["tz"].startswith("us"):
                    pre = r.choice(["BY5PR11MB", "SA1PR12MB", "CH0PR02MB", "DM6PR06MB"]) + str(
                        r.randint(1000, 9999)
                    )
                    host = f"{pre}.namprd{r.randint(10, 19)}.prod.outlook.com"
                else:
                    pre = r.choice(
                        [
                            "AM9PR04MB",
                            "DB8PR10MB",
                            "PA4PR08MB",
                            "VI1PR07MB",
                            "DU2PR03MB",
                            "AS8PR02MB",
                            "GV1PR09MB",
                        ]
                    ) + str(r.randint(1000, 9999))
                    host = f"{pre}.eurprd0{r.randint(1, 9)}.prod.outlook.com"
                mid = f"<{pre}{self.rand_hex(14).upper()}{r.randint(10, 99)}@{host}>"
            elif c == "gmail":
                mid = f"<CA{r.choice('+PJKNE')}{self.rand_b64(40)}@mail.gmail.com>"
            elif c == "thunderbird":
                h = self.rand_hex(32)
                mid = f"<{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}@{p['domain']}>"
            else:
                h = self.rand_hex(32).upper()
                mid = f"<{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}@{p['domain']}>"
            if mid not in self.ids:
                self.ids.add(mid)
                return mid

    def work_time(self, p, d, early=False):
        r = self.r
        if early:
            h = r.uniform(8.0, 11.0)
        elif r.random() < 0.05:
            h = r.uniform(19.5, 22.5)
        else:
            h = r.triangular(7.4, 18.6, 10.5)
        return datetime(
            d.year,
            d.month,
            d.day,
            int(h),
            int((h % 1) * 60),
            r.randint(0, 59),
            tzinfo=tz_for(p["tz"], d),
        )

    def reply_time(self, parent_dt, p):
        r = self.r
        x = r.random()
        mins = (
            r.uniform(12, 120)
            if x < 0.5
            else r.uniform(120, 480)
            if x < 0.8
            else r.uniform(1200, 4000)
        )
        dt = to_local(parent_dt + timedelta(minutes=mins), p["tz"])
        evening_ok = r.random() < 0.12
        if dt.hour < 7:
            dt = dt.replace(hour=r.randint(7, 9), minute=r.randint(0, 59))
        elif dt.hour >= 19 and not evening_ok:
            nd = dt.date() + timedelta(days=1)
            dt = datetime(
                nd.year,
                nd.month,
                nd.day,
                r.randint(7, 9),
                r.randint(0, 59),
                r.randint(0, 59),
                tzinfo=tz_for(p["tz"], nd),
            )
        while dt.weekday() >= 5:
            nd = dt.date() + timedelta(days=1)
            dt = datetime(
                nd.year,
                nd.month,
                nd.day,
                r.randint(7, 10),
                r.randint(0, 59),
                r.randint(0, 59),
                tzinfo=tz_for(p["tz"], nd),
            )
        if dt <= parent_dt:
            dt = to_local(parent_dt + timedelta(minutes=r.randint(5, 40)), p["tz"])
        return dt

    def weekday_between(self, a, b):
        r = self.r
        while True:
            d = a + timedelta(days=r.randint(0, max(0, (b - a).days)))
            if d.weekday() < 5 or r.random() < 0.03:
                if d.month == 12 and d.day >= 23 and r.random() < 0.75:
                    continue
                if d.month == 8 and r.random() < 0.35:
                    continue
                return d

    def slots(self, d):
        r = self.r
        f = d + timedelta(days=r.randint(8, 40))
        f2 = d + timedelta(days=r.randint(60, 150))
        p = d - timedelta(days=r.randint(2, 20))
        uk = r.random() < 0.5
        fmt = (lambda x: f"{x.day} {x:%B}") if uk else (lambda x: f"{x:%d/%m}")
        users = r.randint(120, 900)
        ini = "".join(x[0] for x in self.seller_co.split()).upper()
        return {
            "inv": r.choice(
                [f"INV-{d.year}-{r.randint(1000, 9999)}", f"{ini}{r.randint(100000, 999999)}"]
            ),
            "po": f"45{r.randint(10000000, 99999999)}",
            "ticket": f"CS-{r.randint(20000, 48999)}",
            "n": r.choice([3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 40]),
            "module": r.choice(self.modules),
            "month": p.strftime("%B"),
            "pdate": fmt(p),
            "fdate": fmt(f),
            "fdate2": fmt(f2) + f" {f2.year}",
            "weekday": r.choice(["Monday", "Tuesday", "Wednesday", "Friday"]),
            "city": r.choice(self.cfg["cities"]),
            "users": users,
            "active": int(users * r.uniform(0.6, 0.95)),
            "year": d.year,
            "yy": str(d.year + 1)[2:],
            "y1": d.year + 1,
            "y5": d.year + 5,
            "q": r.randint(1, 4),
            "contract": f"MSA-{r.randint(d.year - 5, d.year - 1)}-{r.randint(100, 999)}",
            "domain": self.cfg["domain"],
            "holiday": r.choice(
                ["Easter", "the summer holidays", "the Christmas period", "Pentecost"]
            ),
            "pct": r.choice([5, 8, 10, 12, 15, 20]),
            "m": r.choice([6, 9, 12, 18]),
            "sector": self.cfg["sector"],
            "region": self.cfg["region"],
            "seller": self.seller_co.split()[0] if r.random() < 0.7 else self.seller_co,
            "amod": self.amod,
            "sol": self.by_role["solutions"]["first"],
            "ctz": TZ_LABEL[self.cfg["home_tz"]],
            "cshort": self.cfg["cshort"],
            "company": self.cfg["company"],
            "day": r.choice(
                ["Friday", "end of next week", "the 15th", "Wednesday", "end of the month"]
            ),
        }

    # ------------------------------------------------------------------ text
    def typoize(self, text, p):
        r = self.r
        if r.random() > p["typo"] * 3:
            return text
        protect = {w for ph in self.cfg["phrases"] for w in re.findall(r"[a-z]+", ph[0].lower())}
        words = [m for m in re.finditer(r"\b[a-z]{4,}\b", text) if m.group().lower() not in protect]
        if not words:
            return text
        for m in sorted(
            r.sample(words, min(len(words), r.choice([1, 1, 2]))), key=lambda m: -m.start()
        ):
            w = m.group()
            if w in COMMON_TYPOS and r.random() < 0.7:
                nw = COMMON_TYPOS[w]
            else:
                i = r.randint(1, len(w) - 2)
                op = r.choice(["swap", "drop", "dup"])
                nw = (
                    w[:i] + w[i + 1] + w[i] + w[i + 2 :]
                    if op == "swap"
                    else w[:i] + w[i + 1 :]
                    if op == "drop"
                    else w[:i] + w[i] + w[i:]
                )
            text = text[: m.start()] + nw + text[m.end() :]
        return text

    def signature(self, p):
        r = self.r
        if p["seller"]:
            return f"{p['name']}\n{p['title']} | {self.seller_co}\n{p['phone']} | www.{self.seller_domain}"
        if p["rival"]:
            s = f"{p['name']}\n{p['title']} | {self.comp['name']}\n{p['phone']} | www.{self.comp['domain']}"
            return s + (f"\n{self.comp['legal']}" if sum(map(ord, p["email"])) % 2 else "")
        c = self.cfg
        ph = f"{c['phone']} {r.randint(1000, 9999)}"
        style = sum(map(ord, p["email"])) % 4
        if style == 0:
            return f"{p['name']}\n{p['title']}\n{c['legal']}\n{c['address']}\nT: {ph}"
        if style == 1:
            return f"{p['name']} | {p['title']} | {p['dept']}\n{c['company']} | {p['email']} | {ph}"
        if style == 2:
            return f"{p['name']}\n{p['title']}\n\n{c['company']}\nTel. {ph}\nwww.{c['domain']}"
        return f"--\n{p['name']}\n{p['title']} - {p['dept']}\n{c['company']}"

    def compose(self, p, rec_names, core, sig=None, allow_disc=True, short=False):
        r = self.r
        if rec_names and len(rec_names) > 1 and r.random() < 0.5:
            g = r.choice(
                ["Hi all,", "Hello both,", "Hi team,", f"Hi {rec_names[0]}, {rec_names[1]},"]
            )
        elif rec_names:
            g = r.choice(p["greets"]).format(n=rec_names[0])
        else:
            g = ""
        core = self.typoize(core, p)
        so = r.choice(p["signoffs"])
        use_sig = (r.random() < p["sig_p"]) if sig is None else sig
        if short and r.random() < 0.5:
            text = f"{core}\n\n{p['first']}"
        elif use_sig:
            text = (
                f"{g}\n\n{core}\n\n{so},\n\n{self.signature(p)}"
                if g
                else f"{core}\n\n{so},\n\n{self.signature(p)}"
            )
        else:
            text = (
                (f"{g}\n\n" if g else "")
                + f"{core}\n\n{so}{',' if r.random() < 0.7 else ''}\n"
                + (p["first"] if r.random() < 0.85 else p["first"][0])
            )
        if p["lower"]:
            text = text.lower()
        if p["client"] == "thunderbird":
            text = "\n".join(
                textwrap.fill(line, 72) if len(line) > 72 else line for line in text.split("\n")
            )
        if allow_disc:
            if p["seller"] and r.random() < 0.2:
                text += "\n\n" + self.seller_disclaimer
            elif not p["seller"] and not p["rival"] and r.random() < self.cfg["disclaimer_p"]:
                text += "\n\n" + self.cfg["disclaimer"]
        if p["client"] == "apple" and not p["seller"] and r.random() < 0.4:
            text += "\n\n" + {"de": "Von meinem iPhone gesendet", "fr": "Envoyé de mon iPhone"}.get(
                p["hl"], "Sent from my iPhone"
            )
        return text

    def np(self, ph, cap=False):
        art = dict(self.cfg["phrases"])[ph]
        s = f"{art} {ph}" if art else ph
        return s[0].upper() + s[1:] if cap else s

    def pick_phrases(self, k):
        r = self.r
        items = sorted(self.phrase_use, key=lambda x: (self.phrase_use[x], r.random()))
        chosen = items[:k]
        r.shuffle(chosen)
        for c in chosen:
            self.phrase_use[c] += 1
        return chosen

    def phrase_slots(self, chosen, extra):
        d = dict(extra)
        for key, ph in zip("ABC", chosen + chosen[:1] * 3, strict=False):
            d[key] = self.np(ph)
            d[key + "c"] = self.np(ph, cap=True)
        return d

    # ------------------------------------------------------------------ quoting / prefixes
    def subj_prefix(self, subj, p, kind):
        ol, hl = p["client"] == "outlook", p["hl"]
        if kind == "re":
            pre = {"de": "AW: ", "fr": "RE : "}.get(hl, "RE: ") if ol else "Re: "
            if re.match(r"(?i)^(re|aw|antw)\s?:", subj) and (
                subj.lower().startswith(pre.lower()) or not ol
            ):
                return subj
            return pre + subj
        pre = {"de": "WG: ", "fr": "TR : "}.get(hl, "FW: ") if ol else "Fwd: "
        return pre + subj

    def header_block(self, m, style, hl, tzk):
        lt = to_local(m["dt"], tzk)
        sep = "; "
        to = sep.join(addr_str(x) for x in m["to"])
        cc = sep.join(addr_str(x) for x in m["cc"])
        top = (
            "________________________________"
            if style == "new"
            else {
                "de": "-----Ursprüngliche Nachricht-----",
                "fr": "-----Message d'origine-----",
            }.get(hl, "-----Original Message-----")
        )
        if hl == "de":
            s = f"{top}\nVon: {addr_str(m['frm'])}\nGesendet: {fmt_de(lt)}\nAn: {to}\n"
            s += f"Cc: {cc}\n" if cc else ""
            return s + f"Betreff: {m['subject']}\n\n"
        if hl == "fr":
            s = f"{top}\nDe : {addr_str(m['frm'])}\nEnvoyé : {fmt_fr(lt)}\nÀ : {to}\n"
            s += f"Cc : {cc}\n" if cc else ""
            return s + f"Objet : {m['subject']}\n\n"
        s = f"{top}\nFrom: {addr_str(m['frm'])}\nSent: {fmt_long_uk(lt) if style == 'new' else fmt_long(lt)}\nTo: {to}\n"
        s += f"Cc: {cc}\n" if cc else ""
        return s + f"Subject: {m['subject']}\n\n"

    def quote(self, parent, replier):
        r = self.r
        c, hl = replier["client"], replier["hl"]
        lt = to_local(parent["dt"], replier["tz"])
        nm, em = parent["frm"]["name"], parent["frm"]["email"]
        if c == "outlook":
            return (
                self.header_block(parent, r.choice(["orig", "orig", "new"]), hl, replier["tz"])
                + parent["body"]
            )
        if c == "gmail":
            intro = {
                "de": f"Am {fmt_gmail(lt, 'de')} schrieb {nm} <{em}>:",
                "fr": f"Le {fmt_gmail(lt, 'fr')}, {nm} <{em}> a écrit :",
            }.get(hl, f"On {fmt_gmail(lt)}, {nm} <{em}> wrote:")
        elif c == "thunderbird":
            intro = {
                "de": f"Am {lt:%d.%m.%y} um {lt:%H:%M} schrieb {nm}:",
                "fr": f"Le {lt:%d/%m/%Y} à {lt:%H:%M}, {nm} a écrit :",
            }.get(hl, f"On {lt:%d/%m/%Y %H:%M}, {nm} wrote:")
        else:
            intro = {
                "de": f"Am {lt:%d.%m.%Y} um {lt:%H:%M} schrieb {nm} <{em}>:",
                "fr": f"Le {lt.day} {MONTHS_FR[lt.month - 1]} {lt.year} à {lt:%H:%M}, {nm} <{em}> a écrit :",
            }.get(hl, f"On {lt.day} {lt:%b} {lt.year}, at {lt:%H:%M}, {nm} <{em}> wrote:")
        q = "\n".join(
            (">" + ("" if l.startswith(">") else " ") + l) if l else ">"
            for l in parent["body"].split("\n")
        )
        return f"{intro}\n\n{q}" if c != "thunderbird" else f"{intro}\n{q}"

    def forward_block(self, orig, fwd_by):
        c, hl = fwd_by["client"], fwd_by["hl"]
        lt = to_local(orig["dt"], fwd_by["tz"])
        to = ", ".join(addr_str(x) for x in orig["to"])
        fr = addr_str(orig["frm"])
        if c == "outlook":
            return (
                self.header_block(orig, self.r.choice(["orig", "new"]), hl, fwd_by["tz"])
                + orig["body"]
            )
        if c == "thunderbird":
            head = {
                "de": ("Weitergeleitete Nachricht", "Betreff:", "Datum:", "Von:", "An:"),
                "fr": ("Message transféré", "Sujet :", "Date :", "De :", "Pour :"),
            }.get(hl, ("Forwarded Message", "Subject:", "Date:", "From:", "To:"))
            return (
                f"-------- {head[0]} --------\n{head[1]} \t{orig['subject']}\n{head[2]} \t{format_datetime(lt)}\n"
                f"{head[3]} \t{fr}\n{head[4]} \t{to}\n\n{orig['body']}"
            )
        if c == "apple":
            if hl == "de":
                return (
                    f"Anfang der weitergeleiteten Nachricht:\n\nVon: {fr}\nBetreff: {orig['subject']}\n"
                    f"Datum: {lt.day}. {MONTHS_DE[lt.month - 1]} {lt.year} um {lt:%H:%M:%S} {gmt_label(lt)}\n"
                    f"An: {to}\n\n{orig['body']}"
                )
            if hl == "fr":
                return (
                    f"Début du message réexpédié :\n\nDe: {fr}\nObjet: {orig['subject']}\n"
                    f"Date: {lt.day} {MONTHS_FR[lt.month - 1]} {lt.year} à {lt:%H:%M:%S} {gmt_label(lt)}\n"
                    f"À: {to}\n\n{orig['body']}"
                )
            return (
                f"Begin forwarded message:\n\nFrom: {fr}\nSubject: {orig['subject']}\n"
                f"Date: {lt.day} {lt:%B} {lt.year} at {lt:%H:%M:%S} {gmt_label(lt)}\nTo: {to}\n\n{orig['body']}"
            )
        frm_label = {"de": "Von:", "fr": "De :"}.get(hl, "From:")
        return (
            f"---------- Forwarded message ---------\n{frm_label} {orig['frm']['name']} <{orig['frm']['email']}>\n"
            f"Date: {fmt_gmail(lt, hl)}\nSubject: {orig['subject']}\nTo: {to}\n\n{orig['body']}"
        )

    # ------------------------------------------------------------------ records
    def add(self, frm, to, cc, subject, body, dt, parent=None, store=True, **meta):
        m = dict(
            id=self.new_id(frm),
            frm=frm,
            to=list(to),
            cc=[x for x in cc if x not in to and x is not frm],
            subject=subject,
            body=body,
            dt=dt,
            irt=parent["id"] if parent else None,
            refs=(parent["refs"] + [parent["id"]])[-8:] if parent else [],
            **meta,
        )
        if store:
            self.msgs.append(m)
        return m

    def reply(self, parent, replier, core, extra_cc=(), quote=True, **meta):
        dt = self.reply_time(parent["dt"], replier)
        to = [parent["frm"]]
        cc = [x for x in parent["to"] + parent["cc"] if x is not replier and x is not parent["frm"]]
        cc += [x for x in extra_cc if x not in cc]
        body = self.compose(replier, [parent["frm"]["first"]], core, short=(len(core) < 60))
        if quote and self.r.random() < 0.93:
            body += "\n\n" + self.quote(parent, replier)
        return self.add(
            replier,
            to,
            cc,
            self.subj_prefix(parent["subject"], replier, "re"),
            body,
            dt,
            parent,
            **meta,
        )

    def log_entry(
        self, d, channel, by, subj, summ, owner, kind, msg_id=None, vision=False, p_log=0.93
    ):
        r = self.r
        if channel == "Email" and r.random() > p_log:
            return
        if kind == "vision":
            hours = round(r.choice([2, 3, 4, 6, 8, 10, 12, 16, 20, 24]) + r.choice([0, 0.5]), 2)
        elif kind == "strategic":
            hours = round(r.uniform(1, 8) * 2) / 2
        else:
            hours = r.choice([0.25, 0.25, 0.5, 0.5, 0.75, 1, 1, 1.5, 2, 3, 4])
        self.log.append(
            {
                "date": d,
                "channel": channel,
                "by": by,
                "subject": subj,
                "summary": summ,
                "owner": owner,
                "hours": hours,
                "kind": kind,
                "msg_id": msg_id,
                "vision": vision,
            }
        )

    def log_name(self, p, relay_for=None):
        r = self.r
        x = r.random()
        n = (
            p["name"]
            if x < 0.8
            else f"{p['last']}, {p['first']}"
            if x < 0.9
            else f"{p['first'][0]}. {p['last']}"
        )
        if relay_for and r.random() < 0.25:
            n += f" (for {relay_for['first']} {relay_for['last'][0]}.)"
        return n

    # ------------------------------------------------------------------ ordinary traffic
    def cc_extras(self, sender, d):
        r = self.r
        cc = []
        if r.random() < 0.15:
            # a newly arrived executive is on no one's mail before the introduction
            arrived = self.kind != "new_exec" or d >= self.cfg["onset"] - timedelta(days=7)
            cc.append(r.choice([p for p in self.customers if p is not sender and (
                arrived or p not in self.source_people)]))
        if r.random() < 0.08:
            cc.append(r.choice(self.sellers))
        if (
            self.kind == "new_exec"
            and sender is self.primary
            and d >= self.cfg["onset"] - timedelta(days=7)
            and r.random() < 0.05
        ):
            cc.append(self.source_people[0])
        return cc

    def pick_sender(self, depts, d):
        r = self.r
        if r.random() < 0.5:
            return self.primary
        sector_depts = SECTORS[self.cfg["sector"]]["depts"]
        pool = [
            p
            for p in self.non_primary
            if p["dept"] in depts or ("Operations" in depts and p["dept"] in sector_depts)
        ] or self.non_primary
        if "IT" in depts and self.it_people and (self.kind == "it_dept" or r.random() < 0.7):
            pool = self.it_people
        if r.random() < 0.25:
            pool = self.non_primary
        w = [1.0 / (1 + i * 0.15) for i in range(len(pool))]
        return r.choices(pool, w)[0]

    def ordinary(self, d, sender=None, tpl=None):
        r = self.r
        tpl = tpl or r.choice(ORD)
        cat, role, depts, subjs, bodies = tpl
        sender = sender or self.pick_sender(depts, d)
        owner = self.by_role[role]
        sl = self.slots(d)
        body, summ = r.choice(bodies)
        core, summ = body.format_map(sl), summ.format_map(sl)
        subj = r.choice(subjs).format_map(sl)
        if sender["lower"] and r.random() < 0.6:
            subj = subj.lower()
        dt = self.work_time(sender, d)
        m = self.add(
            sender,
            [owner],
            self.cc_extras(sender, d),
            subj,
            self.compose(sender, [owner["first"]], core),
            dt,
            role="request",
            vision=False,
            cat=cat,
        )
        self.log_entry(
            dt.date(), "Email", self.log_name(sender), subj, summ, owner, "ordinary", m["id"]
        )
        self.thread_tail(
            m,
            owner,
            r.choice(SELLER_REPLIES[cat] if r.random() < 0.85 else SELLER_REPLIES["generic"]),
            sl,
            p_reply=self.cfg["p_reply"],
        )
        return m

    def thread_tail(self, m, owner, reply_text, sl, p_reply, vision=False):
        r = self.r
        if r.random() > p_reply:
            return
        sl = dict(sl, first=m["frm"]["first"])
        rep = self.reply(m, owner, reply_text.format_map(sl), role="reply", vision=False)
        if r.random() < (0.22 if not vision else 0.25):
            if vision:
                fu, back = r.choice(VISION_FOLLOWUPS), None
            else:
                fu, back = r.choice(FOLLOWUPS)
            col = r.choice([p for p in self.customers if p is not m["frm"] and (
                vision or self.kind != "new_exec" or p not in self.source_people
                or m["dt"].date() >= self.cfg["onset"] - timedelta(days=7))])
            sl2 = dict(sl, s=owner["first"], colleague=col["first"])
            f = self.reply(
                rep,
                m["frm"],
                fu.format_map(sl2),
                extra_cc=[col] if "copy" in fu else (),
                role="followup",
                vision=False,
            )
            if back and r.random() < 0.6:
                self.reply(f, owner, back.format_map(sl2), role="reply", vision=False)

    def strategic(self, d, item, sender):
        r = self.r
        subj, body, summ = item
        sl = self.slots(d)
        body, summ = body.format_map(sl), summ.format_map(sl)
        owner = r.choice(self.sellers[:3])
        dt = self.work_time(sender, d)
        m = self.add(
            sender,
            [owner],
            self.cc_extras(sender, d),
            subj,
            self.compose(sender, [owner["first"]], body),
            dt,
            role="request",
            vision=False,
            cat="strategic",
        )
        self.log_entry(
            dt.date(), "Email", self.log_name(sender), subj, summ, owner, "strategic", m["id"]
        )
        self.thread_tail(
            m, owner, r.choice(STRATEGIC_REPLIES), sl, p_reply=self.cfg["p_reply_strat"]
        )
        self.truth.append(
            {"id": m["id"], "role": "strategic_decoy", "sender": sender["email"], "date": str(dt.date())}
        )

    def seller_initiated(self, d, tpl):
        r = self.r
        subj, role, body = tpl
        s = self.by_role[role]
        sl = self.slots(d)
        to = [self.primary]
        cc = r.sample(
            [p for p in self.customers[1:] if p not in self.source_people], r.randint(0, 3)
        )
        dt = self.work_time(s, d)
        m = self.add(
            s,
            to,
            cc,
            subj,
            self.compose(
                s,
                [self.primary["first"]] if not cc else [self.primary["first"], cc[0]["first"]],
                body.format_map(sl),
            ),
            dt,
            role="seller_initiated",
            vision=False,
        )
        if r.random() < 0.35:
            self.reply(
                m,
                self.primary,
                r.choice(
                    [
                        "Thanks, noted.",
                        "Thanks {s} - looks good to me.",
                        "Could we add an item on licence usage?",
                    ]
                ).format(s=s["first"]),
                role="followup",
                vision=False,
            )

    # ------------------------------------------------------------------ vision traffic
    def mention_slots(self, sl):
        if self.kind == "new_exec":
            ex = self.source_people[0]
            return dict(
                sl, sf=ex["first"], sfull=ex["name"], title=ex["title"], abbr=self.exec_abbr
            )
        if self.kind == "it_dept":
            it = self.source_people
            return dict(
                sl, it1=it[0]["first"], it2=it[1]["first"], it3=it[2]["first"], it1t=it[0]["title"]
            )
        pr = self.comp["products"]
        return dict(
            sl,
            comp=self.comp["name"].split()[0] if self.r.random() < 0.5 else self.comp["name"],
            P1=pr[0],
            P2=pr[1 % len(pr)] if self.r.random() < 0.6 else pr[-1],
        )

    def note_time(self, src, fwd_dt, earliest_day, max_days):
        """Working-hours time for a source's note, before fwd_dt and not before earliest_day."""
        r = self.r
        fwd_day = to_local(fwd_dt, src["tz"]).date()
        for _ in range(25):
            d = fwd_day - timedelta(days=r.randint(0, max_days))
            if d < earliest_day or (d.weekday() >= 5 and r.random() < 0.85):
                continue
            t = self.work_time(src, d)
            if t < fwd_dt - timedelta(minutes=10):
                return t
        return to_local(fwd_dt - timedelta(minutes=r.randint(15, 50)), src["tz"])

    def src_orig(self, d, fwd_dt, phrases, fwd_by):
        """Create (not stored) message from the source that fwd_by later forwards or pastes."""
        r = self.r
        c = self.cfg
        to = [fwd_by]
        if self.kind == "competitor":
            src = r.choice(self.reps)
            subj, summ, body = r.choice(COMP_ORIG)
            pr = self.comp["products"][:]
            r.shuffle(pr)
            sl = self.phrase_slots(
                phrases,
                dict(self.slots(d), rf=fwd_by["first"], comp=self.comp["name"], P1=pr[0], P2=pr[1]),
            )
            txt = body.format_map(sl)
            core = txt.split("\n\n", 1)[1]
            txt += (
                f"\n\n{r.choice(['Best regards', 'Kind regards', 'Best'])},\n{self.signature(src)}"
            )
            if r.random() < 0.2:
                to.append(r.choice([p for p in self.customers if p is not fwd_by]))
            odt = self.note_time(src, fwd_dt, c["start"], 10)
            m = self.add(src, to, [], subj.format_map(sl), txt, odt, store=False)
            m["core"] = core
            return m, summ, src
        if self.kind == "new_exec":
            src = self.source_people[0]
            subj, summ, body = r.choice(EXEC_ORIG)
        else:
            src = r.choice(self.source_people)
            subj, summ, body = r.choice(IT_ORIG)
        sl = self.phrase_slots(
            phrases,
            {
                "pf": fwd_by["first"],
                "sf": src["first"],
                "stitle": src["title"],
                "seller": self.seller_co.split()[0],
                "abbr": getattr(self, "exec_abbr", ""),
            },
        )
        txt = body.format_map(sl)
        if r.random() < 0.5:
            txt += "\n\n" + self.signature(src) if not txt.rstrip().endswith(src["first"]) else ""
        odt = self.note_time(src, fwd_dt, c["onset"], 2)
        if fwd_by is not self.primary and r.random() < 0.4:
            to.append(self.primary)
        elif r.random() < 0.2:
            to += r.sample([p for p in self.customers[1:6] if p is not src and p is not fwd_by], 1)
        m = self.add(src, to, [], subj, txt, odt, store=False)
        return m, summ.format_map(sl), src

    def vision_request(self, d, sender, mode, first=False):
        r = self.r
        k = r.choice([2, 2, 3])
        phrases = self.pick_phrases(k)
        tpl = r.choice(VISION_CORE)
        sl = self.slots(d)
        ps = self.phrase_slots(phrases, sl)
        core = tpl["body"].format_map(ps)
        summ = tpl["summ"].format_map(sl)
        subj = r.choice(tpl["subj"]).format_map(sl)
        owner = self.by_role[tpl["owner"]]
        dt = self.work_time(sender, d, early=first)
        extra_cc = []
        ment = self.mention_slots(sl)
        block = verbatim = ""
        if mode == "mention":
            pool = {"new_exec": MENTION_EXEC, "it_dept": MENTION_IT, "competitor": MENTION_COMP}[
                self.kind
            ]
            sent = r.choice(pool).format_map(ment)
            core = f"{sent} {core}" if r.random() < 0.6 else f"{core}\n\n{sent}"
            if self.kind != "competitor" and r.random() < 0.2:
                extra_cc = [
                    self.source_people[0]
                    if self.kind == "new_exec"
                    else r.choice(self.source_people)
                ]
            if self.kind == "competitor" and r.random() < 0.3:
                summ = f"{summ} (compares with {ment['P1']})"
        elif mode in ("forward", "paste"):
            orig, osumm, src = self.src_orig(d, dt, phrases, sender)
            sl2 = dict(sl, sf=src["first"], comp=ment.get("comp", ""))
            if mode == "paste":
                pool = {
                    "new_exec": PASTE_INTRO_EXEC,
                    "it_dept": PASTE_INTRO_IT,
                    "competitor": PASTE_INTRO_COMP,
                }[self.kind]
                intro = r.choice(pool).format_map(sl2)
                pasted = orig["core"] if self.kind == "competitor" else orig["body"]
                verbatim = (
                    f'"{pasted}"'
                    if r.random() < 0.5
                    else "\n".join("  " + l for l in pasted.split("\n"))
                )
                core2 = f"{intro}\n\n{PASTE_MARK}"
                core = (
                    f"{core2}\n\n{core}"
                    if r.random() < 0.5
                    else f"{core2}\n\nCould you come back to me on this?"
                )
                summ = osumm if r.random() < 0.5 and self.kind != "competitor" else summ
            else:
                covers = FWD_COVER + (FWD_COVER_COMP * 2 if self.kind == "competitor" else [])
                cover = r.choice(covers).format_map(sl2)
                if r.random() < 0.5:
                    core = cover
                    summ = osumm
                else:
                    core = f"{cover}\n\n{core}"
                subj = self.subj_prefix(orig["subject"], sender, "fw")
                block = self.forward_block(orig, sender)
                if self.kind == "competitor" and r.random() < 0.3:
                    summ = f"{summ} - from {self.comp['name'].split()[0]}"
            if self.kind != "competitor" and r.random() < 0.2:
                extra_cc = [src]
        body = self.compose(sender, [owner["first"]], core)
        if verbatim:  # pasted text is copied, so it keeps its own spelling and case
            body = body.replace(PASTE_MARK, verbatim)
        if block:
            body += "\n\n" + block
        cc = extra_cc + ([r.choice(self.sellers)] if r.random() < 0.15 else [])
        if r.random() < 0.1 and self.relays:
            cc.append(r.choice(self.relays))
        m = self.add(sender, [owner], cc, subj, body, dt, role="request", vision=True, cat="vision")
        if r.random() < 0.5:
            summ = f"{summ} - re '{phrases[0]}'"
        relay_for = (
            self.source_people[0]
            if self.kind == "new_exec" and mode in ("forward", "paste", "mention")
            else None
        )
        self.log_entry(
            dt.date(),
            "Email",
            self.log_name(sender, relay_for),
            subj,
            summ,
            owner,
            "vision",
            m["id"],
            vision=True,
            p_log=0.96,
        )
        self.truth.append(
            {
                "id": m["id"],
                "role": "vision",
                "mode": mode,
                "sender": sender["email"],
                "date": str(dt.date()),
                "phrases": phrases,
            }
        )
        rt = r.choice(VISION_REPLIES)
        self.thread_tail(
            m,
            owner,
            rt.format_map(dict(ps, first=sender["first"])),
            dict(sl, **ps),
            p_reply=self.cfg["p_reply_vis"],
            vision=True,
        )
        return m

    def vision_direct(self, d, idx):
        r = self.r
        c = self.cfg
        if self.kind == "new_exec":
            src = self.source_people[0]
            subj, role, body = EXEC_DIRECT[idx]
        else:
            src = self.source_people[idx]
            subj, role, body = IT_DIRECT[idx]
        owner = self.by_role[role]
        phrases = self.pick_phrases(3 if "{C}" in body else 2)
        sl = self.slots(d)
        ps = self.phrase_slots(
            phrases,
            dict(
                sl,
                r=owner["first"],
                pf=self.primary["first"],
                sf=src["first"],
                sig=self.signature(src),
            ),
        )
        text = body.format_map(ps)
        if r.random() < c["disclaimer_p"]:
            text += "\n\n" + c["disclaimer"]
        dt = self.work_time(src, d)
        m = self.add(
            src, [owner], [self.primary], subj, text, dt, role="request", vision=True, cat="vision"
        )
        self.log_entry(
            dt.date(),
            "Email",
            self.log_name(src),
            subj,
            f"Direct request from {src['title']}",
            owner,
            "vision",
            m["id"],
            vision=True,
            p_log=1.0,
        )
        self.truth.append(
            {
                "id": m["id"],
                "role": "vision",
                "mode": "direct",
                "sender": src["email"],
                "date": str(dt.date()),
                "phrases": phrases,
            }
        )
        self.thread_tail(
            m,
            owner,
            r.choice(VISION_REPLIES).format_map(dict(ps, first=src["first"])),
            dict(sl, **ps),
            p_reply=1.0,
            vision=True,
        )

    def exec_intro(self, d):
        r = self.r
        ex = self.source_people[0]
        owner = self.by_role["account"]
        subj, body = r.choice(EXEC_INTRO)
        when = r.choice(
            [
                "last month",
                "a few weeks ago",
                "recently",
                f"at the beginning of {(d - timedelta(days=35)):%B}",
            ]
        )
        fm = {
            "r": owner["first"],
            "pf": self.primary["first"],
            "sig": self.signature(ex),
            "title": ex["title"],
            "abbr": self.exec_abbr,
            "company": self.cfg["company"],
            "cshort": self.cfg["cshort"],
            "seller": self.seller_co.split()[0],
            "when": when,
        }
        text, subj = body.format_map(fm), subj.format_map(fm)
        dt = self.work_time(ex, d, early=True)
        m = self.add(ex, [owner], [self.primary], subj, text, dt, role="intro", vision=False)
        self.truth.append(
            {"id": m["id"], "role": "source_intro", "sender": ex["email"], "date": str(dt.date())}
        )
        s = self.by_role["success"]
        rep = self.reply(
            m,
            owner,
            f"Welcome to {self.cfg['cshort']}, and thank you for reaching out. I'd be glad to "
            f"set up an introductory call - I've asked {s['first']} to send a few options for "
            "next week.",
            extra_cc=[s],
            role="reply",
            vision=False,
        )
        ctz = TZ_LABEL[self.cfg["home_tz"]]
        sched = self.reply(
            rep,
            s,
            f"Would Thursday 10:00 {ctz} or Friday 14:00 {ctz} work for a 45-minute intro call?",
            role="reply",
            vision=False,
        )
        self.reply(
            sched,
            ex,
            r.choice(["Thursday works. Thanks.", "Friday please.", "Thursday is fine."]),
            role="followup",
            vision=False,
        )

    # ------------------------------------------------------------------ orchestration
    def mode_list(self, n):
        counts = largest_remainder(self.mix, n)
        modes = [m for m, k in zip(MODES, counts, strict=False) for _ in range(k)]
        self.r.shuffle(modes)
        if modes and modes[0] == "vocab":  # start with something traceable when the mix allows it
            j = next((i for i, m in enumerate(modes) if m != "vocab"), None)
            if j is not None:
                modes[0], modes[j] = modes[j], modes[0]
        return modes

    def generate(self):
        r = self.r
        c = self.cfg
        start, end = c["start"], c["end"]
        ord_dates = sorted(self.weekday_between(start, end) for _ in range(c["n_ord"]))
        ord_dates[0] = start
        for d in ord_dates:
            self.ordinary(d)
        if self.kind == "it_dept":  # IT staff send ordinary requests from the start
            it_tpls = [t for t in ORD if t[0] in ("sso", "api", "questionnaire", "incident")]
            for i in range(9):
                d = (
                    self.weekday_between(start, c["onset"] - timedelta(days=10))
                    if i < 6
                    else self.weekday_between(c["onset"], end)
                )
                self.ordinary(
                    d, sender=self.source_people[i % len(self.source_people)], tpl=r.choice(it_tpls)
                )
        for tpl in SELLER_INIT:
            d = self.weekday_between(start, end)
            if "holidays" in tpl[0]:
                decs = [
                    date(y, 12, 11)
                    for y in (start.year, start.year + 1)
                    if start <= date(y, 12, 11) <= end
                ]
                if not decs:
                    continue
                d = decs[0]
                while d.weekday() >= 5:
                    d -= timedelta(days=1)
            self.seller_initiated(d, tpl)
        pool = STRATEGIC[:]
        r.shuffle(pool)
        for item in pool[: c["n_decoy"]]:
            d = self.weekday_between(start + timedelta(days=20), end)
            if self.kind == "null":
                sender = self.primary if r.random() < 0.3 else r.choice(self.non_primary)
            else:
                sender = r.choice([p for p in self.non_primary if p not in self.relays])
            self.strategic(d, item, sender)
        phone = [
            (
                "Phone: users locked out after SSO change",
                "Resolved on the call - unlocked accounts",
            ),
            ("Phone: invoice due dates", "Explained payment terms (30 days net)"),
            ("Phone: bring forward training", "Asked to move training one week earlier"),
            ("Phone: label printing failing", "Urgent - label printing failing at one site"),
            ("Phone: renewal meeting attendees", "Confirmed attendees for renewal meeting"),
            (
                "Phone: reference customer request",
                "Asked for a reference call with another customer",
            ),
            ("Phone: report access", "Manager cannot see team report"),
            ("Phone: licence questions", "Walked through current licence count"),
            ("Phone: new starter access", "Asked how to request access for new starters"),
        ]
        for subj, summ in r.sample(phone, r.randint(5, len(phone))):
            d = self.weekday_between(start, end)
            p = self.primary if r.random() < 0.5 else r.choice(self.non_primary)
            self.log_entry(
                d, "Phone", self.log_name(p), subj, summ, r.choice(self.sellers), "ordinary"
            )
        if self.kind != "null":
            self.generate_vision()
        while len(self.msgs) < MIN_MESSAGES:
            self.ordinary(self.weekday_between(start, end))

    def generate_vision(self):
        r = self.r
        c = self.cfg
        onset, end = c["onset"], c["end"]
        if self.kind == "new_exec":
            self.exec_intro(onset - timedelta(days=7))
        n_p, n_rel, n_dir = c["n_vision_primary"], c["n_vision_relay"], c["n_direct"]
        days = [onset] + sorted(
            self.weekday_between(onset + timedelta(days=1), end - timedelta(days=3))
            for _ in range(n_p + n_rel + n_dir - 1)
        )
        senders = ["P"] * n_p + ["R"] * n_rel + ["D"] * n_dir
        first_sender = senders.pop(0)
        r.shuffle(senders)
        senders = [first_sender] + senders
        modes = self.mode_list(n_p + n_rel)
        relay_i, dir_i, mode_i = 0, 0, 0
        for d, s in zip(days, senders, strict=False):
            if s == "D":
                self.vision_direct(d, dir_i)
                dir_i += 1
                continue
            sender = self.primary if s == "P" else self.relays[relay_i % len(self.relays)]
            if s == "R":
                relay_i += 1
            self.vision_request(d, sender, modes[mode_i], first=(d == onset))
            mode_i += 1
        d = self.weekday_between(onset + timedelta(days=20), end)
        ph = r.choice(list(self.phrase_use))
        what = (
            "wants rough numbers for"
            if self.kind != "competitor" or r.random() < 0.5
            else f"compares us with {self.comp['name'].split()[0]} on"
        )
        self.log_entry(
            d,
            "Phone",
            self.log_name(self.primary),
            "Phone: strategy questions",
            f"Call with {self.primary['first']} - {what} '{ph}'",
            self.by_role["account"],
            "vision",
            vision=True,
        )

    # ------------------------------------------------------------------ output
    def write(self, folder):
        c = self.cfg
        folder = pathlib.Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "mail.mbox"
        for suffix in ("", ".lock"):
            q = pathlib.Path(str(path) + suffix)
            if q.exists():
                q.unlink()
        self.msgs.sort(key=lambda m: (m["dt"], m["id"]))
        box = mailbox.mbox(str(path), create=True)
        box.lock()
        for m in self.msgs:
            em = EmailMessage()
            em["Message-ID"] = m["id"]
            em["Date"] = format_datetime(m["dt"])
            em["From"] = Address(m["frm"]["name"], addr_spec=m["frm"]["email"])
            em["To"] = tuple(Address(p["name"], addr_spec=p["email"]) for p in m["to"])
            if m["cc"]:
                em["Cc"] = tuple(Address(p["name"], addr_spec=p["email"]) for p in m["cc"])
            em["Subject"] = m["subject"]
            if m["irt"]:
                em["In-Reply-To"] = m["irt"]
                em["References"] = " ".join(m["refs"])
            cl, hl = m["frm"]["client"], m["frm"]["hl"]
            lang_tag = {"de": "de-DE", "fr": "fr-FR"}.get(
                hl, "en-US" if m["frm"]["tz"].startswith("us") else "en-GB"
            )
            if cl == "outlook":
                em["Thread-Topic"] = re.sub(
                    r"^((re|aw|fw|wg|fwd|tr)\s?:\s*)+", "", m["subject"], flags=re.I
                )
                # derived from the Message-ID so a message looks the same at every difficulty
                em["Thread-Index"] = (
                    "A" + base64.b64encode(hashlib.sha256(m["id"].encode()).digest()).decode()[:31]
                )
                em["Content-Language"] = lang_tag
                em["X-MS-Has-Attach"] = ""
            elif cl == "thunderbird":
                em["User-Agent"] = "Mozilla Thunderbird"
                em["Content-Language"] = lang_tag
            elif cl == "apple":
                em["X-Mailer"] = (
                    "iPhone Mail (21E236)"
                    if "iPhone" in m["body"][-40:]
                    else "Apple Mail (2.3774.500.171.1.1)"
                )
            em.set_content(m["body"] + "\n", charset="utf-8")
            mm = mailbox.mboxMessage(em)
            mm.set_from(m["frm"]["email"], time.gmtime(m["dt"].timestamp()))
            box.add(mm)
        box.flush()
        box.unlock()
        box.close()
        # request log
        st_ = self.log_style
        self.log.sort(key=lambda e: (e["date"], e["subject"]))
        end = c["end"]
        cols = st_["cols"][:]
        if st_["priority"]:
            cols.insert(7, "Priority")
        with open(folder / "requests_log.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(cols)
            for i, e in enumerate(self.log, 1):
                lr = random.Random(
                    f"{MASTER_SEED}:{self.kind}:{self.seed}:log:{e['date']}:{e['by']}:{e['subject']}"
                )
                age = (end - e["date"]).days
                if age < 30:
                    st = lr.choice(["Open", "In progress", "Waiting on customer", "Closed"])
                else:
                    st = lr.choices(
                        ["Closed", "Closed - no action", "Cancelled", "In progress"],
                        [0.88, 0.06, 0.03, 0.03],
                    )[0]
                e["ref"] = st_["ref"].format(ini=st_["ini"], yy=f"{e['date']:%y}", i=i)
                ch = st_["channels"][0 if e["channel"] == "Email" else 1]
                own = e["owner"]["name"] if st_["owner_full"] else e["owner"]["first"]
                row = [
                    e["ref"],
                    e["date"].strftime(st_["datefmt"]),
                    ch,
                    e["by"],
                    e["subject"],
                    e["summary"],
                    own,
                    e["hours"],
                    st,
                ]
                if st_["priority"]:
                    row.insert(
                        7,
                        "High"
                        if e["kind"] == "vision" and lr.random() < 0.4
                        else lr.choices(["Low", "Medium", "High"], [0.35, 0.5, 0.15])[0],
                    )
                w.writerow(row)
        with open(folder / "org_chart.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["name", "email", "title", "department"])
            for p in sorted(self.customers, key=lambda p: (p["dept"], p["last"], p["first"])):
                w.writerow([p["name"], p["email"], p["title"], p["dept"]])
        vision_ids = [
            t["id"] for t in sorted(self.truth, key=lambda t: t["date"]) if t["role"] == "vision"
        ]
        if self.kind == "new_exec":
            ex = self.source_people[0]
            src = {"name": ex["name"], "email": ex["email"], "department": ex["dept"]}
        elif self.kind == "it_dept":
            src = {"name": "IT department", "email": None, "department": "IT"}
        elif self.kind == "competitor":
            src = {
                "name": self.comp["name"], "email": None, "domain": self.comp["domain"], "department": None
            }
        else:
            src = None
        key = {
            "kind": self.kind,
            "source": src,
            "onset": str(c["onset"]) if c["onset"] else None,
            "vision_phrases": [p for p, _ in c["phrases"]],
            "vision_message_ids": vision_ids,
            "seller_domain": self.seller_domain,
        }
        if self.kind == "competitor":
            key["products"] = list(self.comp["products"])
        with open(folder / "answer_key.json", "w", encoding="utf-8") as f:
            json.dump(key, f, indent=2, ensure_ascii=False)
        modes = {}
        for t in self.truth:
            if t["role"] == "vision":
                modes[t["mode"]] = modes.get(t["mode"], 0) + 1
        details = {
            "note": "Extra ground truth (not part of the export). vision_message_ids = customer-side requests carrying "
            "the vocabulary; seller replies quoting them are NOT listed.",
            "seed": self.seed,
            "kind": self.kind,
            "relay_mix": [round(x, 4) for x in self.mix],
            "relay_mix_default": list(self.default_mix),
            "mode_counts": modes,
            "company": {
                "name": c["company"],
                "legal": c["legal"],
                "domain": c["domain"],
                "country": c["country"],
                "sector": c["sector"],
                "email_format": c["fmt"],
            },
            "seller": {
                "name": self.seller_co,
                "domain": self.seller_domain,
                "people": [
                    {"name": p["name"], "email": p["email"], "role": p["role"]} for p in self.sellers
                ],
            },
            "period": {"start": str(c["start"]), "end": str(c["end"]), "months": c["months"]},
            "phrases_with_articles": [[p, a] for p, a in c["phrases"]],
            "source_members": [
                {"name": p["name"], "email": p["email"], "title": p["title"]} for p in self.source_people
            ],
            "competitor": (
                dict(
                    self.comp,
                    reps=[
                        {"name": p["name"], "email": p["email"], "title": p["title"]} for p in self.reps
                    ],
                )
                if self.comp
                else None
            ),
            "primary_contact": {"name": self.primary["name"], "email": self.primary["email"]},
            "relays": [p["email"] for p in self.relays],
            "messages": sorted(self.truth, key=lambda t: t["date"]),
            "vision_log_refs": [e["ref"] for e in self.log if e["vision"]],
            "phrase_use": self.phrase_use,
            "counts": {
                "messages": len(self.msgs), "log_rows": len(self.log), "people": len(self.customers)
            },
        }
        with open(folder / "truth_details.json", "w", encoding="utf-8") as f:
            json.dump(details, f, indent=2, ensure_ascii=False)
        return key


def generate_account(
    kind: str,
    seed: int,
    out_dir: pathlib.Path,
    *,
    relay_mix: tuple[float, float, float, float] | None = None,
    difficulty: str | None = None,
) -> dict:
    """Generate one account into out_dir and return its answer key (also written to answer_key.json).

    relay_mix = shares of (forward, mention, paste, vocab) among relayed vision requests; if None,
    the difficulty preset is used ("easy" / "medium" / "hard"), else a seed-dependent default.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if relay_mix is None and difficulty is not None:
        if difficulty not in DIFFICULTY:
            raise ValueError(f"difficulty must be one of {sorted(DIFFICULTY)}, got {difficulty!r}")
        relay_mix = DIFFICULTY[difficulty]
    acc = Account(kind, seed, relay_mix)
    acc.generate()
    return acc.write(out_dir)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate synthetic seller/customer e-mail accounts.")
    ap.add_argument("out_dir", type=pathlib.Path)
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    ap.add_argument("--seeds", nargs="+", type=int, default=[1])
    ap.add_argument("--difficulty", nargs="+", choices=sorted(DIFFICULTY), default=None)
    ap.add_argument(
        "--relay-mix",
        nargs=4,
        type=float,
        default=None,
        metavar=("FWD", "MENTION", "PASTE", "VOCAB"),
        help="explicit shares; overrides --difficulty (folder label 'custom')",
    )
    a = ap.parse_args(argv)
    labels = ["custom"] if a.relay_mix else (a.difficulty or ["default"])
    t0 = time.perf_counter()
    n = 0
    for kind in a.kinds:
        for label in labels:
            for seed in a.seeds:
                t1 = time.perf_counter()
                folder = a.out_dir / f"{kind}_{label}_{seed}"
                key = generate_account(
                    kind,
                    seed,
                    folder,
                    relay_mix=tuple(a.relay_mix) if a.relay_mix else None,
                    difficulty=label if label in DIFFICULTY else None,
                )
                det = json.loads((folder / "truth_details.json").read_text(encoding="utf-8"))
                print(
                    f"{folder.name}: {det['counts']['messages']} messages, {det['counts']['log_rows']} log rows, "
                    f"{len(key['vision_message_ids'])} vision, modes {det['mode_counts']} "
                    f"[{time.perf_counter() - t1:.2f}s]"
                )
                n += 1
    print(f"{n} accounts in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()

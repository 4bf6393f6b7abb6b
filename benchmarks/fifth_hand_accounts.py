#!/usr/bin/env python3
"""fifth_hand_accounts -- synthetic account-team mail + request-log exports with an answer key.

What is simulated
-----------------
One SELLER (an invented software/services vendor with its own name, mail domain and product
line) works one large CUSTOMER (an invented French, Spanish, Nordic, Polish, UK, US or Canadian
company) for 6-20 months.  Customer staff send everyday requests (pricing what-ifs, licence
counts, roadmap, architecture, security questionnaires, data residency, integrations, training,
SLA, invoices, renewals, PoCs, references, support tickets, SSO, contract terms, ...); the
seller's account team (account executive, solutions engineer, customer-success manager, support
engineer, deal desk, sales director) replies, chases, schedules meetings, writes internal notes,
and receives newsletters, auto-replies and bounces.  Volume varies from ~150 messages / ~50
requests to ~1,500 messages / ~400 requests.

Each account is generated for one ``kind``:

* ``new_exec``    -- a new executive (CDO, COO, CFO, VP Operations, ...) joins and, from an onset
                     date, pushes a vision brought from a former employer.  The asks reach the
                     seller mostly through other customer people.
* ``it_dept``     -- the customer's IT organisation (enterprise-architecture office, platform
                     team, CTO office, ... named per seed) pushes a direction; several of its
                     members originate asks; a standards memo is forwarded once.
* ``competitor``  -- a competitor's reps pitch customer people; the seller only sees echoes
                     (forwarded decks and mails, pasted paragraphs, product-name mentions, the
                     competitor's domain in a forwarded header or, rarely, a Cc).
* ``null``        -- no hidden source, but several strong confounders: mail-domain migration,
                     department renames, a procurement RFP burst, a busy new hire, a budget
                     season burst, a company-wide programme name, a major incident ticket storm,
                     a seller product launch, a person with strong writing tics.

The vision is 8-16 multi-word phrases built per seed from this file's own word pools, each
idea realised in several grammatical forms ("usage-based billing" / "billing by usage" /
"bill on usage" / "billing based on actual usage").  Vision requests ride on otherwise
unrelated topics.  Relay modes: forwarded (with a localised header block), pasted paragraph,
mention ("our new CDO asked ..."), originator in Cc, originator writing directly, attachment
named after the vision, and rephrased in the messenger's own words.  ``difficulty`` (easy /
medium / hard) shifts the mix: hard is mostly rephrased and pasted with few names.

How the exports differ from the usual
-------------------------------------
Per account 2-4 exports, each owned by one seller team member, chosen among:

* Apple Mail export: ``<owner> Apple Mail/Inbox.mbox/mbox`` (+ ``Info.plist`` and a binary
  ``table_of_contents``) and ``Sent Messages.mbox/mbox``; ``From addr date`` separators.
* Google Takeout: ``<owner> Takeout/Takeout/Mail/All mail Including Spam and Trash.mbox`` with
  ``X-GM-THRID`` / ``X-Gmail-Labels`` and ``From 17xxxxxxxxxxxxxxxxx@xxx ... +0000 2024``
  separators, plus ``archive_browser.html``.
* Maildir (Maildir++): ``cur/ new/ tmp/`` and ``.Sent/cur``, names like
  ``1700000000.M123P4567Q8.mx2:2,S``, plus ``dovecot-uidlist``.
* Loose ``.eml`` files in nested year/month/topic folders, some with CRLF line ends, a
  ``desktop.ini`` and ``Thumbs.db``.

Mail clients are simulated with their quoting habits: Outlook desktop (localised
"De :/Envoyé :/À :/Objet :", "De:/Enviado el:/Para:/Asunto:", "Från:/Skickat:/Till:/Ämne:",
"Od:/Wysłano:/Do:/Temat:", "Von:/Gesendet:/An:/Betreff:" blocks), Outlook on the web, Gmail
("Le mar. 4 avr. 2023 à 10:12, X a écrit :", "---------- Forwarded message ---------"), Apple
Mail ("Begin forwarded message:"), Thunderbird ("-------- Original Message --------"), mobile
clients.  Mostly top-posting, some bottom-posting and inline answers; plain, HTML-only and
multipart/alternative bodies; quoted-printable, base64, 8bit; UTF-8, ISO-8859-1/2,
windows-1250/1252; RFC 2047 names and subjects; long signatures and legal disclaimers; gateway
banners ("[EXTERNAL] ...", localised on the customer side) and ``[EXT]`` subject tags; mailing
list footers; ``X-MS-Exchange-*``, ``Thread-Index``, ``References`` chains, some replies with no
``In-Reply-To``; calendar invitations (text/calendar); attachments.

Request log, one format per seed: ServiceNow-style CSV, Zendesk-style CSV, a semicolon CSV with
UTF-8 BOM, day-first dates and decimal commas, or an Excel workbook whose first sheet is a summary
and second sheet the cases.  Some rows repeat e-mailed requests, some are phone/meeting only;
effort in hours, minutes, days or hh:mm:ss.  ``org_chart.csv`` lists the customer's people
(possibly stale: late joiners missing, pre-migration addresses or pre-reorg department names).

Deliberately broken items (a few per account): an empty file, non-mail files in mail folders, a
message with an undecodable charset label, a truncated message, a message saved twice, a Date
header in a non-RFC format.  Broken items are never vision requests, except duplicates (which
remain readable); messages that went only to unexported mailboxes are marked
``in_exports: false`` in the truth and left out of the key.

Outputs per account: the exports under ``mail/``, the request log under ``logs/``,
``org_chart.csv``, ``answer_key.json`` (the interface documented in ``generate_account``) and
``truth_details.json`` (per-message roles, relay modes, originators, per-row log truth, people,
confounders, relay mix, broken items, ...).

Deterministic: everything derives from ``random.Random`` seeded by sha256 of
``"{kind}|{seed}|{difficulty}"``; no wall-clock time; xlsx zip entries get fixed timestamps.

Usage::

    python benchmarks/fifth_hand_accounts.py OUT --kinds new_exec it_dept competitor null \\
        --seeds 1 2 --difficulty hard
    python benchmarks/fifth_hand_accounts.py --check
"""
from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import email
import email.utils
import hashlib
import html
import io
import json
import mailbox
import quopri
import random
import re
import shutil
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

KINDS = ("new_exec", "it_dept", "competitor", "null")
DIFFICULTIES = ("easy", "medium", "hard")


# ============================================================================ small helpers

def make_rng(*parts) -> random.Random:
    key = "|".join(str(p) for p in parts)
    return random.Random(int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], 16))


def ascii_fold(s: str) -> str:
    s = s.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("æ", "ae").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(s).lower())


def wpick(rng: random.Random, pairs):
    """pairs: list of (item, weight)."""
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x <= 0:
            return item
    return pairs[-1][0]


def fill(t: str, **kw) -> str:
    """Format with missing keys left visible-free (replaced by empty string is a bug; fail loudly)."""
    return t.format(**kw)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


# ============================================================================ language data

LANG = {
    "en": dict(
        wd=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        wda=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        mo=["January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"],
        moa=["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        ol=("From", "Sent", "To", "Cc", "Subject"), fw="FW:", re="RE:",
        gfwd=("---------- Forwarded message ---------", "From", "Date", "Subject", "To", "Cc"),
        tb_orig="-------- Original Message --------", tb_fwd="-------- Forwarded Message --------",
        tbl=("Subject", "Date", "From", "To", "CC"),
        apple_fwd="Begin forwarded message:",
        phone=["Sent from my iPhone", "Get Outlook for iOS", "Get Outlook for Android",
               "Sent from my Galaxy"],
    ),
    "fr": dict(
        wd=["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        wda=["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
        mo=["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre"],
        moa=["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
             "nov.", "déc."],
        ol=("De\u00a0", "Envoyé\u00a0", "À\u00a0", "Cc\u00a0", "Objet\u00a0"), fw="TR:", re="RE:",
        gfwd=("---------- Forwarded message ---------", "De", "Date", "Subject", "To", "Cc"),
        tb_orig="-------- Message original --------", tb_fwd="-------- Message transféré --------",
        tbl=("Sujet\u00a0", "Date\u00a0", "De\u00a0", "Pour\u00a0", "Copie à\u00a0"),
        apple_fwd="Début du message réexpédié :",
        phone=["Envoyé de mon iPhone", "Obtenir Outlook pour iOS", "Envoyé depuis mon mobile"],
    ),
    "es": dict(
        wd=["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
        wda=["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
        mo=["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"],
        moa=["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
        ol=("De", "Enviado el", "Para", "CC", "Asunto"), fw="RV:", re="RE:",
        gfwd=("---------- Forwarded message ---------", "De", "Date", "Subject", "To", "Cc"),
        tb_orig="-------- Mensaje original --------", tb_fwd="-------- Mensaje reenviado --------",
        tbl=("Asunto", "Fecha", "De", "Para", "CC"),
        apple_fwd="Inicio del mensaje reenviado:",
        phone=["Enviado desde mi iPhone", "Obtener Outlook para Android", "Enviado desde mi smartphone"],
    ),
    "sv": dict(
        wd=["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
        wda=["mån", "tis", "ons", "tors", "fre", "lör", "sön"],
        mo=["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
            "oktober", "november", "december"],
        moa=["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.",
             "dec."],
        ol=("Från", "Skickat", "Till", "Kopia", "Ämne"), fw="VB:", re="SV:",
        gfwd=("---------- Forwarded message ---------", "Från", "Date", "Subject", "To", "Cc"),
        tb_orig="-------- Ursprungligt meddelande --------",
        tb_fwd="-------- Vidarebefordrat meddelande --------",
        tbl=("Ämne", "Datum", "Från", "Till", "Kopia"),
        apple_fwd="Vidarebefordrat brev:",
        phone=["Skickat från min iPhone", "Hämta Outlook för iOS"],
    ),
    "pl": dict(
        wd=["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"],
        wda=["pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz."],
        mo=["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
            "września", "października", "listopada", "grudnia"],
        moa=["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"],
        ol=("Od", "Wysłano", "Do", "DW", "Temat"), fw="PD:", re="Odp:",
        gfwd=("---------- Forwarded message ---------", "Od", "Date", "Subject", "To", "Cc"),
        tb_orig="-------- Oryginalna wiadomość --------",
        tb_fwd="-------- Przekazana wiadomość --------",
        tbl=("Temat", "Data", "Od", "Do", "DW"),
        apple_fwd="Początek przekazywanej wiadomości:",
        phone=["Wysłane z mojego iPhone'a", "Pobierz aplikację Outlook dla systemu Android"],
    ),
    "de": dict(
        wd=["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        wda=["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
        mo=["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
            "Oktober", "November", "Dezember"],
        moa=["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
             "Nov.", "Dez."],
        ol=("Von", "Gesendet", "An", "Cc", "Betreff"), fw="WG:", re="AW:",
        gfwd=("---------- Forwarded message ---------", "Von", "Date", "Subject", "To", "Cc"),
        tb_orig="-------- Ursprüngliche Nachricht --------",
        tb_fwd="-------- Weitergeleitete Nachricht --------",
        tbl=("Betreff", "Datum", "Von", "An", "Kopie (CC)"),
        apple_fwd="Anfang der weitergeleiteten Nachricht:",
        phone=["Von meinem iPhone gesendet", "Outlook für Android herunterladen"],
    ),
}


def _hm(d: dt.datetime, ampm: bool = False) -> str:
    if ampm:
        h = d.hour % 12 or 12
        return f"{h}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"
    return f"{d.hour:02d}:{d.minute:02d}"


def outlook_sent(d: dt.datetime, lang: str, us: bool = False) -> str:
    L = LANG[lang]
    wd, mo = L["wd"][d.weekday()], L["mo"][d.month - 1]
    if lang == "en":
        if us:
            return f"{wd}, {mo} {d.day}, {d.year} {_hm(d, True)}"
        return f"{wd}, {d.day} {mo} {d.year} {_hm(d)}" if d.day % 2 else f"{d.day:02d} {mo} {d.year} {_hm(d)}"
    if lang == "fr":
        return f"{wd} {d.day} {mo} {d.year} {_hm(d)}"
    if lang == "es":
        return f"{wd}, {d.day} de {mo} de {d.year} {_hm(d)}"
    if lang == "sv":
        return f"den {d.day} {mo} {d.year} {_hm(d)}"
    if lang == "pl":
        return f"{wd}, {d.day} {mo} {d.year} {_hm(d)}"
    return f"{wd}, {d.day}. {mo} {d.year} {_hm(d)}"


def gmail_wrote(d: dt.datetime, lang: str, who: str) -> str:
    L = LANG[lang]
    wda, moa = L["wda"][d.weekday()], L["moa"][d.month - 1]
    if lang == "fr":
        return f"Le {wda} {d.day} {moa} {d.year} à {_hm(d)}, {who} a écrit :"
    if lang == "es":
        return f"El {wda}, {d.day} {moa} {d.year} a las {_hm(d)}, {who} escribió:"
    if lang == "sv":
        return f"Den {wda} {d.day} {moa} {d.year} kl {_hm(d)} skrev {who}:"
    if lang == "pl":
        return f"{wda}, {d.day} {moa} {d.year} o {_hm(d)} {who} napisał(a):"
    if lang == "de":
        return f"Am {wda}, {d.day}. {moa} {d.year} um {_hm(d)} Uhr schrieb {who}:"
    return f"On {wda}, {moa} {d.day}, {d.year} at {_hm(d, True)} {who} wrote:"


def short_date(d: dt.datetime, lang: str) -> str:
    if lang == "en":
        return f"{LANG['en']['wda'][d.weekday()]}, {LANG['en']['moa'][d.month - 1]} {d.day}, {d.year} at {_hm(d, True)}"
    return f"{d.day:02d}/{d.month:02d}/{d.year} {_hm(d)}" if lang != "de" else f"{d.day:02d}.{d.month:02d}.{d.year} {_hm(d)}"


def apple_wrote(d: dt.datetime, lang: str, who: str) -> str:
    moa = LANG[lang]["moa"][d.month - 1]
    if lang == "fr":
        return f"Le {d.day} {moa} {d.year} à {_hm(d)}, {who} a écrit :"
    if lang == "es":
        return f"El {d.day} {moa} {d.year}, a las {_hm(d)}, {who} escribió:"
    if lang == "sv":
        return f"{d.day} {moa} {d.year} kl. {_hm(d)} skrev {who}:"
    if lang == "pl":
        return f"Wiadomość napisana przez {who} w dniu {d.day:02d}.{d.month:02d}.{d.year}, o godz. {_hm(d)}:"
    if lang == "de":
        return f"Am {d.day:02d}.{d.month:02d}.{d.year} um {_hm(d)} schrieb {who}:"
    return f"On {d.day} {moa} {d.year}, at {_hm(d)}, {who} wrote:"


# ---------------------------------------------------------------- locales (customer countries)

LOCALES = {
    "fr": dict(
        country="France", lang="fr", tz="eu", off=60, tlds=[".fr", "-groupe.fr", ".com"],
        cities=["Lyon", "Lille", "Nantes", "Toulouse", "Bordeaux", "Rennes", "Paris La Défense",
                "Marseille", "Grenoble"],
        first_f=["Camille", "Élodie", "Hélène", "Aurélie", "Céline", "Amandine", "Sophie", "Inès",
                 "Claire", "Margaux", "Anaïs", "Léa", "Chloé", "Nathalie", "Gaëlle", "Sandrine"],
        first_m=["Julien", "Mathieu", "Sébastien", "Thomas", "Nicolas", "François", "Laurent",
                 "Guillaume", "Benoît", "Jérôme", "Stéphane", "Olivier", "Yannick", "Romain",
                 "Pierre-Yves", "Grégoire"],
        last=["Martin", "Lefèvre", "Dubois", "Moreau", "Fournier", "Girard", "Rousseau", "Lambert",
              "Bonnet", "Mercier", "Faure", "Chevalier", "Garnier", "Roussel", "Lemaire", "Perrin",
              "Morel", "Gauthier", "Leclerc", "Fabre", "Barbier", "Renaud", "Brunet", "Blanchard",
              "Marchand", "Lacroix", "Aubert", "Le Goff"],
        stems=["Vallorine", "Arvelle", "Norelis", "Bréval", "Sorenne", "Maulève", "Castelnor",
               "Orbéa", "Lirac", "Temeris"],
        ind_names={"retail": "Distribution", "logistics": "Logistique", "insurance": "Assurances",
                   "utilities": "Énergie", "food": "Alimentaire", "health": "Santé",
                   "construction": "Construction", "manufacturing": "Industrie"},
        legal=["SA", "SAS", "Groupe"],
        charsets=["windows-1252", "iso-8859-1", "utf-8", "utf-8"],
        ol_lang=["fr", "fr", "fr", "en"],
    ),
    "es": dict(
        country="Spain", lang="es", tz="eu", off=60, tlds=[".es", ".com", "-grupo.es"],
        cities=["Madrid", "Barcelona", "Valencia", "Bilbao", "Sevilla", "Zaragoza", "Málaga"],
        first_f=["Lucía", "María José", "Carmen", "Marta", "Begoña", "Elena", "Nuria", "Ainhoa",
                 "Rocío", "Cristina", "Pilar", "Irene", "Laura", "Sofía", "Montserrat"],
        first_m=["Javier", "Alejandro", "Sergio", "Álvaro", "Pablo", "Iñigo", "Raúl", "Jorge",
                 "Andrés", "Daniel", "Fernando", "Gonzalo", "Óscar", "Jordi", "Rubén"],
        last=["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz",
              "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez",
              "Gil", "Vázquez", "Serrano", "Ramos", "Blanco", "Castillo", "Ortega", "Iglesias",
              "Echeverría", "Urrutia", "Puig"],
        stems=["Aldaria", "Montaver", "Lusena", "Ibérica Varo", "Corvera", "Esterna", "Pinaval",
               "Almadén Sur", "Riolix"],
        ind_names={"retail": "Retail", "logistics": "Logística", "insurance": "Seguros",
                   "utilities": "Energía", "food": "Alimentación", "health": "Salud",
                   "construction": "Infraestructuras", "manufacturing": "Industrial"},
        legal=["S.A.", "S.L.", "Grupo"],
        charsets=["iso-8859-1", "windows-1252", "utf-8", "utf-8"],
        ol_lang=["es", "es", "es", "en"],
    ),
    "sv": dict(
        country="Sweden", lang="sv", tz="eu", off=60, tlds=[".se", ".com", "group.se"],
        cities=["Göteborg", "Malmö", "Uppsala", "Västerås", "Linköping", "Stockholm", "Örebro"],
        first_f=["Anna", "Karin", "Sofia", "Maria", "Elin", "Ingrid", "Linnéa", "Sara", "Åsa",
                 "Emma", "Ulrika", "Malin", "Maja", "Helena"],
        first_m=["Erik", "Johan", "Lars", "Anders", "Mikael", "Fredrik", "Björn", "Henrik",
                 "Magnus", "Per", "Niklas", "Jonas", "Oskar", "Gustav"],
        last=["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
              "Persson", "Svensson", "Gustafsson", "Lindberg", "Lindqvist", "Bergström",
              "Håkansson", "Sjöberg", "Lundgren", "Ekström", "Åberg", "Holm", "Nyström", "Wallin",
              "Sandberg", "Björk", "Engström"],
        stems=["Norrvik", "Stenhav", "Ljusdal", "Fjällmark", "Skogsberg", "Vänerlund", "Åmark",
               "Kvarnby"],
        ind_names={"retail": "Handel", "logistics": "Logistik", "insurance": "Försäkring",
                   "utilities": "Energi", "food": "Livsmedel", "health": "Vård",
                   "construction": "Bygg", "manufacturing": "Industri"},
        legal=["AB", "AB", "Group AB"],
        charsets=["iso-8859-1", "utf-8", "utf-8", "windows-1252"],
        ol_lang=["sv", "en", "sv", "en"],
    ),
    "pl": dict(
        country="Poland", lang="pl", tz="eu", off=60, tlds=[".pl", ".com.pl", ".com"],
        cities=["Warszawa", "Kraków", "Wrocław", "Poznań", "Gdańsk", "Łódź", "Katowice"],
        first_f=["Anna", "Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Małgorzata", "Ewa",
                 "Aleksandra", "Monika", "Beata", "Dorota", "Żaneta", "Justyna", "Natalia"],
        first_m=["Piotr", "Tomasz", "Paweł", "Krzysztof", "Michał", "Łukasz", "Marcin",
                 "Grzegorz", "Wojciech", "Jakub", "Bartosz", "Maciej", "Rafał", "Sławomir"],
        last=["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
              "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
              "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski", "Michalski",
              "Król", "Wieczorek", "Jabłoński", "Majewski", "Olszewski", "Stępień", "Górski"],
        stems=["Wistral", "Polmarex", "Bałtyk-Trans", "Kresowia", "Kresmet",
               "Wartanet", "Sudetia", "Mazovia Plus"],
        ind_names={"retail": "Handel", "logistics": "Logistyka", "insurance": "Ubezpieczenia",
                   "utilities": "Energetyka", "food": "Spożywcze", "health": "Medical",
                   "construction": "Budownictwo", "manufacturing": "Przemysł"},
        legal=["S.A.", "Sp. z o.o.", "S.A."],
        charsets=["iso-8859-2", "windows-1250", "utf-8", "utf-8"],
        ol_lang=["pl", "pl", "en", "pl"],
    ),
    "uk": dict(
        country="United Kingdom", lang="en", tz="uk", off=0, tlds=[".co.uk", ".com", "group.co.uk"],
        cities=["Leeds", "Manchester", "Bristol", "Birmingham", "Glasgow", "Reading", "Milton Keynes",
                "Edinburgh"],
        first_f=["Charlotte", "Amelia", "Sophie", "Emily", "Hannah", "Priya", "Siobhan", "Fiona",
                 "Lucy", "Aisha", "Megan", "Niamh", "Zara", "Imogen"],
        first_m=["Oliver", "James", "Harry", "George", "Jack", "Tom", "Rhys", "Callum", "Ravi",
                 "Dan", "Ben", "Stuart", "Gareth", "Alistair"],
        last=["Smith", "Taylor", "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright",
              "Hughes", "Patel", "Khan", "Edwards", "Green", "Hall", "Wood", "Clarke", "Morrison",
              "McLeod", "O'Brien", "Fraser", "Ahmed", "Turner", "Price", "Bennett", "Shaw",
              "Lloyd", "Griffiths"],
        stems=["Harrowgate", "Kestwick", "Brampton Vale", "Ashcombe", "Thornbury", "Caldmoor",
               "Wyvern", "Pennant"],
        ind_names={"retail": "Retail", "logistics": "Logistics", "insurance": "Insurance",
                   "utilities": "Utilities", "food": "Foods", "health": "Healthcare",
                   "construction": "Construction", "manufacturing": "Manufacturing"},
        legal=["plc", "Ltd", "Group plc"],
        charsets=["utf-8", "windows-1252", "iso-8859-1", "utf-8"],
        ol_lang=["en"],
    ),
    "us": dict(
        country="United States", lang="en", tz="na", off=-300, tlds=[".com", "corp.com", "inc.com"],
        cities=["Columbus", "Charlotte", "Denver", "Minneapolis", "Austin", "Kansas City",
                "Pittsburgh", "Raleigh"],
        first_f=["Jennifer", "Jessica", "Ashley", "Amanda", "Nicole", "Megan", "Lauren", "Rachel",
                 "Brittany", "Kayla", "Stephanie", "Heather", "Vanessa", "Tiffany"],
        first_m=["Michael", "David", "Chris", "Brian", "Kevin", "Jason", "Ryan", "Tyler", "Marcus",
                 "Derek", "Carlos", "Jamal", "Greg", "Nathan"],
        last=["Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Rodriguez", "Wilson",
              "Anderson", "Thompson", "Moore", "Jackson", "Lee", "Harris", "Clark", "Lewis",
              "Robinson", "Nguyen", "Ramirez", "Hernandez", "Kim", "Sullivan", "Brooks",
              "Coleman", "Hayes", "Bryant", "Fitzgerald"],
        stems=["Bridgewater Plains", "Cascade Ridge", "Ironwood", "Lakeshore", "Prairie Vale",
               "Summit Crest", "Redhollow", "Tidewater"],
        ind_names={"retail": "Stores", "logistics": "Freight", "insurance": "Mutual",
                   "utilities": "Energy", "food": "Foods", "health": "Health",
                   "construction": "Builders", "manufacturing": "Industries"},
        legal=["Inc.", "Corp.", "LLC"],
        charsets=["utf-8", "us-ascii", "windows-1252", "utf-8"],
        ol_lang=["en"],
    ),
    "ca": dict(
        country="Canada", lang="fr", tz="na", off=-300, tlds=[".ca", ".com", "-inc.ca"],
        cities=["Montréal", "Québec", "Toronto", "Ottawa", "Laval", "Sherbrooke", "Gatineau"],
        first_f=["Geneviève", "Stéphanie", "Isabelle", "Émilie", "Mélanie", "Caroline", "Josée",
                 "Annie", "Karine", "Chantal", "Sarah", "Valérie", "Nadia"],
        first_m=["Marc-André", "Mathieu", "Jean-François", "Simon", "Patrick", "David", "Alexandre",
                 "Maxime", "Éric", "Kevin", "Ryan", "Brandon", "Sébastien"],
        last=["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie",
              "Fortin", "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron",
              "MacDonald", "Campbell", "Wong", "Singh", "Chen", "Stewart", "Leblanc", "Thériault"],
        stems=["Laurentide", "Boréal", "Mistassini", "Saint-Laurent", "Outaouais", "Richelieu",
               "Nordet"],
        ind_names={"retail": "Distribution", "logistics": "Transport", "insurance": "Assurance",
                   "utilities": "Énergie", "food": "Alimentation", "health": "Santé",
                   "construction": "Construction", "manufacturing": "Industries"},
        legal=["inc.", "ltée", "Inc."],
        charsets=["utf-8", "windows-1252", "utf-8", "iso-8859-1"],
        ol_lang=["fr", "en", "en", "fr"],
    ),
}

INDUSTRIES = ["retail", "logistics", "insurance", "utilities", "food", "health", "construction",
              "manufacturing"]


# ---------------------------------------------------------------- conventions per language

GREET = {
    "en": ["Hi {first},", "Hi {first}", "Hello {first},", "Morning {first},", "Dear {first},",
           "{first},", "Hi all,", "Hi team,", "Good afternoon {first},", "Hey {first},"],
    "fr": ["Bonjour {first},", "Bonjour {first}", "Bonjour à tous,", "Hello {first},",
           "Re-bonjour {first},", "Cher {first},"],
    "es": ["Hola {first},", "Buenos días {first},", "Hola a todos,", "Buenas tardes,",
           "Estimado {first}:", "Hola {first}"],
    "sv": ["Hej {first}!", "Hej {first},", "Hej,", "Hej alla,", "Tjena {first},"],
    "pl": ["Dzień dobry,", "Dzień dobry {first},", "Cześć {first},", "Witam,", "Szanowni Państwo,"],
    "de": ["Hallo {first},", "Guten Tag,", "Liebe Kollegen,"],
}
SIGNOFF = {
    "en": ["Thanks,", "Many thanks,", "Best regards,", "Kind regards,", "Cheers,", "Thanks!",
           "Regards,", "Best,", "Thanks in advance,", "BR"],
    "fr": ["Cordialement,", "Bien à vous,", "Merci d'avance,", "Bonne journée,", "Merci !",
           "Bien cordialement,", "Belle journée"],
    "es": ["Un saludo,", "Saludos cordiales,", "Gracias,", "Muchas gracias,", "Un abrazo,",
           "Saludos"],
    "sv": ["Mvh", "Med vänliga hälsningar", "Tack på förhand!", "Hälsningar", "Vänliga hälsningar,"],
    "pl": ["Pozdrawiam,", "Z poważaniem,", "Pozdrawiam serdecznie", "Dzięki,", "Pozdr."],
    "de": ["Viele Grüße", "Beste Grüße,", "MfG"],
}
CHASER = {
    "en": ["Hi {first}, any update on this?", "Just bumping this up - we need an answer by {when}.",
           "Hi {first}, gentle reminder on the below.", "Any news? This is now blocking us.",
           "Following up on my mail below - could you let me know where this stands?",
           "{first} - can you give me an ETA please? Getting asked about it internally."],
    "fr": ["Bonjour {first}, avez-vous pu avancer sur le sujet ?", "Petite relance sur ce point svp.",
           "Bonjour, je me permets de relancer, nous avons besoin d'une réponse pour {when}.",
           "Des nouvelles ? Merci"],
    "es": ["Hola {first}, ¿alguna novedad?", "Te reenvío por si se había perdido.",
           "Buenos días, ¿podéis darnos una fecha? Lo necesitamos para {when}."],
    "sv": ["Hej {first}, någon uppdatering?", "Påminnelse om nedan - vi behöver svar senast {when}.",
           "Hej! Har ni hunnit titta på detta?"],
    "pl": ["Dzień dobry, czy jest już jakaś informacja?", "Przypominam się w sprawie poniżej.",
           "Cześć {first}, jakieś wieści? Potrzebujemy tego do {when}."],
    "de": ["Hallo {first}, gibt es hierzu schon ein Update?"],
}
THANKS = {
    "en": ["Thanks {first}, that's helpful.", "Perfect, thank you!", "Great, thanks for the quick turnaround.",
           "Thanks - I'll share with the team and come back if we have questions.",
           "Got it, thanks.", "Thank you, much appreciated."],
    "fr": ["Merci {first}, c'est parfait.", "Super, merci pour le retour rapide !",
           "Bien reçu, merci."],
    "es": ["Gracias {first}, perfecto.", "Recibido, muchas gracias.", "Genial, gracias."],
    "sv": ["Tack {first}, perfekt!", "Toppen, tack!", "Tack för snabbt svar."],
    "pl": ["Dziękuję, wszystko jasne.", "Super, dzięki!", "Dziękuję za szybką odpowiedź."],
    "de": ["Danke, passt so."],
}
OOO = {
    "en": ("Automatic reply: {subject}",
           "Thank you for your email. I am out of the office until {until} with limited access to "
           "email. For urgent matters please contact {deputy} ({deputy_email}).\n\nBest regards,\n{name}"),
    "fr": ("Réponse automatique : {subject}",
           "Bonjour,\n\nJe suis absent(e) jusqu'au {until} inclus. Pour toute demande urgente, merci "
           "de contacter {deputy} ({deputy_email}).\n\nCordialement,\n{name}\n\n---\n\nI am out of "
           "the office until {until}. For urgent matters please contact {deputy}."),
    "es": ("Respuesta automática: {subject}",
           "Hola,\n\nEstaré fuera de la oficina hasta el {until}. Para asuntos urgentes, contacta con "
           "{deputy} ({deputy_email}).\n\nUn saludo,\n{name}"),
    "sv": ("Automatiskt svar: {subject}",
           "Hej,\n\nJag är på semester till och med {until} och har begränsad tillgång till e-post. "
           "Vid brådskande ärenden kontakta {deputy} ({deputy_email}).\n\nI am on leave until {until}.\n\nMvh\n{name}"),
    "pl": ("Odpowiedź automatyczna: {subject}",
           "Dzień dobry,\n\njestem nieobecny/nieobecna do {until}. W pilnych sprawach proszę o kontakt "
           "z {deputy} ({deputy_email}).\n\nPozdrawiam,\n{name}"),
    "de": ("Automatische Antwort: {subject}",
           "Vielen Dank für Ihre Nachricht. Ich bin bis {until} nicht im Büro. In dringenden Fällen "
           "wenden Sie sich bitte an {deputy} ({deputy_email})."),
}
CUST_BANNER = {
    "en": "[EXTERNAL EMAIL] This email originated from outside the organisation. Do not click links or "
          "open attachments unless you recognise the sender and know the content is safe.",
    "fr": "[EXTERNE] Ce message provient d'un expéditeur externe à l'organisation. Soyez vigilant "
          "avant d'ouvrir les pièces jointes ou de cliquer sur les liens.",
    "es": "[EXTERNO] Este correo procede de fuera de la organización. No haga clic en enlaces ni "
          "abra adjuntos salvo que reconozca al remitente.",
    "sv": "VARNING: Detta e-postmeddelande kommer från en extern avsändare. Klicka inte på länkar "
          "eller öppna bilagor om du inte känner igen avsändaren.",
    "pl": "[ZEWNĘTRZNA] Ta wiadomość pochodzi spoza organizacji. Nie klikaj w linki i nie otwieraj "
          "załączników, jeśli nie znasz nadawcy.",
    "de": "[EXTERN] Diese E-Mail stammt von außerhalb der Organisation.",
}
SELLER_BANNERS = [
    "CAUTION: This email originated from outside of {seller}. Do not click links or open "
    "attachments unless you recognize the sender and know the content is safe.",
    "[EXTERNAL] This email originated outside the organisation. Report anything suspicious to "
    "security@{domain}.",
    "You don't often get email from {email}. Learn why this is important at "
    "https://aka.ms/LearnAboutSenderIdentification",
]
DISCLAIMER = {
    "en": "This e-mail and any attachments are confidential and intended solely for the addressee. "
          "If you have received it in error please notify the sender immediately and delete it. "
          "{company} is registered in {country}; registered office {city}. Any views expressed are "
          "those of the author and do not necessarily represent those of {company}.",
    "fr": "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention "
          "exclusive de ses destinataires. Toute utilisation ou diffusion non autorisée est interdite. "
          "Si vous recevez ce message par erreur, merci de le détruire et d'en avertir immédiatement "
          "l'expéditeur. {company} - siège social : {city}.\nThis message and any attachments are "
          "confidential and intended solely for the addressees.",
    "es": "AVISO LEGAL: Este mensaje y sus anexos son confidenciales y se dirigen exclusivamente a su "
          "destinatario. Si usted no es el destinatario indicado, queda notificado de que la lectura, "
          "utilización, divulgación y/o copia sin autorización está prohibida. En cumplimiento del "
          "Reglamento (UE) 2016/679, le informamos de que sus datos son tratados por {company}. "
          "Antes de imprimir este mensaje, piense en el medio ambiente.",
    "sv": "Detta e-postmeddelande kan innehålla konfidentiell information och är endast avsett för "
          "adressaten. Om du fått meddelandet av misstag, vänligen meddela avsändaren och radera det. "
          "När du skickar e-post till {company} behandlar vi dina personuppgifter i enlighet med "
          "dataskyddsförordningen (GDPR).",
    "pl": "Treść tej wiadomości jest poufna i prawnie chroniona. Odbiorcą może być jedynie jej adresat. "
          "Jeżeli nie jesteś adresatem, prosimy o poinformowanie nadawcy i usunięcie wiadomości. "
          "{company} z siedzibą w {city_loc}, wpisana do rejestru przedsiębiorców KRS, NIP 527-{n3}-{n2}-{n2b}.",
    "de": "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, "
          "informieren Sie bitte sofort den Absender und vernichten Sie diese Mail.",
}
UI_STRINGS = {
    "fr": ["Tableau de bord", "Exporter au format CSV", "Paramètres du compte", "Rapports planifiés",
           "Mot de passe oublié ?", "Enregistrer et fermer", "Une erreur inattendue s'est produite"],
    "es": ["Panel de control", "Exportar a Excel", "Configuración de la cuenta", "Informes programados",
           "¿Olvidó su contraseña?", "Guardar y cerrar", "Se ha producido un error inesperado"],
    "sv": ["Översikt", "Exportera till CSV", "Kontoinställningar", "Schemalagda rapporter",
           "Glömt lösenordet?", "Spara och stäng", "Ett oväntat fel uppstod"],
    "pl": ["Pulpit", "Eksportuj do CSV", "Ustawienia konta", "Raporty zaplanowane",
           "Nie pamiętasz hasła?", "Zapisz i zamknij", "Wystąpił nieoczekiwany błąd"],
    "en": ["Dashboard", "Export to CSV", "Account settings", "Scheduled reports", "Forgot password?",
           "Save & close", "An unexpected error occurred"],
    "de": ["Übersicht", "Als CSV exportieren", "Kontoeinstellungen", "Ein unerwarteter Fehler ist aufgetreten"],
}
PL_LOC = {"Warszawa": "Warszawie", "Kraków": "Krakowie", "Wrocław": "Wrocławiu", "Poznań": "Poznaniu",
          "Gdańsk": "Gdańsku", "Łódź": "Łodzi", "Katowice": "Katowicach"}

# whole customer messages written in the local language: (topic, subject, body)
LOCAL_MSGS = {
    "fr": [
        ("support_ticket", "Problème d'export sur le {ui}",
         "Bonjour,\n\nDepuis ce matin, quand nos utilisateurs cliquent sur « {ui2} », rien ne se passe "
         "(ou bien le message « {ui3} » s'affiche). Cela concerne au moins {n} personnes sur le site de "
         "{city}.\n\nPouvez-vous regarder en priorité ? Je vous joins une capture si besoin.\n"),
        ("invoice", "Facture {inv} - numéro de bon de commande",
         "Bonjour,\n\nNotre service comptabilité fournisseurs me signale que la facture {inv} ne "
         "comporte pas notre numéro de bon de commande ({po}). Pourriez-vous nous renvoyer une facture "
         "corrigée ? Sans ce numéro, elle ne peut pas être mise en paiement.\n"),
        ("training", "Formation des nouveaux utilisateurs",
         "Bonjour {first},\n\nNous accueillons une nouvelle équipe de {n} personnes à {city} le mois "
         "prochain. Est-il possible d'organiser une session de formation en français, idéalement sur "
         "site ? Sinon une session à distance de 2 heures conviendrait.\n"),
        ("licence_count", "Nombre de licences {prod}",
         "Bonjour,\n\nPouvez-vous me confirmer le nombre de licences {prod} actuellement actives sur "
         "notre contrat ? Nous préparons le budget {year} et j'ai besoin d'un chiffre fiable avant "
         "le {date}.\n"),
        ("sla", "Disponibilité du service - incident du {date}",
         "Bonjour,\n\nSuite à l'interruption de service du {date}, pouvez-vous nous transmettre le "
         "rapport d'incident et nous confirmer si des pénalités SLA s'appliquent ?\n"),
    ],
    "es": [
        ("support_ticket", "Error al exportar desde el {ui}",
         "Hola,\n\nVarios usuarios de {city} nos comentan que al pulsar «{ui2}» aparece el mensaje "
         "«{ui3}». Son unas {n} personas afectadas. ¿Podéis revisarlo con prioridad?\n"),
        ("invoice", "Factura {inv} sin número de pedido",
         "Buenos días,\n\nDesde cuentas a pagar nos indican que la factura {inv} no incluye nuestro "
         "número de pedido ({po}). ¿Nos podéis enviar una factura rectificativa?\n"),
        ("training", "Formación para el equipo de {city}",
         "Hola {first},\n\nEl mes que viene se incorporan {n} personas nuevas en {city}. ¿Sería posible "
         "organizar una formación en castellano, presencial o en remoto?\n"),
        ("renewal", "Renovación {year} - condiciones",
         "Hola,\n\nDe cara a la renovación de {year}, ¿nos podéis enviar una propuesta con las "
         "condiciones actuales y una alternativa a tres años? Tenemos comité de compras el {date}.\n"),
    ],
    "sv": [
        ("support_ticket", "Fel vid export i {ui}",
         "Hej,\n\nSedan i morse får våra användare i {city} felmeddelandet \"{ui3}\" när de klickar på "
         "\"{ui2}\". Det gäller ungefär {n} personer. Kan ni titta på det snarast?\n"),
        ("invoice", "Faktura {inv} saknar ordernummer",
         "Hej,\n\nEkonomi säger att faktura {inv} saknar vårt inköpsordernummer ({po}). Kan ni skicka "
         "en ny faktura?\n"),
        ("training", "Utbildning för nya användare",
         "Hej {first}!\n\nVi har {n} nya användare som börjar i {city} nästa månad. Går det att ordna "
         "en utbildning, gärna på svenska?\n"),
    ],
    "pl": [
        ("support_ticket", "Błąd przy eksporcie - {ui}",
         "Dzień dobry,\n\nod rana użytkownicy w {city_loc} zgłaszają, że po kliknięciu \u201e{ui2}\u201d "
         "pojawia się komunikat \u201e{ui3}\u201d. Dotyczy to ok. {n} osób. Proszę o pilną "
         "weryfikację.\n"),
        ("invoice", "Faktura {inv} - brak numeru zamówienia",
         "Dzień dobry,\n\ndział księgowości informuje, że na fakturze {inv} brakuje numeru zamówienia "
         "({po}). Proszę o wystawienie korekty.\n"),
        ("licence_count", "Liczba licencji {prod}",
         "Dzień dobry,\n\nproszę o potwierdzenie liczby aktywnych licencji {prod} w naszej umowie. "
         "Przygotowujemy budżet na {year} i potrzebujemy danych do {date}.\n"),
    ],
}
LOCAL_MSGS["ca"] = LOCAL_MSGS["fr"]


# ============================================================================ request topics
# Each topic: weight, departments that usually ask, subjects, customer bodies, seller replies,
# a noun used in relays/log rows, and frames used when a vision ask rides on the topic
# ({np} = noun phrase, {vp} = verb phrase).

TOPICS = {
    "pricing_whatif": dict(
        w=9, depts=["Finance", "Procurement", "Operations"], noun="pricing scenario",
        subj=["Pricing scenario - {n} additional users", "What-if: moving {team} onto {prod}",
              "Quick pricing question", "Price indication for {module}", "Budget figures for {year}",
              "Indicative pricing {prod} - {city} site"],
        body=["Could you give me an indicative price if we added {n} users to {prod} from {month}? "
              "Finance wants two scenarios: one with the {module} and one without. A rough range is "
              "fine for now.",
              "We're looking at moving the {team} team ({n} people) onto {prod}. What would that do "
              "to the annual fee? Please assume the same discount as the current contract.",
              "Quick one - if we consolidated the {city} and {city2} sites onto one tenant, would the "
              "price per seat change? I need a number for a deck on {date}.",
              "Can you send me the list price and our contract price for the {module}? We have a "
              "budget review on {date} and I'd rather not guess."],
        reply=["Thanks {first}. I'll put two scenarios together with {se_first} and send them over by "
               "{date}. Rough guidance: adding {n} users at your current discount lands around "
               "{cur}{price} per year; the {module} would be on top.",
               "Hi {first}, attached is a first cut. Scenario A keeps today's scope, scenario B adds "
               "the {module}. Happy to walk your finance team through it.",
               "Good question - consolidating tenants doesn't change the per-seat price but it does "
               "let you pool the {n} sandbox licences. I'll confirm the numbers in writing."],
        vis=["Could you add a third scenario that assumes {np}?",
             "For the what-if, please price it on the basis that we move to {np} across all sites.",
             "The numbers need to reflect {np} - that is now the working assumption on our side.",
             "Can you show what it costs if we want to {vp}?"]),
    "licence_count": dict(
        w=6, depts=["Procurement", "IT", "Finance"], noun="licence count",
        subj=["Licence true-up {year}", "How many licences are we using?", "Named vs concurrent users",
              "Seat count for {prod}", "Inactive users - can we reassign licences?"],
        body=["Can you send me the current number of active {prod} licences and how many were used "
              "in the last 90 days? We think some seats are sitting idle.",
              "Ahead of the true-up, could you confirm whether contractors count as named users? We "
              "have about {n} of them in {city}.",
              "We have {n} leavers this quarter. Can their licences be reassigned to new starters, or "
              "do we need to buy new ones?"],
        reply=["Hi {first}, as of today you have {n2} active named users out of {n} purchased; {n3} "
               "have not logged in for 90 days. Full list attached.",
               "Contractors count as named users if they have their own login. Happy to discuss a "
               "pooled option at renewal.",
               "Yes - licences can be reassigned at any time, there's no cooling-off period. Your admin "
               "can do it from the admin console."],
        vis=["When you send the counts, can you break them down in a way that supports {np}?",
             "We also need to know whether the licence model works with {np}."]),
    "roadmap": dict(
        w=6, depts=["IT", "Operations", "Data & Analytics"], noun="roadmap question",
        subj=["Roadmap question - {module}", "Is offline mode planned?", "Roadmap session before {quarter} planning",
              "{prod} roadmap for {year}", "Feature request: bulk edit"],
        body=["Could you share what's coming in {prod} over the next two quarters? We're planning "
              "{quarter} and I don't want to build something you're about to release.",
              "Is there anything planned around bulk editing in the {module}? The team is doing this "
              "line by line today.",
              "Would it be possible to get a roadmap session with your product team before {date}?"],
        reply=["Hi {first}, happy to set up a roadmap session - our product manager for {prod} can do "
               "{date}. Please note roadmap items are subject to change (standard caveat!).",
               "Bulk edit is on the list for {quarter}; I'll get you into the early access group."],
        vis=["Specifically, is {np} on the roadmap?", "Is anything planned that would let us {vp}?",
             "Our priority for the next 18 months is {np}, so please focus the session on that."]),
    "architecture": dict(
        w=6, depts=["IT", "Security"], noun="architecture question",
        subj=["Architecture review - {prod} integration", "Reference architecture", "Hosting topology questions",
              "Network requirements for {prod}", "HA / DR set-up"],
        body=["Ahead of the architecture review on {date}, could you send the reference architecture "
              "for {prod} and the list of outbound endpoints we need to allow?",
              "How is the platform deployed - single tenant or multi-tenant, and what's the DR "
              "set-up (RPO/RTO)?",
              "Our network team needs the IP ranges and ports for the {module}. Is there a document?"],
        reply=["Hi {first}, attached is the reference architecture and the endpoint list. RPO is 15 "
               "minutes and RTO 4 hours on the standard plan; {se_first} can go through the details.",
               "We run multi-tenant with logical isolation per customer; dedicated tenancy is available "
               "on the enterprise tier. I'll book an hour with our architect."],
        vis=["Please also explain how {np} would fit into that architecture.",
             "How would the design change if we want to {vp}?",
             "The review board will ask about {np}, so it would help to have a slide on it."]),
    "security_questionnaire": dict(
        w=5, depts=["Security", "Procurement", "IT"], noun="security questionnaire",
        subj=["Security questionnaire - {year} vendor review", "Vendor risk assessment (due {date})",
              "Pen test report request", "ISO 27001 certificate", "Security addendum"],
        body=["Please find attached our annual vendor security questionnaire ({n} questions). We need "
              "it back by {date}.",
              "Could you send your latest penetration test summary and ISO 27001 certificate? Our "
              "auditors are asking.",
              "Section {n2} of the questionnaire asks about encryption at rest and key management - "
              "can your security team answer directly?"],
        reply=["Hi {first}, our security team will return the questionnaire by {date}. The ISO "
               "certificate and the pen test executive summary are attached (NDA applies).",
               "Thanks {first} - most answers are in our trust portal, I've asked security to fill "
               "the gaps."],
        vis=["There's a new section on {np} this year - can you answer it in detail?",
             "Please also describe how your controls would work if we {vp}."]),
    "data_residency": dict(
        w=4, depts=["Legal", "Security", "IT"], noun="data residency question",
        subj=["Where is our data stored?", "Data residency - EU hosting", "Sub-processors list",
              "Data transfer impact assessment"],
        body=["Can you confirm in which data centres our data is hosted, including backups and "
              "support access? Legal needs this for the register.",
              "Please send the current list of sub-processors and tell us how we get notified of "
              "changes.",
              "Do any of your support staff access our data from outside the EU/EEA?"],
        reply=["Hi {first}, your tenant is hosted in our {region} region, with backups in a second "
               "{region} data centre. Sub-processor list attached; changes are notified 30 days ahead.",
               "Support access is follow-the-sun but customer data stays in-region; access is logged."],
        vis=["We also need to understand the residency implications of {np}.",
             "If we move to {np}, where would that data live?"]),
    "integration": dict(
        w=7, depts=["IT", "Data & Analytics", "Operations"], noun="integration request",
        subj=["Integration with {system}", "API access for {system} connector", "Webhook question",
              "{system} sync failing", "Connector for {system}?"],
        body=["We need to push data from {prod} into {system} nightly. Is there a standard connector "
              "or do we build it on the API?",
              "Can you give us API credentials for the {system} integration test environment?",
              "Do your webhooks support retries? Our {system} endpoint is sometimes down for "
              "maintenance."],
        reply=["Hi {first}, there's a standard {system} connector in the marketplace; {se_first} will "
               "send the set-up guide. Webhooks retry with exponential back-off for 24 hours.",
               "Credentials are on their way via our secure portal. Let me know when you start testing."],
        vis=["The integration also needs to support {np} - is that feasible?",
             "Ideally the {system} integration would let us {vp}."]),
    "training": dict(
        w=5, depts=["HR", "Operations", "Customer Service"], noun="training request",
        subj=["Training for new {team} users", "Admin training sessions", "Training materials in {language}",
              "Train-the-trainer session"],
        body=["We have {n} new users starting in {city} in {month}. Can you run a training session, "
              "ideally on site?",
              "Do you have training videos in {language}? Not all of our warehouse staff are "
              "comfortable in English.",
              "Could we book a train-the-trainer session for our {n2} super-users?"],
        reply=["Hi {first}, we can do an on-site session in {city} on {date}; the first session is "
               "included, further ones are billed at the standard day rate.",
               "Our academy has {language} subtitles for the core modules; I'll send the links."],
        vis=["Could the training include a module on {np}?",
             "We'd like the sessions to show users how to {vp}."]),
    "sla": dict(
        w=4, depts=["IT", "Operations"], noun="SLA question",
        subj=["SLA credits for {month}", "Uptime report", "Support hours / SLA clarification",
              "Incident report for {date}"],
        body=["Can you send the uptime report for {month}? We had at least two outages that "
              "affected the {city} site.",
              "Are we entitled to service credits for the outage on {date}? It lasted over two hours.",
              "What are your support hours for P2 tickets? The contract isn't clear."],
        reply=["Hi {first}, uptime for {month} was 99.{n2}%. The incident on {date} qualifies for a "
               "service credit under the SLA; I've asked billing to apply it.",
               "P2 tickets are handled 24x5 with a 4-hour response target."],
        vis=["Going forward we'll need an SLA that supports {np}.",
             "Can the SLA be restructured around {np}?"]),
    "invoice": dict(
        w=5, depts=["Finance", "Accounts Payable"], noun="invoice query",
        subj=["Invoice {inv} - PO number missing", "Invoice query", "Wrong VAT number on invoice",
              "Duplicate invoice?", "Payment terms"],
        body=["Invoice {inv} doesn't have our PO number ({po}) on it, so AP can't pay it. Could you "
              "re-issue?",
              "We received two invoices for the same period ({month}). Can you check whether one is "
              "a duplicate?",
              "Our VAT number on invoice {inv} is wrong. Please re-issue with the correct one."],
        reply=["Hi {first}, sorry about that - billing will re-issue {inv} with the PO number today.",
               "You're right, the second one is a duplicate; it has been credited."],
        vis=["Also, finance wants to know if future invoices could reflect {np}."]),
    "renewal": dict(
        w=5, depts=["Procurement", "Finance"], noun="renewal",
        subj=["Renewal {year}", "Renewal quote", "Multi-year option", "Contract renewal - next steps"],
        body=["Our contract renews on {date}. Can you send a renewal quote, plus a three-year "
              "option?",
              "Before we start the renewal, I need the usage per module for the last 12 months.",
              "Procurement wants to understand the price uplift for {year}. What's the cap in the "
              "contract?"],
        reply=["Hi {first}, renewal quote attached - flat price for one year, or {pct}% off list on a "
               "three-year term. Happy to discuss.",
               "The contract caps uplifts at {pct}% per year; we're proposing less than that."],
        vis=["The renewal needs to be structured around {np}.",
             "We'd like a renewal option that lets us {vp}."]),
    "poc": dict(
        w=4, depts=["IT", "Operations", "Data & Analytics"], noun="proof of concept",
        subj=["PoC scope for {module}", "Trial environment", "Proof of concept - success criteria",
              "Pilot in {city}"],
        body=["We'd like to run a 6-week PoC of the {module} in {city}. Could you propose scope and "
              "success criteria?",
              "Can you set up a trial environment with our data for {n} users?",
              "For the pilot we need someone from your side on site for the first week. Possible?"],
        reply=["Hi {first}, draft PoC plan attached - 6 weeks, three success criteria, weekly check-ins. "
               "{se_first} will be your lead.",
               "Trial environment is provisioned; invitations go out tomorrow."],
        vis=["The PoC should prove {np} - that's the main success criterion now.",
             "Can the pilot be designed to show we can {vp}?"]),
    "reference": dict(
        w=3, depts=["Procurement", "Operations", "IT"], noun="reference request",
        subj=["Reference customer call", "Customer references in {industry}", "Case study request"],
        body=["Could you put us in touch with a customer in {industry} that uses the {module}?",
              "Do you have a case study from a company of our size? Our steering committee asked."],
        reply=["Hi {first}, two references are willing to talk: one retailer and one logistics "
               "company. I'll set up calls.", "Case study attached; happy to arrange a call as well."],
        vis=["Ideally a customer that has gone down the route of {np}.",
             "Do you have any reference that managed to {vp}?"]),
    "support_ticket": dict(
        w=10, depts=["Operations", "Customer Service", "Finance", "IT", "Data & Analytics"], noun="support issue",
        subj=["Error when exporting {report}", "Users can't log in", "{prod} slow this morning",
              "Report not refreshing", "Urgent: {module} down?", "Can't attach files", "Issue with '{ui}' screen"],
        body=["Since this morning users in {city} get '{ui3}' when they click '{ui2}'. About {n} people "
              "affected. Can you look at it urgently?",
              "The {report} hasn't refreshed since yesterday. Is there a known issue?",
              "Several users can't log in - they get an SSO error. Screenshot attached.",
              "{prod} is very slow today, pages take 20-30 seconds to load."],
        reply=["Hi {first}, thanks for reporting - I've raised it as a P2 with our support team (ref "
               "{case}). We'll update you within 4 hours.",
               "Engineering identified a caching issue and deployed a fix; could you ask users to try "
               "again?", "This was caused by an expired certificate on our side - resolved now. Apologies."],
        vis=["While you're looking at this: the long-term fix for us is {np}."]),
    "sso": dict(
        w=4, depts=["IT", "Security"], noun="SSO set-up",
        subj=["SSO / SCIM setup", "Azure AD group sync", "MFA enforcement", "SAML certificate rollover"],
        body=["We're moving to SCIM provisioning from Entra ID. Do you support group-based role "
              "mapping?", "Our SAML certificate expires on {date}. What do we need to do on your side?",
              "Can MFA be enforced for local (non-SSO) admin accounts?"],
        reply=["Hi {first}, yes - SCIM with group-to-role mapping is supported; guide attached.",
               "Just upload the new certificate in the admin console before {date}; no downtime."],
        vis=["Provisioning should eventually follow {np}."]),
    "contract_terms": dict(
        w=3, depts=["Legal", "Procurement"], noun="contract question",
        subj=["DPA redlines", "Liability cap question", "MSA amendment", "Termination for convenience clause"],
        body=["Attached are our redlines on the DPA. The main points are audit rights and breach "
              "notification within 24 hours.",
              "Legal would like to raise the liability cap to 2x annual fees. Is that acceptable?",
              "We need an amendment to add our {city} subsidiary as a permitted user."],
        reply=["Hi {first}, our legal team will review the redlines this week.",
               "Adding the subsidiary is straightforward; amendment attached for signature."],
        vis=["Legal also wants the contract to allow for {np}."]),
    "data_export": dict(
        w=3, depts=["Data & Analytics", "Finance", "IT"], noun="data export",
        subj=["Bulk export of historical data", "Data extract for auditors", "Export of {report} to our data lake"],
        body=["Our auditors need a full extract of transactions for {year}. What's the quickest way?",
              "Can we schedule a nightly export of the {report} to our data lake?"],
        reply=["Hi {first}, you can use the bulk export API; for a one-off we can run it for you.",
               "Nightly exports are available via the scheduled export feature."],
        vis=["The extract should be shaped for {np}."]),
    "reporting": dict(
        w=4, depts=["Data & Analytics", "Operations", "Finance"], noun="reporting request",
        subj=["Custom report request", "Dashboard for {team}", "KPI definitions", "Can we add a field to the {report}?"],
        body=["Could your team build a dashboard for the {team} showing weekly volumes by site?",
              "What is the exact definition of 'active user' in the {report}?",
              "Can we add the cost centre field to the {report}?"],
        reply=["Hi {first}, that dashboard can be built with the report designer; I'll send an "
               "example.", "'Active user' means at least one login in the last 30 days."],
        vis=["The dashboard should really be about {np}.", "We want a report that shows whether we {vp}."]),
    "environments": dict(
        w=2, depts=["IT"], noun="environment request",
        subj=["Sandbox refresh", "Additional test environment", "UAT environment for {quarter} release"],
        body=["Could you refresh our sandbox from production this weekend?",
              "We need a second test environment for the {system} project. What does it cost?"],
        reply=["Hi {first}, sandbox refresh scheduled for Saturday 02:00 CET.",
               "A second sandbox is {cur}{price} per year; I can add it to an order form."],
        vis=["The test environment will be used to trial {np}."]),
    "upgrade": dict(
        w=3, depts=["IT"], noun="upgrade question",
        subj=["Upgrade to version {ver}", "Deprecation notice - what do we need to do?", "Release notes {ver}"],
        body=["We saw the deprecation notice for the v1 API. What exactly do we need to change?",
              "When will our tenant be upgraded to {ver}? We need to plan regression testing."],
        reply=["Hi {first}, your tenant moves to {ver} on {date}; release notes attached.",
               "Only the two endpoints listed in the notice are affected; {se_first} can review your calls."],
        vis=["Does {ver} bring us closer to {np}?"]),
    "onboarding_team": dict(
        w=3, depts=["Operations", "HR"], noun="onboarding request",
        subj=["Onboarding the {team} team", "New business unit onboarding", "Access for {city} office"],
        body=["We're onboarding the {team} team ({n} people) next month. What do you need from us?",
              "Our {city} office is joining the platform. Can you help with the set-up?"],
        reply=["Hi {first}, I'll send the onboarding checklist; typical lead time is two weeks.",
               "Great news - our CSM {csm_first} will run a kick-off with them."],
        vis=["The new team will work on the basis of {np}, so please set them up that way."]),
    "usage_report": dict(
        w=3, depts=["Operations", "Finance", "Data & Analytics"], noun="usage report",
        subj=["Usage statistics for {quarter}", "Adoption numbers for steering committee", "Monthly usage report"],
        body=["Can you send the adoption numbers by site for {quarter}? It's for the steering committee "
              "on {date}.", "Our monthly usage report didn't arrive this month - can you resend?"],
        reply=["Hi {first}, adoption report attached - {pct}% of licensed users active in {quarter}.",
               "Resent - it was stuck in our mailing tool."],
        vis=["For the steering committee we also need to show progress on {np}."]),
    "vendor_admin": dict(
        w=2, depts=["Procurement", "Accounts Payable"], noun="supplier admin",
        subj=["Supplier form - please complete", "Bank details change confirmation", "Insurance certificate",
              "Supplier portal registration"],
        body=["As part of our annual supplier review, please complete the attached supplier form by {date}.",
              "We received a notice that your bank details changed. Can you confirm by phone before we update?"],
        reply=["Hi {first}, form completed and attached.", "Thanks for checking - yes, that notice is "
               "genuine; I'll ask our finance director to call you to confirm."],
        vis=[]),
    "api_limits": dict(
        w=2, depts=["IT", "Data & Analytics"], noun="API question",
        subj=["API rate limits", "Throttling errors on API", "429 errors from the {system} integration"],
        body=["We're hitting 429s on the orders endpoint during our nightly batch. What are the limits?",
              "Can the API rate limit be raised for our tenant during month-end?"],
        reply=["Hi {first}, the limit is 600 requests/min per tenant; we can raise it temporarily.",
               "I've asked engineering to raise your limit for the last three days of each month."],
        vis=["If we go for {np}, the API volume will grow a lot - please size it."]),
}

SYSTEMS = ["SAP S/4HANA", "Salesforce", "ServiceNow", "Workday", "Snowflake", "Dynamics 365", "Oracle EBS",
           "Power BI", "Sage X3", "Jira", "Tableau", "an in-house WMS"]
REPORTS = ["weekly volume report", "site scorecard", "open items report", "month-end summary",
           "utilisation report", "exceptions report"]
TEAMS = ["field service", "customer care", "finance shared services", "planning", "warehouse",
         "regional sales", "procurement", "credit control"]
LANG_NAMES = {"fr": "French", "es": "Spanish", "sv": "Swedish", "pl": "Polish", "en": "Welsh", "de": "German"}


# ============================================================================ vision word pools
# Family A: action x driver -> "usage-based billing" / "billing by usage" / "bill on usage" /
#           paraphrase "billing based on actual usage".
# Family B: object x artefact -> "single supplier scorecard" / "one scorecard for every supplier" /
#           "all suppliers in one scorecard" / "every supplier on one screen".
# Family C: action x time bound -> "two-day settlement" / "settlement within two days" /
#           "settle in under two days" / "getting settlement done in two days or less".
# tags restrict combinations to ones a person would actually say.

BIZ_ACTIONS = [  # verb, gerund, noun, tags
    ("bill", "billing", "billing", "m"), ("settle claims", "settling claims", "claims settlement", "m"),
    ("forecast", "forecasting", "forecasting", "om"), ("replenish", "replenishing", "replenishment", "o"),
    ("roster staff", "rostering", "rostering", "p"), ("price", "pricing", "pricing", "m"),
    ("approve spend", "approving spend", "spend approvals", "mp"),
    ("reconcile accounts", "reconciling", "reconciliation", "m"), ("plan capacity", "capacity planning",
    "capacity planning", "op"), ("dispatch", "dispatching", "dispatch", "o"),
    ("onboard suppliers", "onboarding suppliers", "supplier onboarding", "o"),
    ("budget", "budgeting", "budgeting", "m"), ("invoice", "invoicing", "invoicing", "m"),
    ("staff the sites", "staffing", "staffing", "p"), ("restock", "restocking", "restocking", "o"),
    ("schedule maintenance", "scheduling maintenance", "maintenance scheduling", "o"),
]
BIZ_DRIVERS = [  # adjective form, noun-phrase tail, verb-phrase tail, paraphrase tail, tags
    ("usage-based", "by usage", "on usage", "based on actual usage", "m"),
    ("outcome-based", "by outcome", "against outcomes", "tied to the outcomes we get", "mp"),
    ("store-level", "by store", "store by store", "done separately for each store", "omp"),
    ("exception-only", "by exception", "only on exceptions", "where only the exceptions get looked at", "mo"),
    ("margin-led", "led by margin", "to margin", "that starts from the margin", "mo"),
    ("demand-triggered", "triggered by demand", "on demand signals", "that kicks in when demand moves", "op"),
    ("crew-owned", "owned by the crews", "at crew level", "that the crews themselves own", "po"),
    ("route-level", "by route", "route by route", "broken down per route", "o"),
    ("contract-anchored", "anchored to the contract", "against the contract",
     "in line with what the contract says", "m"),
    ("same-day", "on the same day", "within the day", "that happens the same day", "mo"),
    ("customer-visible", "visible to customers", "in front of the customer",
     "that the customer can see for themselves", "o"),
    ("region-pooled", "pooled across regions", "across pooled regions",
     "shared between regions instead of per country", "opm"),
    ("weather-adjusted", "adjusted for weather", "around the weather", "that takes the weather into account", "op"),
    ("shift-based", "by shift", "per shift", "organised around shifts", "p"),
]
TECH_ACTIONS = [
    ("deploy", "deploying", "deployments", "d"), ("log", "logging", "logging", "od"),
    ("provision", "provisioning", "provisioning", "od"), ("encrypt data", "encrypting data",
    "data encryption", "s"), ("integrate", "integrating", "integration", "d"),
    ("release", "releasing", "releases", "d"), ("monitor", "monitoring", "monitoring", "o"),
    ("grant access", "granting access", "access grants", "s"), ("store secrets", "storing secrets",
    "secret storage", "s"), ("publish APIs", "publishing APIs", "API publishing", "d"),
    ("patch", "patching", "patching", "os"), ("back up", "backing up", "backups", "o"),
    ("archive records", "archiving", "archiving", "o"), ("test", "testing", "testing", "d"),
]
TECH_DRIVERS = [
    ("contract-first", "from the contract", "contract first", "starting from the interface contract", "d"),
    ("policy-gated", "gated by policy", "behind policy gates", "that only goes through if policy allows it", "dso"),
    ("region-pinned", "pinned to one region", "inside a single region", "kept in one region", "os"),
    ("catalogue-driven", "driven from the catalogue", "from the service catalogue",
     "that comes out of the service catalogue", "od"),
    ("event-sourced", "sourced from events", "from the event stream", "built from the stream of events", "d"),
    ("per-tenant", "by tenant", "tenant by tenant", "separated for each tenant", "so"),
    ("golden-path", "along the golden path", "on the golden path", "following the standard paved route", "do"),
    ("ticketless", "without tickets", "with no tickets", "where nobody has to raise a ticket", "os"),
    ("owner-tagged", "tagged by owner", "with an owner tag", "where every item carries its owner", "o"),
    ("time-boxed", "time-boxed by default", "for a fixed window", "that expires automatically", "s"),
    ("immutable", "as immutable artefacts", "immutably", "that nobody can change afterwards", "d"),
    ("self-service", "through self-service", "self-service", "that teams do themselves without us", "osd"),
]
PITCH_DRIVERS = [
    ("one-tap", "in one tap", "with one tap", "that takes a single tap on a phone", "mop"),
    ("no-code", "without code", "with no code", "that business users set up without developers", "mod"),
    ("live-margin", "against live margin", "against live margin", "that shows the margin as it changes", "mo"),
    ("photo-verified", "verified by photo", "with a photo check", "where a photo is the proof", "o"),
    ("auto-matched", "matched automatically", "with automatic matching", "where the system does the matching", "m"),
]
B_OBJECTS = [("supplier", "suppliers"), ("crew", "crews"), ("store", "stores"), ("contract", "contracts"),
             ("asset", "assets"), ("claim", "claims"), ("route", "routes"), ("shipment", "shipments"),
             ("customer account", "customer accounts"), ("site", "sites")]
T_OBJECTS = [("service", "services"), ("dataset", "datasets"), ("API", "APIs"), ("integration", "integrations"),
             ("vendor", "vendors"), ("data product", "data products"), ("pipeline", "pipelines")]
ARTEFACTS = ["scorecard", "register", "timeline", "ledger", "inbox", "catalogue", "health view", "cost view"]
TIMEBOUNDS = [("two", "day", "days"), ("four", "hour", "hours"), ("ten", "minute", "minutes"),
              ("one", "week", "weeks"), ("48", "hour", "hours"), ("three", "day", "days"),
              ("five", "minute", "minutes"), ("one", "day", "days")]


class Idea:
    """One vision idea and its surface forms: list of (text, 'np'|'vp')."""

    def __init__(self, canonical, forms, para):
        self.canonical = canonical
        self.forms = forms          # [(text, gram)] first one is canonical
        self.para = para            # looser paraphrase (np)

    def variants(self):
        return [f for f in self.forms[1:]] + [(self.para, "np")]


def build_vision(rng: random.Random, flavour: str, n: int):
    if flavour == "tech":
        actions, drivers, objects = TECH_ACTIONS, TECH_DRIVERS, T_OBJECTS
    elif flavour == "pitch":
        actions, drivers, objects = BIZ_ACTIONS, BIZ_DRIVERS + PITCH_DRIVERS * 2, B_OBJECTS
    else:
        actions, drivers, objects = BIZ_ACTIONS, BIZ_DRIVERS, B_OBJECTS
    ideas, used_a, used_d, used_o, used_t = [], set(), set(), set(), set()
    n_b = max(1, round(n * 0.2))
    n_c = max(1, round(n * 0.15))
    n_a = n - n_b - n_c
    acts = actions[:]
    rng.shuffle(acts)
    for a in acts:
        if len([i for i in ideas if i.kind == "A"]) >= n_a:
            break
        ds = [d for d in drivers if set(d[4]) & set(a[3]) and d[0] not in used_d]
        if not ds:
            continue
        d = rng.choice(ds)
        used_a.add(a[2]); used_d.add(d[0])
        i = Idea(f"{d[0]} {a[2]}", [(f"{d[0]} {a[2]}", "np"), (f"{a[2]} {d[1]}", "np"), (f"{a[0]} {d[2]}", "vp")],
                 f"{a[2]} {d[3]}")
        i.kind = "A"
        ideas.append(i)
    objs = objects[:]
    rng.shuffle(objs)
    arts = ARTEFACTS[:]
    rng.shuffle(arts)
    for k in range(n_b):
        o, a = objs[k], arts[k]
        i = Idea(f"single {o[0]} {a}", [(f"a single {o[0]} {a}", "np"), (f"one {a} for every {o[0]}", "np"),
                                          (f"put all {o[1]} in one {a}", "vp")], f"every {o[0]} on one screen")
        i.kind = "B"
        ideas.append(i)
    rest = [a for a in acts if a[2] not in used_a] or acts
    tbs = TIMEBOUNDS[:]
    rng.shuffle(tbs)
    for k in range(n_c):
        a = rest[k % len(rest)]
        num, unit, units = tbs[k]
        hy = f"{num}-{unit}" if num != "48" else f"48-{unit}"
        within = f"within {'a ' + unit if num == 'one' else num + ' ' + units}"
        under = f"in under {'a ' + unit if num == 'one' else num + ' ' + units}"
        i = Idea(f"{hy} {a[2]}", [(f"{hy} {a[2]}", "np"), (f"{a[2]} {within}", "np"), (f"{a[0]} {under}", "vp")],
                 f"{a[2]} done in {num} {units if num != 'one' else unit} or less")
        i.kind = "C"
        ideas.append(i)
    rng.shuffle(ideas)
    return ideas


# ============================================================================ names for organisations

SELLER_STEMS = ["Quillon", "Tessaro", "Brightlane", "Corvalis", "Nimbleforge", "Larkspan", "Vantorra",
                "Meridyn", "Halcyra", "Penwright", "Tallyfold", "Oakhurst", "Sablecrest", "Ferrolux",
                "Kinnear", "Wrenfield", "Lumistra", "Galveth"]
SELLER_SUFFIX = [" Software", " Systems", " Labs", "", " Technologies", " Cloud", " Solutions"]
PRODUCT_TAILS = ["Planner", "Ledger", "Insight", "Connect", "Flow", "Vault", "Dispatch", "Forecast",
                 "Portal", "Workbench", "Field", "Hub"]
MODULES = ["Advanced Analytics module", "Mobile add-on", "Audit Trail pack", "Workflow Designer",
           "Premium Support tier", "API bundle", "Data Lake connector", "Scheduling engine",
           "Document Capture module", "Multi-entity option"]
LAUNCH_TAILS = ["Pulse", "Signal", "Copilot Studio", "Horizon", "Beacon"]
COMP_STEMS = ["Zentrove", "Parvana", "Lumeko", "Stratwell", "Quorra", "Velmont", "Kestrel Digital",
              "Orrin", "Fathomly", "Brisklane", "Marrowby", "Tidemark"]
COMP_PRODUCT_TAILS = ["One", "Atlas", "Go", "Edge", "Compass", "Relay", "Loom", "Northstar"]
FORMER_STEMS = ["Halvard", "Brennix", "Corran", "Mistral Bay", "Eastfold", "Grimsel", "Pellaton",
                "Ashgrove", "Rivermoor", "Castellan", "Vardø", "Ostmark"]
FORMER_INDUSTRY = ["Logistics", "Retail Group", "Foods", "Energy", "Insurance", "Healthcare", "Distribution"]
EXEC_TITLES = [("Chief Digital Officer", "CDO", "Digital Office"), ("Chief Operating Officer", "COO", "Operations"),
               ("Chief Financial Officer", "CFO", "Finance"), ("VP Operations", "VP Ops", "Operations"),
               ("Chief Transformation Officer", "CTrO", "Transformation Office"),
               ("Chief Customer Officer", "CCO", "Customer Experience"),
               ("Group Supply Chain Director", "supply chain director", "Supply Chain")]
IT_GROUPS = ["Enterprise Architecture", "Platform Engineering", "Office of the CTO", "Group Technology Standards",
             "Digital Foundations", "Architecture & Standards", "Cloud Centre of Excellence",
             "IT Strategy & Architecture"]
IT_TITLES = ["Enterprise Architect", "Lead Solution Architect", "Head of Platform", "Principal Engineer",
             "Security Architect", "Integration Architect", "Data Architect", "Chief Technology Officer",
             "Cloud Platform Lead"]
PROGRAMMES = ["Project Lighthouse", "Horizon {y}", "One{stem}", "Compass {y}", "Programme Tailwind",
              "Fit for {y}", "Keystone"]
CUST_DEPTS = ["Finance", "Procurement", "IT", "Operations", "HR", "Legal", "Customer Service",
              "Data & Analytics", "Security", "Accounts Payable", "Marketing", "Supply Chain"]
REORG = {"IT": "Digital & Technology", "Operations": "Operations Excellence", "Customer Service": "Customer Care",
         "Data & Analytics": "Data Office", "Procurement": "Strategic Sourcing", "Finance": "Group Finance"}
CUST_TITLES = {
    "Finance": ["Financial Controller", "FP&A Manager", "Finance Business Partner", "Head of Finance Operations"],
    "Procurement": ["Category Manager IT", "Buyer", "Procurement Manager", "Head of Indirect Procurement"],
    "IT": ["IT Manager", "Application Manager", "Solution Architect", "IT Service Owner", "Systems Administrator"],
    "Operations": ["Operations Manager", "Site Manager", "Regional Operations Lead", "Process Improvement Lead"],
    "HR": ["HR Business Partner", "Learning & Development Manager", "HRIS Lead"],
    "Legal": ["Legal Counsel", "Senior Legal Counsel", "Data Protection Officer"],
    "Customer Service": ["Customer Service Manager", "Team Leader", "Head of Customer Care"],
    "Data & Analytics": ["BI Developer", "Data Analyst", "Head of Data", "Analytics Engineer"],
    "Security": ["Information Security Officer", "GRC Analyst", "CISO"],
    "Accounts Payable": ["AP Specialist", "Accounts Payable Team Lead"],
    "Marketing": ["Marketing Operations Manager", "CRM Manager"],
    "Supply Chain": ["Supply Planner", "Supply Chain Analyst", "Head of Planning"],
}
SELLER_ROLES = [("ae", "Account Executive"), ("se", "Senior Solutions Engineer"),
                ("csm", "Customer Success Manager"), ("support", "Technical Support Engineer"),
                ("director", "Regional Sales Director"), ("dealdesk", "Deal Desk Analyst")]
SELLER_FIRST = ["Mark", "Laura", "Sam", "Nina", "Alex", "Jonas", "Emma", "Tom", "Hannah", "Owen", "Clara",
                "Felix", "Maya", "Ruben", "Ines", "Noah", "Julia", "Pieter", "Rosa", "Kieran"]
SELLER_LAST = ["Baxter", "Hoffmann", "Reyes", "Kovac", "Lindgren", "O'Neill", "Brandt", "Sato", "Duarte",
               "Fischer", "McAllister", "Verhoeven", "Costa", "Novak", "Ellison", "Quinn", "Adebayo", "Marsh"]


# ============================================================================ time helpers

def _last_sunday(y, m):
    d = dt.date(y, m + 1, 1) - dt.timedelta(days=1) if m < 12 else dt.date(y, 12, 31)
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


def _nth_sunday(y, m, n):
    d = dt.date(y, m, 1)
    d += dt.timedelta(days=(6 - d.weekday()) % 7)
    return d + dt.timedelta(days=7 * (n - 1))


def tz_offset(zone: str, base: int, utc: dt.datetime) -> int:
    y = utc.year
    if zone in ("eu", "uk"):
        a = dt.datetime.combine(_last_sunday(y, 3), dt.time(1))
        b = dt.datetime.combine(_last_sunday(y, 10), dt.time(1))
    else:
        a = dt.datetime.combine(_nth_sunday(y, 3, 2), dt.time(7))
        b = dt.datetime.combine(_nth_sunday(y, 11, 1), dt.time(6))
    return base + (60 if a <= utc < b else 0)


class Person:
    def __init__(self, **kw):
        self.old_email = None
        self.joined = None
        self.tics = False
        self.ol_lang, self.lang, self.charset = "en", "en", "utf-8"
        self.local_share = self.phone_p = self.activity = 0.0
        self.role, self.title, self.dept, self.phone = "system", "", "", ""
        self.__dict__.update(kw)

    def local(self, utc: dt.datetime) -> dt.datetime:
        off = tz_offset(self.zone, self.base_off, utc)
        return (utc + dt.timedelta(minutes=off)).replace(tzinfo=dt.timezone(dt.timedelta(minutes=off)))


class Msg:
    _n = 0

    def __init__(self, **kw):
        self.to, self.cc, self.attachments, self.references = [], [], [], []
        self.parent = self.fwd = None
        self.in_reply_to = None
        self.quote = "top"
        self.role = "other"
        self.topic = None
        self.relay_mode = None
        self.originator = None
        self.vision = False
        self.ideas = []
        self.calendar = None
        self.extra = []
        self.exports = []
        self.broken = None
        self.list_footer = None
        self.case = None
        self.request_id = None
        self.confounders = []
        self.no_in_reply_to = False
        self.__dict__.update(kw)


def fake_attachment(rng: random.Random, name: str):
    ext = name.rsplit(".", 1)[-1].lower()
    blob = bytes(rng.getrandbits(8) for _ in range(rng.randint(1500, 6000)))
    if ext == "pdf":
        return ("application/pdf", b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + blob + b"\n%%EOF\n")
    if ext in ("pptx", "docx", "xlsx"):
        ct = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[ext]
        return (ct, b"PK\x03\x04\x14\x00\x06\x00" + blob)
    if ext == "png":
        return ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + blob)
    if ext == "csv":
        rows = "\n".join(f"{i},{rng.randint(1, 999)},{rng.choice(['open', 'closed', 'n/a'])}" for i in range(40))
        return ("text/csv", ("id,value,status\n" + rows + "\n").encode())
    return ("application/octet-stream", blob)


# ============================================================================ the account

REL_MIX = {  # relay-mode weights by difficulty
    "easy": [("forwarded", 24), ("direct", 18), ("cc", 14), ("mention", 22), ("attachment", 10),
             ("pasted", 7), ("rephrased", 5)],
    "medium": [("forwarded", 14), ("direct", 12), ("cc", 12), ("mention", 18), ("attachment", 9),
               ("pasted", 15), ("rephrased", 20)],
    "hard": [("forwarded", 6), ("direct", 5), ("cc", 5), ("mention", 9), ("attachment", 7),
             ("pasted", 26), ("rephrased", 42)],
}
SELLER_OWNER = {
    "support_ticket": "support", "invoice": "dealdesk", "vendor_admin": "dealdesk", "pricing_whatif": "ae",
    "renewal": "ae", "licence_count": "ae", "contract_terms": "ae", "reference": "ae", "architecture": "se",
    "integration": "se", "sso": "se", "api_limits": "se", "security_questionnaire": "se", "data_residency": "se",
    "poc": "se", "environments": "support", "upgrade": "se", "data_export": "se", "roadmap": "se",
    "training": "csm", "onboarding_team": "csm", "usage_report": "csm", "reporting": "csm", "sla": "csm",
}


class Account:
    def __init__(self, kind: str, seed: int, difficulty: str):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {DIFFICULTIES}")
        self.kind, self.seed, self.difficulty = kind, seed, difficulty
        self.rng = make_rng(kind, seed, difficulty)
        self.msgs: list[Msg] = []
        self.log_rows = []
        self.threads = 0
        self.mid_seen = set()
        self.confounders = {}
        self.broken_items = []
        self.requests = []           # request specs (email + log-only)
        self.extra_requests = []     # request messages created outside the planned specs

    # ------------------------------------------------------------------ world
    def setup(self):
        r = self.rng
        self.loc_code = r.choice(sorted(LOCALES))
        L = self.L = LOCALES[self.loc_code]
        self.industry = r.choice(INDUSTRIES)
        stem = r.choice(L["stems"])
        self.cust_short = stem
        self.cust_name = f"{stem} {L['ind_names'][self.industry]}"
        legal = r.choice(L["legal"])
        self.cust_legal = f"{legal} {self.cust_name}" if legal == "Groupe" or legal == "Grupo" else f"{self.cust_name} {legal}"
        tld = r.choice(L["tlds"])
        self.cust_domain = slug(stem) + tld if tld.startswith((".", "-")) else slug(stem) + tld
        self.cust_city = r.choice(L["cities"])
        # seller
        sstem = r.choice(SELLER_STEMS)
        self.seller_short = sstem
        self.seller_name = sstem + r.choice(SELLER_SUFFIX)
        self.seller_domain = slug(sstem) + r.choice([".com", ".io", ".com", "software.com", ".co"])
        self.products = [f"{sstem} {t}" for t in r.sample(PRODUCT_TAILS, r.randint(3, 4))]
        self.modules = r.sample(MODULES, 5)
        self.seller_site = r.choice([("uk", 0, "London"), ("na", -300, "Boston"), ("eu", 60, "Amsterdam"),
                                     ("eu", 60, "Munich"), ("eu", 60, "Dublin"), ("na", -480, "Seattle")])
        if self.seller_site[2] == "Dublin":
            self.seller_site = ("uk", 0, "Dublin")
        self.seller_client = r.choice(["gmail", "gmail", "outlook"])
        self.seller_ext_tag = r.random() < 0.35
        self.seller_banner = r.choice(SELLER_BANNERS) if r.random() < 0.6 else None
        self.cust_banner = r.random() < 0.6
        self.cust_disclaimer = r.random() < 0.65
        self.currency = {"uk": "£", "us": "$", "ca": "CA$"}.get(self.loc_code, "€")
        # period
        y = r.choice([2021, 2022, 2023, 2024])
        self.start = dt.datetime(y, r.randint(1, 12), r.randint(1, 28))
        self.months = r.randint(6, 20)
        self.end = self.start + dt.timedelta(days=int(self.months * 30.44))
        self.n_req = max(50, min(400, int(50 * 8 ** r.random())))
        self.email_pattern = r.choice(["first.last", "first.last", "flast", "first.last", "firstl"])
        self._make_seller_team()
        self._make_customer_people()

    def period_point(self, a: float, b: float) -> dt.datetime:
        span = (self.end - self.start).total_seconds()
        return self.start + dt.timedelta(seconds=span * self.rng.uniform(a, b))

    def _email_for(self, first, last, domain, taken):
        f, l = slug(first.split("-")[0] if self.rng.random() < 0.3 else first), slug(last)
        pat = self.email_pattern
        base = {"first.last": f"{f}.{l}", "flast": f"{f[0]}{l}", "firstl": f"{f}{l[0]}"}[pat]
        e, k = base, 2
        while e in taken:
            e = f"{base}{k}"
            k += 1
        taken.add(e)
        return f"{e}@{domain}"

    def _make_seller_team(self):
        r = self.rng
        zone, off, city = self.seller_site
        firsts, lasts = r.sample(SELLER_FIRST, 8), r.sample(SELLER_LAST, 8)
        self.seller = {}
        taken = set()
        for i, (role, title) in enumerate(SELLER_ROLES):
            p = Person(name=f"{firsts[i]} {lasts[i]}", first=firsts[i], last=lasts[i], org="seller",
                       title=title, dept="Sales" if role in ("ae", "director", "dealdesk") else
                       {"se": "Presales", "csm": "Customer Success", "support": "Support"}[role],
                       lang="en", ol_lang="en", zone=zone, base_off=off, role=role,
                       client=self.seller_client if r.random() < 0.85 else r.choice(["apple", "ios"]),
                       charset="utf-8", local_share=0.0, phone_p=0.08,
                       phone=f"+{r.choice(['44 7', '1 617 ', '31 6 ', '49 151 '])}{r.randint(100, 999)} {r.randint(100000, 999999)}")
            p.email = f"{slug(p.first)}.{slug(p.last)}@{self.seller_domain}"
            self.seller[role] = p
        # a local-language seller colleague (partner manager) for non-English customers
        self.seller["support_desk"] = Person(name=f"{self.seller_short} Support", first="Support", last="", org="seller",
                                             title="", dept="Support", lang="en", ol_lang="en", zone=zone,
                                             base_off=off, role="support_desk", client="system", charset="utf-8",
                                             local_share=0, phone_p=0, phone="",
                                             email=f"support@{self.seller_domain}")
        self.seller["news"] = Person(name=f"{self.seller_short} News", first="", last="", org="seller", title="",
                                     dept="Marketing", lang="en", ol_lang="en", zone=zone, base_off=off,
                                     role="news", client="system", charset="utf-8", local_share=0, phone_p=0,
                                     phone="", email=f"news@mail.{self.seller_domain}")
        self.seller["billing"] = Person(name=f"{self.seller_short} Billing", first="Billing", last="", org="seller",
                                        title="", dept="Finance", lang="en", ol_lang="en", zone=zone, base_off=off,
                                        role="billing", client="system", charset="utf-8", local_share=0,
                                        phone_p=0, phone="", email=f"billing@{self.seller_domain}")
        self.seller_people = [self.seller[k] for k, _ in SELLER_ROLES]

    def new_cust_person(self, dept, title, taken, joined=None, lang=None, unique_first=False):
        r, L = self.rng, self.L
        female = r.random() < 0.5
        used = getattr(self, "used_names", set())
        self.used_names = used
        for _ in range(30):
            first = r.choice(L["first_f"] if female else L["first_m"])
            last = r.choice(L["last"])
            if f"{first} {last}" not in used and (not unique_first or first not in {u.split()[0] for u in used}):
                break
        used.add(f"{first} {last}")
        if self.loc_code == "pl" and female:
            for a, b in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
                if last.endswith(a):
                    last = last[: -len(a)] + b
        if self.loc_code == "es" and r.random() < 0.5:
            last = f"{last} {r.choice(L['last'])}"
        lang = lang or ("en" if self.loc_code in ("uk", "us") else
                        ("en" if self.loc_code == "ca" and r.random() < 0.4 else L["lang"]))
        if self.loc_code not in ("uk", "us") and r.random() < 0.08:
            lang = "en"   # expat / English-only writer
        client = wpick(r, [("outlook", 70), ("owa", 12), ("gmail", 3), ("apple", 4), ("thunderbird", 4)])
        ol_lang = r.choice(L["ol_lang"]) if lang != "en" else "en"
        if r.random() < 0.04:
            ol_lang = "de"
        p = Person(name=f"{first} {last}", first=first, last=last, org="cust", title=title, dept=dept, lang=lang,
                   ol_lang=ol_lang, zone=L["tz"], base_off=L["off"], client=client, role="customer",
                   charset=r.choice(L["charsets"]) if client in ("outlook", "owa", "thunderbird") else "utf-8",
                   local_share=(r.uniform(0.3, 0.9) if lang != "en" else 0.0), phone_p=r.uniform(0.02, 0.15),
                   phone=self._phone(), joined=joined, activity=r.paretovariate(1.3))
        p.email = self._email_for(first, last.replace(" ", ""), self.cust_domain, taken)
        p.display_lastfirst = client in ("outlook", "owa") and r.random() < 0.25
        return p

    def _phone(self):
        r = self.rng
        return {"fr": f"+33 {r.randint(1, 7)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}",
                "ca": f"+1 514 {r.randint(200, 999)}-{r.randint(1000, 9999)}",
                "es": f"+34 9{r.randint(10, 99)} {r.randint(100, 999)} {r.randint(100, 999)}",
                "sv": f"+46 {r.randint(8, 70)} {r.randint(100, 999)} {r.randint(10, 99)} {r.randint(10, 99)}",
                "pl": f"+48 {r.randint(500, 799)} {r.randint(100, 999)} {r.randint(100, 999)}",
                "uk": f"+44 {r.randint(1000, 7999)} {r.randint(100000, 999999)}",
                "us": f"+1 ({r.randint(200, 989)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}"}[self.loc_code]

    def _make_customer_people(self):
        r = self.rng
        n = max(14, min(75, 12 + self.n_req // 7 + r.randint(0, 8)))
        depts = ["Finance", "Procurement", "IT", "Operations"] + r.sample(
            [d for d in CUST_DEPTS if d not in ("Finance", "Procurement", "IT", "Operations")], r.randint(4, 6))
        self.depts = depts
        self.cust = []
        self.taken = set()
        for i in range(n):
            d = depts[i] if i < len(depts) else r.choice(depts)
            title = r.choice(CUST_TITLES[d])
            if i < len(depts):
                title = {"IT": "IT Director", "Finance": "Finance Director", "Procurement": "Head of Procurement",
                         "Operations": "Operations Director"}.get(d, f"Head of {d}")
            joined = None
            if i >= len(depts) and r.random() < 0.1:
                joined = self.period_point(0.15, 0.8)
            self.cust.append(self.new_cust_person(d, title, self.taken, joined))
        heads = {p.dept: p for p in self.cust[: len(depts)]}
        for p in self.cust:
            h = heads[p.dept]
            p.manager = None if h is p else h
        # executive sponsor (reports to nobody listed)
        self.sponsor = heads["Operations"]

    # ------------------------------------------------------------------ people helpers
    def active_cust(self, when, exclude=()):
        return [p for p in self.cust if (p.joined is None or p.joined <= when) and p not in exclude
                and p.role == "customer"]

    def email_of(self, p: Person, when: dt.datetime) -> str:
        m = self.confounders.get("mail_migration")
        if p.org == "cust" and m and p.old_email and not (p.joined and p.joined >= m["date"]):
            if when < m["date"]:
                return p.old_email
            if when < m["date"] + dt.timedelta(days=40) and self.rng.random() < 0.12:
                return p.old_email
        return p.email

    def dept_of(self, p: Person, when: dt.datetime) -> str:
        rg = self.confounders.get("reorg")
        if rg and p.org == "cust" and when >= rg["date"] and p.dept in rg["renames"]:
            return rg["renames"][p.dept]
        return p.dept

    def pick_requester(self, topic, when, exclude=()):
        r = self.rng
        pool = self.active_cust(when, exclude)
        pref = [p for p in pool if p.dept in TOPICS[topic]["depts"]]
        if pref and r.random() < 0.75:
            pool = pref
        return wpick(r, [(p, p.activity) for p in pool])

    def biz_time(self, p: Person, day: dt.datetime, early=8, late=18) -> dt.datetime:
        """UTC instant on `day` (or next business day) inside p's working hours."""
        r = self.rng
        d = day.date() if isinstance(day, dt.datetime) else day
        while d.weekday() >= 5 and r.random() < 0.96:
            d += dt.timedelta(days=1)
        local = dt.datetime.combine(d, dt.time(0)) + dt.timedelta(
            minutes=r.randint(early * 60, late * 60 + 30), seconds=r.randint(0, 59))
        off = tz_offset(p.zone, p.base_off, local)
        return local - dt.timedelta(minutes=off)

    def later(self, p: Person, base: dt.datetime, min_h: float, max_h: float) -> dt.datetime:
        r = self.rng
        t = base + dt.timedelta(hours=r.uniform(min_h, max_h))
        loc = p.local(t)
        if loc.weekday() >= 5 or loc.hour < 7 or loc.hour >= 20:
            if r.random() < 0.9:
                nd = loc.date() + dt.timedelta(days=1 if loc.hour >= 20 else 0)
                t = self.biz_time(p, dt.datetime.combine(nd, dt.time()), 8, 11)
                if t < base:
                    t = base + dt.timedelta(minutes=r.randint(20, 200))
        return t

    # ------------------------------------------------------------------ source of the vision
    def setup_source(self):
        r, k = self.rng, self.kind
        self.ideas, self.members, self.onset_plan = [], [], None
        self.comp = None
        if k == "new_exec":
            title, short, dept = r.choice(EXEC_TITLES)
            join = self.period_point(0.12, 0.4)
            ex = self.new_cust_person(dept, title, self.taken, joined=join, unique_first=True)
            ex.role, ex.activity, ex.manager, ex.short = "exec", 0.0, None, short
            ex.client = "outlook"
            if dept not in self.depts:
                self.depts.append(dept)
            self.cust.append(ex)
            self.exec = ex
            self.former = f"{r.choice(FORMER_STEMS)} {r.choice(FORMER_INDUSTRY)}"
            self.onset_plan = join + dt.timedelta(days=r.randint(18, 60))
            self.members = [ex]
            self.exec_in_org_chart = r.random() < 0.6
            flavour = "biz"
        elif k == "it_dept":
            self.group = r.choice(IT_GROUPS)
            if self.group not in self.depts:
                self.depts.append(self.group)
            titles = r.sample(IT_TITLES, r.randint(3, 5))
            for i, t in enumerate(titles):
                if i == 0:
                    t = "Chief Technology Officer" if self.group == "Office of the CTO" else f"Head of {self.group}"
                p = self.new_cust_person(self.group, t, self.taken, unique_first=True)
                p.role, p.activity = "it_member", 0.6
                self.cust.append(p)
                self.members.append(p)
            for p in self.members[1:]:
                p.manager = self.members[0]
            self.members[0].manager = next(p for p in self.cust if p.dept == "IT")
            self.onset_plan = self.period_point(0.18, 0.5)
            flavour = "tech"
        elif k == "competitor":
            stem = r.choice(COMP_STEMS)
            dom = slug(stem) + r.choice([".com", ".io", ".com", "hq.com"])
            tails = r.sample(COMP_PRODUCT_TAILS, r.randint(2, 3))
            self.comp = dict(name=stem if r.random() < 0.5 else stem + r.choice([" Inc.", " Software", " Group"]),
                             short=stem, domain=dom, products=[f"{stem} {tails[0]}"] + [t + r.choice(["", " Live", " 360"]) for t in tails[1:]])
            rl = LOCALES[r.choice(["uk", "us", self.loc_code])]
            for t in r.sample(["Enterprise Account Director", "Solutions Consultant", "Industry Principal",
                               "Customer Value Lead", "Regional Vice President"], r.randint(1, 3)):
                fem = r.random() < 0.5
                first = r.choice(rl["first_f"] if fem else rl["first_m"])
                last = r.choice(rl["last"])
                p = Person(name=f"{first} {last}", first=first, last=last, org="comp", title=t, dept="Sales",
                           lang="en", ol_lang="en", zone=rl["tz"], base_off=rl["off"], role="comp_rep",
                           client=r.choice(["outlook", "gmail"]), charset="utf-8", local_share=0.0, phone_p=0.0,
                           phone=self._phone())
                p.email = f"{slug(first)}.{slug(last)}@{dom}"
                self.members.append(p)
            self.onset_plan = self.period_point(0.18, 0.5)
            flavour = "pitch"
        if k != "null":
            self.ideas = build_vision(r, flavour, r.randint(8, 16))

    # ------------------------------------------------------------------ confounders
    def setup_confounders(self):
        r = self.rng
        if self.kind == "null":
            opts = ["mail_migration", "reorg", "rfp", "new_hire", "budget", "programme", "incident", "launch", "tics"]
            chosen = r.sample(opts, r.randint(4, 6))
            if not set(chosen) & {"programme", "new_hire", "launch", "rfp"}:
                chosen.append(r.choice(["programme", "new_hire"]))
        else:
            chosen = r.sample(["incident", "launch", "tics", "budget", "new_hire", "rfp", "programme",
                               "mail_migration", "reorg"], r.randint(1, 3))
        C = self.confounders
        for c in sorted(chosen, key=["mail_migration", "reorg", "rfp", "new_hire", "budget", "programme",
                                      "incident", "launch", "tics"].index):
            if c == "mail_migration":
                new_dom = slug(self.cust_short) + r.choice(["-group.com", ".com", "group.eu", "-corp.com"])
                if new_dom == self.cust_domain:
                    new_dom = "mail." + new_dom
                d = self.period_point(0.3, 0.7)
                C[c] = dict(date=d, old_domain=self.cust_domain, new_domain=new_dom)
                for p in self.cust:
                    p.old_email = p.email
                    p.email = p.email.split("@")[0] + "@" + new_dom
                self.cust_domain_old, self.cust_domain = self.cust_domain, new_dom
            elif c == "reorg":
                ren = {d: REORG[d] for d in r.sample([d for d in self.depts if d in REORG],
                                                     min(3, len([d for d in self.depts if d in REORG])))}
                C[c] = dict(date=self.period_point(0.25, 0.75), renames=ren)
            elif c == "rfp":
                lead = next((p for p in self.cust if p.dept == "Procurement"), self.cust[1])
                C[c] = dict(date=self.period_point(0.2, 0.7), ref=f"RFP-{self.start.year + 1}-{r.randint(10, 240):03d}",
                            lead=lead, n=r.randint(10, 25), weeks=r.randint(3, 5),
                            scope=r.choice(["field operations platform", "finance automation suite",
                                            "workforce planning solution", "integration platform"]))
            elif c == "new_hire":
                d = self.period_point(0.15, 0.6)
                dept = r.choice(["IT", "Procurement", "Finance", "Operations"])
                title = {"IT": "Head of Business Applications", "Procurement": "Senior Category Manager - Technology",
                         "Finance": "Director of Financial Planning", "Operations": "VP Operations Excellence"}[dept]
                p = self.new_cust_person(dept, title, self.taken, joined=d)
                p.activity = 0.0
                if self.confounders.get("mail_migration"):
                    p.old_email = None
                    p.email = p.email.split("@")[0] + "@" + self.cust_domain
                self.cust.append(p)
                C[c] = dict(date=d, person=p, n=r.randint(10, 25))
            elif c == "budget":
                y = r.choice(sorted({self.start.year, self.end.year}))
                d = dt.datetime(y, r.choice([9, 10, 11, 1, 2]), r.randint(1, 20))
                if not (self.start < d < self.end - dt.timedelta(days=40)):
                    d = self.period_point(0.2, 0.7)
                C[c] = dict(date=d, n=r.randint(10, 20), fy=f"FY{(d.year + 1) % 100:02d}")
            elif c == "programme":
                name = r.choice(PROGRAMMES).format(y=self.start.year + 2, stem=self.cust_short.split()[0])
                C[c] = dict(date=self.period_point(0.15, 0.55), name=name, share=r.uniform(0.3, 0.5))
            elif c == "incident":
                C[c] = dict(date=self.period_point(0.15, 0.85), n=r.randint(10, 30),
                            what=r.choice(["login outage", "data sync failure", "reporting outage",
                                           "degraded performance in the EU region"]))
            elif c == "launch":
                C[c] = dict(date=self.period_point(0.2, 0.7), product=f"{self.seller_short} {r.choice(LAUNCH_TAILS)}",
                            n=r.randint(6, 15))
            elif c == "tics":
                p = r.choice([q for q in self.cust if q.role == "customer" and q.joined is None])
                p.tics, p.activity = True, p.activity * 4 + 2
                p.lang, p.local_share = "en", 0.0
                C[c] = dict(person=p, habits=["Kindly revert", "PFA", "do the needful", "at the earliest",
                                              "going forward", "Thanks & Regards"])

    # ------------------------------------------------------------------ text helpers
    def ctx(self, first: str, when: dt.datetime, p: Person | None = None) -> dict:
        r = self.rng
        L = self.L
        fut = when + dt.timedelta(days=r.randint(5, 30))
        city = r.choice(L["cities"])
        ul = p.lang if p and p.lang in UI_STRINGS and p.lang != "en" else (
            L["lang"] if self.loc_code not in ("uk", "us") and r.random() < 0.6 else "en")
        ui = r.sample(UI_STRINGS[ul][:-1], 2) + [UI_STRINGS[ul][-1]]
        q = (when.month - 1) // 3 + 1
        nq, ny = (q % 4) + 1, when.year + (1 if q == 4 else 0)
        n = r.choice([12, 15, 20, 25, 30, 40, 45, 60, 75, 120, 150, 200, 250])
        return dict(
            first=first, prod=r.choice(self.products), prod2=r.choice(self.products), module=r.choice(self.modules),
            n=n, n2=max(1, n - r.randint(1, n // 2 + 1)), n3=r.randint(3, 40), city=city, city_loc=PL_LOC.get(city, city),
            city2=r.choice(L["cities"]), quarter=f"Q{nq} {ny}", year=when.year + (1 if when.month >= 9 else 0),
            month=LANG["en"]["mo"][fut.month - 1], date=f"{fut.day} {LANG['en']['moa'][fut.month - 1]}",
            when=r.choice(["Friday", "end of next week", "the steering committee", f"{fut.day}/{fut.month}",
                           "month-end"]),
            team=r.choice(TEAMS), region=r.choice(["EU (Frankfurt)", "EU (Dublin)", "UK (London)", "US East",
                                                   "Canada (Montréal)", "Nordics (Stockholm)"]),
            pct=r.choice([3, 4, 5, 7, 8, 10, 12, 15, 18, 20]), price=f"{r.randint(18, 480) * 250:,}",
            cur=self.currency, inv=f"INV-{when.year}-{r.randint(1000, 99999)}",
            po=f"{r.choice(['45', '48', 'PO-'])}{r.randint(10000000, 99999999)}", system=r.choice(SYSTEMS),
            ver=f"{when.year}.{r.randint(1, 4)}", industry=self.industry if self.industry != "food" else "food & beverage",
            report=r.choice(REPORTS), ui=ui[0], ui2=ui[1], ui3=ui[2], language=LANG_NAMES.get(L["lang"], "French"),
            se_first=self.seller["se"].first, ae_first=self.seller["ae"].first, csm_first=self.seller["csm"].first,
            case=f"#{r.randint(100000, 999999)}", seller=self.seller_short, cust=self.cust_short)

    def greet(self, p: Person, first: str, lang_force=None) -> str:
        r = self.rng
        lang = lang_force or (p.lang if p.lang != "en" and r.random() < p.local_share else "en")
        if p.org == "seller" and self.loc_code in ("fr", "ca", "es") and r.random() < 0.08:
            lang = "fr" if self.loc_code != "es" else "es"
        if p.tics:
            return r.choice(["Dear {first},", "Hi {first},", "Dear Sir/Madam,", "Hello Team,"]).format(first=first)
        opts = GREET[lang]
        if p.org == "seller":
            opts = [g for g in opts if "{first}" in g] or opts
        g = r.choice(opts)
        if not first or first in ("Support", "Billing"):
            g = {"en": "Hello,", "fr": "Bonjour,", "es": "Hola,", "sv": "Hej,", "pl": "Dzień dobry,",
                 "de": "Hallo,"}[lang]
        return g.format(first=first)

    def signoff(self, p: Person, lang_force=None) -> str:
        r = self.rng
        if p.tics:
            return r.choice(["Thanks & Regards,", "Thanks and Regards,", "Regards,"])
        lang = lang_force or (p.lang if p.lang != "en" and r.random() < p.local_share else "en")
        return r.choice(SIGNOFF[lang])

    def signature(self, p: Person, when: dt.datetime, full: bool) -> str:
        r = self.rng
        if p.org == "seller":
            if not full:
                return p.first
            s = f"{p.name}\n{p.title} | {self.seller_name}\nM: {p.phone}\nwww.{self.seller_domain}"
            if p.role in ("ae", "csm", "se") and r.random() < 0.5:
                s += f"\nBook time with me: https://meet.{self.seller_domain}/{slug(p.first)}-{slug(p.last)}"
            if r.random() < 0.3:
                s += ("\n\nThis message may contain confidential information. If you are not the intended "
                      f"recipient please delete it. {self.seller_name} Ltd, registered in England No. "
                      f"{9_000_000 + len(self.seller_domain) * 4137}.")
            return s
        if p.org == "comp":
            return f"{p.name}\n{p.title}\n{self.comp['name']}\n{p.phone}\nwww.{self.comp['domain']}"
        if not full:
            return p.first if r.random() < 0.7 else f"{p.first[0]}.{p.last.split()[0][0]}."
        dept = self.dept_of(p, when)
        lines = [p.name if not p.tics else p.name.upper(), p.title, f"{dept} | {self.cust_name}"]
        if r.random() < 0.5:
            st = {"fr": ["{n} rue de la République", "{n} avenue Jean Jaurès", "{n} quai de la Fosse"],
                  "ca": ["{n} boulevard Industriel", "{n} rue Principale", "{n} Commerce Road"],
                  "es": ["Avenida de Europa, {n}", "Calle de Alcalá, {n}", "Paseo de Gracia, {n}"],
                  "sv": ["Storgatan {n}", "Kungsgatan {n}", "Drottninggatan {n}"],
                  "pl": ["ul. Prosta {n}", "ul. Marszałkowska {n}", "al. Jerozolimskie {n}"],
                  "uk": ["{n} King Street", "Unit {n}, Riverside Park", "{n} Station Road"],
                  "us": ["{n} Main Street, Suite 400", "{n} Commerce Drive"]}[self.loc_code]
            lines.append(r.choice(st).format(n=r.randint(1, 180)) + ", " + self.cust_city)
        lines.append(f"T {p.phone}")
        if p.tics:
            lines.append("Please consider the environment before printing this e-mail :)")
        sig = "\n".join(lines)
        if self.cust_disclaimer:
            lang = self.L["lang"] if self.loc_code != "us" else "en"
            sig += "\n\n" + DISCLAIMER.get(lang, DISCLAIMER["en"]).format(
                company=self.cust_legal, country=self.L["country"], city=self.cust_city,
                city_loc=PL_LOC.get(self.cust_city, self.cust_city),
                n3=100 + len(self.cust_short) * 7, n2=10 + len(self.cust_domain), n2b=47)
        return sig

    def compose(self, p: Person, first: str, body: str, when, stage="new", mobile=False, lang=None) -> str:
        r = self.rng
        parts = []
        if stage != "bare":
            parts.append(self.greet(p, first, lang))
        parts.append(body.strip())
        if p.tics and r.random() < 0.7:
            parts.append(r.choice(["Kindly revert at the earliest.", "Pls do the needful and revert.",
                                   "Kindly revert with the details going forward.", "PFA for your reference."]))
        if mobile:
            parts.append(self.signoff(p, lang) + "\n" + p.first + "\n\n" + r.choice(LANG[p.lang if p.lang in LANG else "en"]["phone"]))
            return "\n\n".join(parts) + "\n"
        full = {"new": 0.85, "reply": 0.5, "chaser": 0.25, "bare": 0.8}[stage] > r.random()
        parts.append(self.signoff(p, lang) + "\n" + self.signature(p, when, full))
        return "\n\n".join(parts) + "\n"

    def fill_topic(self, key: str, field: str, c: dict) -> str:
        t = self.rng.choice(TOPICS[key][field]).format(**c)
        if field == "reply":   # the greeting is added by compose()
            t = cap(re.sub(r"^(Hi|Hello) [^,]+, ", "", t))
        return t

    # ------------------------------------------------------------------ message ids
    def mid_for(self, p: Person, when: dt.datetime) -> str:
        r = self.rng
        while True:
            c = p.client
            if p.org == "cust" and c in ("outlook", "owa", "android"):
                pre2 = {"eu": ['AM', 'DB', 'PA', 'VI', 'AS', 'PR'], "uk": ['LO', 'CWL', 'LNX', 'DB'],
                        "na": ['BN', 'CH', 'SN', 'DM', 'MW', 'BL']}[p.zone]
                pre = f"{r.choice(pre2)}{r.randint(1, 9)}PR{r.randint(1, 9):02d}MB{r.randint(1000, 9999)}"
                reg = {"eu": "eurprd", "uk": "gbrprd", "na": "namprd"}[p.zone]
                mid = f"<{pre}{''.join(r.choice('0123456789ABCDEF') for _ in range(28))}@{pre}.{reg}{r.randint(1, 9):02d}.prod.outlook.com>"
            elif c in ("outlook", "owa", "android"):
                pre = f"{r.choice(['BY', 'CH', 'SN', 'DM', 'LO'])}{r.randint(1, 9)}PR{r.randint(10, 19)}MB{r.randint(1000, 9999)}"
                mid = f"<{pre}{''.join(r.choice('0123456789ABCDEF') for _ in range(28))}@{pre}.namprd{r.randint(10, 19)}.prod.outlook.com>"
            elif c == "gmail":
                al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-"
                mid = f"<CA{''.join(r.choice(al) for _ in range(r.randint(40, 52)))}@mail.gmail.com>"
            elif c in ("apple", "ios"):
                u = "".join(r.choice("0123456789ABCDEF") for _ in range(32))
                mid = f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}@{p.email.split('@')[1]}>"
            elif c == "thunderbird":
                u = "".join(r.choice("0123456789abcdef") for _ in range(32))
                mid = f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}@{p.email.split('@')[1]}>"
            else:
                mid = f"<{when.strftime('%Y%m%d%H%M%S')}.{r.getrandbits(40):010x}@{p.email.split('@')[1]}>"
            if mid not in self.mid_seen:
                self.mid_seen.add(mid)
                return mid

    def new_msg(self, sender, to, when, subject, text, role, cc=(), parent=None, **kw) -> Msg:
        r = self.rng
        client = sender.client
        if sender.org == "cust" and r.random() < sender.phone_p:
            client = "ios" if r.random() < 0.6 else "android"
        m = Msg(sender=sender, to=list(to), cc=[c for c in cc if c not in to and c is not sender], date=when,
                subject=subject, text=text, role=role, client=client, **kw)
        m.sender_email = self.email_of(sender, when) if sender.org == "cust" else sender.email
        m.to_emails = [self.email_of(x, when) if x.org == "cust" else x.email for x in m.to]
        m.cc_emails = [self.email_of(x, when) if x.org == "cust" else x.email for x in m.cc]
        orig_client = sender.client
        sender.client = client
        m.mid = self.mid_for(sender, when)
        sender.client = orig_client
        if parent is not None:
            m.parent = parent
            m.thread = parent.thread
            m.references = (parent.references + [parent.mid])[-12:]
            m.in_reply_to = parent.mid
            if r.random() < 0.05:
                m.no_in_reply_to = True
        else:
            self.threads += 1
            m.thread = self.threads
        self.msgs.append(m)
        return m

    def reply_subject(self, replier: Person, parent: Msg, client: str) -> str:
        s = self.subj_seen(parent, replier.org)
        if re.match(r"^(RE|Re|SV|AW|Odp|R|Rif)\s?:", s):
            return s
        if client in ("outlook", "owa", "android"):
            pre = LANG[replier.ol_lang]["re"]
        else:
            pre = "Re:" if replier.ol_lang in ("en", "fr", "es") or client != "thunderbird" else LANG[replier.ol_lang]["re"]
        return f"{pre} {s}"

    def fwd_subject(self, p: Person, subj: str, client: str) -> str:
        if client in ("outlook", "owa", "android"):
            return f"{LANG[p.ol_lang]['fw']} {subj}"
        return f"Fwd: {subj}"

    def subj_seen(self, m: Msg, org: str) -> str:
        if org == "seller" and self.seller_ext_tag and m.sender.org != "seller" and not m.subject.startswith("[EXT]") \
                and "[EXT]" not in m.subject:
            return "[EXT] " + m.subject
        return m.subject


# ============================================================================ vision wording

GENERIC_NP = ["Can {prod} support {np}?", "How would {np} work in practice with your platform?",
              "We need your view on {np} before {date}.", "Is {np} something you already do for other customers?"]
GENERIC_VP = ["We want to be able to {vp} - can {prod} support that?",
              "The plan is to {vp} from next year; what would that mean for our set-up?",
              "Is there a way to {vp} with what we have today?"]
SRC_VOICE = {
    "new_exec": {"np": ["At {former} we moved the whole business to {np} in under a year.",
                        "I want us to get to {np} by {year}.",
                        "Every platform we pay for should support {np} - no exceptions.",
                        "The single biggest lever I see here is {np}.",
                        "What I need from our suppliers is a credible plan for {np}."],
                 "vp": ["At {former} we learned to {vp}, and I want the same here.",
                        "We should be able to {vp} by the end of {year}."]},
    "it_dept": {"np": ["Principle {k}: new solutions must support {np}.",
                       "From {month} onwards, {np} is a requirement for anything we onboard.",
                       "Vendors will be assessed on {np} at the architecture board.",
                       "Exceptions to {np} need a written waiver from {group}."],
                "vp": ["All platforms must be able to {vp}.", "Teams are expected to {vp} from {quarter}."]},
    "competitor": {"np": ["With {cprod}, teams get {np} from day one.", "{cprod} is built around {np}.",
                          "Customers in {industry} typically reach {np} within the first quarter.",
                          "{cprod} gives you {np} without a separate project."],
                   "vp": ["With {cprod} your team can {vp} out of the box.",
                          "Our customers {vp} within weeks of go-live."]},
}
MENTION = {
    "new_exec": (["Our new {short}, {oname}, is very keen on {np}.",
                  "{ofirst} ({short}) has made {np} one of the priorities for this year.",
                  "Since {ofirst} joined as {short}, {np} comes up in every meeting.",
                  "{ofirst} asked me to check with you about {np}.",
                  "{ofirst}'s team wants to understand {np}."],
                 ["Our new {short} is very keen on {np}.", "Leadership has asked us to look at {np}.",
                  "There's a push from the top for {np}."]),
    "it_dept": (["Per the {group}, {np} is now a standard for new tools.",
                 "The architecture board has asked every vendor about {np}.",
                 "{ofirst}'s team in {group} wants to see {np}.",
                 "{ofirst} from {group} asked me to check whether you support {np}."],
                ["Our architects want {np}.", "The standards people are asking about {np}.",
                 "Per the architecture board, {np} is expected."]),
    "competitor": (["{comp} showed us {np} in their {cprod} demo last week.",
                    "{comp} told us {cprod} does {np} out of the box.",
                    "We saw {np} in a demo of {cprod} and the team liked it."],
                   ["Another vendor showed us {np} recently.", "We've seen {np} elsewhere and people liked it.",
                    "We were shown {np} in another tool."]),
}
FWD_INTRO = {
    "new_exec": (["See below from {ofirst}. Could you come back to us on this?",
                  "Forwarding {ofirst}'s note - can we discuss on our next call?",
                  "FYI and for action - see {ofirst}'s mail below.",
                  "Please see below from our new {short}. We'd need an answer before {date}."],
                 ["See below.", "Please see below - can you help?", "For your attention, see below."]),
    "it_dept": (["See below from {ofirst} ({group}). Can you respond?",
                 "Forwarding the guidance from {group} - please take it into account.",
                 "{ofirst} raised the points below; can you come back on each?"],
                ["See below.", "Please see below and advise.", "Below for your review."]),
    "competitor": (["Forwarding this in confidence - can you tell me how you compare?",
                    "This came in from {comp} after their visit. What's your answer to this?",
                    "Between us: this is what we're being told elsewhere. Can you respond point by point?"],
                   ["See below - what's your view?", "Can you respond to the below?", "Thoughts on this?"]),
}
PASTE_INTRO = {
    "new_exec": ["Pasting the key points from our internal discussion:", "Below is what came out of the leadership offsite:",
                 "Copying a paragraph from a note I received:", "Quoting from the document circulating internally:",
                 "Notes from yesterday's management meeting:"],
    "it_dept": ["Pasting the relevant part of our standards:", "From the architecture guidelines:",
                "Copying a paragraph from a note I received:", "Quoting from the document circulating internally:"],
    "competitor": ["This is from a slide we were shown:", "Copying a paragraph from a deck we received:",
                   "Quoting what we were told in a demo:", "Copying a paragraph from a note I received:"],
}
REPHRASE_INTRO = ["We've been talking internally about {np}.", "One more thing: we're thinking about {np}.",
                  "Something that has come up a lot lately is {np}.", "Longer term we'd like to get to {np}.",
                  "We're also exploring {np}."]
SELLER_VIS_RESP = [
    "On {np}: good question - it isn't something we do natively today, but product is looking at it. "
    "Let me set up a call with the PM.",
    "On {np}: yes, a few customers do this; I'll send you an example configuration.",
    "Regarding {np}, can we take 30 minutes to understand exactly what you have in mind? It could mean "
    "a few different things in our world.",
    "{np} is on our roadmap for later this year; I'll share what I can under NDA.",
]
ATT_TAILS = ["target operating model v2", "principles v1.3", "overview", "one-pager", "draft for discussion",
             "business case", "requirements"]


# ============================================================================ traffic: requests and threads

class Traffic(Account):
    # ---------------------------------------------------------------- vision helpers
    def vctx(self, spec) -> dict:
        o = spec["originator"]
        c = dict(oname=o.name if o else "", ofirst=o.first if o else "", former=getattr(self, "former", ""),
                 group=getattr(self, "group", ""), short=getattr(getattr(self, "exec", None), "short", ""),
                 k=self.rng.randint(2, 9))
        if self.comp:
            c.update(comp=self.comp["short"], cprod=self.rng.choice(self.comp["products"]))
        return c

    def pick_form(self, idea: Idea, mode: str):
        r = self.rng
        if mode == "rephrased":
            return r.choice(idea.variants())
        if mode == "pasted":
            return idea.forms[0] if r.random() < 0.45 else r.choice(idea.variants())
        if self.difficulty == "hard" and r.random() < 0.5:
            return r.choice(idea.variants())
        return idea.forms[0] if r.random() < 0.7 else r.choice(idea.forms[1:])

    def np_form(self, idea: Idea, mode: str):
        for _ in range(6):
            f = self.pick_form(idea, mode)
            if f[1] == "np":
                return f[0]
        return idea.forms[0][0]

    def vis_sentence(self, topic, form, c):
        r = self.rng
        text, gram = form
        frames = [f for f in TOPICS[topic]["vis"] if ("{" + gram + "}") in f]
        if not frames or r.random() < 0.25:
            frames = GENERIC_NP if gram == "np" else GENERIC_VP
        return r.choice(frames).format(**c, **{gram: text})

    def source_paragraph(self, ideas, c, mode, strip_names=False):
        r = self.rng
        v = SRC_VOICE[self.kind]
        out = []
        pools = {g: r.sample(v[g], len(v[g])) for g in v}
        for idea in ideas:
            f = idea.forms[0] if mode != "pasted" or r.random() < 0.5 else self.pick_form(idea, mode)
            if not pools[f[1]]:
                pools[f[1]] = r.sample(v[f[1]], len(v[f[1]]))
            t = pools[f[1]].pop().format(**c, **{f[1]: f[0]})
            if strip_names and self.comp:
                t = t.replace(c["cprod"], r.choice(["the platform", "their solution", "it"]))
                if t.startswith(("the ", "their ", "it ")):
                    t = cap(t)
            out.append(t)
        return " ".join(out)

    # ---------------------------------------------------------------- planning
    def plan(self):
        r = self.rng
        specs = []
        hard = self.difficulty == "hard"
        # ---- vision requests
        if self.kind != "null":
            onset = self.onset_plan
            post = (self.end - onset).total_seconds() / (self.end - self.start).total_seconds()
            frac = {"easy": 0.22, "medium": 0.17, "hard": 0.13}[self.difficulty]
            n_vis = max(8, min(60, round(self.n_req * post * frac)))
            pool = [p for p in self.active_cust(onset) if p not in self.members]
            if self.kind == "competitor":
                pref = [p for p in pool if p.dept in ("Operations", "Finance", "Procurement", "Supply Chain",
                                                      "Customer Service", "Data & Analytics")]
                relays = r.sample(pref or pool, min(len(pref or pool), r.randint(3, 8)))
                self.pitched = relays[:]
            else:
                relays = r.sample(pool, min(len(pool), r.randint(4, 12)))
            rel_w = [(p, r.uniform(0.5, 3)) for p in relays]
            vis_topics = [k for k in TOPICS if TOPICS[k]["vis"] and k not in ("support_ticket", "invoice")]
            tw = {k: TOPICS[k]["w"] * (2.0 if k in ("pricing_whatif", "roadmap", "architecture", "poc", "renewal",
                                                   "reporting", "integration") else 1.0) for k in vis_topics}
            mix = REL_MIX[self.difficulty]
            for i in range(n_vis):
                if i == 0:
                    d = onset + dt.timedelta(days=r.uniform(1, 8))
                else:
                    d = onset + (self.end - onset) * r.betavariate(1.2, 1.7)
                mode = wpick(r, mix)
                if self.kind == "new_exec" and i == 0 and not hard:
                    mode = "direct"
                if self.kind == "competitor" and mode == "direct":
                    mode = "forwarded" if not hard else "pasted"
                if self.kind == "competitor" and mode == "cc" and r.random() < 0.5:
                    mode = "mention"
                topic = wpick(r, list(tw.items()))
                if self.kind == "it_dept":
                    o = wpick(r, [(m, 3 if j == 0 else 1.5) for j, m in enumerate(self.members)])
                else:
                    o = r.choice(self.members)
                req = o if mode == "direct" else wpick(r, rel_w)
                n_i = wpick(r, [(1, 5), (2, 4 if not hard else 2), (3, 2 if self.difficulty == "easy" else 0.5)])
                chan = "email" if r.random() > 0.12 else r.choice(["phone", "meeting"])
                if mode in ("forwarded", "attachment", "cc", "direct", "pasted"):
                    chan = "email"
                specs.append(dict(date=d, requester=req, originator=o, topic=topic, vision=True, mode=mode,
                                  ideas=r.sample(self.ideas, n_i), tags=[], channel=chan, intro=(i == 0)))
        # ---- confounder-driven requests
        C = self.confounders
        if "rfp" in C:
            c = C["rfp"]
            ppl = [p for p in self.active_cust(c["date"]) if p.dept in ("Procurement", "IT", "Finance", "Security", "Legal")]
            for i in range(c["n"]):
                d = c["date"] + dt.timedelta(days=r.uniform(0, 7 * c["weeks"]))
                req = c["lead"] if i == 0 or r.random() < 0.4 else r.choice(ppl or [c["lead"]])
                specs.append(dict(date=d, requester=req, originator=req, topic=r.choice(
                    ["security_questionnaire", "pricing_whatif", "reference", "contract_terms", "architecture",
                     "data_residency", "sla", "roadmap"]), vision=False, mode=None, ideas=[], tags=["rfp"],
                    channel="email"))
        if "new_hire" in C:
            c = C["new_hire"]
            for i in range(c["n"]):
                d = c["date"] + dt.timedelta(days=r.uniform(5, 200))
                if d > self.end:
                    d = c["date"] + dt.timedelta(days=r.uniform(5, 30))
                specs.append(dict(date=d, requester=c["person"], originator=c["person"],
                                  topic=wpick(r, [(k, v["w"]) for k, v in TOPICS.items()]), vision=False, mode=None,
                                  ideas=[], tags=["new_hire"], channel="email"))
        if "budget" in C:
            c = C["budget"]
            for i in range(c["n"]):
                d = c["date"] + dt.timedelta(days=r.uniform(0, 35))
                t = r.choice(["pricing_whatif", "pricing_whatif", "licence_count", "renewal", "usage_report"])
                req = self.pick_requester(t, d)
                specs.append(dict(date=d, requester=req, originator=req, topic=t, vision=False, mode=None, ideas=[],
                                  tags=["budget"], channel="email"))
        if "launch" in C:
            c = C["launch"]
            for i in range(c["n"]):
                d = c["date"] + dt.timedelta(days=r.uniform(3, 120))
                if d > self.end:
                    d = c["date"] + dt.timedelta(days=r.uniform(3, 20))
                t = r.choice(["roadmap", "pricing_whatif", "poc", "training", "architecture", "renewal"])
                req = self.pick_requester(t, d)
                specs.append(dict(date=d, requester=req, originator=req, topic=t, vision=False, mode=None, ideas=[],
                                  tags=["launch"], channel="email"))
        if "incident" in C:
            c = C["incident"]
            for i in range(c["n"]):
                d = c["date"] + dt.timedelta(hours=r.uniform(0, 40))
                req = self.pick_requester("support_ticket", d)
                specs.append(dict(date=d, requester=req, originator=req, topic="support_ticket", vision=False,
                                  mode=None, ideas=[], tags=["incident"], channel="email" if r.random() < 0.8 else "phone"))
        # ---- ordinary requests
        n_norm = max(10, self.n_req - len(specs))
        topics = [(k, v["w"]) for k, v in TOPICS.items()]
        for i in range(n_norm):
            d = self.period_point(0.0, 1.0)
            t = wpick(r, topics)
            req = self.pick_requester(t, d)
            orig = req
            tags = []
            if r.random() < 0.1:
                cand = [p for p in self.active_cust(d, (req,)) if p.role == "customer"]
                orig = req.manager if getattr(req, "manager", None) and r.random() < 0.6 else r.choice(cand)
                tags.append("relayed")
            chan = "email" if r.random() > 0.13 else r.choice(["phone", "meeting", "portal"])
            specs.append(dict(date=d, requester=req, originator=orig, topic=t, vision=False, mode=None, ideas=[],
                              tags=tags, channel=chan))
        if "programme" in C:
            c = C["programme"]
            for s in specs:
                if s["date"] >= c["date"] and not s["vision"] and r.random() < c["share"]:
                    s["tags"].append("programme")
        if "tics" in C:
            for s in specs:
                if s["requester"] is C["tics"]["person"]:
                    s["tags"].append("tics")
        specs.sort(key=lambda s: s["date"])
        for i, s in enumerate(specs):
            s["id"] = i
            s["date"] = self.biz_time(s["requester"], s["date"])
        self.requests = specs

    # ---------------------------------------------------------------- request bodies
    def context_line(self, s, c):
        r = self.rng
        C = self.confounders
        lines = []
        for t in s["tags"]:
            if t == "rfp":
                lines.append(r.choice([f"This is for the RFP ({C['rfp']['ref']}); please answer in the Q&A sheet.",
                                       f"Question raised under {C['rfp']['ref']} - responses are due by {c['date']}.",
                                       f"For the {C['rfp']['scope']} RFP, we need this in writing."]))
            elif t == "budget":
                lines.append(r.choice([f"We're finalising the {C['budget']['fy']} budget, so I need this soon.",
                                       f"This is for {C['budget']['fy']} budget planning.",
                                       f"Budget submissions for {C['budget']['fy']} close on {c['date']}."]))
            elif t == "programme":
                n = C["programme"]["name"]
                lines.append(r.choice([f"This is part of {n}.", f"As part of {n} we're reviewing every tool we use.",
                                       f"{n} is asking all teams for this.", f"(Context: {n} workstream 3.)"]))
            elif t == "launch":
                lines.append(r.choice([f"Also, how does this relate to {C['launch']['product']}, which you just launched?",
                                       f"Would {C['launch']['product']} change the answer?",
                                       f"We saw the announcement about {C['launch']['product']} - is it included?"]))
            elif t == "incident":
                pass
        return lines

    def request_text(self, s, to: Person, when):
        """Return (subject, text, attachments, cc_extra, fwd_msg)."""
        r = self.rng
        p, topic = s["requester"], s["topic"]
        c = self.ctx(to.first, when, p)
        if s["vision"]:
            return self.vision_text(s, to, when, c)
        # local-language full message
        if p.lang != "en" and self.loc_code in LOCAL_MSGS and r.random() < 0.18 * (p.local_share + 0.3):
            cand = [m for m in LOCAL_MSGS[self.loc_code] if m[0] == topic]
            if cand:
                _, subj, body = r.choice(cand)
                text = self.compose(p, to.first, body.format(**c), when, stage="bare", lang=p.lang)
                s["local_language"] = True
                return subj.format(**c), text, [], [], None
        if "incident" in s["tags"]:
            w = self.confounders["incident"]["what"]
            subj = r.choice([f"URGENT - {c['prod']} not working", f"P1: {w}", f"{c['prod']} down?", "Cannot access the platform",
                             f"Outage {c['city']}", f"Is {c['prod']} down for everyone?"])
            body = r.choice([f"Nobody in {c['city']} can get into {c['prod']} since about {r.randint(7, 11)}:{r.choice(['05', '20', '40'])}. "
                             "Is this a known problem? We have trucks waiting.",
                             f"We're seeing '{c['ui3']}' on every screen. Please call me back.",
                             "Our whole team is blocked. What is the ETA for a fix?",
                             f"Same issue as reported this morning - {c['n']} users affected here."])
        else:
            subj = self.fill_topic(topic, "subj", c)
            body = self.fill_topic(topic, "body", c)
        if "relayed" in s["tags"] and s["originator"] is not p:
            o = s["originator"]
            body = r.choice([f"{o.first} asked me to check this with you: ", f"On behalf of {o.first} {o.last.split()[0]}: ",
                             f"My manager {o.first} would like to know - ", f"{o.first} from {o.dept} asked: "]) + body[0].lower() + body[1:]
        if "rfp" in s["tags"] and r.random() < 0.7:
            subj = f"{self.confounders['rfp']['ref']} - {subj}"
        if "programme" in s["tags"] and r.random() < 0.3:
            subj = f"[{self.confounders['programme']['name']}] {subj}"
        if "launch" in s["tags"] and r.random() < 0.5:
            subj = f"{self.confounders['launch']['product']} - {subj}"
        extra = self.context_line(s, c)
        if extra:
            body = body + "\n\n" + " ".join(extra) if r.random() < 0.6 else " ".join(extra) + " " + body
        if p.tics:
            body = body.replace("Could you", "Kindly").replace("Can you", "Kindly").replace("could you", "kindly")
            if r.random() < 0.5:
                subj = subj.upper() if r.random() < 0.3 else f"URGENT: {subj}"
        atts = []
        if topic in ("security_questionnaire", "vendor_admin") and r.random() < 0.7:
            atts.append(r.choice([f"{self.cust_short} Vendor Security Questionnaire {c['year']}.xlsx",
                                  "Supplier_information_form.docx", "Questionnaire_securite_fournisseurs.xlsx"]))
        elif topic == "support_ticket" and r.random() < 0.4:
            atts.append(r.choice(["image001.png", "screenshot.png", f"error_{c['city'].lower()}.png"]))
        elif topic == "contract_terms" and r.random() < 0.6:
            atts.append(f"{self.seller_short}_DPA_{self.cust_short}_redline_v{r.randint(2, 5)}.docx")
        text = self.compose(p, to.first, body, when, "new")
        return subj, text, atts, [], None

    def vision_text(self, s, to: Person, when, c):
        r = self.rng
        p, topic, mode, o = s["requester"], s["topic"], s["mode"], s["originator"]
        hard = self.difficulty == "hard"
        v = self.vctx(s)
        c2 = dict(c, **v)
        forms = [self.pick_form(i, mode) for i in s["ideas"]]
        s["forms"] = [f[0] for f in forms]
        subj = self.fill_topic(topic, "subj", c)
        base = self.fill_topic(topic, "body", c)
        if r.random() < 0.4:
            base = base.split(". ")[0]
            base = base if base.endswith(("?", "!", ".")) else base + "."
        ask = self.vis_sentence(topic, forms[0], c2)
        if len(forms) > 1:
            second = self.vis_sentence(topic, forms[1], c2)
            tries = 0
            while second.split()[:3] == ask.split()[:3] and tries < 6:
                second = self.vis_sentence(topic, forms[1], c2)
                tries += 1
            ask += " " + r.choice(["", "Also: ", "And related: ", "Second point: "]) + second
        atts, cc_extra, fwd = [], [], None
        k = self.kind
        names = not hard or r.random() < 0.25
        if mode == "direct":
            lead = ""
            if k == "new_exec":
                if s.get("intro"):
                    jm = LANG["en"]["mo"][self.exec.joined.month - 1]
                    lead = (f"I joined {self.cust_short} as {self.exec.title} in {jm}, and {self.sponsor.first} suggested I "
                            f"reach out directly. ")
                    subj = r.choice(["Introduction", f"Introduction - {self.exec.title}, {self.cust_short}",
                                     "Quick intro and a request"])
                body = lead + self.source_paragraph(s["ideas"], c2, mode) + "\n\n" + (
                    r.choice(["I'd like to understand how you can support this. Can we meet in the next two weeks?",
                              "Could you set up an hour with your product people so I can see what is possible?"])
                    if s.get("intro") else r.choice(["Please come back with a concrete proposal.", base + " " + ask]))
            else:
                body = r.choice([f"From the {self.group} side: ", "Architecture perspective: ", ""]) + base + " " + \
                    self.source_paragraph(s["ideas"][:2], c2, mode) + " " + ask
        elif mode == "mention":
            m_named, m_anon = MENTION[k]
            lines = [r.choice(m_named if names else m_anon).format(**c2, np=self.np_form(i, mode)) for i in s["ideas"][:1]]
            body = base + "\n\n" + " ".join(lines) + " " + ask
        elif mode == "cc":
            cc_extra = [o]
            note = r.choice([f"(Copying {o.first}, who is driving this.)", f"Adding {o.first} in copy.",
                             f"{o.first} - FYI."]) if names and k != "competitor" else ""
            body = base + " " + ask + ("\n\n" + note if note else "")
        elif mode == "forwarded":
            intro_named, intro_anon = FWD_INTRO[k]
            body = r.choice(intro_named if names else intro_anon).format(**c2)
            if r.random() < 0.5:
                body += " " + ask
            fwd = self.make_fwd_original(s, p, when, c2)
            subj = self.fwd_subject(p, fwd.subject, p.client)
        elif mode == "pasted":
            par = self.source_paragraph(s["ideas"], c2, mode, strip_names=hard or not names)
            quote = r.choice(['"{}"', "{}", "> {}", "-- {} --"]).format(par)
            body = base + "\n\n" + r.choice(PASTE_INTRO[k]) + "\n\n" + quote + "\n\n" + \
                r.choice(["Can you respond to each point?", "How would you address this?", ask,
                          "Could you include your answer in the proposal?"])
        elif mode == "attachment":
            i0 = s["ideas"][0]
            ext = r.choice(["pptx", "pdf", "docx", "pdf"])
            if k == "competitor":
                nm = (f"{self.comp['short']} - {i0.canonical} overview.{ext}" if names else f"{cap(i0.canonical)} overview.{ext}")
            else:
                nm = f"{cap(i0.canonical)} - {r.choice(ATT_TAILS)}.{ext}"
            if r.random() < 0.4:
                nm = nm.replace(" ", "_")
            atts.append(nm)
            body = base + "\n\n" + r.choice(["Please see the attached and let me know how {prod} would support it.",
                                             "Attached is the document we discussed; we need your response by {date}.",
                                             "See attached - this is the direction we are taking."]).format(**c)
            if not hard:
                body += " " + ask
        else:  # rephrased
            intro = r.choice(REPHRASE_INTRO).format(np=self.np_form(s["ideas"][0], mode))
            body = base + "\n\n" + intro + " " + " ".join(
                self.vis_sentence(topic, f, c2) for f in forms[1:2]) if len(forms) > 1 else base + "\n\n" + intro + " " + \
                r.choice(["Would that work with what we have?", "Is that realistic with your product?", "Thoughts?"])
        extra = self.context_line(s, c)
        if extra and r.random() < 0.5:
            body += "\n\n" + " ".join(extra)
        text = self.compose(p, to.first, body, when, "new")
        return subj, text, atts, cc_extra, fwd

    def make_fwd_original(self, s, relay: Person, when, c2):
        """The originator's mail that the relay forwards (inner, not exported on its own)."""
        r = self.rng
        o = s["originator"]
        t = self.biz_time(o, when - dt.timedelta(days=r.randint(1, 6)))
        par = self.source_paragraph(s["ideas"], c2, "forwarded")
        if self.kind == "competitor":
            subj = r.choice([f"Follow-up from our meeting - {c2['cprod']}", f"{self.comp['short']} x {self.cust_short} - next steps",
                             f"Summary: how {c2['cprod']} supports {self.cust_short}"])
            body = (f"Hi {relay.first},\n\nGreat to meet you and the team last week. As promised, a short summary:\n\n"
                    f"{par}\n\nI've attached the deck we walked through. Happy to set up a session with our "
                    f"{self.industry} specialists.\n\nKind regards,\n{self.signature(o, t, True)}\n")
            f = Msg(sender=o, to=[relay], cc=[], date=t, subject=subj, text=body, client=o.client)
            f.sender_email, f.to_emails, f.cc_emails = o.email, [self.email_of(relay, t)], []
            f.attachments = [f"{self.comp['short']}_{c2['cprod'].replace(' ', '_')}_overview.pdf"]
            return f
        subj = r.choice([f"{self.fill_topic(s['topic'], 'subj', self.ctx(relay.first, t))}",
                         f"Next steps on {s['ideas'][0].canonical}", "Suppliers - what I need from them",
                         "Standards for new platforms" if self.kind == "it_dept" else "Priorities for this year"])
        body = self.compose(o, relay.first, par + "\n\n" + r.choice(
            [f"Can you make sure {self.seller_short} answers this before we go further?",
             "Please take this to the vendors you work with.", "Let me know what they say."]), t, "reply")
        f = Msg(sender=o, to=[relay], cc=[], date=t, subject=subj, text=body, client=o.client)
        f.sender_email, f.to_emails, f.cc_emails = self.email_of(o, t), [self.email_of(relay, t)], []
        return f

    # ---------------------------------------------------------------- threads
    def seller_for(self, topic):
        return self.seller[SELLER_OWNER.get(topic, "ae")]

    def add_log(self, s, when, msg=None, channel="email", note=None):
        self.log_rows.append(dict(spec=s, opened=when, msg=msg, channel=channel, note=note))

    def build_threads(self):
        log_p = {"support_ticket": 0.85, "sla": 0.5, "environments": 0.6, "api_limits": 0.5, "sso": 0.4}
        for s in self.requests:
            if s["channel"] != "email":
                self.add_log(s, s["date"], None, s["channel"])
                continue
            m0 = self.request_thread(s)
            if self.rng.random() < log_p.get(s["topic"], 0.28 if not s["vision"] else 0.35):
                self.add_log(s, m0.date + dt.timedelta(minutes=self.rng.randint(5, 2000)), m0, "email")

    def request_thread(self, s):
        r = self.rng
        p, when, topic = s["requester"], s["date"], s["topic"]
        S = self.seller_for(topic)
        ae = self.seller["ae"]
        to_p = S
        if topic == "support_ticket" and r.random() < 0.5:
            to_p = self.seller["support_desk"]
        if p.role in ("exec",) or (p.org == "cust" and p.title.startswith(("Chief", "Head of", "VP"))
                                   and r.random() < 0.5):
            to_p = ae if topic != "support_ticket" else to_p
        subj, text, atts, cc_extra, fwd = self.request_text(s, to_p, when)
        cc = []
        if to_p is not ae and r.random() < 0.45:
            cc.append(ae)
        if r.random() < 0.2:
            col = [q for q in self.active_cust(when, (p,)) if q.dept == p.dept]
            if col:
                cc.append(r.choice(col))
        cc += cc_extra
        role = "vision" if s["vision"] else "request"
        m0 = self.new_msg(p, [to_p], when, subj, text, role, cc=cc, topic=topic)
        m0.vision, m0.relay_mode, m0.originator = s["vision"], s["mode"], s["originator"]
        m0.ideas = [i.canonical for i in s["ideas"]]
        m0.forms = s.get("forms", [])
        m0.fwd, m0.request_id, m0.confounders = fwd, s["id"], list(s["tags"])
        m0.local_language = s.get("local_language", False)
        for a in atts:
            m0.attachments.append(a)
        if fwd is not None:
            m0.quote = "forward"
            if fwd.attachments and r.random() < 0.6:
                m0.attachments += fwd.attachments
        s["message_id"] = m0.mid
        handler = self.seller["support"] if to_p.role == "support_desk" else to_p
        t, last = when, m0
        # seller-internal hand-off
        if handler.role == "ae" and topic in ("architecture", "integration", "sso", "roadmap", "poc", "training",
                                              "reporting", "security_questionnaire") and r.random() < 0.35:
            col = self.seller["se"] if topic not in ("training", "reporting") else self.seller["csm"]
            t = self.later(handler, t, 0.3, 6)
            body = r.choice([f"{col.first} - can you take this one? Happy to join the call.",
                             f"Can you help with the below? {p.first} is one of the key people there.",
                             "Over to you - let me know if you need anything from me.",
                             "FYI, see below. Let's align before we answer." + (
                                 " This is the second time this comes up." if s["vision"] else "")])
            fw = self.new_msg(handler, [col], t, self.fwd_subject(handler, self.subj_seen(m0, "seller"), handler.client),
                              self.compose(handler, col.first, body, t, "reply"), "internal", parent=m0, topic=topic)
            fw.quote = "forward"
            fw.in_reply_to = None
            handler = col
        # chaser before the answer
        if r.random() < (0.25 if s["vision"] else 0.15):
            t2 = self.later(p, when, 40, 160)
            c = self.ctx(to_p.first, t2)
            lang = p.lang if p.lang != "en" and r.random() < p.local_share else "en"
            body = r.choice(CHASER.get(lang, CHASER["en"])).format(first=to_p.first, when=c["when"])
            if s["vision"] and r.random() < 0.5 and s["ideas"]:
                body += " " + r.choice([f"The point on {self.np_form(s['ideas'][0], 'rephrased')} is the important one.",
                                        "We need the answer for our internal review."])
            ch = self.new_msg(p, [to_p], t2, self.reply_subject(p, m0, p.client),
                              self.compose(p, to_p.first, body, t2, "chaser", lang=lang),
                              "vision_followup" if s["vision"] else "chaser", cc=m0.cc, parent=m0, topic=topic)
            ch.request_id = s["id"]
            last, t = ch, t2
        # the answer
        t = self.later(handler, max(t, last.date), 1, 50)
        c = self.ctx(p.first, t)
        body = self.fill_topic(topic, "reply", c) if topic in TOPICS else "Thanks, we'll look into it."
        if "incident" in s["tags"]:
            body = r.choice(["We're aware of the issue and engineering is working on it. Status page: "
                             f"https://status.{self.seller_domain}. Next update within the hour.",
                             "This is related to the ongoing incident; I've linked your report to the master ticket."])
        if s["vision"] and s["ideas"]:
            seen = s.get("forms", [s["ideas"][0].canonical])[0]
            body += "\n\n" + r.choice(SELLER_VIS_RESP).format(np=seen if r.random() < 0.7 else s["ideas"][0].canonical)
        rcc = [x for x in [ae] + [q for q in m0.cc if q.org == "cust"] if x is not handler]
        rep = self.new_msg(handler, [p], t, self.reply_subject(handler, last, handler.client),
                           self.compose(handler, p.first, body, t, "reply"), "reply", cc=rcc, parent=last, topic=topic)
        rep.request_id = s["id"]
        if handler.client in ("gmail", "thunderbird") and r.random() < 0.07:
            rep.quote = "inline"
        self.maybe_ooo(p, rep)
        # customer follow-up
        if r.random() < 0.3:
            t3 = self.later(p, t, 0.5, 70)
            if r.random() < 0.5:
                lang = p.lang if p.lang != "en" and r.random() < p.local_share else "en"
                body, role = r.choice(THANKS.get(lang, THANKS["en"])).format(first=handler.first), "thanks"
                stage = "chaser"
            else:
                c = self.ctx(handler.first, t3)
                q = self.fill_topic(topic, "body", c)
                body = r.choice(["Thanks. One more question: ", "Follow-up question: ", "Thanks - and "]) + q[0].lower() + q[1:]
                role, stage = "followup", "reply"
                if s["vision"] and s["ideas"]:
                    body = r.choice([f"Thanks {handler.first}. To be clear, what we need is "
                                     f"{self.np_form(r.choice(s['ideas']), 'rephrased')}.",
                                     "Thanks. Can you be more specific on the second point? That's what we will be "
                                     "judged on."])
                    role = "vision_followup"
            if p.tics:
                body += " Kindly revert."
            fu = self.new_msg(p, [handler], t3, self.reply_subject(p, rep, p.client),
                              self.compose(p, handler.first, body, t3, stage), role, cc=rep.cc, parent=rep, topic=topic)
            fu.request_id = s["id"]
            if p.client == "thunderbird" and r.random() < 0.3:
                fu.quote = "bottom"
            if role != "thanks" and r.random() < 0.7:
                t4 = self.later(handler, t3, 1, 40)
                c = self.ctx(p.first, t4)
                b2 = r.choice(["Good question - let me check with the team and come back to you by {date}.",
                               "Short answer: yes. I'll send the details in writing tomorrow.",
                               "That depends on the set-up; {se_first} will join our next call to go through it.",
                               "I've asked internally and will confirm by {date}. Sorry for the delay on this one.",
                               "Please see the attached note - it should answer both points."]).format(**c)
                r2 = self.new_msg(handler, [p], t4, self.reply_subject(handler, fu, handler.client),
                                  self.compose(handler, p.first, b2, t4, "reply"), "reply", cc=fu.cc, parent=fu,
                                  topic=topic)
                r2.request_id = s["id"]
        return m0

    def maybe_ooo(self, p: Person, m: Msg):
        r = self.rng
        if p.org != "cust" or r.random() > 0.035:
            return
        lang = p.lang if p.lang in OOO and p.lang != "en" else "en"
        subj_t, body_t = OOO[lang]
        deputy = r.choice([q for q in self.cust if q is not p and q.role == "customer"])
        until = m.date + dt.timedelta(days=r.randint(3, 16))
        body = body_t.format(until=f"{until.day:02d}/{until.month:02d}/{until.year}" if lang != "en"
                             else f"{LANG['en']['wd'][until.weekday()]} {until.day} {LANG['en']['mo'][until.month - 1]}",
                             deputy=deputy.name, deputy_email=self.email_of(deputy, m.date), name=p.name)
        a = self.new_msg(p, [m.sender], m.date + dt.timedelta(seconds=r.randint(4, 50)),
                         subj_t.format(subject=self.subj_seen(m, "cust")), body + "\n", "auto_reply", parent=m)
        a.quote = "none"
        a.client = "outlook"
        a.extra += [("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")]

    # ---------------------------------------------------------------- the vision source's own traffic
    def source_traffic(self):
        r = self.rng
        ae, se = self.seller["ae"], self.seller["se"]
        if self.kind == "new_exec":
            ex = self.exec
            ceo = Person(name=f"{r.choice(self.L['first_m'])} {r.choice(self.L['last'])}", org="cust", title="Chief Executive Officer",
                         dept="Executive Committee", lang=self.L["lang"] if self.loc_code not in ("uk", "us") else "en",
                         ol_lang="en", zone=self.L["tz"], base_off=self.L["off"], client="outlook", role="ceo",
                         charset="utf-8", local_share=0.5, phone_p=0, phone=self._phone(), activity=0)
            ceo.first = ceo.name.split()[0]
            ceo.last = ceo.name.split(" ", 1)[1]
            ceo.email = self._email_for(ceo.first, ceo.last.replace(" ", ""), self.cust_domain, self.taken)
            if self.confounders.get("mail_migration"):
                ceo.old_email = ceo.email.split("@")[0] + "@" + self.cust_domain_old
            self.ceo = ceo
            self.cust.append(ceo)
            t0 = ex.joined - dt.timedelta(days=r.randint(0, 6))
            t0 = self.biz_time(ceo, t0)
            track = (f" At {self.former} {ex.first} led the move to {self.ideas[0].canonical}, and before that held "
                     "operational roles across Europe." if self.difficulty == "easy" else
                     f" {ex.first} joins us from {self.former}, where {ex.first} spent the last six years.")
            ann = Msg(sender=ceo, to=[], cc=[], date=t0, subject=f"Welcome {ex.name}, our new {ex.title}",
                      text=f"Dear colleagues,\n\nI am delighted to announce that {ex.name} joins {self.cust_short} as "
                           f"{ex.title} on {ex.joined.day} {LANG['en']['mo'][ex.joined.month - 1]}, reporting to me.{track}\n\n"
                           f"Please join me in welcoming {ex.first}.\n\n{ceo.name}\n{ceo.title}\n", client="outlook")
            ann.sender_email, ann.to_emails, ann.cc_emails = self.email_of(ceo, t0), [f"all-staff@{self.cust_domain}"], []
            sp = self.sponsor
            t1 = self.later(sp, t0, 2, 60)
            m = self.new_msg(sp, [ae], t1, self.fwd_subject(sp, ann.subject, sp.client),
                             self.compose(sp, ae.first, r.choice(
                                 [f"FYI - our new {ex.short} starts soon. Worth getting some time in the diary once {ex.first} has settled in.",
                                  f"For info. {ex.first} will have a big say in where we go next.",
                                  "FYI, see the announcement below."]), t1, "reply"), "source_intro")
            m.fwd, m.quote, m.originator = ann, "forward", ex
        elif self.kind == "it_dept":
            head = self.members[0]
            fwdr = r.choice([p for p in self.active_cust(self.onset_plan) if p.dept in ("IT", "Security", "Data & Analytics")
                             and p not in self.members] or [self.sponsor])
            t0 = self.biz_time(head, self.onset_plan - dt.timedelta(days=r.randint(1, 10)))
            shown = self.ideas if self.difficulty != "hard" else self.ideas[: max(3, len(self.ideas) // 2)]
            lines = "\n".join(f"  {k + 1}. {cap(i.forms[0][0])}" + r.choice(["", " for all new solutions",
                                                                          " (mandatory from " + LANG['en']['mo'][(t0.month % 12)] + ")",
                                                                          " - see section " + str(k + 3)])
                              for k, i in enumerate(shown))
            memo = Msg(sender=head, to=[], cc=[], date=t0, subject=f"{self.group}: Target Architecture Principles v{r.randint(2, 4)}.{r.randint(0, 3)}",
                       text=f"All,\n\n{'The ' + self.group + ' team' if not self.group.startswith('Office') else 'The ' + self.group} has published the updated target architecture principles. They "
                            f"apply to every new solution and to renewals of existing contracts from next quarter:\n\n{lines}\n\n"
                            f"Questions to the {self.group} mailbox. Exceptions go through the architecture board.\n\n"
                            f"{head.name}\n{head.title}\n", client="outlook")
            memo.sender_email, memo.to_emails, memo.cc_emails = self.email_of(head, t0), [f"it-all@{self.cust_domain}"], []
            memo.attachments = [f"Target_Architecture_Principles_{t0.year}.pdf"]
            t1 = self.later(fwdr, t0, 2, 90)
            m = self.new_msg(fwdr, [se], t1, self.fwd_subject(fwdr, memo.subject, fwdr.client),
                             self.compose(fwdr, se.first, r.choice(
                                 ["FYI - this went out to all of IT today. No action needed yet, but it will shape what we ask from you.",
                                  "For your information only. You'll hear more about this at the next architecture review.",
                                  "FYI."]), t1, "reply"), "source_memo", cc=[ae])
            m.fwd, m.quote, m.originator = memo, "forward", head
            m.attachments = list(memo.attachments)
        elif self.kind == "competitor":
            if self.difficulty == "hard" and r.random() < 0.5:
                return
            rep = self.members[0]
            fwdr = r.choice(self.pitched)
            t0 = self.biz_time(rep, self.onset_plan - dt.timedelta(days=r.randint(5, 20)))
            city = r.choice(self.L["cities"])
            inv = Msg(sender=rep, to=[fwdr], cc=[], date=t0,
                      subject=f"Invitation: {self.comp['short']} {r.choice(['Operations Leaders Breakfast', 'Customer Summit', 'Executive Roundtable'])} - {city}",
                      text=f"Dear {fwdr.first},\n\nWe'd be delighted to welcome you to an exclusive morning with peers from "
                           f"the {self.industry} sector in {city}. Customers will share how they moved to "
                           f"{self.ideas[0].canonical if self.difficulty != 'hard' else 'a new way of working'} with "
                           f"{self.comp['products'][0]}.\n\nAgenda: 08:30 breakfast, 09:00 customer panel, 10:15 demos.\n"
                           f"RSVP: https://events.{self.comp['domain']}/rsvp\n\n{self.signature(rep, t0, True)}\n", client=rep.client)
            inv.sender_email, inv.to_emails, inv.cc_emails = rep.email, [self.email_of(fwdr, t0)], []
            t1 = self.later(fwdr, t0, 24, 300)
            m = self.new_msg(fwdr, [ae], t1, self.fwd_subject(fwdr, inv.subject, fwdr.client),
                             self.compose(fwdr, ae.first, r.choice(
                                 ["FYI - they're courting us. Half of our operations team got this.",
                                  "Just so you know who else is knocking on our door.", "FYI"]), t1, "reply"),
                             "source_event")
            m.fwd, m.quote, m.originator = inv, "forward", rep

    # ---------------------------------------------------------------- confounder announcements
    def confounder_traffic(self):
        r = self.rng
        C = self.confounders
        ae, csm = self.seller["ae"], self.seller["csm"]
        if "mail_migration" in C:
            c = C["mail_migration"]
            p = next((q for q in self.cust if q.dept == "IT"), self.sponsor)
            t = self.biz_time(p, c["date"] - dt.timedelta(days=r.randint(2, 10)))
            body = (f"Please note that from {c['date'].day} {LANG['en']['mo'][c['date'].month - 1]} all {self.cust_short} "
                    f"e-mail addresses change from @{c['old_domain']} to @{c['new_domain']}. Mail to the old addresses "
                    "will be forwarded for a transition period. Please update your address books.")
            if self.L["lang"] != "en" and self.loc_code not in ("uk", "us"):
                body += {"fr": "\n\nÀ partir de cette date, merci d'utiliser nos nouvelles adresses.",
                         "es": "\n\nA partir de esa fecha, por favor usad las nuevas direcciones.",
                         "sv": "\n\nFrån och med det datumet gäller de nya adresserna.",
                         "pl": "\n\nOd tego dnia prosimy o korzystanie z nowych adresów."}[self.L["lang"]]
            m = self.new_msg(p, [ae, csm], t, "Change of e-mail addresses / new domain", self.compose(p, "all", body, t), "fyi")
            m.confounders = ["mail_migration"]
            # a bounce: seller still writes to an old address much later
            q = r.choice([x for x in self.cust if x.old_email and x.role == "customer"])
            tb = self.biz_time(ae, c["date"] + dt.timedelta(days=r.randint(60, 120)))
            if tb < self.end:
                sm = self.new_msg(ae, [q], tb, "Following up", self.compose(ae, q.first, "Hi - following up on our call, "
                                  "do you have time next week?", tb, "reply"), "seller_outreach")
                sm.to_emails = [q.old_email]
                nd = Person(name="Mail Delivery System", first="", last="", org="system", email=f"postmaster@{c['old_domain']}",
                            client="system", zone=self.L["tz"], base_off=self.L["off"], phone_p=0, lang="en", tics=False)
                b = self.new_msg(nd, [ae], tb + dt.timedelta(seconds=9), "Undeliverable: Following up",
                                 f"Delivery has failed to these recipients or groups:\n\n{q.old_email}\nThe e-mail address "
                                 "you entered couldn't be found. Please check the recipient's e-mail address and try to "
                                 "resend the message.\n\nDiagnostic information for administrators:\n\nGenerating server: "
                                 f"mx1.{c['old_domain']}\n\n{q.old_email}\nRemote server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\n",
                                 "bounce", parent=sm)
                b.quote = "none"
                b.extra.append(("Auto-Submitted", "auto-generated"))
        if "reorg" in C:
            c = C["reorg"]
            p = next((q for q in self.cust if q.dept == "HR"), self.sponsor)
            t = self.biz_time(p, c["date"] + dt.timedelta(days=r.randint(0, 5)))
            ren = "\n".join(f"  - {a} becomes {b}" for a, b in c["renames"].items())
            m = self.new_msg(p, [ae], t, "FYI - new organisation structure",
                             self.compose(p, ae.first, f"Sharing for info, as some of your contacts' departments change name "
                                                       f"from this month:\n\n{ren}\n\nContacts and responsibilities stay the same.", t),
                             "fyi")
            m.confounders = ["reorg"]
        if "rfp" in C:
            c = C["rfp"]
            t = self.biz_time(c["lead"], c["date"] - dt.timedelta(days=2))
            m = self.new_msg(c["lead"], [ae], t, f"{c['ref']} - Invitation to tender: {c['scope']}",
                             self.compose(c["lead"], ae.first,
                                          f"{self.cust_short} invites {self.seller_name} to respond to {c['ref']} for a {c['scope']}. "
                                          f"Please find attached the RFP document, the pricing template and the Q&A sheet. "
                                          f"Questions must be submitted through this thread by the deadline; responses are due in "
                                          f"{c['weeks']} weeks.", t), "request", cc=[self.seller["director"]])
            m.attachments = [f"{c['ref']}_RFP_document.pdf", f"{c['ref']}_pricing_template.xlsx", f"{c['ref']}_QA.xlsx"]
            m.confounders = ["rfp"]
            self.extra_requests.append(m)
        if "new_hire" in C:
            c = C["new_hire"]
            p = c["person"]
            t = self.biz_time(p, c["date"] + dt.timedelta(days=r.randint(2, 9)))
            m = self.new_msg(p, [ae], t, f"Introduction - {p.title}",
                             self.compose(p, ae.first, f"I've just joined {self.cust_short} as {p.title} and I'm taking over the "
                                                       f"relationship with {self.seller_short} on our side. I'll have quite a few "
                                                       "questions over the coming weeks - hope that's OK! Could we set up an "
                                                       "intro call?", t), "request")
            m.confounders = ["new_hire"]
            self.extra_requests.append(m)
        if "launch" in C:
            c = C["launch"]
            n = self.seller["news"]
            t = self.biz_time(n, c["date"])
            self.newsletter(t, f"Introducing {c['product']}", launch=c["product"])
            t2 = self.later(csm, t, 20, 80)
            p = self.sponsor
            m = self.new_msg(csm, [p], t2, f"{c['product']} - thought of you",
                             self.compose(csm, p.first, f"Hi {p.first}, you may have seen we launched {c['product']} this week. "
                                                        "Given what your team is working on, I think it's worth a 30-minute "
                                                        "demo. Shall I set one up?", t2), "seller_outreach")
        if "incident" in C:
            c = C["incident"]
            sd = self.seller["support_desk"]
            t = c["date"] + dt.timedelta(hours=1)
            for k, (s, b) in enumerate([
                (f"[Incident] {c['what'].capitalize()} - investigating",
                 f"We are investigating reports of a {c['what']}. Next update in 60 minutes."),
                (f"[Resolved] {c['what'].capitalize()}",
                 "The issue has been resolved. A root cause analysis will follow within five business days."),
                (f"Root cause analysis - {c['what']}",
                 "Summary: a configuration change to our load balancers caused ... Full RCA attached.")]):
                tt = t + dt.timedelta(hours=[0, 6, 120][k])
                m = self.new_msg(sd, [self.sponsor], tt, s, b + f"\n\n-- \n{self.seller_short} Support\nhttps://status.{self.seller_domain}\n",
                                 "system", cc=[ae])
                m.confounders = ["incident"]
        if "tics" in C:
            pass

    # ---------------------------------------------------------------- everyday noise
    def newsletter(self, t, title=None, launch=None):
        r = self.rng
        n = self.seller["news"]
        c = self.ctx("", t)
        title = title or r.choice([f"{self.seller_short} Monthly - {LANG['en']['mo'][t.month - 1]} edition",
                                   f"What's new in {c['prod']} {c['ver']}", f"Webinar: getting more from {c['module']}",
                                   f"{self.seller_short} Community digest"])
        rec = r.choice(self.seller_people)
        body = (f"{title}\n\n" + (f"Today we're launching {launch}, a new way to see what's happening across your "
                                  "operations in real time.\n\n" if launch else "") +
                f"- New in {c['prod']}: faster exports and a redesigned {c['report']}\n"
                f"- Customer story: how a {c['industry']} company cut month-end by {c['pct']}%\n"
                f"- Upcoming webinar on {c['date']}: {c['module']} tips and tricks\n\n"
                f"Read more: https://www.{self.seller_domain}/blog\n")
        m = self.new_msg(n, [rec], t, title, body, "newsletter")
        m.list_footer = (f"You are receiving this because you subscribed to {self.seller_short} updates.\n"
                         f"Unsubscribe: https://mail.{self.seller_domain}/u/{r.getrandbits(48):012x} | "
                         f"{self.seller_name}, {self.seller_site[2]}")
        m.extra += [("List-Unsubscribe", f"<https://mail.{self.seller_domain}/u/{r.getrandbits(32):08x}>"),
                    ("List-Id", f"{self.seller_short} News <news.{self.seller_domain}>"), ("Precedence", "bulk")]
        m.quote = "none"
        m.html_only = True
        return m

    def noise(self):
        r = self.rng
        ae, csm, se = self.seller["ae"], self.seller["csm"], self.seller["se"]
        months = max(1, self.months)
        for k in range(months + r.randint(0, months)):
            self.newsletter(self.biz_time(self.seller["news"], self.period_point(0, 1)))
        # scheduling + calendar invites
        for k in range(int(self.n_req * r.uniform(0.12, 0.25))):
            org = r.choice([ae, ae, csm, se])
            t = self.period_point(0, 1)
            ppl = r.sample(self.active_cust(t), min(r.randint(1, 3), len(self.active_cust(t))))
            if self.kind == "new_exec" and t > self.exec.joined and r.random() < 0.15:
                ppl.append(self.exec)
            t = self.biz_time(org, t)
            c = self.ctx(ppl[0].first, t)
            what = r.choice(["Quarterly business review", "Catch-up", f"Workshop: {c['module']}", "Roadmap session",
                             "Renewal discussion", f"Demo of {c['prod']}", "Steering committee prep", "Escalation call"])
            subj = r.choice([f"{what} - proposed dates", f"{what}?", f"{self.cust_short} / {self.seller_short}: {what}"])
            d1, d2 = t + dt.timedelta(days=r.randint(3, 9)), t + dt.timedelta(days=r.randint(10, 16))
            body = (f"Would any of these work for a {what.lower()}?\n\n- {LANG['en']['wd'][d1.weekday()]} {d1.day} "
                    f"{LANG['en']['moa'][d1.month - 1]}, 10:00-11:00\n- {LANG['en']['wd'][d2.weekday()]} {d2.day} "
                    f"{LANG['en']['moa'][d2.month - 1]}, 14:00-15:00\n\nHappy to come to {c['city']} if that's easier.")
            m = self.new_msg(org, ppl[:1], t, subj, self.compose(org, ppl[0].first, body, t), "scheduling", cc=ppl[1:])
            last = m
            if r.random() < 0.75:
                p = ppl[0]
                t2 = self.later(p, t, 1, 50)
                lang = p.lang if p.lang != "en" and r.random() < p.local_share * 0.5 else "en"
                ans = r.choice(["The first option works for me.", "Second slot please.", "Neither works - could you do the week after?",
                                "Tuesday is fine. I'll bring " + (ppl[1].first if len(ppl) > 1 else "a colleague") + "."])
                if lang == "fr":
                    ans = r.choice(["Le premier créneau me convient.", "Plutôt le second, merci."])
                elif lang == "es":
                    ans = r.choice(["La primera opción me va bien.", "Mejor la segunda, gracias."])
                elif lang == "sv":
                    ans = r.choice(["Första tiden passar bra.", "Andra tiden funkar bättre."])
                elif lang == "pl":
                    ans = r.choice(["Pierwszy termin mi odpowiada.", "Wolę drugi termin."])
                last = self.new_msg(p, [org], t2, self.reply_subject(p, m, p.client),
                                    self.compose(p, org.first, ans, t2, "chaser", lang=lang), "scheduling", cc=m.cc, parent=m)
            if r.random() < 0.6:
                t3 = self.later(org, last.date, 0.2, 20)
                d = d1 if r.random() < 0.5 else d2
                start = dt.datetime.combine(d.date(), dt.time(r.choice([9, 10, 14, 15])))
                ics = dict(summary=f"{self.cust_short} / {self.seller_short}: {what}", start=start,
                           minutes=r.choice([30, 45, 60, 90]), organizer=org, attendees=ppl)
                inv = self.new_msg(org, ppl[:1], t3, f"Invitation: {ics['summary']} @ {LANG['en']['wda'][start.weekday()]} "
                                                       f"{start.day} {LANG['en']['moa'][start.month - 1]} {start.year} {start.hour:02d}:00",
                                   f"{org.name} has invited you to {ics['summary']}.\n\nJoin online: https://meet.{self.seller_domain}/j/"
                                   f"{r.randint(10 ** 9, 10 ** 10 - 1)}\n", "calendar", cc=ppl[1:])
                inv.calendar, inv.quote = ics, "none"
        # FYI from the customer
        fyis = ["FYI - I'm moving to a new role in {dept}; {other} takes over our account relationship from {date}.",
                "FYI our offices in {city} are closed on {date} (bank holiday).",
                "Please note our new invoicing address: accounts payable, {city}. All invoices must quote a PO number.",
                "FYI, sharing the agenda for next week's steering committee. Nothing needed from you yet.",
                "For info: we're freezing all changes in the platform during the year-end close."]
        for k in range(int(self.n_req * r.uniform(0.04, 0.09))):
            t = self.period_point(0, 1)
            p = r.choice(self.active_cust(t))
            t = self.biz_time(p, t)
            c = self.ctx(ae.first, t)
            body = r.choice(fyis).format(dept=r.choice(self.depts), other=r.choice(self.cust).name, date=c["date"], city=c["city"])
            m = self.new_msg(p, [ae], t, body.split(" - ")[0].split(":")[0][:60] if r.random() < 0.3 else
                             r.choice(["FYI", "For info", "Quick heads-up", "Info"]), self.compose(p, ae.first, body, t), "fyi",
                             cc=[csm] if r.random() < 0.4 else [])
        # seller outreach
        for k in range(months + r.randint(0, months // 2 + 1)):
            t = self.period_point(0, 1)
            p = r.choice(self.active_cust(t))
            t = self.biz_time(csm, t)
            c = self.ctx(p.first, t)
            body = r.choice([f"Just checking in - how are things going with {c['prod']} in {c['city']}? Anything I can help with?",
                             f"We're running a customer webinar on {c['module']} on {c['date']}; thought it might interest your team.",
                             f"Sharing the release highlights for {c['ver']} - the {c['report']} changes might be useful for you.",
                             f"Your adoption in {c['quarter'].split()[0]} was up {c['pct']}% - nice work. Shall we review it together?"])
            m = self.new_msg(csm, [p], t, r.choice(["Checking in", f"Release highlights {c['ver']}", "Webinar invitation",
                                                    f"{self.cust_short} adoption update"]),
                             self.compose(csm, p.first, body, t), "seller_outreach")
            self.maybe_ooo(p, m)
        # seller-internal notes
        notes = ["Account plan for {cust} updated - please review before Thursday's forecast call.",
                 "{cust} pipeline: renewal in {month}, upsell on {module} looks likely. Risk: budget freeze.",
                 "Heads-up: {cust} escalation on the support side, {n} tickets this week. I've asked support to prioritise.",
                 "Notes from today's call with {cust}: positive, they want a proposal for {module} by {date}.",
                 "Can someone from presales cover the {cust} workshop on {date}? I'm double-booked."]
        sp = self.seller_people
        for k in range(int(self.n_req * r.uniform(0.06, 0.14))):
            a, b = r.sample(sp, 2)
            t = self.biz_time(a, self.period_point(0, 1))
            c = self.ctx(b.first, t)
            body = r.choice(notes).format(**c)
            if self.kind != "null" and self.difficulty != "hard" and t > self.onset_plan and r.random() < 0.15:
                body += f" They keep asking about {self.ideas[0].canonical}" + (
                    f" - it's {self.exec.first}'s thing." if self.kind == "new_exec" else
                    f" - seems to come from {self.group}." if self.kind == "it_dept" else
                    f" - I think {self.comp['short']} is in there." if self.kind == "competitor" else ".")
            if self.confounders.get("rfp") and t > self.confounders["rfp"]["date"] and r.random() < 0.3:
                body += f" Reminder: {self.confounders['rfp']['ref']} answers due soon."
            m = self.new_msg(a, [b], t, r.choice([f"{self.cust_short} - account update", f"{self.cust_short}", "Quick one",
                                                  f"RE: {self.cust_short} forecast", "internal - do not forward"]),
                             self.compose(a, b.first, body, t, "chaser"), "internal")


# ============================================================================ MIME rendering

def rfc2047(s: str, charset: str = "utf-8", mode: str = "B") -> str:
    if all(ord(ch) < 128 for ch in s):
        return s
    try:
        s.encode(charset)
    except (UnicodeEncodeError, LookupError):
        charset = "utf-8"
    words, cur = [], ""
    limit = 75 - len(f"=?{charset}?X??=")

    def enc(t):
        b = t.encode(charset)
        if mode == "B":
            return base64.b64encode(b).decode()
        out = []
        for byte in b:
            ch = chr(byte)
            if ch == " ":
                out.append("_")
            elif ch.isalnum() and byte < 128:
                out.append(ch)
            elif ch in "!*+-/" and byte < 128:
                out.append(ch)
            else:
                out.append(f"={byte:02X}")
        return "".join(out)

    for ch in s:
        if len(enc(cur + ch)) > limit:
            words.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(cur)
    return "\n ".join(f"=?{charset}?{mode}?{enc(w)}?=" for w in words)


def fmt_addr(name: str, addr: str, charset="utf-8", mode="Q") -> str:
    if not name:
        return addr
    if all(ord(c) < 128 for c in name):
        if re.search(r"[,.;:()@\"']", name):
            return f'"{name}" <{addr}>'
        return f"{name} <{addr}>"
    return f"{rfc2047(name, charset, mode)} <{addr}>"


def fold_list(name: str, items, sep=",\n\t") -> str:
    if not items:
        return ""
    line = f"{name}: " + items[0]
    out = []
    for it in items[1:]:
        if len(line) + len(it) + 2 > 76:
            out.append(line + ",")
            line = "\t" + it if sep.endswith("\t") else " " + it
        else:
            line += ", " + it
    out.append(line)
    return "\n".join(out)


def fold_text(name: str, value: str) -> str:
    if "\n" in value or len(name) + len(value) + 2 <= 78:
        return f"{name}: {value}"
    words = value.split(" ")
    lines, cur = [], f"{name}:"
    for w in words:
        if len(cur) + len(w) + 1 > 76 and cur != f"{name}:":
            lines.append(cur)
            cur = " " + w
        else:
            cur += " " + w
    lines.append(cur)
    return "\n".join(lines)


def encode_body(text: str, charset: str, cte: str):
    """-> (charset, cte, bytes)"""
    try:
        raw = text.encode(charset)
    except (UnicodeEncodeError, LookupError):
        charset, raw = "utf-8", text.encode("utf-8")
    ascii_only = all(b < 128 for b in raw)
    if cte == "7bit" and not ascii_only:
        cte = "quoted-printable"
    if cte == "quoted-printable":
        body = quopri.encodestring(raw)
    elif cte == "base64":
        body = base64.encodebytes(raw)
    else:
        body = raw
    if not body.endswith(b"\n"):
        body += b"\n"
    return charset, cte, body


OL_FAMILY = ("outlook", "owa", "android")


class Render(Traffic):
    def display(self, p: Person, email_addr: str, style: str) -> str:
        nm = p.name if p.org != "cust" or not getattr(p, "display_lastfirst", False) else f"{p.last}, {p.first}"
        if style == "name":
            return nm
        if style == "ol":
            return f"{nm} <{email_addr}>"
        return f"{nm} <{email_addr}>"

    # ---- segment tree (shared by the text and HTML renderers)
    def segments(self, m: Msg, viewer: str, depth=0):
        out = []
        if viewer == "seller" and m.sender.org == "cust" and self.seller_banner and (
                not self.seller_banner.startswith("You don't") or int(hashlib.md5(m.mid.encode()).hexdigest()[:2], 16) < 40):
            out.append(("banner", self.seller_banner.format(seller=self.seller_name, domain=self.seller_domain,
                                                            email=m.sender_email)))
        elif viewer == "cust" and m.sender.org in ("seller", "comp") and self.cust_banner:
            lang = self.L["lang"] if self.loc_code not in ("uk", "us") else "en"
            out.append(("banner", CUST_BANNER.get(lang, CUST_BANNER["en"])))
        own = [("p", m.text)]
        if m.list_footer:
            own.append(("footer", m.list_footer))
        inner = None
        if m.quote == "forward":
            inner = m.fwd or m.parent
        elif m.quote in ("top", "bottom", "inline"):
            inner = m.parent
        if inner is None or depth >= 4:
            return out + own
        q = self.quote_segments(m, inner, depth)
        if m.quote == "bottom":
            return out + q + own
        if m.quote == "inline":
            paras = [x for x in inner.text.split("\n\n") if x.strip()][:3]
            mine = [x for x in m.text.split("\n\n") if x.strip()]
            segs = out + [("p", mine[0] if mine else ""), q[0]]
            rest = mine[1:]
            for para in paras:
                segs.append(("quote", [("p", para)]))
                if rest:
                    segs.append(("p", rest.pop(0)))
            if rest:
                segs.append(("p", "\n\n".join(rest)))
            return segs
        return out + own + q

    def quote_segments(self, m: Msg, inner: Msg, depth):
        client = m.client
        lang = m.sender.ol_lang if m.sender.ol_lang in LANG else "en"
        if m.sender.org == "seller" and client == "gmail":
            lang = "en"
        L = LANG[lang]
        fwd = m.quote == "forward"
        nested = self.segments(inner, m.sender.org if m.sender.org in ("cust", "seller") else "other", depth + 1)
        ld = m.sender.local(inner.date)
        frm_e = inner.sender_email
        subj = self.subj_seen(inner, m.sender.org)
        tos = [self.display(p, e, "ol") for p, e in zip(inner.to, inner.to_emails)] or inner.to_emails
        ccs = [self.display(p, e, "ol") for p, e in zip(inner.cc, inner.cc_emails)]
        internal = inner.sender.org == m.sender.org
        us = self.loc_code in ("us", "ca") and m.sender.org == "cust" or self.seller_site[0] == "na" and m.sender.org == "seller"
        if client in OL_FAMILY or client == "system":
            frm = self.display(inner.sender, frm_e, "name" if internal and client == "outlook" else "ol")
            rows = [(L["ol"][0], frm), (L["ol"][1], outlook_sent(ld, lang, us)),
                    (L["ol"][2], "; ".join(t.split(" <")[0] if internal else t for t in tos))]
            if ccs:
                rows.append((L["ol"][3], "; ".join(ccs)))
            rows.append((L["ol"][4], subj))
            pre = [("sep", "________________________________")] if client in ("owa", "android") else [("rule", "")]
            return pre + [("hdr", rows), ("nested", nested)]
        who = f"{inner.sender.name} <{frm_e}>"
        if client == "gmail":
            if fwd:
                g = L["gfwd"]
                rows = [(g[1], who), (g[2], short_date(ld, "en") if lang == "en" else gmail_wrote(ld, lang, "").split(",")[0]),
                        (g[3], subj), (g[4], ", ".join(tos))]
                if ccs:
                    rows.append((g[5], ", ".join(ccs)))
                return [("sep", g[0]), ("hdr", rows), ("nested", nested)]
            return [("attrib", gmail_wrote(ld, lang, who)), ("quote", nested)]
        if client in ("apple", "ios"):
            if fwd:
                rows = [("From", who), ("Subject", subj), ("Date", f"{ld.day} {LANG['en']['mo'][ld.month - 1]} {ld.year} at {_hm(ld)}:00 "
                                                                   f"{ld.strftime('%z')[:3]}:{ld.strftime('%z')[3:]}"),
                        ("To", ", ".join(tos))]
                return [("sep", L["apple_fwd"]), ("hdr", rows), ("quote", nested)]
            return [("attrib", apple_wrote(ld, lang, who)), ("quote", nested)]
        # thunderbird
        if fwd:
            tl = L["tbl"]
            rows = [(tl[0], subj), (tl[1], email.utils.format_datetime(ld)), (tl[2], who), (tl[3], ", ".join(tos))]
            return [("sep", L["tb_fwd"]), ("hdr", rows), ("nested", nested)]
        att = {"fr": f"Le {ld.day:02d}/{ld.month:02d}/{ld.year} à {_hm(ld)}, {who} a écrit\u00a0:",
               "de": f"Am {ld.day:02d}.{ld.month:02d}.{ld.year} um {_hm(ld)} schrieb {who}:",
               "es": f"El {ld.day}/{ld.month}/{ld.year} a las {_hm(ld)}, {who} escribió:",
               "sv": f"Den {ld.year}-{ld.month:02d}-{ld.day:02d} kl. {_hm(ld)}, skrev {who}:",
               "pl": f"W dniu {ld.day:02d}.{ld.month:02d}.{ld.year} o {_hm(ld)}, {who} pisze:"}.get(
            lang, f"On {ld.day:02d}/{ld.month:02d}/{ld.year} {_hm(ld)}, {who} wrote:")
        return [("attrib", att), ("quote", nested)]

    def seg_text(self, segs) -> str:
        out = []
        for kind, val in segs:
            if kind in ("p", "banner"):
                out.append(val.rstrip("\n"))
            elif kind == "footer":
                out.append("--\n" + val)
            elif kind == "sep":
                out.append(val)
            elif kind == "rule":
                continue
            elif kind == "hdr":
                out.append("\n".join(f"{k}: {v}" for k, v in val))
            elif kind == "attrib":
                out.append(val)
            elif kind == "quote":
                inner = self.seg_text(val)
                out.append("\n".join("> " + ln if ln else ">" for ln in inner.split("\n")))
            elif kind == "nested":
                out.append(self.seg_text(val))
        txt = "\n\n".join(x for x in out)
        return txt

    def seg_html(self, segs, family: str) -> str:
        out = []
        esc = html.escape

        def para(t):
            if family == "outlook":
                return "".join(f"<p class=\"MsoNormal\">{esc(ln) if ln else '<o:p>&nbsp;</o:p>'}</p>\n" for ln in t.split("\n"))
            return "<div>" + "<br>\n".join(esc(ln) for ln in t.split("\n")) + "</div>\n"

        for kind, val in segs:
            if kind == "banner":
                out.append(f"<table border=\"0\" cellpadding=\"4\" style=\"background:#FFEB9C;width:100%\"><tr><td>"
                           f"<span style=\"font-size:9pt;color:#9C6500\">{esc(val)}</span></td></tr></table>\n")
            elif kind == "p":
                out.append(para(val.rstrip("\n")))
            elif kind == "footer":
                out.append(f"<div style=\"font-size:11px;color:#888\">{esc(val)}</div>\n")
            elif kind == "sep":
                out.append(para(val))
            elif kind == "rule":
                out.append("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">\n")
            elif kind == "hdr":
                rows = "<br>\n".join(f"<b>{esc(k)}:</b> {esc(v)}" for k, v in val)
                out.append(f"<p class=\"MsoNormal\">{rows}</p>\n" if family == "outlook" else f"<div>{rows}</div><br>\n")
            elif kind == "attrib":
                out.append(f"<div dir=\"ltr\" class=\"gmail_attr\">{esc(val)}<br></div>\n")
            elif kind == "quote":
                st = ("class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);"
                      "padding-left:1ex\"" if family == "gmail" else "type=\"cite\"")
                out.append(f"<blockquote {st}>\n{self.seg_html(val, family)}</blockquote>\n")
            elif kind == "nested":
                out.append(self.seg_html(val, family))
                if family == "outlook":
                    out.append("</div>\n")
        return "".join(out)

    def html_doc(self, body: str, family: str, charset: str, lang: str) -> str:
        if family == "outlook":
            return ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
                    "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\" "
                    "xmlns=\"http://www.w3.org/TR/REC-html40\">\n<head>\n"
                    f"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n"
                    "<meta name=\"Generator\" content=\"Microsoft Word 15 (filtered medium)\">\n<style><!--\n"
                    "p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n\tfont-family:\"Calibri\",sans-serif;}\n"
                    "--></style>\n</head>\n"
                    f"<body lang=\"{lang.upper()}\" link=\"#0563C1\" vlink=\"#954F72\" style=\"word-wrap:break-word\">\n"
                    f"<div class=\"WordSection1\">\n{body}</div>\n</body>\n</html>\n")
        if family == "gmail":
            return f"<div dir=\"ltr\">{body}</div>\n"
        return (f"<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset={charset}\"></head>"
                f"<body style=\"overflow-wrap: break-word;\">\n{body}</body></html>\n")


# ============================================================================ MIME assembly and exports

class Export(Render):
    def body_part(self, m: Msg, mr: random.Random):
        """-> (content header lines, body bytes) for the message body (without attachments)."""
        client = m.client
        family = "outlook" if client in OL_FAMILY else ("gmail" if client == "gmail" else "other")
        segs = self.segments(m, "seller")
        text = self.seg_text(segs).rstrip("\n") + "\n"
        charset = m.sender.charset if client in OL_FAMILY + ("thunderbird",) else "utf-8"
        if m.broken == "bad_charset":
            label = mr.choice(["x-unknown", "unknown-8bit", "iso-8859-15x", "x-mac-ce-euro"])
            raw = text.encode("windows-1252", errors="replace")
            return [f"Content-Type: text/plain; charset=\"{label}\"", "Content-Transfer-Encoding: 8bit"], raw
        if client in OL_FAMILY:
            fmt = "alt" if mr.random() < 0.88 else "html"
            cte = "quoted-printable" if mr.random() < 0.9 else "base64"
        elif client == "gmail":
            fmt, cte = "alt", ("7bit" if mr.random() < 0.8 else "base64")
        elif client in ("apple", "ios"):
            fmt = "plain" if mr.random() < 0.55 else "alt"
            cte = "quoted-printable" if client == "apple" or mr.random() < 0.5 else "base64"
        elif client == "thunderbird":
            fmt = "plain" if mr.random() < 0.7 else "alt"
            cte = "8bit"
        else:
            fmt, cte = ("html" if getattr(m, "html_only", False) else "alt"), "quoted-printable"
        if getattr(m, "html_only", False):
            fmt = "html"
        lang = {"fr": "fr", "es": "es", "sv": "sv", "pl": "pl", "de": "de"}.get(m.sender.ol_lang, "en")
        parts = []
        if fmt in ("plain", "alt"):
            cs, ct, b = encode_body(text, charset, cte)
            fl = "; format=flowed" if client in ("thunderbird", "apple") and fmt == "plain" else ""
            parts.append(([f"Content-Type: text/plain; charset=\"{cs}\"{fl}", f"Content-Transfer-Encoding: {ct}"], b))
        if fmt in ("html", "alt"):
            hb = self.html_doc(self.seg_html(segs, family), family, charset, lang)
            cs, ct, b = encode_body(hb, charset, "quoted-printable" if cte in ("7bit", "8bit") else cte)
            parts.append(([f"Content-Type: text/html; charset=\"{cs}\"", f"Content-Transfer-Encoding: {ct}"], b))
        if m.calendar:
            parts.append(self.ics_part(m, mr))
        if len(parts) == 1:
            return parts[0]
        bnd = self.boundary(mr, client)
        body = b""
        for h, b in parts:
            body += f"--{bnd}\n".encode() + "\n".join(h).encode() + b"\n\n" + b
        body += f"--{bnd}--\n".encode()
        return [f"Content-Type: multipart/alternative;\n\tboundary=\"{bnd}\""], body

    def ics_part(self, m: Msg, mr):
        c = m.calendar
        st = c["start"]
        off = tz_offset(c["organizer"].zone, c["organizer"].base_off, st)
        su = st - dt.timedelta(minutes=off)
        en = su + dt.timedelta(minutes=c["minutes"])
        att = "\n".join(f"ATTENDEE;CN=\"{p.name}\";ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{self.email_of(p, m.date)}"
                        for p in c["attendees"])
        ics = ("BEGIN:VCALENDAR\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\nVERSION:2.0\nCALSCALE:GREGORIAN\n"
               "METHOD:REQUEST\nBEGIN:VEVENT\n"
               f"DTSTART:{su.strftime('%Y%m%dT%H%M%SZ')}\nDTEND:{en.strftime('%Y%m%dT%H%M%SZ')}\n"
               f"DTSTAMP:{m.date.strftime('%Y%m%dT%H%M%SZ')}\nORGANIZER;CN={c['organizer'].name}:mailto:{c['organizer'].email}\n"
               f"UID:{mr.getrandbits(64):016x}@{self.seller_domain}\n{att}\nSUMMARY:{c['summary']}\n"
               f"LOCATION:https://meet.{self.seller_domain}/j/{mr.randint(10 ** 8, 10 ** 9)}\nSEQUENCE:0\nSTATUS:CONFIRMED\n"
               "END:VEVENT\nEND:VCALENDAR\n")
        cs, ct, b = encode_body(ics, "utf-8", "7bit")
        return (["Content-Type: text/calendar; charset=\"UTF-8\"; method=REQUEST", f"Content-Transfer-Encoding: {ct}"], b)

    def boundary(self, mr, client):
        h = "".join(mr.choice("0123456789abcdef") for _ in range(24))
        if client in OL_FAMILY:
            return f"_000_{h.upper()}_"
        if client == "gmail":
            return f"000000000000{h[:12]}"
        if client in ("apple", "ios"):
            return f"Apple-Mail={h[:8].upper()}-{h[8:12].upper()}-{h[12:16].upper()}-{h[16:20].upper()}-{h[20:].upper()}"
        return f"------------{h}"

    def full_message(self, m: Msg) -> bytes:
        """The message as it sits in the seller's mail store (without store-specific prefix headers)."""
        if getattr(m, "_raw", None) is not None:
            return m._raw
        mr = make_rng(self.kind, self.seed, self.difficulty, m.mid)
        ch, body = self.body_part(m, mr)
        if m.attachments:
            bnd = self.boundary(mr, m.client)
            out = f"--{bnd}\n".encode() + "\n".join(ch).encode() + b"\n\n" + body
            for a in m.attachments:
                ct, blob = fake_attachment(make_rng(m.mid, a), a)
                fn = a if all(ord(c) < 128 for c in a) else None
                disp = f"filename=\"{fn}\"" if fn else "filename*=utf-8''" + "".join(
                    c if c.isascii() and (c.isalnum() or c in ".-_") else "".join(f"%{b:02X}" for b in c.encode()) for c in a)
                nm = fn if fn else rfc2047(a, "utf-8", "B")
                out += (f"--{bnd}\nContent-Type: {ct}; name=\"{nm}\"\nContent-Description: {nm}\n"
                        f"Content-Disposition: attachment; {disp}; size={len(blob)}\nContent-Transfer-Encoding: base64\n\n").encode()
                out += base64.encodebytes(blob)
            out += f"--{bnd}--\n".encode()
            ch, body = [f"Content-Type: multipart/mixed;\n\tboundary=\"{bnd}\""], out
        hdr = self.headers(m, mr) + ch
        raw = ("\n".join(hdr) + "\n\n").encode("ascii", errors="replace") + body
        m._raw = raw
        return raw

    def headers(self, m: Msg, mr) -> list:
        p = m.sender
        client = m.client
        cs = p.charset if p.charset != "us-ascii" else "utf-8"
        mode = "Q" if client in OL_FAMILY or mr.random() < 0.5 else "B"
        frm = fmt_addr(self.display(p, "", "name"), m.sender_email, cs, mode)
        tos = [fmt_addr(self.display(x, "", "name"), e, cs, mode) for x, e in zip(m.to, m.to_emails)]
        ccs = [fmt_addr(self.display(x, "", "name"), e, cs, mode) for x, e in zip(m.cc, m.cc_emails)]
        subj = rfc2047(self.subj_seen(m, "seller"), cs if client in OL_FAMILY else "utf-8", "B" if mr.random() < 0.5 else "Q")
        subj_line = fold_text("Subject", subj) if "=?" not in subj else f"Subject: {subj}"
        loc = p.local(m.date)
        if client in OL_FAMILY:
            date = email.utils.format_datetime(m.date.replace(tzinfo=dt.UTC))
        else:
            date = email.utils.format_datetime(loc)
        if m.broken == "bad_date":
            date = mr.choice([m.date.strftime("%Y-%m-%d %H:%M:%S"), f"{loc.day:02d}/{loc.month:02d}/{loc.year} {_hm(loc)}",
                              f"{LANG['fr']['wd'][loc.weekday()]} {loc.day} {LANG['fr']['mo'][loc.month - 1]} {loc.year} {_hm(loc)}",
                              loc.strftime("%d.%m.%Y %H:%M:%S %Z")])
        refs = m.references
        h = []
        smtp_t = m.date + dt.timedelta(seconds=mr.randint(1, 40))
        if p.org == "cust":
            h.append(f"Received: from {mr.choice(['EUR05', 'EUR03', 'GBR01', 'NAM12'])}-{mr.choice(['AM6', 'DB8', 'VI1', 'BN8'])}-obe.outbound.protection.outlook.com\n"
                     f"\t({mr.randint(40, 52)}.{mr.randint(1, 254)}.{mr.randint(1, 254)}.{mr.randint(1, 254)}) by mx.{self.seller_domain} with ESMTPS id {mr.getrandbits(40):010x};\n"
                     f"\t{email.utils.format_datetime(smtp_t.replace(tzinfo=dt.UTC))}")
        elif p.org == "comp":
            h.append(f"Received: from mail.{self.comp['domain']} by mx.{self.seller_domain} with ESMTPS id {mr.getrandbits(40):010x};\n"
                     f"\t{email.utils.format_datetime(smtp_t.replace(tzinfo=dt.UTC))}")
        if client in OL_FAMILY:
            h += [f"From: {frm}", fold_list("To", tos)]
            if ccs:
                h.append(fold_list("CC", ccs))
            h.append(subj_line)
            h.append(fold_text("Thread-Topic", re.sub(r"^((RE|AW|SV|TR|RV|WG|VB|PD|FW|Odp)\s?:\s*)+", "",
                                                     self.subj_seen(m, "seller")).replace("[EXT] ", "")) if all(
                ord(c) < 128 for c in m.subject) else f"Thread-Topic: {rfc2047(m.subject, 'utf-8', 'B')}")
            h.append(f"Thread-Index: {self.thread_index(m)}")
            h += [f"Date: {date}", f"Message-ID: {m.mid}"]
            if refs:
                h.append("References: " + "\n ".join(refs))
            if m.in_reply_to and not m.no_in_reply_to:
                h.append(f"In-Reply-To: {m.in_reply_to}")
            lang = {"fr": "fr-FR", "es": "es-ES", "sv": "sv-SE", "pl": "pl-PL", "de": "de-DE"}.get(p.ol_lang, "en-US" if
                                                                                            self.loc_code == "us" else "en-GB")
            h += [f"Accept-Language: {lang}, en-US", f"Content-Language: {lang}",
                  f"X-MS-Has-Attach: {'yes' if m.attachments else ''}".rstrip(), "X-MS-TNEF-Correlator:",
                  "x-ms-exchange-messagesentrepresentingtype: 1",
                  f"X-MS-Exchange-Organization-SCL: {mr.choice([-1, 1, 1, 5])}",
                  f"X-MS-Exchange-CrossTenant-OriginalArrivalTime: {m.date.strftime('%d %b %Y %H:%M:%S')}.{mr.randint(1000, 9999)} (UTC)",
                  f"X-MS-Exchange-CrossTenant-id: {self.tenant_guid(p.org)}",
                  f"X-MS-Exchange-Transport-CrossTenantHeadersStamped: {m.mid[1:14]}",
                  "MIME-Version: 1.0"]
        elif client == "gmail":
            h += ["MIME-Version: 1.0", f"Date: {date}", f"Message-ID: {m.mid}"]
            if refs:
                h.append("References: " + " ".join(refs) if len(refs) == 1 else "References: " + "\n ".join(refs))
            if m.in_reply_to and not m.no_in_reply_to:
                h.append(f"In-Reply-To: {m.in_reply_to}")
            h += [subj_line, f"From: {frm}", fold_list("To", tos, ",\n ")]
            if ccs:
                h.append(fold_list("Cc", ccs, ",\n "))
        elif client in ("apple", "ios"):
            h += [subj_line, f"From: {frm}"]
            if m.in_reply_to and not m.no_in_reply_to:
                h.append(f"In-Reply-To: {m.in_reply_to}")
            h += [f"Date: {date}"]
            if ccs:
                h.append(fold_list("Cc", ccs, ",\n "))
            h.append(f"Message-Id: {m.mid}")
            if refs:
                h.append("References: " + "\n ".join(refs))
            h += [fold_list("To", tos, ",\n "),
                  "X-Mailer: " + ("Apple Mail (2.3731.600.7)" if client == "apple" else f"iPhone Mail (20{mr.choice('EFGH')}{mr.randint(100, 999)})"),
                  "Mime-Version: 1.0 (" + ("Mac OS X Mail 16.0 \\(3731.600.7\\)" if client == "apple" else "1.0") + ")"]
        elif client == "thunderbird":
            h += [f"Message-ID: {m.mid}", f"Date: {date}", "MIME-Version: 1.0",
                  "User-Agent: Mozilla Thunderbird", fold_text("Subject", subj) if "=?" not in subj else f"Subject: {subj}",
                  f"Content-Language: {p.ol_lang if p.ol_lang != 'en' else 'en-GB'}", fold_list("To", tos, ",\n ")]
            if ccs:
                h.append(fold_list("Cc", ccs, ",\n "))
            if refs:
                h.append("References: " + "\n ".join(refs))
            h.append(f"From: {frm}")
            if m.in_reply_to and not m.no_in_reply_to:
                h.append(f"In-Reply-To: {m.in_reply_to}")
        else:
            h += [f"From: {frm}", fold_list("To", tos), subj_line, f"Date: {date}", f"Message-ID: {m.mid}", "MIME-Version: 1.0"]
            if m.in_reply_to:
                h.append(f"In-Reply-To: {m.in_reply_to}")
            if refs:
                h.append("References: " + "\n ".join(refs))
        for k, v in m.extra:
            h.append(f"{k}: {v}")
        return h

    def tenant_guid(self, org):
        hx = hashlib.sha256(f"{self.kind}{self.seed}{org}".encode()).hexdigest()
        return f"{hx[:8]}-{hx[8:12]}-{hx[12:16]}-{hx[16:20]}-{hx[20:32]}"

    def thread_index(self, m: Msg):
        root = hashlib.sha256(f"thread{self.kind}{self.seed}{self.difficulty}{m.thread}".encode()).digest()[:22]
        root = bytes([0x01]) + root[1:]
        ext = b"".join(hashlib.sha256(f"{r}".encode()).digest()[:5] for r in m.references[-8:] + [m.mid])[:5 * len(m.references)]
        return base64.b64encode(root + ext).decode()

    # ---------------------------------------------------------------- export plan
    def plan_exports(self):
        r = self.rng
        n = wpick(r, [(2, 4), (3, 4), (4, 2)])
        lays = r.sample(["apple", "gmail", "maildir", "eml"], n)
        owners = ["ae"] + r.sample(["se", "csm", "support"], n - 1)
        self.exports = []
        for lay, own in zip(lays, owners):
            o = self.seller[own]
            root = {"apple": f"mail/{o.first} {o.last} - Apple Mail export",
                    "gmail": f"mail/takeout-{slug(o.first)}{slug(o.last)[:1]}",
                    "maildir": "mail/support-shared-maildir" if own == "support" else f"mail/{slug(o.first)}_maildir",
                    "eml": f"mail/{o.first}'s saved mails"}[lay]
            self.exports.append(dict(layout=lay, owner=o, root=root, items=[]))
        self.msgs.sort(key=lambda m: (m.date, m.mid))
        for m in self.msgs:
            parts = [m.sender] + m.to + m.cc
            ex = [e for e in self.exports if e["owner"] in parts or
                  (e["owner"].role == "support" and e["layout"] == "maildir" and self.seller["support_desk"] in parts)]
            if not ex:
                ex = [self.exports[0]] if r.random() < 0.9 else []
            m.in_exports = bool(ex)
            m.exports = [e["root"] for e in ex]
            for e in ex:
                e["items"].append(m)

    def choose_broken(self):
        r = self.rng
        exported = [m for m in self.msgs if m.in_exports and not m.vision and m.role not in ("vision_followup",)]
        cust_plain = [m for m in exported if m.sender.org == "cust" and m.role in ("fyi", "thanks", "scheduling", "chaser",
                                                                                 "request") and not m.attachments]
        if cust_plain:
            m = r.choice(cust_plain)
            m.broken = "bad_charset"
            self.broken_items.append(dict(type="undecodable_charset", message_id=m.mid, exports=m.exports))
        cand = [m for m in exported if m.broken is None and m.role in ("reply", "scheduling", "fyi", "internal", "newsletter")]
        for _ in range(r.randint(1, 2)):
            if cand:
                m = r.choice(cand)
                cand.remove(m)
                m.broken = "bad_date"
                self.broken_items.append(dict(type="non_rfc_date", message_id=m.mid, exports=m.exports))

    # ---------------------------------------------------------------- writers
    @staticmethod
    def mbox_escape(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        return b"\n".join(b">" + ln if ln.startswith(b"From ") else ln for ln in lines)

    def asctime(self, d: dt.datetime) -> str:
        return f"{LANG['en']['wda'][d.weekday()]} {LANG['en']['moa'][d.month - 1]} {d.day:2d} {d.strftime('%H:%M:%S')} {d.year}"

    def gm_id(self, m: Msg, k=0) -> int:
        ep = int((m.date - dt.datetime(1970, 1, 1)).total_seconds())
        return 1_000_000_000_000_000_000 + ep * 400_000_000 + int(hashlib.sha256(m.mid.encode()).hexdigest()[:6], 16) + k

    def write_exports(self, out: Path):
        r = self.rng
        single_file = [e for e in self.exports if e["layout"] in ("maildir", "eml")]
        trunc = None
        if single_file:
            e = r.choice(single_file)
            cand = [m for m in e["items"] if not m.vision and m.broken is None and m.role in
                    ("reply", "fyi", "scheduling", "seller_outreach", "internal", "thanks", "newsletter")]
            if cand:
                trunc = (e["root"], r.choice(cand))
        else:
            e = r.choice(self.exports)
            cand = [m for m in e["items"] if not m.vision and m.broken is None and m.role in ("reply", "fyi", "internal", "newsletter")]
            if cand:
                trunc = (e["root"], r.choice(cand))
        if trunc:
            self.broken_items.append(dict(type="truncated", message_id=trunc[1].mid, exports=[trunc[0]]))
        de = r.choice(self.exports)
        dup = r.choice(de["items"]) if de["items"] else None
        if dup:
            self.broken_items.append(dict(type="saved_twice", message_id=dup.mid, exports=[de["root"]]))
        empty_done = False
        for e in self.exports:
            root = out / e["root"]
            lay, owner = e["layout"], e["owner"]
            items = list(e["items"])
            is_trunc = lambda m: trunc is not None and trunc[0] == e["root"] and trunc[1] is m
            if lay in ("apple", "gmail") and trunc and trunc[0] == e["root"]:
                items.remove(trunc[1])
                items.append(trunc[1])
            if dup and de is e:
                items.insert(min(len(items), items.index(dup) + 1), dup)

            def body_of(m, prefix=b""):
                raw = prefix + self.full_message(m)
                if is_trunc(m) and m is items[-1] or (is_trunc(m) and lay in ("maildir", "eml")):
                    hdr_end = raw.find(b"\n\n")
                    raw = raw[: max(hdr_end + 40, int(len(raw) * 0.55))]
                return raw

            if lay == "apple":
                inbox = [m for m in items if m.sender is not owner]
                sent = [m for m in items if m.sender is owner]
                for fold, lst in (("Inbox.mbox", inbox), ("Sent Messages.mbox", sent)):
                    d = root / fold
                    d.mkdir(parents=True, exist_ok=True)
                    chunks = []
                    for m in lst:
                        chunks.append(f"From {m.sender_email} {self.asctime(m.date)}\n".encode() +
                                      self.mbox_escape(body_of(m)).rstrip(b"\n") + b"\n\n")
                    (d / "mbox").write_bytes(b"".join(chunks))
                    (d / "Info.plist").write_text(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                        "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n"
                        f"\t<key>LocalFileName</key>\n\t<string>{fold[:-5]}</string>\n\t<key>MessageCount</key>\n"
                        f"\t<integer>{len(lst)}</integer>\n</dict>\n</plist>\n", encoding="utf-8")
                    if fold == "Inbox.mbox":
                        (d / "table_of_contents").write_bytes(b"\x00\x00\x00\x01" + bytes(make_rng(e["root"]).getrandbits(8) for _ in range(64 + 24 * len(lst))))
                if not empty_done:
                    (root / "Drafts.mbox").mkdir(parents=True, exist_ok=True)
                    (root / "Drafts.mbox" / "mbox").write_bytes(b"")
                    self.broken_items.append(dict(type="empty_file", path=f"{e['root']}/Drafts.mbox/mbox"))
                    empty_done = True
                self.broken_items.append(dict(type="non_mail_file", path=f"{e['root']}/Inbox.mbox/table_of_contents"))
            elif lay == "gmail":
                d = root / "Takeout" / "Mail"
                d.mkdir(parents=True, exist_ok=True)
                chunks, seen = [], {}
                thr = {}
                for m in items:
                    seen[m.mid] = seen.get(m.mid, 0) + 1
                    first_in_thread = thr.setdefault(m.thread, m)
                    gid = self.gm_id(m, seen[m.mid] - 1)
                    if m.sender is owner:
                        labels = "Sent,Opened" if r.random() < 0.8 else "Sent,Important,Opened"
                    elif m.role == "newsletter":
                        labels = "Category Promotions,Opened" if r.random() < 0.7 else "Inbox,Category Updates,Unread"
                    else:
                        labels = wpick(r, [("Inbox,Opened,Category Personal", 5), ("Archived,Opened", 3), ("Important,Inbox,Opened", 2),
                                           (f"Opened,{self.cust_short}", 2), ("Inbox,Unread", 1)])
                    pre = (f"X-GM-THRID: {self.gm_id(first_in_thread)}\nX-Gmail-Labels: {labels}\n"
                           f"Delivered-To: {owner.email}\nReceived: by 2002:a05:{r.randint(6000, 7999):x}:{r.randint(1, 0xffff):x} with SMTP id "
                           f"{r.getrandbits(40):x}csp{r.randint(100000, 999999)};\n        "
                           f"{email.utils.format_datetime(m.date.replace(tzinfo=dt.UTC))}\n").encode()
                    if m.sender is owner:
                        pre = f"X-GM-THRID: {self.gm_id(first_in_thread)}\nX-Gmail-Labels: {labels}\n".encode()
                    utc = m.date
                    chunks.append(f"From {gid}@xxx {LANG['en']['wda'][utc.weekday()]} {LANG['en']['moa'][utc.month - 1]} "
                                  f"{utc.day:02d} {utc.strftime('%H:%M:%S')} +0000 {utc.year}\n".encode() +
                                  self.mbox_escape(body_of(m, pre)).rstrip(b"\n") + b"\n\n")
                (d / "All mail Including Spam and Trash.mbox").write_bytes(b"".join(chunks))
                (root / "Takeout" / "archive_browser.html").write_text(
                    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Google Takeout</title></head><body>"
                    f"<h1>Archive for {owner.email}</h1><p>This archive contains: Mail (1 file).</p></body></html>\n",
                    encoding="utf-8")
                self.broken_items.append(dict(type="non_mail_file", path=f"{e['root']}/Takeout/archive_browser.html"))
            elif lay == "maildir":
                for sub in ("cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"):
                    (root / sub).mkdir(parents=True, exist_ok=True)
                host = r.choice(["mx2", "imap01.internal", "mailstore-3"])
                uid = 1
                names = []
                for k, m in enumerate(items):
                    ep = int((m.date - dt.datetime(1970, 1, 1)).total_seconds()) + r.randint(1, 30)
                    base = f"{ep}.M{r.randint(100000, 999999)}P{r.randint(1000, 65000)}Q{k + 1}.{host}"
                    if m.sender is owner or (m.sender.org == "seller" and owner.role == "support" and m.sender.role == "support_desk"):
                        fn = root / ".Sent" / "cur" / f"{base}:2,S"
                        pre = b""
                    else:
                        recent = m.date > self.end - dt.timedelta(days=4)
                        fn = root / ("new" if recent else "cur") / (base if recent else f"{base}:2,{r.choice(['S', 'S', 'RS', 'FS'])}")
                        pre = f"Return-Path: <{m.sender_email}>\nDelivered-To: {owner.email}\n".encode()
                    fn.write_bytes(body_of(m, pre))
                    names.append(f"{uid} {fn.name.split(':')[0]}")
                    uid += 1
                (root / "dovecot-uidlist").write_text("3 V1700000000 N%d\n" % uid + "\n".join(names) + "\n", encoding="utf-8")
                self.broken_items.append(dict(type="non_mail_file", path=f"{e['root']}/dovecot-uidlist"))
                if not empty_done:
                    p = root / "cur" / f"{int((self.end - dt.datetime(1970, 1, 1)).total_seconds())}.M1P1Q0.{host}:2,S"
                    p.write_bytes(b"")
                    self.broken_items.append(dict(type="empty_file", path=str(p.relative_to(out))))
                    empty_done = True
            else:  # eml tree
                scheme = r.choice(["date", "topic"])
                used = set()
                for m in items:
                    if scheme == "date":
                        sub = f"{m.date.year}/{m.date.month:02d} {LANG['en']['mo'][m.date.month - 1]}"
                    else:
                        sub = {None: "Misc", "support_ticket": "Support/Tickets", "invoice": "Finance",
                               "renewal": "Commercial/Renewal", "pricing_whatif": "Commercial/Pricing"}.get(
                            m.topic, f"Projects/{(m.topic or 'misc').replace('_', ' ').title()}")
                        if m.role in ("newsletter", "internal", "calendar", "system"):
                            sub = "Misc/" + m.role
                    nm = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", self.subj_seen(m, "seller"))[:70].strip(" .") or "no subject"
                    fn = f"{nm}.eml"
                    k = 1
                    while f"{sub}/{fn}" in used:
                        fn = f"{nm} ({k}).eml"
                        k += 1
                    used.add(f"{sub}/{fn}")
                    d = root / sub
                    d.mkdir(parents=True, exist_ok=True)
                    raw = body_of(m)
                    if r.random() < 0.35:
                        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
                    (d / fn).write_bytes(raw)
                root.mkdir(parents=True, exist_ok=True)
                (root / "desktop.ini").write_bytes(b"[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-112\r\n")
                (root / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(make_rng("thumbs", self.seed).getrandbits(8) for _ in range(512)))
                self.broken_items.append(dict(type="non_mail_file", path=f"{e['root']}/desktop.ini"))
                self.broken_items.append(dict(type="non_mail_file", path=f"{e['root']}/Thumbs.db"))
                if not empty_done:
                    (root / "Misc").mkdir(parents=True, exist_ok=True)
                    (root / "Misc" / "RE_ Catch-up.eml").write_bytes(b"")
                    self.broken_items.append(dict(type="empty_file", path=f"{e['root']}/Misc/RE_ Catch-up.eml"))
                    empty_done = True

    # ---------------------------------------------------------------- request log
    def log_note(self, row) -> tuple:
        """-> (title, description) for one log row."""
        r = self.rng
        s, m = row["spec"], row["msg"]
        p = s["requester"]
        if m is not None:
            title = re.sub(r"^((RE|Re|AW|SV|TR|RV|FW|Fwd|WG|VB|PD|Odp)\s?:\s*|\[EXT\]\s*)+", "", m.subject)
            paras = [x.strip() for x in m.text.split("\n\n") if x.strip()]
            body = paras[1] if len(paras) > 2 else (paras[0] if paras else "")
            desc = body.replace("\n", " ")[:260]
            if r.random() < 0.3:
                desc = f"Email from {p.name}: {desc}"
            return title, desc
        noun = TOPICS[s["topic"]]["noun"]
        chan = row["channel"]
        who = f"{p.first} {p.last.split()[0]}"
        if s["vision"]:
            i = s["ideas"][0]
            f = self.np_form(i, s["mode"] if s["mode"] in ("rephrased", "pasted") else "mention")
            o = s["originator"]
            tail = ""
            if self.difficulty != "hard" and s["mode"] in ("mention", "cc", "forwarded", "direct"):
                if self.kind == "new_exec":
                    tail = f" - driven by their new {self.exec.short} ({o.name})"
                elif self.kind == "it_dept":
                    tail = f" - requirement from {self.group}"
                else:
                    tail = f" - {self.comp['short']} pitched this"
            desc = r.choice([f"{'Call' if chan == 'phone' else 'Meeting'} with {who}: wants to understand {f}{tail}.",
                             f"{who} raised {f} during the {chan}{tail}. Follow-up needed.",
                             f"Asked whether {self.products[0]} can support {f}{tail}."])
            return cap(f"{noun} - {f}")[:90], desc
        c = self.ctx(p.first, row["opened"], p)
        body = self.fill_topic(s["topic"], "body", c)
        title = {"phone": "Call: ", "meeting": "Meeting: ", "portal": ""}.get(chan, "") + self.fill_topic(s["topic"], "subj", c)
        lead = {"phone": "Phone call with", "meeting": "Meeting with", "portal": "Portal request from"}.get(chan, "From")
        return title, f"{lead} {who}. {body}"

    def write_log(self, out: Path):
        r = self.rng
        rows = sorted(self.log_rows, key=lambda x: (x["opened"], x["spec"]["id"]))
        fmt = wpick(r, [("servicenow", 3), ("zendesk", 3), ("semicolon", 5 if self.loc_code in ("fr", "es", "pl", "ca") else 2),
                        ("excel", 3)])
        self.log_format = fmt
        d = out / "logs"
        d.mkdir(parents=True, exist_ok=True)
        start_no = r.randint(1000, 90000)
        stz = self.seller["ae"]
        owners = {"support": "L2 Application Support", "se": "Presales", "csm": "Customer Success", "ae": "Account Management",
                  "dealdesk": "Billing Operations"}
        recs = []
        num = start_no
        for k, row in enumerate(rows):
            s = row["spec"]
            p = s["requester"]
            own = self.seller_for(s["topic"])
            num += r.randint(1, 4)
            if fmt == "servicenow":
                cid = f"CS{num:07d}"
            elif fmt == "zendesk":
                cid = str(num * 3)
            elif fmt == "semicolon":
                cid = f"DEM-{row['opened'].year % 100:02d}-{k + 1:04d}"
            else:
                cid = f"{slug(self.cust_short)[:4].upper()}-{k + 1:04d}"
            title, desc = self.log_note(row)
            hours = round(r.choice([0.25, 0.5, 0.5, 1, 1, 1.5, 2, 3, 4, 6, 8, 12]) * (2 if s["vision"] else 1), 2)
            age = (self.end - row["opened"]).days
            state = "closed" if age > 14 or r.random() < 0.4 else r.choice(["open", "in_progress", "pending"])
            opened = stz.local(row["opened"])
            if not 7 <= opened.hour < 20:      # logged when the seller's day starts
                opened = opened.replace(hour=r.randint(8, 10), minute=r.randint(0, 59)) + dt.timedelta(
                    days=1 if opened.hour >= 20 else 0)
            recs.append(dict(case=cid, row=row, spec=s, p=p, own=own, title=title, desc=desc, hours=hours, state=state,
                             email=self.email_of(p, row["opened"]), opened=opened))
        self.log_recs = recs
        if fmt == "servicenow":
            st = {"closed": "Closed Complete", "open": "New", "in_progress": "Work in Progress", "pending": "Awaiting Info"}
            path = d / "servicenow_cases_export.csv"
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow(["number", "short_description", "description", "opened_at", "opened_by", "caller_id",
                            "assignment_group", "time_worked", "state"])
                for x in recs:
                    sec = int(x["hours"] * 3600)
                    w.writerow([x["case"], x["title"], x["desc"], x["opened"].strftime("%Y-%m-%d %H:%M:%S"), x["own"].name,
                                x["p"].name if r.random() < 0.8 else x["email"], owners.get(x["own"].role, "Account Management"),
                                f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:00", st[x["state"]]])
        elif fmt == "zendesk":
            st = {"closed": "Solved", "open": "Open", "in_progress": "Open", "pending": "Pending"}
            via = {"email": "Mail", "phone": "Phone call (incoming)", "meeting": "Web form", "portal": "Web form"}
            path = d / "zendesk_tickets.csv"
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, quoting=csv.QUOTE_ALL)
                w.writerow(["Id", "Subject", "Description", "Requester", "Requester email", "Organization", "Created at",
                            "Group", "Assignee", "Status", "Via", "Time spent (minutes)", "Tags"])
                for x in recs:
                    o = x["opened"]
                    w.writerow([x["case"], x["title"], x["desc"], x["p"].name, x["email"], self.cust_name,
                                o.strftime("%Y-%m-%d %H:%M:%S ") + o.strftime("%z"), owners.get(x["own"].role, ""),
                                x["own"].name, st[x["state"]], via[x["row"]["channel"]], int(x["hours"] * 60),
                                " ".join(sorted({x["spec"]["topic"]} | set(t for t in x["spec"]["tags"] if t != "relayed")))])
        elif fmt == "semicolon":
            lang = self.L["lang"] if self.loc_code not in ("uk", "us") else "en"
            cols = {"fr": ["Réf. demande", "Date", "Demandeur", "E-mail", "Objet", "Détail", "Canal", "Charge (j)", "Responsable", "Statut"],
                    "es": ["Ref.", "Fecha", "Solicitante", "Correo", "Asunto", "Detalle", "Canal", "Esfuerzo (j)", "Responsable", "Estado"],
                    "pl": ["Nr zgłoszenia", "Data", "Zgłaszający", "E-mail", "Temat", "Opis", "Kanał", "Nakład (dni)", "Opiekun", "Status"],
                    "sv": ["Ärende", "Datum", "Beställare", "E-post", "Rubrik", "Beskrivning", "Kanal", "Insats (dagar)", "Ansvarig", "Status"],
                    "en": ["Request ID", "Date", "Requested by", "Email", "Subject", "Details", "Channel", "Effort (days)", "Owner", "Status"]}[lang]
            stl = {"fr": {"closed": "Clôturé", "open": "Ouvert", "in_progress": "En cours", "pending": "En attente"},
                   "es": {"closed": "Cerrado", "open": "Abierto", "in_progress": "En curso", "pending": "Pendiente"},
                   "pl": {"closed": "Zamknięte", "open": "Otwarte", "in_progress": "W toku", "pending": "Oczekuje"},
                   "sv": {"closed": "Stängt", "open": "Öppet", "in_progress": "Pågår", "pending": "Väntar"}}.get(
                lang, {"closed": "Closed", "open": "Open", "in_progress": "In progress", "pending": "Pending"})
            path = d / f"suivi_demandes_{slug(self.cust_short)}.csv" if lang == "fr" else d / f"requests_{slug(self.cust_short)}.csv"
            buf = io.StringIO()
            w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
            w.writerow(cols)
            for x in recs:
                o = x["opened"]
                days = f"{x['hours'] / 8:.2f}".rstrip("0").rstrip(".").replace(".", ",")
                w.writerow([x["case"], o.strftime("%d/%m/%Y %H:%M"), x["p"].name, x["email"], x["title"], x["desc"],
                            x["row"]["channel"], days, x["own"].name, stl[x["state"]]])
            path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
        else:
            path = d / f"{self.cust_short} account log.xlsx"
            self.write_xlsx(path, recs)
        self.log_path = str(path.relative_to(out))

    def write_xlsx(self, path: Path, recs):
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Summary"
        ws.append([f"{self.cust_name} - account requests"])
        ws.append([f"Prepared by {self.seller['csm'].name}, {self.seller_name}"])
        ws.append([])
        ws.append(["Month", "Cases", "Closed", "Effort (h)"])
        by = {}
        for x in recs:
            k = x["opened"].strftime("%Y-%m")
            a = by.setdefault(k, [0, 0, 0.0])
            a[0] += 1
            a[1] += x["state"] == "closed"
            a[2] += x["hours"]
        for k in sorted(by):
            ws.append([k] + by[k][:2] + [round(by[k][2], 2)])
        ws.append(["Total", len(recs), sum(v[1] for v in by.values()), round(sum(v[2] for v in by.values()), 2)])
        ws2 = wb.create_sheet("Cases")
        ws2.append(["Case #", "Logged", "Customer contact", "Contact e-mail", "Topic", "Notes", "Source", "Effort (h)",
                    "Owner", "Status"])
        for x in recs:
            ws2.append([x["case"], x["opened"].replace(tzinfo=None), x["p"].name, x["email"], x["title"], x["desc"],
                        {"email": "E-mail", "phone": "Phone", "meeting": "Meeting", "portal": "Portal"}[x["row"]["channel"]],
                        x["hours"], x["own"].name, x["state"].replace("_", " ").title()])
            ws2.cell(row=ws2.max_row, column=2).number_format = "dd/mm/yyyy hh:mm"
        fixed = dt.datetime(2000, 1, 1)
        wb.properties.created = fixed
        wb.properties.modified = fixed
        wb.properties.creator = self.seller["csm"].name
        buf = io.BytesIO()
        wb.save(buf)
        # re-zip with fixed timestamps so the file is byte-identical across runs
        zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
        outb = io.BytesIO()
        with zipfile.ZipFile(outb, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<", rb"<dcterms:\1\2>2000-01-01T00:00:00Z<", data)
                zi = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o600 << 16
                zout.writestr(zi, data)
        path.write_bytes(outb.getvalue())

    # ---------------------------------------------------------------- org chart
    def write_org_chart(self, out: Path):
        r = self.rng
        snap = self.period_point(0.55, 0.95)
        self.org_snapshot = snap
        rows = []
        for i, p in enumerate(self.cust):
            if p.joined and p.joined > snap:
                continue
            if p.role == "exec" and not self.exec_in_org_chart:
                continue
            mig = self.confounders.get("mail_migration")
            em = p.old_email if (mig and p.old_email and snap < mig["date"]) else p.email
            rows.append([f"E{10000 + i * 7}", p.name, em, p.title, self.dept_of(p, snap),
                         getattr(p, "manager", None).name if getattr(p, "manager", None) else "",
                         r.choice(self.L["cities"]) if r.random() < 0.3 else self.cust_city])
        with open(out / "org_chart.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["employee_id", "name", "email", "title", "department", "manager", "location"])
            w.writerows(rows)
        self.org_rows = rows

    # ---------------------------------------------------------------- answer key and truth
    def finalize(self, out: Path):
        self.plan_exports()
        self.choose_broken()
        self.write_exports(out)
        self.write_log(out)
        self.write_org_chart(out)
        unreadable = {b["message_id"] for b in self.broken_items if b["type"] in ("truncated", "undecodable_charset")}
        vis_msgs = [m for m in self.msgs if m.role == "vision"]
        vis_ids = [m.mid for m in vis_msgs if m.in_exports and m.mid not in unreadable]
        vis_dates = [m.date for m in vis_msgs if m.in_exports] + [x["row"]["opened"] for x in self.log_recs if x["spec"]["vision"]]
        onset = min(vis_dates).date().isoformat() if vis_dates and self.kind != "null" else None
        k = self.kind
        if k == "new_exec":
            src = {"name": self.exec.name, "email": self.exec.email, "department": self.exec.dept}
        elif k == "it_dept":
            src = {"name": f"IT department ({self.group})", "email": None, "department": self.group}
        elif k == "competitor":
            src = {"name": self.comp["name"], "email": None, "domain": self.comp["domain"], "department": None}
        else:
            src = None
        inputs = [e["root"] for e in self.exports] + [self.log_path]
        key = {"kind": k, "seller_domain": self.seller_domain, "source": src, "onset": onset,
               "vision_phrases": [i.canonical for i in self.ideas], "vision_message_ids": vis_ids,
               "products": list(self.comp["products"]) if self.comp else [], "inputs": inputs,
               "org_chart": "org_chart.csv"}
        (out / "answer_key.json").write_text(json.dumps(key, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

        def em(p, when):
            return self.email_of(p, when) if p.org == "cust" else p.email

        msgs = []
        for m in self.msgs:
            e = dict(message_id=m.mid, date=m.date.replace(tzinfo=dt.UTC).isoformat(), sender=m.sender_email,
                     sender_name=m.sender.name, to=m.to_emails, cc=m.cc_emails, subject=m.subject, role=m.role,
                     topic=m.topic, thread=m.thread, client=m.client, in_exports=m.in_exports, exports=m.exports)
            if m.role in ("vision", "request"):
                e["originator"] = m.originator.email if m.originator else m.sender.email
                e["originator_name"] = m.originator.name if m.originator else m.sender.name
                e["request_id"] = m.request_id
            if m.role == "vision":
                e["relay_mode"] = m.relay_mode
                e["vision_ideas"] = m.ideas
                e["surface_forms"] = getattr(m, "forms", [])
            elif m.role in ("source_intro", "source_memo", "source_event"):
                e["originator"] = m.originator.email if m.originator else None
            if m.request_id is not None and m.role not in ("vision", "request"):
                e["request_id"] = m.request_id
            if m.confounders:
                e["confounders"] = m.confounders
            if m.broken:
                e["broken"] = m.broken
            if m.mid in unreadable:
                e["unreadable"] = True
            if getattr(m, "local_language", False):
                e["local_language"] = True
            if m.attachments:
                e["attachments"] = m.attachments
            msgs.append(e)
        log = []
        for x in self.log_recs:
            s = x["spec"]
            log.append(dict(case=x["case"], vision=bool(s["vision"]), channel=x["row"]["channel"],
                            message_id=x["row"]["msg"].mid if x["row"]["msg"] else None,
                            requester=x["email"], originator=em(s["originator"], x["row"]["opened"]),
                            topic=s["topic"], relay_mode=s["mode"], opened=x["opened"].isoformat(),
                            confounders=[t for t in s["tags"]]))

        def pinfo(p):
            d = dict(name=p.name, email=p.email, title=p.title, department=p.dept, role=p.role, lang=p.lang,
                     client=p.client)
            if p.old_email:
                d["old_email"] = p.old_email
            if p.joined:
                d["joined"] = p.joined.date().isoformat()
            if p.tics:
                d["writing_tics"] = True
            return d

        conf = {}
        for c, v in self.confounders.items():
            conf[c] = {kk: (vv.date().isoformat() if isinstance(vv, dt.datetime) else
                            pinfo(vv) if isinstance(vv, Person) else vv) for kk, vv in v.items()}
        relay_mix = {}
        for m in vis_msgs:
            relay_mix[m.relay_mode] = relay_mix.get(m.relay_mode, 0) + 1
        n_requests = sum(1 for m in self.msgs if m.role in ("vision", "request")) + sum(
            1 for s in self.requests if s["channel"] != "email")
        truth = {
            "kind": k, "seed": self.seed, "difficulty": self.difficulty,
            "customer": dict(name=self.cust_name, legal_name=self.cust_legal, country=self.L["country"],
                             locale=self.loc_code, industry=self.industry, domain=self.cust_domain,
                             old_domain=getattr(self, "cust_domain_old", None)),
            "seller": dict(name=self.seller_name, domain=self.seller_domain, products=self.products, modules=self.modules,
                           team=[pinfo(p) for p in self.seller_people], site=self.seller_site[2]),
            "period": dict(start=self.start.date().isoformat(), end=self.end.date().isoformat(), months=self.months),
            "onset_planned": self.onset_plan.date().isoformat() if self.onset_plan else None,
            "source_members": [dict(name=p.name, email=p.email, title=p.title, **({"old_email": p.old_email} if p.old_email else {}))
                               for p in self.members],
            "source_details": ({"former_employer": self.former, "joined": self.exec.joined.date().isoformat(),
                                "in_org_chart": self.exec_in_org_chart} if k == "new_exec" else
                               {"group": self.group} if k == "it_dept" else
                               {"competitor": self.comp, "pitched_customer_people": [p.email for p in self.pitched]}
                               if k == "competitor" else None),
            "vision_ideas": [dict(canonical=i.canonical, forms=[f[0] for f in i.forms], paraphrase=i.para) for i in self.ideas],
            "relay_mix": relay_mix,
            "counts": dict(messages=len(self.msgs), messages_in_exports=sum(m.in_exports for m in self.msgs),
                           requests=n_requests, vision_requests_email=len(vis_msgs), vision_ids_in_key=len(vis_ids),
                           vision_log_only=sum(1 for s in self.requests if s["vision"] and s["channel"] != "email"),
                           log_rows=len(self.log_recs)),
            "confounders": conf,
            "exports": [dict(root=e["root"], layout=e["layout"], owner=e["owner"].email, messages=len(e["items"]))
                        for e in self.exports],
            "request_log_format": self.log_format,
            "broken_items": self.broken_items,
            "customer_people": [pinfo(p) for p in self.cust],
            "org_chart_snapshot": self.org_snapshot.date().isoformat(),
            "messages": msgs,
            "request_log": log,
        }
        (out / "truth_details.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return key


# ============================================================================ public entry points

def generate_account(kind: str, seed: int, out_dir, difficulty: str = "medium") -> dict:
    """Write one account's exports under out_dir and return the answer key.

    The key (also written to out_dir/answer_key.json) has: kind, seller_domain, source, onset,
    vision_phrases, vision_message_ids, products, inputs, org_chart.  out_dir/truth_details.json
    holds per-message and per-log-row truth plus people, confounders and broken items.
    """
    out = Path(out_dir)
    for name in ("mail", "logs", "org_chart.csv", "answer_key.json", "truth_details.json"):
        old = out / name      # only what a previous run of this generator wrote
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    a = Export(kind, int(seed), difficulty)
    a.setup()
    a.setup_source()
    a.setup_confounders()
    a.plan()
    a.source_traffic()
    a.confounder_traffic()
    a.build_threads()
    a.noise()
    return a.finalize(out)


# ============================================================================ self-check (standard library only)

def _read_log_ids(path: Path) -> list:
    if path.suffix == ".xlsx":
        import xml.etree.ElementTree as ET
        ns = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        z = zipfile.ZipFile(path)
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("s:si", ns):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["s"])))
        root = ET.fromstring(z.read("xl/worksheets/sheet2.xml"))
        ids = []
        for row in root.iter("{%s}row" % ns["s"]):
            for c in row.findall("s:c", ns):
                if re.match(r"A\d+$", c.get("r", "")):
                    v = c.find("s:v", ns)
                    if c.get("t") == "s" and v is not None:
                        ids.append(shared[int(v.text)])
                    elif c.get("t") == "inlineStr":
                        ids.append("".join(t.text or "" for t in c.iter("{%s}t" % ns["s"])))
                    elif v is not None:
                        ids.append(v.text)
        return ids[1:]
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    delim = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    return [r[0] for r in rows[1:] if r]


def _export_message_ids(root: Path) -> dict:
    """Message-ID -> count over every mail file under root (mbox, maildir, .eml)."""
    ids, n_mbox = {}, 0
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        raws = []
        if p.name == "mbox" or p.suffix == ".mbox":
            if p.stat().st_size == 0:
                continue
            box = mailbox.mbox(str(p), create=False)
            raws = [box.get_bytes(k) for k in box.keys()]
            if not raws:
                raise AssertionError(f"mbox without messages: {p}")
            n_mbox += 1
        elif p.suffix == ".eml" or p.parent.name in ("cur", "new"):
            raws = [p.read_bytes()] if p.stat().st_size else []
        for raw in raws:
            m = email.message_from_bytes(raw)
            mid = (m.get("Message-ID") or m.get("Message-Id") or "").strip()
            if mid:
                ids[mid] = ids.get(mid, 0) + 1
    return ids


def _tree_bytes(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_check() -> int:
    cases = [("new_exec", 1, "easy"), ("it_dept", 2, "medium"), ("competitor", 3, "hard"), ("null", 4, "medium"),
             ("new_exec", 5, "hard"), ("competitor", 6, "easy")]
    tmp = Path(tempfile.mkdtemp(prefix="g5check_"))
    bad = 0
    try:
        for kind, seed, diff in cases:
            errs = []
            a, b = tmp / f"{kind}_{diff}_{seed}_a", tmp / f"{kind}_{diff}_{seed}_b"
            import time
            t0 = time.perf_counter()
            key = generate_account(kind, seed, a, diff)
            secs = time.perf_counter() - t0
            generate_account(kind, seed, b, diff)
            ta, tb = _tree_bytes(a), _tree_bytes(b)
            if ta.keys() != tb.keys() or any(ta[k] != tb[k] for k in ta):
                diff_files = sorted(k for k in ta.keys() | tb.keys() if ta.get(k) != tb.get(k))
                errs.append(f"not deterministic: {diff_files[:5]}")
            if json.loads((a / "answer_key.json").read_text(encoding="utf-8")) != key:
                errs.append("answer_key.json differs from the returned key")
            truth = json.loads((a / "truth_details.json").read_text(encoding="utf-8"))
            for inp in key["inputs"] + [key["org_chart"]]:
                if not (a / inp).exists():
                    errs.append(f"missing input {inp}")
            try:
                ids = _export_message_ids(a / "mail")
            except Exception as ex:  # noqa: BLE001
                errs.append(f"mail parse failure: {ex!r}")
                ids = {}
            missing = [m for m in key["vision_message_ids"] if m not in ids]
            if missing:
                errs.append(f"{len(missing)} key vision ids not in exports")
            lost = [m["message_id"] for m in truth["messages"] if m["in_exports"] and m["message_id"] not in ids]
            if lost:
                errs.append(f"{len(lost)} exported messages not found")
            ghosts = [m["message_id"] for m in truth["messages"] if not m["in_exports"] and m["message_id"] in ids]
            if ghosts:
                errs.append(f"{len(ghosts)} unexported messages found in exports")
            roles = {m["message_id"]: m["role"] for m in truth["messages"]}
            if any(roles.get(m) != "vision" for m in key["vision_message_ids"]):
                errs.append("key lists a non-vision message")
            log_ids = set(_read_log_ids(a / [i for i in key["inputs"] if i.startswith("logs/")][0]))
            miss_rows = [r["case"] for r in truth["request_log"] if r["case"] not in log_ids]
            if miss_rows:
                errs.append(f"{len(miss_rows)} log cases missing from the log")
            if len(log_ids) != len(truth["request_log"]):
                errs.append("log row count differs from truth")
            if (kind == "null") != (key["source"] is None) or (kind == "null") != (key["onset"] is None):
                errs.append("source/onset inconsistent with kind")
            if kind != "null" and not (8 <= len(key["vision_phrases"]) <= 16):
                errs.append("vision phrase count out of range")
            c = truth["counts"]
            status = "ok" if not errs else "FAIL: " + "; ".join(errs)
            bad += bool(errs)
            print(f"{kind:10s} {diff:6s} seed={seed}: {c['messages']} messages ({len(ids)} distinct ids in exports), "
                  f"{c['requests']} requests, {len(key['vision_message_ids'])} vision ids, {c['log_rows']} log rows, "
                  f"{secs:.2f}s -> {status}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("CHECK PASSED" if not bad else f"CHECK FAILED ({bad} accounts)")
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", help="output folder; one sub-folder per account")
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    ap.add_argument("--seeds", nargs="+", type=int, default=[1])
    ap.add_argument("--difficulty", nargs="+", default=["medium"], choices=DIFFICULTIES)
    ap.add_argument("--check", action="store_true", help="generate a few accounts in a temp folder and verify them")
    a = ap.parse_args(argv)
    if a.check:
        return run_check()
    if not a.out:
        ap.error("OUT is required unless --check is given")
    for kind in a.kinds:
        for diff in a.difficulty:
            for seed in a.seeds:
                d = Path(a.out) / f"{kind}_{diff}_{seed}"
                key = generate_account(kind, seed, d, diff)
                tr = json.loads((d / "truth_details.json").read_text(encoding="utf-8"))
                print(f"{d}: {tr['counts']['messages']} messages, {tr['counts']['requests']} requests, "
                      f"{len(key['vision_message_ids'])} vision ids")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Sixth-hand accounts: e-mail and request-log exports of one B2B sales account.

A held-out test set for the request / vision analysis, written without reading
the package, its tests or the other generators in this folder (only
``evaluate_independent.py`` was read, to match its answer key).

What is simulated
-----------------
An invented vendor (own name, mail domain, products and modules) works one large
invented customer for 8-24 months. Customer staff send everyday requests (pricing
what-ifs, licence counts, five-year roadmaps, target architectures, security
questionnaires, integrations, training, SLAs, invoices, renewals, proofs of
concept, references, escalations, data exports, DPAs, SSO, usage reports); the
vendor's account executive, solutions engineer and customer-success manager
answer, chase and schedule; newsletters, out-of-office replies, calendar invites,
acceptances and internal notes fill the mailboxes. German, Dutch, Japanese,
Italian and English customers; staff write in their own language or in English,
the vendor mostly in English, so threads mix languages.

``kind`` says what, if anything, stands behind a set of recurring ideas:

``new_exec``
    a new executive (sometimes announced) brings a vision from a previous company;
    from the onset its ideas ride on otherwise unrelated asks, mostly through other
    customer people (the primary contact above all). The executive may write in a
    second language, coin a programme name, introduce acronyms once and reuse them,
    and hold meetings (calendar invites) that are followed by bursts of asks.
``it_dept``
    a named IT group (architecture office, platform team, ...) sets standards; its
    members write directly, and others relay "our architecture office wants ...".
``competitor``
    a competitor's people pitch customer staff; the vendor sees forwarded pitches
    (the competitor's address in the forwarded header block), decks attached under
    the product's name, pasted slides, product names and rephrasings.
``null``
    no hidden source, but several confounders that look like one: a company
    programme name everyone starts using, a reorganisation, a tender's burst of
    numbered clarification questions from procurement and an outside adviser, a new
    hire who asks a lot, a budget season, an incident storm, the vendor's own
    product launch, a writer with strong verbal tics, a mail-domain migration, a
    merger that brings colleagues with another domain and their own jargon.

The vision is 8-16 ideas drawn from word pools invented for this file (metrics and
targets among them), each written in a canonical form and in two or three
rephrasings. It travels as: the source writing directly, an inline forward with the
source's header block (Outlook header blocks in five languages, Gmail forwards), a
forward *as attachment* (``message/rfc822``, sometimes nested two deep), a quoted
reply that adds the vendor to an internal thread, an internal thread forwarded weeks
later, a pasted paragraph, "X asked me to ...", the source in Cc, an attachment named
after the programme or the competitor's product, and the messenger's own words.
Difficulty shifts that mix: ``hard`` is mostly rephrased and pasted, with few names.

How the exports differ
----------------------
Each account has two or three mailbox exports of the vendor's people (messages in
more than one of them appear in each), chosen per seed from:

- mboxrd (``>From `` escaping of every ``>*From `` line) and mboxcl2 (``Content-Length:``
  headers, bodies not escaped, so a body line starting "From " is *not* a separator);
- a Thunderbird profile folder (``<profile>/Mail/Local Folders/Inbox``, ``Sent``,
  ``Customers.sbd/<customer>``, Mork ``.msf`` index files beside each mbox,
  ``X-Mozilla-Status`` headers, ``prefs.js``);
- ``.eml`` folders saved by Outlook on the web or Windows Mail: CRLF line ends, some
  with a UTF-8 byte-order mark, most named after their subject;
- an Exchange journal export (``.eml`` files or an mbox) whose every message is a
  journal report with the original attached as ``message/rfc822``.

Bodies are plain, HTML-only (tables for price and licence scenarios) or
multipart/alternative, in UTF-8, ISO-8859-1, windows-1252 or ISO-2022-JP, 7bit,
8bit, quoted-printable or base64; replies are top-posted under Outlook header blocks,
bottom-posted, or answered inline between quoted lines; "On <date>, <name> wrote:"
comes in five languages; signatures carry phone lines ("Von meinem iPhone
gesendet", "iPhoneから送信") and legal disclaimers.

The request log, one format per seed: a SharePoint list CSV export, an Asana-style
CSV with sections and subtasks, a Smartsheet-style ``.xlsx`` (title block, a
hierarchy level column, outline levels) or a tab-separated RFI tracker with a
comment line on top. Some rows repeat e-mailed asks, others were taken in meetings
or on the phone; effort in hours or as "2d 3h". ``org_chart.csv`` lists the
customer's people as of a snapshot date, so it may be stale.

Broken on purpose (never a vision request, except that a duplicate may be one): an
empty ``.eml``, a binary file with an ``.eml`` name, a message with an unknown
charset label, a truncated message, a duplicated message, a malformed Date header.

The answer key
--------------
``generate_account(kind, seed, out_dir, difficulty)`` writes the account and returns
the key (also ``answer_key.json``): ``kind``, ``seller_domain``, ``source``,
``onset`` (date of the first vision request, ``None`` for null), ``vision_phrases``
(canonical forms), ``vision_message_ids`` (Message-IDs with angle brackets of the
customer's vision requests that are in the exports and readable), ``products``
(the competitor's), ``inputs`` (export roots and the log, relative to ``out_dir``)
and ``org_chart``. ``truth_details.json`` adds ``source_members``, every message
(role ``request`` / ``vision`` / ``vision_followup`` / ``followup`` / ``reply`` /
``other`` / ``embedded``, originator, relay mode, the exports it is in), the log rows (``case``
as written in the log, ``vision``, ``same_as``), people, confounders, broken items,
exports and journal wrappers. Everything comes from one ``random.Random`` seeded by a
hash of ``"kind|seed|difficulty"``; no clock is read.

Usage::

    python benchmarks/sixth_hand_accounts.py OUT --kinds new_exec null --seeds 1 2 \
        --difficulty hard
    python benchmarks/sixth_hand_accounts.py --check
"""

from __future__ import annotations

import argparse
import base64
import csv
import email
import email.policy
import hashlib
import html
import io
import json
import mailbox
import quopri
import random
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.header import Header
from email.utils import format_datetime, formataddr, parsedate_to_datetime
from pathlib import Path
from xml.etree import ElementTree

KINDS = ("new_exec", "it_dept", "competitor", "null")
DIFFICULTIES = ("easy", "medium", "hard")
MANIFEST = ".sixth_hand_manifest.json"
ZIP_TIME = (2001, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------- companies

SELLERS = [
    {"name": "Norrbeck Software", "short": "Norrbeck", "domain": "norrbeck.io", "dial": "+46",
     "zone": "EU_C",
     "products": ["Norrbeck Stream", "Norrbeck Vault", "Tally Console"],
     "modules": ["Stream Core", "Vault Archive", "Tally Reports", "Stream Connect"],
     "launch": "Norrbeck Tern",
     "features": ["bulk re-routing", "archive holds", "report bursting"]},
    {"name": "Ashgrove Systems", "short": "Ashgrove", "domain": "ashgrove-systems.com",
     "dial": "+44",
     "zone": "EU_W", "products": ["Ashgrove Core", "Ashgrove Relay", "Pilotline"],
     "modules": ["Core Scheduler", "Relay Gateway", "Pilotline Analytics", "Core Mobile"],
     "launch": "Ashgrove Kestrel",
     "features": ["shift swapping", "gateway failover", "cohort views"]},
    {"name": "Quaymark", "short": "Quaymark", "domain": "quaymark.com", "dial": "+1",
     "zone": "US_E",
     "products": ["Quaymark Suite", "Quaymark Sense", "Docket"],
     "modules": ["Suite Planner", "Sense Monitor", "Docket Forms", "Suite Billing"],
     "launch": "Quaymark Drift", "features": ["form versioning", "usage alerts", "plan templates"]},
    {"name": "Bellhaven Labs", "short": "Bellhaven", "domain": "bellhavenlabs.com", "dial": "+44",
     "zone": "EU_W",
     "products": ["Bellhaven Orchestrate", "Beaconboard", "Ledgerlight"],
     "modules": ["Orchestrate Flows", "Beaconboard Alerts", "Ledgerlight Billing",
                 "Orchestrate API"],
     "launch": "Bellhaven Sable", "features": ["flow branching", "alert routing", "split billing"]},
    {"name": "Tarrow & Finch", "short": "Tarrow & Finch", "domain": "tarrowfinch.com",
     "dial": "+49",
     "zone": "EU_C", "products": ["Finch Platform", "Finch Insight", "Perchpoint"],
     "modules": ["Platform Workspace", "Insight Studio", "Perchpoint Mobile",
                 "Platform Integrations"],
     "launch": "Finch Wren",
     "features": ["workspace cloning", "scheduled insights", "offline sync"]},
]

CUSTOMERS = [
    {"name": "Kaltenbach Logistik AG", "short": "Kaltenbach", "domain": "kaltenbach-logistik.de",
     "new_domain": "kaltenbach.group", "lang": "de", "zone": "EU_C", "google": False,
     "sites": ["Bremen", "Duisburg", "Leipzig", "Nürnberg"],
     "systems": ["SAP S/4HANA", "the warehouse system LVS-3", "ServiceNow"],
     "legal": "Sitz der Gesellschaft: Bremen · Registergericht: Amtsgericht Bremen HRB 20417"},
    {"name": "Brenner Stahlwerke GmbH", "short": "Brenner", "domain": "brenner-stahl.de",
     "new_domain": "brenner-group.com", "lang": "de", "zone": "EU_C", "google": True,
     "sites": ["Siegen", "Salzgitter", "Linz", "Hagen"],
     "systems": ["SAP ECC", "the MES", "Workday"],
     "legal": "Sitz: Siegen · Amtsgericht Siegen HRB 7731 · Geschäftsführung: K. Brenner, M. Roth"},
    {"name": "Van Heerden Groep", "short": "Van Heerden", "domain": "vanheerden.nl",
     "new_domain": "vhgroep.com", "lang": "nl", "zone": "EU_C", "google": False,
     "sites": ["Rotterdam", "Tilburg", "Zwolle", "Antwerpen"],
     "systems": ["Exact Globe", "TOPdesk", "AFAS"], "legal": "KvK 24318875"},
    {"name": "Zuidkamp Energie B.V.", "short": "Zuidkamp", "domain": "zuidkamp-energie.nl",
     "new_domain": "zuidkamp.eu", "lang": "nl", "zone": "EU_C", "google": True,
     "sites": ["Eindhoven", "Breda", "Arnhem"],
     "systems": ["Microsoft Dynamics", "the metering platform", "Salesforce"],
     "legal": "KvK 17092261"},
    {"name": "Kisaragi Seiki K.K.", "short": "Kisaragi", "domain": "kisaragi-seiki.co.jp",
     "new_domain": "kisaragi.jp", "lang": "ja", "zone": "JP", "google": False,
     "name_ja": "如月精機株式会社", "sites": ["Nagoya", "Hamamatsu", "Osaka"],
     "systems": ["SAP ECC", "the production scheduler", "Salesforce"], "legal": ""},
    {"name": "Asanagi Logistics Co., Ltd.", "short": "Asanagi", "domain": "asanagi-logi.co.jp",
     "new_domain": "asanagi.jp", "lang": "ja", "zone": "JP", "google": True,
     "name_ja": "朝凪ロジスティクス株式会社", "sites": ["Yokohama", "Kobe", "Sendai"],
     "systems": ["Oracle EBS", "the WMS", "kintone"], "legal": ""},
    {"name": "Ferratini S.p.A.", "short": "Ferratini", "domain": "ferratini.it",
     "new_domain": "ferratinigroup.com", "lang": "it", "zone": "EU_C", "google": False,
     "sites": ["Brescia", "Bergamo", "Verona", "Modena"],
     "systems": ["SAP Business One", "the MES", "Zucchetti HR"],
     "legal": "Ferratini S.p.A. – P.IVA 02817450981 – Cap. Soc. € 4.000.000 i.v."},
    {"name": "Consorzio Valdara", "short": "Valdara", "domain": "valdara.it",
     "new_domain": "valdara.eu", "lang": "it", "zone": "EU_C", "google": True,
     "sites": ["Parma", "Cremona", "Piacenza"],
     "systems": ["TeamSystem", "the traceability platform", "Salesforce"],
     "legal": "Consorzio Valdara – C.F. 01944370345"},
    {"name": "Marlow & Pike Insurance", "short": "Marlow & Pike", "domain": "marlowpike.co.uk",
     "new_domain": "marlowpike.com", "lang": "en", "zone": "EU_W", "google": False,
     "sites": ["Leeds", "Bristol", "Glasgow", "Norwich"],
     "systems": ["Guidewire", "Workday", "ServiceNow"],
     "legal": "Marlow & Pike Insurance Ltd is registered in England and Wales, No. 04417723."},
    {"name": "Eastfield Health Partners", "short": "Eastfield", "domain": "eastfieldhealth.org",
     "new_domain": "eastfield.health", "lang": "en", "zone": "US_E", "google": True,
     "sites": ["Hartford", "Albany", "Providence"],
     "systems": ["Epic", "Workday", "the data warehouse"], "legal": ""},
]

COMPETITORS = [
    {"name": "Corvalis Systems", "domain": "corvalis.io",
     "products": ["Corvalis Flowbase", "Pulsegrid", "Corvalis Atlasview"]},
    {"name": "Heronbridge", "domain": "heronbridge.com",
     "products": ["Heronbridge Cortex", "Wayline", "Keelhaul Analytics"]},
    {"name": "Stratavane", "domain": "stratavane.eu",
     "products": ["Vane Platform", "Vane Insight", "Crossfield"]},
    {"name": "Brightmoor Technologies", "domain": "brightmoor.tech",
     "products": ["Moorline", "Brightmoor Canvas", "Stilewell"]},
    {"name": "Ostrander Cloud", "domain": "ostrandercloud.com",
     "products": ["Ostrander Hub", "Tidemark Sync", "Ostrander Lens"]},
]

IT_GROUPS = [
    ("Enterprise Architecture Office", ["sovereign", "commons"],
     ["Head of Enterprise Architecture", "Enterprise Architect", "Domain Architect, Data",
      "Solution Architect", "Architecture Governance Lead"]),
    ("Platform Engineering", ["steady", "green"],
     ["Head of Platform Engineering", "Platform Engineer", "Site Reliability Lead",
      "Cloud Engineer", "Platform Product Owner"]),
    ("Digital Workplace Services", ["frontline", "steady"],
     ["Head of Digital Workplace", "Workplace Architect", "Endpoint Lead",
      "Collaboration Engineer", "Service Owner Mobility"]),
    ("Group IT Strategy & Governance", ["ledger", "sovereign"],
     ["Director IT Strategy", "IT Portfolio Manager", "Vendor Governance Lead",
      "IT Controller", "Strategy Analyst"]),
    ("Cloud Centre of Excellence", ["green", "steady", "sovereign"],
     ["Cloud CoE Lead", "Cloud Architect", "FinOps Analyst", "Cloud Security Engineer",
      "Landing Zone Engineer"]),
]

EXEC_ROLES = [
    ("Chief Operating Officer", "Executive Board", ["frontline", "steady"]),
    ("Chief Digital Officer", "Digital & Transformation", ["commons", "frontline"]),
    ("Chief Financial Officer", "Finance", ["ledger"]),
    ("Chief Information Officer", "Group IT", ["sovereign", "green", "steady"]),
    ("Managing Director, Operations", "Operations", ["frontline", "green"]),
    ("Chief Sustainability Officer", "Sustainability", ["green"]),
]

SOURCE_PROGRAMMES = ["Tidewater", "Keystone 27", "Lantern", "Bridgehead", "Compass North",
                     "Foundry Line", "Headwind", "Saltmarsh"]
COMPANY_PROGRAMMES = ["Fit for 2030", "Momentum 26", "Horizon Shift", "Growth Engine",
                      "Pulse 25", "Clear Path"]
CONSULTANCIES = [("Pellwood Advisory", "pellwood-advisory.com"),
                 ("Granger & Moss Consulting", "grangermoss.com"),
                 ("Altwater Partners", "altwater-partners.de")]
ACQUISITIONS = [("Hallberg Transport", "hallberg-transport.se", "en",
                 ["Hallberg's TMS", "the Atlas portal"]),
                ("Pieve Meccanica", "pievemeccanica.it", "it",
                 ["the Gestio ERP", "their shop-floor kiosks"]),
                ("Dunrose Ltd", "dunrose.co.uk", "en", ["the Dunrose CRM", "their Lotus archive"]),
                ("Rijnmond Parts", "rijnmondparts.nl", "nl",
                 ["the Parts360 system", "their own SSO"])]
TIC_SETS = [["to close the loop", "per my last mail", "pls revert at the earliest"],
            ["just to be crystal clear", "on a going-forward basis", "happy to discuss offline"],
            ["as flagged before", "quick one:", "thanks in advance for your kind support"],
            ["bottom line:", "for avoidance of doubt", "appreciate a swift turnaround"]]

# --------------------------------------------------------------------------- the ideas
# Each idea: canonical form, then rephrasings. Invented for this file.

THEMES = {
    "steady": [
        ("self-mending runbooks", ["runbooks that mend themselves", "self-repairing runbooks"]),
        ("pager-free weekends", ["weekends without pager duty", "no weekend paging"]),
        ("drift budgets", ["a budget for configuration drift", "drift allowance per team"]),
        ("two-minute rollback", ["rollback inside two minutes", "rolling back in under 2 minutes"]),
        ("blast-radius ceilings", ["a ceiling on blast radius", "capped blast radius"]),
        ("telemetry before features", ["telemetry ahead of features",
                                       "instrument first, build second"]),
        ("quiet dashboards", ["dashboards that stay quiet unless it matters",
                              "silent-by-default dashboards"]),
        ("one change per window", ["single-change windows", "only one change in each window"]),
        ("failure rehearsal days", ["rehearsing failures every month", "monthly failure drills"]),
        ("recovery-time ledger", ["a ledger of recovery times", "logging every recovery time"]),
        ("owner on every alert", ["every alert has a named owner", "alerts with named owners"]),
        ("toil ceiling of 20 percent",
         ["toil capped at 20%", "no more than a fifth of time on toil"]),
        ("steady-state scorecard", ["a scorecard for steady state", "steady-state score"]),
        ("30 percent capacity headroom", ["thirty percent headroom", "keeping 30% headroom"]),
        ("four-eyes automation", ["automation with a second pair of eyes",
                                  "automated four-eyes checks"]),
    ],
    "commons": [
        ("data shelves", ["shelved data products", "putting data on the shelf"]),
        ("owner of record for every table", ["every table gets an owner of record",
                                             "named table owners"]),
        ("consumption ledger", ["a ledger of data consumption", "who-used-what ledger"]),
        ("freshness promises", ["promised freshness per feed", "freshness guarantees"]),
        ("schema handshakes", ["a handshake on schema changes", "schema-change handshake"]),
        ("one-hop lineage", ["lineage one hop back", "single-hop lineage"]),
        ("query cost tags", ["tagging the cost of queries", "cost tags on queries"]),
        ("retire-by dates", ["a retire-by date on every dataset", "dataset expiry dates"]),
        ("shared metric dictionary", ["a common dictionary of metrics", "one metric dictionary"]),
        ("90-day data exit", ["leaving with our data within 90 days", "data exit in ninety days"]),
        ("sandbox to shelf in a week", ["from sandbox to shelf within a week",
                                        "one-week promotion to the shelf"]),
        ("privacy by column", ["column-level privacy", "privacy rules per column"]),
        ("no orphan reports", ["zero orphan reports", "removing reports without owners"]),
        ("reuse before rebuild", ["reusing before rebuilding", "rebuild only after a reuse check"]),
    ],
    "frontline": [
        ("two-tap approvals", ["approvals in two taps", "approve with two taps"]),
        ("field-editable workflows", ["workflows the field can edit",
                                      "workflows editable by field staff"]),
        ("offline-first forms", ["forms that work offline first", "offline-capable forms"]),
        ("shift-start briefings", ["a briefing at the start of every shift",
                                   "start-of-shift briefing"]),
        ("thumb-zone design", ["designing for the thumb zone", "thumb-reachable screens"]),
        ("one screen per task", ["a single screen for each task", "one task, one screen"]),
        ("48-hour feedback loop", ["answering field feedback within 48 hours",
                                   "feedback closed in two days"]),
        ("badge-tap sign-in", ["signing in by tapping a badge", "badge sign-on"]),
        ("glove-friendly interfaces", ["interfaces usable with gloves on", "glove-proof screens"]),
        ("supervisor-light operations", ["operations with fewer supervisors",
                                         "light-touch supervision"]),
        ("training under ten minutes", ["ten-minute training",
                                        "training that takes less than 10 minutes"]),
        ("local language everywhere", ["every screen in the local language",
                                       "all screens in local language"]),
        ("zero paper at the dock", ["a paperless dock", "no paper on the dock"]),
        ("floor-level metrics", ["metrics at floor level", "metrics per floor team"]),
    ],
    "sovereign": [
        ("keys kept at home", ["keeping our keys in-house", "customer-held keys"]),
        ("region-locked tenancy", ["tenancy locked to our region", "tenants pinned to the region"]),
        ("six-month exit drill", ["an exit rehearsal every six months",
                                  "rehearsing the exit twice a year"]),
        ("open formats only", ["only open file formats", "no proprietary formats"]),
        ("portable workloads", ["workloads we can move", "workload portability"]),
        ("audit on demand", ["audits whenever we ask", "on-demand audit rights"]),
        ("code escrow for every supplier", ["source code in escrow", "escrow of supplier code"]),
        ("second-source rule", ["always having a second source", "dual-sourcing rule"]),
        ("residency map", ["a map of where every byte resides", "data residency map"]),
        ("sovereignty scorecard", ["scoring suppliers on sovereignty", "sovereignty score"]),
        ("no silent subprocessors", ["no subprocessors without notice",
                                     "announced subprocessors only"]),
        ("support in our own hours", ["support during our local hours", "in-region support hours"]),
        ("kill-switch clause", ["a contractual kill switch", "kill switch in the contract"]),
        ("twelve-hour key rotation", ["rotating keys every 12 hours", "key rotation twice a day"]),
    ],
    "ledger": [
        ("cost per outcome", ["costing by outcome", "price per outcome delivered"]),
        ("usage floors instead of commitments", ["a usage floor rather than a commit",
                                                 "floor-based usage pricing"]),
        ("monthly true-down", ["truing down every month", "a monthly downward true-up"]),
        ("shelfware sweep", ["sweeping out shelfware", "removing unused licences each quarter"]),
        ("one invoice per region", ["a single invoice for each region",
                                    "regional invoice consolidation"]),
        ("three-year price lock", ["locking prices for three years", "price lock for 36 months"]),
        ("quarterly value review", ["reviewing value every quarter", "value reviews each quarter"]),
        ("spend-to-value ratio", ["ratio of spend to value", "spend versus value ratio"]),
        ("licence pooling across subsidiaries", ["pooled licences across our subsidiaries",
                                                 "sharing licences between subsidiaries"]),
        ("pay-as-adopted", ["paying as we adopt", "adoption-paced payments"]),
        ("credits for missed milestones", ["milestone credits",
                                           "service credits when milestones slip"]),
        ("zero-surprise renewals", ["renewals without surprises", "no-surprise renewal"]),
        ("budget owner per module",
         ["a budget owner for every module", "module-level budget owners"]),
        ("cost visibility by team", ["team-level cost visibility", "costs shown per team"]),
    ],
    "green": [
        ("carbon-aware batch windows", ["running batch when the grid is green",
                                        "batch scheduled by carbon intensity"]),
        ("watts per transaction", ["energy per transaction", "power-per-transaction metric"]),
        ("nightly idle sweep",
         ["an idle sweep every night", "switching off idle capacity overnight"]),
        ("repair before replace", ["repairing before replacing", "repair-first hardware policy"]),
        ("emissions line on every invoice", ["emissions figures on invoices",
                                             "a carbon line per invoice"]),
        ("cold storage by default", ["defaulting to cold storage", "cold tier first"]),
        ("half the footprint by 2030",
         ["halving our footprint by 2030", "50% footprint cut by 2030"]),
        ("supplier climate pledge", ["a climate pledge from suppliers",
                                     "suppliers signing our climate pledge"]),
        ("server heat reuse", ["reusing server heat", "waste-heat reuse"]),
        ("quarterly right-sizing", ["right-sizing every quarter", "right-size each quarter"]),
        ("low-carbon regions only", ["hosting only in low-carbon regions",
                                     "low-carbon hosting regions"]),
        ("green change board", ["a carbon check in the change board", "green review for changes"]),
        ("scope-3 data feed", ["feeding our scope 3 data", "scope 3 reporting feed"]),
        ("six-year device life", ["keeping devices for six years", "device lifetime of six years"]),
    ],
}

# --------------------------------------------------------------------------- people

FIRST = {
    "de": ["Anna", "Jonas", "Katrin", "Markus", "Sabine", "Tobias", "Lena", "Felix", "Miriam",
           "Stefan", "Ute", "Henrik", "Carola", "Dirk", "Jana", "Matthias", "Petra", "Florian",
           "Bettina", "Ralf", "Svenja", "Nils", "Heike", "Jörg", "Gudrun", "Björn"],
    "nl": ["Sanne", "Joost", "Femke", "Bram", "Lieke", "Ruud", "Marloes", "Thijs", "Ilse",
           "Wouter", "Anouk", "Maarten", "Esther", "Pieter", "Roos", "Jeroen", "Mirjam", "Sjoerd",
           "Karin", "Gijs", "Eline", "Daan"],
    "it": ["Giulia", "Marco", "Chiara", "Luca", "Francesca", "Alessandro", "Elena", "Matteo",
           "Silvia", "Davide", "Valentina", "Stefano", "Federica", "Paolo", "Sara", "Andrea",
           "Martina", "Simone", "Niccolò", "Ilaria"],
    "en": ["Olivia", "James", "Priya", "Daniel", "Hannah", "Marcus", "Fiona", "Tom", "Grace",
           "Ravi", "Emily", "Owen", "Chloe", "Sam", "Nadia", "Ben", "Laura", "Adam", "Megan",
           "Colin", "Aisha", "Rory"],
    "ja": [("浩", "Hiroshi"), ("直子", "Naoko"), ("健太", "Kenta"), ("美咲", "Misaki"),
           ("大輔", "Daisuke"), ("由美", "Yumi"), ("翔", "Sho"), ("恵", "Megumi"),
           ("拓也", "Takuya"), ("彩", "Aya"), ("誠", "Makoto"), ("智子", "Tomoko"), ("亮", "Ryo"),
           ("千尋", "Chihiro")],
}
LAST = {
    "de": ["Hartmann", "Vogt", "Brückner", "Lindemann", "Kessler", "Albrecht", "Wendt", "Reuter",
           "Scholz", "Ebert", "Pohl", "Winkler", "Seidel", "Franke", "Engel", "Haas", "Busch",
           "Kühn", "Lorenz", "Brandt", "Sauer", "Krämer", "Jäger", "Otto", "Gröning", "Teufel"],
    "nl": ["de Vries", "Bakker", "Visser", "Smit", "Meijer", "van Dijk", "Mulder", "de Groot",
           "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
           "Dijkstra", "Kramer", "van der Linden", "Prins", "Verhoeven", "Kuipers"],
    "it": ["Rossi", "Bianchi", "Ferrari", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
           "Conti", "De Luca", "Costa", "Giordano", "Mancini", "Rizzo", "Lombardi", "Moretti",
           "Barbieri", "Fontana", "Caruso"],
    "en": ["Whitfield", "Harrington", "Okafor", "Patel", "Morrison", "Ellis", "Chandler",
           "Fairbairn", "Nguyen", "Brookes", "Lowe", "Sutherland", "Reid", "Ashworth", "Kaur",
           "Doyle", "Pemberton", "Walsh", "Quinn", "Holloway", "Mensah", "Garside"],
    "ja": [("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka"),
           ("伊藤", "Ito"), ("渡辺", "Watanabe"), ("山本", "Yamamoto"), ("中村", "Nakamura"),
           ("小林", "Kobayashi"), ("加藤", "Kato"), ("吉田", "Yoshida"), ("山田", "Yamada"),
           ("松本", "Matsumoto"), ("井上", "Inoue"), ("木村", "Kimura"), ("清水", "Shimizu")],
}
# the vendor's people come from everywhere
SELLER_FIRST = ["Elin", "Mats", "Rachel", "Joel", "Nora", "Tariq", "Ingrid", "Kieran", "Lucia",
                "Pavel", "Maren", "Oscar", "Yasmin", "Henrik", "Clara", "Dev"]
SELLER_LAST = ["Lindqvist", "Achterberg", "Novak", "Brennan", "Sørlie", "Haddad", "Castell",
               "Farrow", "Ekdahl", "Moreau", "Kowalczyk", "Tanner", "Rahman", "Lund", "Vidal"]

DEPARTMENTS = {
    "Procurement": ["Head of Procurement", "Category Manager IT", "Strategic Buyer",
                    "Procurement Analyst"],
    "Finance": ["Finance Director", "Controller", "Accounts Payable Specialist", "FP&A Analyst"],
    "Business Applications": ["Head of Business Applications", "Application Manager",
                              "Solution Owner", "Business Analyst"],
    "Information Security": ["CISO", "Security Analyst", "Security Architect"],
    "Legal": ["Legal Counsel", "Contract Manager"],
    "Operations": ["Operations Director", "Site Manager", "Process Lead", "Operations Analyst"],
    "HR": ["HR Business Partner", "Learning & Development Lead"],
    "Customer Service": ["Head of Customer Service", "Service Desk Team Lead"],
    "IT Infrastructure": ["Infrastructure Manager", "System Engineer", "Network Engineer"],
}
DEPT_TOPICS = {
    "Procurement": ["pricing", "licences", "renewal", "invoice", "reference", "compliance"],
    "Finance": ["invoice", "pricing", "renewal", "reporting", "licences"],
    "Business Applications": ["architecture", "integration", "access", "roadmap", "sla", "poc",
                              "data_export", "licences", "reporting", "escalation"],
    "Information Security": ["security_q", "compliance", "access", "sla"],
    "Legal": ["compliance", "renewal", "security_q"],
    "Operations": ["training", "escalation", "reporting", "poc", "roadmap", "sla"],
    "HR": ["training", "access", "licences"],
    "Customer Service": ["escalation", "training", "sla", "reporting"],
    "IT Infrastructure": ["architecture", "integration", "access", "escalation", "data_export",
                          "security_q"],
}
ALL_TOPICS = ["pricing", "licences", "roadmap", "architecture", "security_q", "integration",
              "training", "sla", "invoice", "renewal", "poc", "reference", "escalation",
              "data_export", "compliance", "access", "reporting"]

# --------------------------------------------------------------------------- calendars

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "ja": ["月", "火", "水", "木", "金", "土", "日"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "ja": [f"{i}月" for i in range(1, 13)],
}

# --------------------------------------------------------------------------- everyday asks
# topic -> language -> (subjects, bodies); slots are filled from Account._slots()

ASKS = {
    "pricing": {
        "en": (["Pricing what-if for {n} more users", "Quick pricing question – {mod}",
                "What would {n} extra seats cost?", "Price scenario for {yr}"],
               ["Could you run a what-if for us: what would the annual fee look like if we added "
                "{n} users on {mod} from {q}?",
                "Finance asked me for two scenarios – staying at the current {n2} seats versus "
                "adding {n}. Can you put both side by side, including the discount tier?",
                "If we moved {site} onto {prod} next year, roughly what would that add to the "
                "subscription? A range is fine for now."]),
        "de": (["Preisanfrage: {n} zusätzliche Nutzer", "Kostenschätzung {mod}"],
               ["Könnten Sie uns bitte ein Szenario rechnen: was kostet es jährlich, wenn wir ab "
                "{q} {n} weitere Nutzer für {mod} hinzunehmen?",
                "Der Einkauf braucht zwei Varianten – bei {n2} Lizenzen bleiben oder auf {n} "
                "erhöhen. Können Sie beides gegenüberstellen?"]),
        "nl": (["Prijsvraag: {n} extra gebruikers", "Kostenindicatie {mod}"],
               ["Kunnen jullie een scenario doorrekenen: wat kost het per jaar als we vanaf {q} "
                "{n} gebruikers op {mod} toevoegen?"]),
        "it": (["Richiesta prezzi: {n} utenti in più", "Stima costi {mod}"],
               ["Potreste simulare uno scenario: quanto costerebbe all'anno aggiungere {n} utenti "
                "su {mod} a partire da {q}?"]),
        "ja": (["{n}ユーザー追加時の見積もりについて"],
               ["{q}から{mod}に{n}ユーザーを追加した場合の"
                "年間費用を試算していただけますでしょうか。"]),
    },
    "licences": {
        "en": (["Licence count check", "How many {mod} licences do we actually have?",
                "Licence true-up question"],
               ["Can you confirm how many named licences we hold for {mod} today and how many are "
                "assigned? Our internal count says {n2}.",
                "We seem to be short of licences at {site}. Could you check whether {n} more can "
                "be released from the pool?",
                "Before the true-up, please send the licence usage per business unit for the last "
                "{n3} months."]),
        "de": (["Lizenzbestand {mod}"],
               ["Können Sie bitte bestätigen, wie viele Named-User-Lizenzen wir für {mod} aktuell "
                "haben? Unsere Zählung ergibt {n2}."]),
        "nl": (["Aantal licenties {mod}"],
               ["Kunnen jullie bevestigen hoeveel licenties we voor {mod} hebben en hoeveel er "
                "zijn toegewezen? Wij tellen er {n2}."]),
        "it": (["Numero licenze {mod}"],
               ["Potete confermarci quante licenze {mod} abbiamo oggi e quante sono assegnate? A "
                "noi risultano {n2}."]),
        "ja": (["{mod}のライセンス数の確認"],
               ["現在保有している{mod}のライセンス数と割り当て済みの数をご確認いただけますか。"
                "当社の集計では{n2}です。"]),
    },
    "roadmap": {
        "en": (["Roadmap question – {mod}", "Five-year roadmap",
                "What is planned for {prod} in {yr}?"],
               ["Could you share what is on the roadmap for {mod} over the next five years? We are "
                "planning our own landscape until {yr5}.",
                "Is there a date for {feature} yet? It matters for our planning for {yr}.",
                "Our steering group wants to understand where {prod} is heading. Could you walk us "
                "through the roadmap in the next call?"]),
        "de": (["Roadmap {prod}"],
               ["Könnten Sie uns die Roadmap für {mod} für die nächsten fünf Jahre vorstellen? Wir "
                "planen unsere Landschaft bis {yr5}."]),
        "nl": (["Roadmap {prod}"],
               ["Kunnen jullie de roadmap van {mod} voor de komende vijf jaar delen? We plannen "
                "ons landschap tot {yr5}."]),
        "it": (["Roadmap {prod}"],
               ["Potreste condividere la roadmap di {mod} per i prossimi cinque anni? Stiamo "
                "pianificando fino al {yr5}."]),
        "ja": (["{prod}のロードマップについて"],
               ["今後5年間の{mod}のロードマップを共有いただけますでしょうか。"
                "当社は{yr5}年までの計画を策定中です。"]),
    },
    "architecture": {
        "en": (["Architecture proposal for {site}", "Target architecture – review",
                "Proposal: integration pattern for {sys}"],
               ["Could your solution architects review our draft target architecture for {site} "
                "and tell us where {prod} would sit?",
                "We need a reference architecture for running {prod} alongside {sys}. Do you have "
                "one you can share?",
                "Please propose how we should deploy {mod} for {n} users across two data "
                "centres."]),
        "de": (["Zielarchitektur {site}"],
               ["Können Ihre Architekten unseren Entwurf der Zielarchitektur für {site} prüfen und "
                "sagen, wo {prod} hingehört?"]),
        "nl": (["Doelarchitectuur {site}"],
               ["Willen jullie architecten ons ontwerp voor de doelarchitectuur van {site} "
                "bekijken en aangeven waar {prod} past?"]),
        "it": (["Architettura target {site}"],
               ["I vostri architetti potrebbero rivedere la nostra bozza di architettura target "
                "per {site} e indicarci dove si colloca {prod}?"]),
        "ja": (["{site}のターゲットアーキテクチャ"],
               ["{site}のターゲットアーキテクチャ案をご確認いただき、"
                "{prod}の位置付けをご教示ください。"]),
    },
    "security_q": {
        "en": (["Security questionnaire {yr}", "Vendor security assessment",
                "Questions from our ISO audit"],
               ["Our security team sent the annual vendor questionnaire ({n} questions). Could you "
                "fill it in by {day}?",
                "Can you send your latest penetration test summary and the ISO 27001 certificate?",
                "The auditors want to know how you handle encryption at rest and who at {seller} "
                "can access our data."]),
        "de": (["Sicherheitsfragebogen {yr}"],
               ["Unser Informationssicherheitsteam hat den jährlichen Lieferantenfragebogen "
                "geschickt ({n} Fragen). Können Sie ihn bis {day} ausfüllen?"]),
        "nl": (["Beveiligingsvragenlijst {yr}"],
               ["Ons securityteam heeft de jaarlijkse leveranciersvragenlijst gestuurd ({n} "
                "vragen). Kunnen jullie die voor {day} invullen?"]),
        "it": (["Questionario di sicurezza {yr}"],
               ["Il nostro team sicurezza ha inviato il questionario fornitori annuale ({n} "
                "domande). Riuscite a compilarlo entro {day}?"]),
        "ja": (["セキュリティチェックシート（{yr}年度）"],
               ["情報セキュリティ部門より年次のチェックシート（{n}問）が届いております。"
                "{day}までにご回答いただけますでしょうか。"]),
    },
    "integration": {
        "en": (["Integration with {sys}", "API question", "Connector for {sys}?"],
               ["Do you have a standard connector between {mod} and {sys}, or would we need to "
                "build it on the API?",
                "We hit the API rate limit at around {n} calls a minute. Is that configurable for "
                "our tenant?",
                "How would we push data from {sys} into {prod} every night? A short description of "
                "the options would help."]),
        "de": (["Schnittstelle zu {sys}"],
               ["Gibt es einen Standard-Connector zwischen {mod} und {sys}, oder müssten wir das "
                "über die API bauen?"]),
        "nl": (["Koppeling met {sys}"],
               ["Is er een standaardkoppeling tussen {mod} en {sys}, of moeten we die zelf via de "
                "API bouwen?"]),
        "it": (["Integrazione con {sys}"],
               ["Esiste un connettore standard tra {mod} e {sys}, oppure dobbiamo svilupparlo "
                "tramite API?"]),
        "ja": (["{sys}との連携について"],
               ["{mod}と{sys}の標準コネクタはありますでしょうか。"
                "それともAPIで開発する必要がありますか。"]),
    },
    "training": {
        "en": (["Training for the new team at {site}", "Training sessions", "Admin training dates"],
               ["We have {n3} new colleagues at {site} who need {mod} training. Could you propose "
                "dates in {month}?",
                "Is there an admin training course for {prod}, and can it be held remotely?",
                "Can you send the training catalogue and prices for on-site sessions?"]),
        "de": (["Schulung für {site}"],
               ["Wir haben {n3} neue Kolleginnen und Kollegen in {site}, die eine Schulung zu "
                "{mod} brauchen. Können Sie Termine im {month} vorschlagen?"]),
        "nl": (["Training voor {site}"],
               ["We hebben {n3} nieuwe collega's in {site} die een training {mod} nodig hebben. "
                "Kunnen jullie data voorstellen in {month}?"]),
        "it": (["Formazione per {site}"],
               ["Abbiamo {n3} nuovi colleghi a {site} che hanno bisogno di formazione su {mod}. "
                "Potete proporre delle date a {month}?"]),
        "ja": (["{site}向けトレーニングのご相談"],
               ["{site}に{n3}名の新しいメンバーが加わりました。"
                "{month}に{mod}のトレーニング日程をご提案いただけますか。"]),
    },
    "sla": {
        "en": (["SLA question", "Support levels for {mod}", "Uptime figures"],
               ["Could you send the uptime figures for the last {n3} months against the SLA?",
                "What are the response times for a priority-1 ticket under our current support "
                "plan?",
                "We'd like to understand what the premium support tier adds over our current "
                "SLA."]),
        "de": (["Frage zum SLA"],
               ["Können Sie uns die Verfügbarkeitswerte der letzten {n3} Monate im Vergleich zum "
                "SLA schicken?"]),
        "nl": (["Vraag over de SLA"],
               ["Kunnen jullie de beschikbaarheidscijfers van de afgelopen {n3} maanden naast de "
                "SLA zetten?"]),
        "it": (["Domanda sullo SLA"],
               ["Potreste inviarci i dati di disponibilità degli ultimi {n3} mesi rispetto allo "
                "SLA?"]),
        "ja": (["SLAについての質問"],
               ["過去{n3}か月の稼働率をSLAと比較した資料をお送りいただけますでしょうか。"]),
    },
    "invoice": {
        "en": (["Invoice {inv}", "Question about invoice {inv}", "PO number on invoice {inv}"],
               ["Invoice {inv} does not show our PO number, so accounts payable can't book it. "
                "Could you reissue it with PO {po}?",
                "We were charged for {n} users on invoice {inv}, but our contract says {n2}. Can "
                "you check?",
                "Could you split invoice {inv} between {site} and head office?"]),
        "de": (["Rechnung {inv}"],
               ["Auf der Rechnung {inv} fehlt unsere Bestellnummer, daher kann die "
                "Kreditorenbuchhaltung sie nicht buchen. Bitte neu ausstellen mit PO {po}."]),
        "nl": (["Factuur {inv}"],
               ["Op factuur {inv} staat ons inkoopordernummer niet. Kunnen jullie hem opnieuw "
                "sturen met PO {po}?"]),
        "it": (["Fattura {inv}"],
               ["Sulla fattura {inv} manca il nostro numero d'ordine, quindi la contabilità non "
                "può registrarla. Potete riemetterla con l'ordine {po}?"]),
        "ja": (["請求書{inv}について"],
               ["請求書{inv}に当社の発注番号が記載されておりません。発注番号{po}を記載の上、"
                "再発行をお願いできますでしょうか。"]),
    },
    "renewal": {
        "en": (["Renewal {yr}", "Renewal terms", "Upcoming renewal – questions"],
               ["Our renewal is coming up in {month}. Could you send the renewal quote and any "
                "changes to terms?",
                "Before we renew, we'd like to discuss moving from annual to a three-year term. "
                "What would that mean for price?",
                "Please confirm the notice period for the renewal and whether the price cap still "
                "applies."]),
        "de": (["Verlängerung {yr}"],
               ["Unsere Verlängerung steht im {month} an. Können Sie uns das Angebot und etwaige "
                "Änderungen der Konditionen schicken?"]),
        "nl": (["Verlenging {yr}"],
               ["Onze verlenging komt eraan in {month}. Kunnen jullie de offerte en eventuele "
                "wijzigingen in de voorwaarden sturen?"]),
        "it": (["Rinnovo {yr}"],
               ["Il rinnovo è previsto a {month}. Potete inviarci l'offerta di rinnovo e le "
                "eventuali modifiche alle condizioni?"]),
        "ja": (["{yr}年度の契約更新について"],
               ["{month}に契約更新を控えております。"
                "更新見積もりと条件の変更点をお送りいただけますか。"]),
    },
    "poc": {
        "en": (["Proof of concept for {mod}", "PoC scope", "Trial environment"],
               ["We'd like to run a four-week proof of concept of {mod} with {n3} users at {site}. "
                "Could you set up a trial tenant?",
                "Can you send a PoC plan with success criteria we could present internally?",
                "Our PoC environment expires on {day}. Could it be extended by two weeks?"]),
        "de": (["Proof of Concept {mod}"],
               ["Wir möchten einen vierwöchigen Proof of Concept von {mod} mit {n3} Nutzern in "
                "{site} durchführen. Können Sie einen Test-Tenant einrichten?"]),
        "nl": (["Proof of concept {mod}"],
               ["We willen een proof of concept van vier weken met {mod} draaien, met {n3} "
                "gebruikers in {site}. Kunnen jullie een testomgeving inrichten?"]),
        "it": (["Proof of concept {mod}"],
               ["Vorremmo fare un proof of concept di quattro settimane di {mod} con {n3} utenti a "
                "{site}. Potete attivare un ambiente di prova?"]),
        "ja": (["{mod}のPoCについて"],
               ["{site}にて{n3}名で4週間の{mod}のPoCを実施したいと考えております。"
                "検証環境をご用意いただけますでしょうか。"]),
    },
    "reference": {
        "en": (["Reference customer?", "Reference call request",
                "Customer references in our sector"],
               ["Our board would like to speak to a reference customer of similar size in our "
                "industry. Could you arrange a call?",
                "Do you have a case study of a customer using {mod} with {sys}?",
                "Could you name two or three references who run {prod} in more than one country?"]),
        "de": (["Referenzkunde"],
               ["Unser Vorstand möchte mit einem Referenzkunden ähnlicher Größe aus unserer "
                "Branche sprechen. Könnten Sie ein Gespräch organisieren?"]),
        "nl": (["Referentieklant"],
               ["Onze directie wil graag spreken met een referentieklant van vergelijkbare omvang. "
                "Kunnen jullie een gesprek regelen?"]),
        "it": (["Cliente di riferimento"],
               ["Il nostro CdA vorrebbe parlare con un cliente di riferimento di dimensioni simili "
                "nel nostro settore. Potete organizzare una call?"]),
        "ja": (["導入事例のご紹介依頼"],
               ["当社役員より、同規模・同業種の導入企業様とお話ししたいとの要望がございます。"
                "ご調整いただけますでしょうか。"]),
    },
    "escalation": {
        "en": (["URGENT: {mod} down at {site}", "Escalation – ticket {ticket}",
                "Ticket {ticket} still open"],
               ["Ticket {ticket} has been open for {n3} days without a real answer. Can you "
                "escalate it, please?",
                "Users at {site} cannot log in to {mod} since this morning. Please treat this as "
                "priority 1.",
                "Reports in {mod} have been failing every night since {day}. We need someone "
                "senior on this."]),
        "de": (["DRINGEND: {mod} in {site} nicht erreichbar", "Eskalation Ticket {ticket}"],
               ["Ticket {ticket} ist seit {n3} Tagen offen ohne echte Antwort. Bitte eskalieren "
                "Sie das."]),
        "nl": (["URGENT: {mod} ligt eruit in {site}"],
               ["Ticket {ticket} staat al {n3} dagen open zonder echt antwoord. Kunnen jullie dit "
                "escaleren?"]),
        "it": (["URGENTE: {mod} non disponibile a {site}"],
               ["Il ticket {ticket} è aperto da {n3} giorni senza una vera risposta. Potete "
                "scalarlo?"]),
        "ja": (["【至急】{site}で{mod}が利用できません"],
               ["チケット{ticket}が{n3}日間未解決のままです。"
                "エスカレーションをお願いいたします。"]),
    },
    "data_export": {
        "en": (["Data export request", "Export of our data", "Bulk export of history"],
               ["Could you provide a full export of our {mod} data for the last {n3} years in CSV?",
                "We need the audit log export for {month} for an internal review.",
                "Is there a way to schedule a weekly export of all records to our own storage?"]),
        "de": (["Datenexport"],
               ["Könnten Sie uns einen vollständigen Export unserer {mod}-Daten der letzten {n3} "
                "Jahre als CSV bereitstellen?"]),
        "nl": (["Export van onze data"],
               ["Kunnen jullie een volledige export van onze {mod}-gegevens over de afgelopen {n3} "
                "jaar leveren, in CSV?"]),
        "it": (["Esportazione dati"],
               ["Potreste fornirci un'esportazione completa dei dati {mod} degli ultimi {n3} anni "
                "in CSV?"]),
        "ja": (["データエクスポートのお願い"],
               ["過去{n3}年分の{mod}データをCSVで一括エクスポートしていただくことは可能でしょうか。"]),
    },
    "compliance": {
        "en": (["DPA update", "GDPR question", "Subprocessor list"],
               ["Legal asked for the current list of subprocessors and the updated DPA.",
                "Where exactly is our data stored and backed up? We need this for our records of "
                "processing.",
                "Please confirm you will notify us of any new subprocessor {n3} weeks in "
                "advance."]),
        "de": (["AVV / Unterauftragsverarbeiter"],
               ["Die Rechtsabteilung bittet um die aktuelle Liste der Unterauftragsverarbeiter und "
                "den aktualisierten AV-Vertrag."]),
        "nl": (["Verwerkersovereenkomst"],
               ["Juridische zaken vraagt om de actuele lijst met subverwerkers en de bijgewerkte "
                "verwerkersovereenkomst."]),
        "it": (["DPA e sub-responsabili"],
               ["L'ufficio legale chiede l'elenco aggiornato dei sub-responsabili e il DPA "
                "aggiornato."]),
        "ja": (["再委託先一覧について"],
               ["法務部より、"
                "最新の再委託先一覧と改訂版のデータ処理契約書の提出を求められております。"]),
    },
    "access": {
        "en": (["SSO setup", "User provisioning question", "Access for external consultants"],
               ["We want to switch login to our identity provider. What do you need from us for "
                "SSO?",
                "Can user provisioning from {sys} be automated, or do admins need to create users "
                "manually?",
                "Could you give {n3} external consultants read-only access to {mod} for two "
                "months?"]),
        "de": (["SSO-Einrichtung"],
               ["Wir möchten die Anmeldung auf unseren Identity Provider umstellen. Was brauchen "
                "Sie von uns für SSO?"]),
        "nl": (["SSO-inrichting"],
               ["We willen inloggen via onze eigen identity provider laten lopen. Wat hebben "
                "jullie van ons nodig voor SSO?"]),
        "it": (["Configurazione SSO"],
               ["Vorremmo passare l'accesso al nostro identity provider. Cosa vi serve da parte "
                "nostra per il SSO?"]),
        "ja": (["SSO設定について"],
               ["当社のIDプロバイダーでのログインに切り替えたいと考えております。"
                "SSO設定に必要な情報をご教示ください。"]),
    },
    "reporting": {
        "en": (["Usage report {q}", "Quarterly usage figures", "Adoption dashboard"],
               ["Could you send the usage report for {q}, broken down by {site} and head office?",
                "Management wants adoption figures per department. Is there a dashboard we can "
                "use?",
                "How many active users did we have last month on {mod}?"]),
        "de": (["Nutzungsbericht {q}"],
               ["Könnten Sie den Nutzungsbericht für {q} schicken, aufgeteilt nach {site} und "
                "Zentrale?"]),
        "nl": (["Gebruiksrapport {q}"],
               ["Kunnen jullie het gebruiksrapport over {q} sturen, uitgesplitst naar {site} en "
                "hoofdkantoor?"]),
        "it": (["Report di utilizzo {q}"],
               ["Potreste inviare il report di utilizzo per {q}, suddiviso tra {site} e sede "
                "centrale?"]),
        "ja": (["{q}の利用状況レポート"],
               ["{q}の利用状況レポートを、{site}と本社に分けてお送りいただけますでしょうか。"]),
    },
}
# a short answer per topic, written by the vendor (English)
ANSWERS = {
    "pricing": "For {n} additional users the list price would be about EUR {amount} a year before "
               "discount; the formal quote follows.",
    "licences": "Our records show {n2} named licences on {mod}, of which {n4} are assigned.",
    "roadmap": "I've attached the public roadmap; {feature} is planned for the second half of "
               "{yr}.",
    "architecture": "Our architects suggest the standard two-zone deployment; a diagram will "
                    "follow.",
    "security_q": "The completed questionnaire and our ISO certificate are in the data room.",
    "integration": "There is a supported connector for {sys}; the rate limit can be raised to {n} "
                   "calls a minute.",
    "training": "We can offer remote sessions on {day}; the catalogue is attached.",
    "sla": "Availability over the period was 99.9{n3}%, above the committed level.",
    "invoice": "Accounts receivable will reissue invoice {inv} this week.",
    "renewal": "The renewal quote is attached; terms are unchanged apart from the index.",
    "poc": "The trial tenant is set up; credentials will come in a separate mail.",
    "reference": "Two customers have agreed to a reference call; I'll propose slots.",
    "escalation": "Support has raised the ticket to priority 1 and an engineer is on it.",
    "data_export": "The export has been scheduled; you'll get a download link from the portal.",
    "compliance": "Please find the current subprocessor list and the updated DPA attached.",
    "access": "For SSO we need your IdP metadata file and a test user.",
    "reporting": "The usage report for the period is attached.",
}

# --------------------------------------------------------------------------- phrases by language

GREET = {
    "en": ["Hi {first},", "Hello {first},", "Dear {first},", "{first} –", "Morning {first},"],
    "de": ["Hallo {first},", "Guten Tag {first} {last},", "Moin {first},", "Hallo zusammen,"],
    "nl": ["Hoi {first},", "Beste {first},", "Goedemiddag {first},"],
    "it": ["Ciao {first},", "Buongiorno {first},", "Gentile {first},"],
    "ja": ["{company}\n{last}様\n\nいつもお世話になっております。{own_company}の{own_last}です。"],
}
CLOSE = {
    "en": ["Thanks,", "Best regards,", "Cheers,", "Kind regards,", "Many thanks,"],
    "de": ["Viele Grüße", "Beste Grüße", "Mit freundlichen Grüßen", "Danke und Gruß"],
    "nl": ["Groet,", "Met vriendelijke groet,", "Alvast bedankt,"],
    "it": ["Grazie,", "Cordiali saluti,", "Un saluto,"],
    "ja": ["以上、よろしくお願いいたします。", "引き続きよろしくお願いいたします。"],
}
MOBILE = {
    "en": ["Sent from my iPhone", "Get Outlook for Android", "Sent from my Galaxy"],
    "de": ["Von meinem iPhone gesendet", "Outlook für Android herunterladen"],
    "nl": ["Verzonden vanaf mijn iPhone", "Outlook voor Android downloaden"],
    "it": ["Inviato da iPhone", "Scarica Outlook per Android"],
    "ja": ["iPhoneから送信", "Android 版 Outlook を入手"],
}
DISCLAIMER = {
    "en": "This e-mail and any attachments are confidential and intended solely for the addressee. "
          "If you have received it in error, please notify the sender and delete it.",
    "de": "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie "
          "nicht der richtige Adressat sind oder diese E-Mail irrtümlich erhalten haben, "
          "informieren Sie bitte sofort den Absender und vernichten Sie diese Mail.",
    "nl": "Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde(n). Indien u dit bericht "
          "onterecht ontvangt, wordt u verzocht de inhoud niet te gebruiken en de afzender direct "
          "te informeren.",
    "it": "Questo messaggio e i suoi allegati sono indirizzati esclusivamente alle persone "
          "indicate. La diffusione, copia o qualsiasi altra azione derivante dalla conoscenza di "
          "queste informazioni sono rigorosamente vietate (Reg. UE 2016/679).",
    "ja": "本メールは機密情報を含む場合があります。誤って受信された場合は、送信者にご連絡の上、"
          "削除してください。",
}
HEADER_LABELS = {  # Outlook header blocks: From, Sent, To, Cc, Subject, separator
    "en": ("From", "Sent", "To", "Cc", "Subject", "-----Original Message-----"),
    "de": ("Von", "Gesendet", "An", "Cc", "Betreff", "-----Ursprüngliche Nachricht-----"),
    "nl": ("Van", "Verzonden", "Aan", "CC", "Onderwerp", "-----Oorspronkelijk bericht-----"),
    "it": ("Da", "Inviato", "A", "Cc", "Oggetto", "-----Messaggio originale-----"),
    "ja": ("差出人", "送信日時", "宛先", "CC", "件名", "-----Original Message-----"),
}
PREFIX = {"en": ("RE: ", "FW: "), "de": ("AW: ", "WG: "), "nl": ("RE: ", "FW: "),
          "it": ("R: ", "I: "), "ja": ("RE: ", "FW: ")}
AUTO = {
    "en": ("Automatic reply: ", "I am out of the office until {day} with limited access to e-mail. "
                                "For urgent matters please contact {colleague}."),
    "de": ("Automatische Antwort: ",
           "Ich bin bis einschließlich {day} nicht im Büro. In dringenden "
                                     "Fällen wenden Sie sich bitte an {colleague}."),
    "nl": ("Automatisch antwoord: ", "Ik ben tot en met {day} afwezig. Voor dringende zaken kunt u "
                                     "contact opnemen met {colleague}."),
    "it": ("Risposta automatica: ", "Sono fuori ufficio fino a {day}. Per urgenze contattare "
                                    "{colleague}."),
    "ja": ("自動応答: ", "{day}まで不在にしております。"
                         "お急ぎの場合は{colleague}までご連絡ください。"),
}
CHASE = {
    "en": ["Any update on the below?", "Gentle reminder on this one.",
           "Hi, just bumping this – we need it for an internal meeting.",
           "Following up on my mail below."],
    "de": ["Gibt es hierzu schon einen Stand?", "Kurze Erinnerung an meine Mail unten."],
    "nl": ["Is hier al nieuws over?", "Even een herinnering aan onderstaande vraag."],
    "it": ["Ci sono aggiornamenti?", "Gentile promemoria sulla mail sottostante."],
    "ja": ["その後いかがでしょうか。ご確認のほどよろしくお願いいたします。"],
}
ACK = {"en": ["Thanks, that helps.", "Perfect, thank you!",
              "Great – thanks for the quick turnaround."],
       "de": ["Danke, das hilft uns weiter.", "Super, vielen Dank!"],
       "nl": ["Top, dank je!", "Helder, bedankt."],
       "it": ["Perfetto, grazie.", "Ottimo, grazie mille."],
       "ja": ["承知いたしました。ご対応ありがとうございます。"]}
SELLER_REPLY = {
    "en": ["Thanks {first}, good question. I'll check with our product team and come back to you "
           "by {day}.",
           "Hi {first}, please find the answer below.\n\n{answer}\n\n"
           "Let me know if you need anything else.",
           "Thanks for flagging. I've opened an internal case and {colleague} will follow up.",
           "Hi {first}, {answer} Happy to go through it on a call – would {weekday} work?",
           "{first}, quick answer: {answer}"],
    "de": ["Danke, {first}! Ich kläre das intern und melde mich bis {day}.",
           "Hallo {first}, kurz vorab: {answer} Details folgen."],
    "nl": ["Dank je, {first}. Ik zoek het uit en kom er voor {day} op terug."],
    "it": ["Grazie {first}, verifico internamente e vi rispondo entro {day}."],
    "ja": ["お問い合わせありがとうございます。社内で確認の上、{day}までにご回答いたします。"],
}

# --------------------------------------------------------------------------- vision wording

BRIDGE = {  # the ask tied to an idea, in the messenger's own words
    "en": ["This is part of our push towards {v}, so please keep that in mind.",
           "Whatever you propose needs to fit with {v}.",
           "Could you also explain how {prod} supports {v}?",
           "We are being asked to show progress on {v} in every supplier discussion.",
           "Please add a short section on {v} to your answer.",
           "Our management now measures everything against {v}.",
           "The key question for us is whether this gets us closer to {v}.",
           "Can you show how this would work with {v}?",
           "Without {v} this will be hard to get approved internally.",
           "We'd need to see {v} reflected in the proposal."],
    "de": ["Das gehört zu unserem Ziel {v}, bitte berücksichtigen Sie das.",
           "Bitte erläutern Sie auch, wie {prod} das Thema {v} unterstützt.",
           "Intern wird jetzt alles an {v} gemessen.",
           "Ohne {v} wird das intern schwer durchzubringen."],
    "nl": ["Dit hoort bij onze koers richting {v}, dus houd daar rekening mee.",
           "Kunnen jullie ook toelichten hoe {prod} {v} ondersteunt?",
           "Intern wordt nu alles langs de lat van {v} gelegd."],
    "it": ["Questo rientra nel nostro obiettivo di {v}, tenetene conto.",
           "Potreste spiegare anche come {prod} supporta {v}?",
           "Internamente ora tutto viene valutato rispetto a {v}."],
    "ja": ["これは当社の「{v}」の取り組みの一環ですので、ご考慮ください。",
           "{prod}が「{v}」にどう対応できるかもご説明いただけますか。",
           "社内では現在、すべてを「{v}」の観点で評価しています。"],
}
PAIR = {  # two ideas in one sentence
    "en": ["Ideally the answer also covers {v} and {v2}.",
           "Two things matter here: {v}, and {v2}."],
    "de": ["Idealerweise gehen Sie dabei auch auf {v} und {v2} ein."],
    "nl": ["Graag ook aandacht voor {v} en {v2}."],
    "it": ["Idealmente la risposta copre anche {v} e {v2}."],
    "ja": ["「{v}」と「{v2}」についてもご回答いただけると幸いです。"],
}
SOURCE_TEXT = {  # the source's own words (executive or IT group)
    "exec": ["For {programme}, I want us to get to {v} and {v2} within the year. Every supplier "
             "should tell us how they contribute.",
             "At my previous company we moved to {v} and it changed how we worked. I'd like us to "
             "do the same here, starting with {v2}.",
             "Please make sure {v} is part of every conversation with our suppliers from now on.",
             "Two things matter to me: {v}, and {v2}. Ask {seller} where they stand on both.",
             "I'd like a one-page answer from each vendor on {v}. {v2} comes next.",
             "We will judge every renewal and every new project on {v}. No exceptions."],
    "it": ["The architecture board has decided that new solutions must support {v}. Please check "
           "{seller}'s position.",
           "Per our platform standards, {v} and {v2} are mandatory from {yr}.",
           "Reminder: {v} is now a gating criterion in the design review. {v2} will follow next "
           "quarter.",
           "We need every supplier to document {v} before the next board. Please collect "
           "{seller}'s input.",
           "Our standard now requires {v}. Can the account team confirm how {prod} meets it?"],
    "competitor": ["Thanks for your time today. As discussed, {cprod} gives you {v} out of the "
                   "box, and our customers typically see {v2} within months.",
                   "Following up on the demo: {cprod} was built around {v}. Happy to show how {v2} "
                   "works in a customer like you.",
                   "As promised, a few notes on {cprod}: {v}; {v2}; and a migration service at no "
                   "cost.",
                   "Great to meet the team. The three things we heard: {v}, {v2}, and speed. "
                   "{cprod} covers all three."],
}
RELAY = {  # how a messenger introduces the source's words
    "asked_me": {"en": ["{src} asked me to check with you on this.",
                        "{src} has asked me to follow up with you on the following."],
                 "de": ["{src} hat mich gebeten, das mit Ihnen zu klären."],
                 "nl": ["{src} vroeg me dit bij jullie na te vragen."],
                 "it": ["{src} mi ha chiesto di verificare con voi."],
                 "ja": ["{src}より確認するよう依頼がありました。"]},
    "asked_me_anon": {"en": ["I've been asked by our leadership to check the following.",
                             "Management asked me to raise this with you."],
                      "de": ["Die Geschäftsleitung hat mich gebeten, Folgendes zu klären."],
                      "nl": ["Het management vroeg me het volgende na te gaan."],
                      "it": ["La direzione mi ha chiesto di verificare quanto segue."],
                      "ja": ["経営層より、以下の点を確認するよう依頼がありました。"]},
    "forward": {"en": ["FYI, see below from {src}. Can you help with this?",
                       "Forwarding {src}'s note – could you come back to us on the points below?",
                       "See below.", "Over to you – please see the mail below."],
                "de": ["Zur Info, siehe unten. Können Sie dazu etwas sagen?",
                       "Anbei die Mail von {src} – bitte um Rückmeldung."],
                "nl": ["Ter info, zie hieronder. Kunnen jullie hierop reageren?"],
                "it": ["Vi inoltro la mail qui sotto, potete rispondere?"],
                "ja": ["下記転送いたします。ご確認のほどよろしくお願いいたします。"]},
    "attached": {"en": ["Forwarding {src}'s mail as an attachment – please see the points in it.",
                        "Attached the original mail. Could you answer it for us?"],
                 "de": ["Die ursprüngliche Mail hänge ich an. Können Sie darauf eingehen?"],
                 "nl": ["De oorspronkelijke mail zit als bijlage bij. Kunnen jullie reageren?"],
                 "it": ["In allegato la mail originale. Potete rispondere?"],
                 "ja": ["元のメールを添付いたします。ご回答をお願いできますでしょうか。"]},
    "quoted": {"en": ["Adding {seller_first} from {seller} – see {src}'s mail below.",
                      "Looping in {seller_first}. {seller_first}, can you pick this up?"],
               "de": ["Ich nehme {seller_first} von {seller} mit dazu – siehe unten."],
               "nl": ["Ik zet {seller_first} van {seller} erbij, zie hieronder."],
               "it": ["Aggiungo {seller_first} di {seller} – vedi sotto."],
               "ja": ["{seller}の{seller_first}様をCCに追加します。下記ご確認ください。"]},
    "pasted": {"en": ["Pasting the relevant part of an internal note:", "From our internal paper:",
                      "This is what we got internally:", ""],
               "de": ["Hier der relevante Auszug aus einem internen Papier:", ""],
               "nl": ["Hier het relevante stuk uit een interne notitie:", ""],
               "it": ["Incollo la parte rilevante di una nota interna:", ""],
               "ja": ["社内資料の該当部分を貼り付けます。", ""]},
    "cc": {"en": ["(Copying {src}, who is driving this.)", "{src} is in copy."],
           "de": ["({src} in Kopie, die/der das Thema treibt.)"], "nl": ["({src} in cc.)"],
           "it": ["({src} in copia.)"], "ja": ["（{src}をCCに入れております。）"]},
    "attachment": {"en": ["Please see the attached {label}; we'd like your response to the points "
                          "in it.",
                          "Attached is {label}. Can you map your answer to it?"],
                   "de": ["Anbei {label}. Bitte nehmen Sie dazu Stellung."],
                   "nl": ["In de bijlage {label}. Graag jullie reactie daarop."],
                   "it": ["In allegato {label}. Attendiamo un vostro riscontro."],
                   "ja": ["添付の「{label}」をご確認の上、ご回答ください。"]},
    "product": {"en": ["{cprod} claims {v} out of the box. How does {prod} compare?",
                       "Another vendor showed us {cprod}, which does {v}. Do you have an answer to "
                       "that?",
                       "We saw {v} in the {cprod} demo. Is that something you can match?"],
                "de": ["{cprod} verspricht {v} direkt ab Werk. Wie sieht das bei {prod} aus?"],
                "nl": ["{cprod} belooft {v} standaard. Hoe zit dat bij {prod}?"],
                "it": ["{cprod} promette {v} già pronto. Come si confronta {prod}?"],
                "ja": ["{cprod}は「{v}」を標準で提供すると聞いています。"
                       "{prod}ではいかがでしょうか。"]},
    "told_us": {"en": ["The {comp} team told us they offer {v}. How does that compare with yours?",
                       "After the {comp} session people here keep asking about {v}."],
                "de": ["Das Team von {comp} hat uns {v} vorgestellt. Wie ist das bei Ihnen?"],
                "nl": ["Het team van {comp} liet ons {v} zien. Hoe is dat bij jullie?"],
                "it": ["Il team di {comp} ci ha presentato {v}. Voi come siete messi?"],
                "ja": ["{comp}社から「{v}」の提案を受けました。御社ではいかがでしょうか。"]},
    "internal": {"en": ["See {src}'s note below – relevant for the {topic} discussion?",
                        "FYI – this is coming from {src}, worth keeping in mind."],
                 "de": ["Siehe Notiz von {src} unten – relevant für unser Thema?"],
                 "nl": ["Zie de notitie van {src} hieronder – relevant voor ons?"],
                 "it": ["Vedi la nota di {src} qui sotto – rilevante per noi?"],
                 "ja": ["{src}からのメモを転送します。参考まで。"]},
}
CATEGORY = {"pricing": "Commercial", "licences": "Licensing", "roadmap": "Product", "architecture":
            "Architecture", "security_q": "Security", "integration": "Integration", "training":
            "Training", "sla": "Support", "invoice": "Billing", "renewal": "Commercial",
            "poc": "PoC",
            "reference": "References", "escalation": "Support", "data_export": "Data",
            "compliance": "Legal / DPA", "access": "Identity & SSO", "reporting": "Reporting"}
TOPIC_LABEL = {"pricing": "pricing", "licences": "licensing", "roadmap": "roadmap",
               "architecture": "architecture", "security_q": "security",
               "integration": "integration",
               "training": "training", "sla": "support", "invoice": "billing", "renewal": "renewal",
               "poc": "PoC", "reference": "reference", "escalation": "support",
               "data_export": "data",
               "compliance": "DPA", "access": "SSO", "reporting": "reporting"}

# --------------------------------------------------------------------------- small helpers


def _seed(kind: str, seed: int, difficulty: str) -> int:
    return int(hashlib.sha256(f"{kind}|{seed}|{difficulty}".encode()).hexdigest()[:16], 16)


def _fold(text: str) -> str:
    """ASCII form of a name for an address (umlauts spelt out)."""
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "Ae"), ("Ö", "Oe"),
                 ("Ü", "Ue"), ("ø", "o"), ("æ", "ae")):
        text = text.replace(a, b)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _last_sunday(year: int, month: int) -> date:
    d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() + 1) % 7)


def _nth_sunday(year: int, month: int, n: int) -> date:
    d = date(year, month, 1)
    d += timedelta(days=(6 - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def zone_offset(zone: str, utc: datetime) -> int:
    """Minutes east of UTC for the four zones used here (EU and US summer time)."""
    if zone == "JP":
        return 540
    if zone in ("EU_C", "EU_W"):
        base = 60 if zone == "EU_C" else 0
        start = datetime.combine(_last_sunday(utc.year, 3),
                                 datetime.min.time()) + timedelta(hours=1)
        end = datetime.combine(_last_sunday(utc.year, 10), datetime.min.time()) + timedelta(hours=1)
        return base + (60 if start <= utc < end else 0)
    start = datetime.combine(_nth_sunday(utc.year, 3, 2), datetime.min.time()) + timedelta(hours=7)
    end = datetime.combine(_nth_sunday(utc.year, 11, 1), datetime.min.time()) + timedelta(hours=6)
    return -240 if start <= utc < end else -300


def local(utc: datetime, zone: str) -> datetime:
    from datetime import timezone
    off = zone_offset(zone, utc)
    return (utc + timedelta(minutes=off)).replace(tzinfo=timezone(timedelta(minutes=off)))


def rfc_date(utc: datetime, zone: str) -> str:
    return format_datetime(local(utc, zone))


def day_text(d: date, lang: str) -> str:
    wd, mo = WEEKDAYS[lang][d.weekday()], MONTHS[lang][d.month - 1]
    return {"en": f"{wd} {d.day} {mo}", "de": f"{wd}, {d.day}. {mo}", "nl": f"{wd} {d.day} {mo}",
            "it": f"{wd} {d.day} {mo}", "ja": f"{d.month}月{d.day}日({wd})"}[lang]


def block_date(utc: datetime, zone: str, lang: str) -> str:
    t = local(utc, zone)
    wd, mo = WEEKDAYS[lang][t.weekday()], MONTHS[lang][t.month - 1]
    if lang == "en":
        h = t.hour % 12 or 12
        return f"{wd}, {mo} {t.day}, {t.year} {h}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
    if lang == "de":
        return f"{wd}, {t.day}. {mo} {t.year} {t:%H:%M}"
    if lang == "ja":
        return f"{t.year}年{t.month}月{t.day}日 {t.hour}:{t.minute:02d}"
    return f"{wd} {t.day} {mo} {t.year} {t:%H:%M}"


def attribution(utc: datetime, zone: str, who: Person, lang: str, client: str) -> str:
    t = local(utc, zone)
    wd, mo = WEEKDAYS[lang][t.weekday()], MONTHS[lang][t.month - 1]
    if lang == "de":
        return f"Am {t:%d.%m.%Y} um {t:%H:%M} schrieb {who.name} <{who.email}>:"
    if lang == "nl":
        return (f"Op {wd[:2]} {t.day} {mo[:3]} {t.year} om {t:%H:%M} schreef {who.name} "
                f"<{who.email}>:")
    if lang == "it":
        return (f"Il giorno {wd[:3]} {t.day} {mo[:3]} {t.year} alle ore {t:%H:%M} {who.name} "
                f"<{who.email}> ha scritto:")
    if lang == "ja":
        return (f"{t.year}年{t.month}月{t.day}日({wd}) {t.hour}:{t.minute:02d} {who.name} "
                f"<{who.email}>:")
    if client in ("apple", "iphone"):
        return f"On {t.day} {mo} {t.year}, at {t:%H:%M}, {who.name} <{who.email}> wrote:"
    if client == "thunderbird":
        return f"On {t:%d/%m/%Y} {t:%H:%M}, {who.name} wrote:"
    return f"On {wd[:3]}, {t.day} {mo[:3]} {t.year} at {t:%H:%M}, {who.name} <{who.email}> wrote:"


def quote(text: str, mark: str = "> ") -> str:
    return "\n".join((mark + line).rstrip() if line else mark.rstrip() for line in text.split("\n"))


def strip_prefix(subject: str) -> str:
    return re.sub(r"^((re|aw|wg|fw|fwd|r|i|sv|antw|doorst)\s*:\s*)+", "", subject, flags=re.I)


# --------------------------------------------------------------------------- records


@dataclass(eq=False)
class Person:
    name: str
    email: str
    org: str                      # customer / seller / competitor / adviser / system
    first: str = ""
    last: str = ""
    title: str = ""
    department: str = ""
    lang: str = "en"
    zone: str = "EU_C"
    client: str = "outlook"
    phone: str = ""
    joined: date | None = None
    old_email: str = ""
    tags: list = field(default_factory=list)
    weight: float = 1.0
    tics: list = field(default_factory=list)
    second_language: bool = False

    def addr(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(eq=False)
class Attachment:
    filename: str
    ctype: str = "application/octet-stream"
    data: bytes = b""
    message: Msg | None = None   # message/rfc822


@dataclass(eq=False)
class Msg:
    mid: str
    date: datetime                # UTC, naive
    sender: Person
    to: list
    cc: list
    subject: str
    text: str
    lang: str = "en"
    role: str = "other"
    topic: str = ""
    originator: str = ""
    relay_mode: str = ""
    thread: str = ""
    in_reply_to: str = ""
    references: list = field(default_factory=list)
    fmt: str = "plain"            # plain / html / alt
    charset: str = "utf-8"
    cte: str = "8bit"
    attachments: list = field(default_factory=list)
    extra_headers: list = field(default_factory=list)
    table: list | None = None
    ics: str = ""
    broken: str = ""
    ideas: list = field(default_factory=list)
    exports: list = field(default_factory=list)
    embedded_in: str = ""
    from_lines: bool = False      # carries a body line starting with "From "
    date_header: str = ""         # set only to break it on purpose
    subject_en: str = ""          # the ask in English, as the vendor logs it
    ask_en: str = ""


@dataclass
class Idea:
    canonical: str
    variants: list
    acronym: str = ""
    introduced: bool = False

# --------------------------------------------------------------------------- the account

CONFOUNDERS_NULL = ["programme", "reorg", "tender", "new_hire", "budget", "outage", "launch",
                    "tics", "domain_migration", "merger"]
CONFOUNDERS_OTHER = ["programme", "budget", "outage", "launch", "tics", "new_hire", "reorg",
                     "tender"]
RELAY_WEIGHTS = {
    "easy": {"direct": 3, "forward_inline": 4, "forward_attachment": 2, "quoted_reply": 2,
             "asked_me": 3, "cc": 2, "attachment_named": 1, "pasted": 1, "rephrased": 1.5,
             "internal_forward": 1},
    "medium": {"direct": 2, "forward_inline": 2, "forward_attachment": 2, "quoted_reply": 1,
               "asked_me": 2, "cc": 1, "attachment_named": 1, "pasted": 2.5, "rephrased": 3.5,
               "internal_forward": 1},
    "hard": {"direct": 0.7, "forward_inline": 0.7, "forward_attachment": 0.8, "quoted_reply": 0.4,
             "asked_me": 0.8, "cc": 0.5, "attachment_named": 0.5, "pasted": 4, "rephrased": 7,
             "internal_forward": 0.6},
}
DIRECT_TEXT = {
    "exec": ["As the new {title}, let me share what matters to me: {v} and {v2}.",
             "Coming from {prev}, I have seen what {v} can do. I expect the same from our "
             "suppliers.",
             "I'd like {seller} to show me how it supports {v}.",
             "My priority for this year is {v}."],
    "it": ["As {group}, we now require {v} for all new solutions.",
           "Our standards call for {v}; please confirm how {prod} complies.",
           "{v} and {v2} are part of our reference architecture from {yr}.",
           "For the design review we need {seller}'s position on {v}."],
}
PREVIOUS_COMPANIES = ["Hollmann Freight", "Dovecote Retail", "Arvenza Pharma", "Stellmark Energy",
                      "Ridgefield Foods", "Vantor Mobility"]


class Account:
    """One simulated account: people, messages, log rows, then files."""

    def __init__(self, kind: str, seed: int, difficulty: str):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {DIFFICULTIES}")
        self.kind, self.seed, self.difficulty = kind, seed, difficulty
        self.rng = random.Random(_seed(kind, seed, difficulty))
        self.messages: list[Msg] = []
        self.embedded: list[Msg] = []
        self.mids: set[str] = set()
        self.people: list[Person] = []
        self.log_rows: list[dict] = []
        self.log_plans: list[dict] = []
        self.confounders: list[dict] = []
        self.broken_items: list[dict] = []
        self.wrappers: list[dict] = []
        self.exports: list[dict] = []
        self.vision: list[Idea] = []
        self.source: Person | None = None
        self.members: list[Person] = []
        self.reps: list[Person] = []
        self.messengers: list[Person] = []
        self.programme = ""
        self.conf: dict = {}
        self.thread_no = 0
        self.rendered: dict = {}
        self.new_hire: Person | None = None
        self.merger: tuple | None = None
        self.tender_people: list = []

    # ------------------------------------------------------------------ world

    def build(self) -> None:
        self._world()
        self._seller_team()
        self._customer_staff()
        self._source()
        self._pick_confounders()
        self._everyday()
        if self.kind != "null":
            self._vision_asks()
        self._noise()
        self.messages.sort(key=lambda m: (m.date, m.mid))
        self._log_rows()

    def _world(self) -> None:
        r = self.rng
        self.seller = dict(r.choice(SELLERS))
        self.cust = dict(r.choice(CUSTOMERS))
        self.lang = self.cust["lang"]
        self.start = date(r.choice([2020, 2021, 2022, 2023, 2024]), r.randint(1, 12),
                          r.randint(1, 25))
        self.months = r.randint(8, 24)
        self.end = self.start + timedelta(days=int(self.months * 30.4))
        self.span = (self.end - self.start).days
        self.pattern = r.choice(["first.last", "f.last", "firstlast", "last.first"])
        if self.lang == "ja":
            self.pattern = r.choice(["f.last", "last-f", "first.last"])
        self.migration: date | None = None

    def _email(self, first: str, last: str, domain: str, pattern: str | None = None) -> str:
        f = re.sub(r"[^a-z]", "", _fold(first).lower())
        s = re.sub(r"[^a-z]", "", _fold(last).lower())
        pat = pattern or self.pattern
        local_part = {"first.last": f"{f}.{s}", "f.last": f"{f[:1]}.{s}", "firstlast": f"{f}{s}",
                      "last.first": f"{s}.{f}", "last-f": f"{s}-{f[:1]}"}[pat]
        addr, n = f"{local_part}@{domain}", 2
        taken = {p.email for p in self.people}
        while addr in taken:
            addr, n = f"{local_part}{n}@{domain}", n + 1
        return addr

    def _name(self, lang: str) -> tuple[str, str, str, str, str]:
        """(display name, first, last, ascii first, ascii last), unused so far."""
        r, used = self.rng, {p.name for p in self.people}
        for _ in range(200):
            if lang == "ja":
                (kl, rl), (kf, rf) = r.choice(LAST["ja"]), r.choice(FIRST["ja"])
                name = f"{kl} {kf}" if r.random() < 0.75 else f"{rf} {rl}"
                out = (name, kf, kl, rf, rl)
            else:
                first, last = r.choice(FIRST[lang]), r.choice(LAST[lang])
                out = (f"{first} {last}", first, last, first, last)
            if out[0] not in used:
                return out
        raise RuntimeError("ran out of names")

    def _phone(self, zone: str, prefix: str = "") -> str:
        r = self.rng
        prefix = prefix or {"EU_C": {"de": "+49", "nl": "+31", "it": "+39"}.get(self.lang, "+49"),
                  "EU_W": "+44", "US_E": "+1", "JP": "+81"}[zone]
        return f"{prefix} {r.randint(20, 99)} {r.randint(100, 999)} {r.randint(1000, 9999)}"

    def _customer_person(self, department: str, title: str, lang: str | None = None,
                         weight: float = 1.0, joined: date | None = None) -> Person:
        r = self.rng
        name_lang = self.lang
        if lang is None:
            share = {"en": 1.0, "ja": 0.7}.get(self.lang, 0.6)
            lang = self.lang if r.random() < share else "en"
        name, first, last, af, al = self._name(name_lang)
        if name_lang == "ja" and (lang != "ja" or name.isascii()):
            first, last = af, al   # addressed by the romanised name
        if self.cust["google"]:
            client = r.choices(["gmail", "iphone", "apple", "android", "outlook"],
                               [5, 2, 1, 1, 1])[0]
        else:
            client = r.choices(["outlook", "owa", "iphone", "android"], [13, 2, 3, 2])[0]
        p = Person(name=name, email=self._email(af, al, self.cust["domain"]), org="customer",
                   first=first, last=last, title=title, department=department, lang=lang,
                   zone=self.cust["zone"], client=client, phone=self._phone(self.cust["zone"]),
                   weight=weight, joined=joined)
        self.people.append(p)
        return p

    def _seller_team(self) -> None:
        r, s = self.rng, self.seller
        dom = s["domain"]

        def mk(title: str, client: str, lang: str = "en", name_lang: str = "") -> Person:
            if name_lang:
                name, first, last, af, al = self._name(name_lang)
            else:
                first, last = r.choice(SELLER_FIRST), r.choice(SELLER_LAST)
                while first in {p.first for p in self.people if p.org == "seller"}:
                    first, last = r.choice(SELLER_FIRST), r.choice(SELLER_LAST)
                name, af, al = f"{first} {last}", first, last
            p = Person(name=name, email=self._email(af, al, dom, "first.last"), org="seller",
                       first=first, last=last, title=title, department="Sales", lang=lang,
                       zone=s["zone"], client=client, phone=self._phone(s["zone"], s["dial"]))
            self.people.append(p)
            return p

        local_ae = self.lang != "en" and r.random() < 0.5
        self.ae = mk("Account Executive", "outlook", self.lang if local_ae else "en",
                     self.lang if local_ae else "")
        self.se = mk("Solutions Engineer", r.choice(["thunderbird", "outlook"]))
        self.csm = mk("Customer Success Manager", "owa")
        self.mgr = mk("Regional Sales Director", "outlook")
        self.support = Person(name=f"{s['short']} Support", email=f"support@{dom}", org="seller",
                              first="Support team", last="Support", title="Support",
                              department="Support",
                              zone=s["zone"], client="owa")
        self.people.append(self.support)
        self.news = Person(name=f"{s['short']} Newsroom", email=f"newsroom@{dom}", org="seller",
                           first="Newsroom", title="Internal communications", zone=s["zone"],
                           client="newsletter")
        self.people.append(self.news)
        self.seller_staff = [self.ae, self.se, self.csm, self.mgr]

    def _customer_staff(self) -> None:
        r = self.rng
        depts = list(DEPARTMENTS)
        pc_dept = r.choice(["Business Applications", "Procurement"])
        pc_title = {"Procurement": "Category Manager IT"}.get(pc_dept, "IT Vendor Manager")
        self.primary = self._customer_person(pc_dept, pc_title, weight=6.0)
        self.primary.tags.append("primary")
        for dept in depts:
            for title in r.sample(DEPARTMENTS[dept],
                                  k=min(len(DEPARTMENTS[dept]), r.randint(1, 3))):
                self._customer_person(dept, title, weight=r.choice([0.5, 1, 1, 1.5, 2, 3]))
        for _ in range(r.randint(0, 8)):
            dept = r.choice(depts)
            self._customer_person(dept, r.choice(DEPARTMENTS[dept]), weight=r.choice([0.3, 0.6, 1]))

    def staff(self, when: date | None = None, dept: str | None = None) -> list[Person]:
        out = []
        for p in self.people:
            if p.org != "customer" or "rep" in p.tags:
                continue
            if when and p.joined and p.joined > when:
                continue
            if dept and p.department != dept:
                continue
            out.append(p)
        return out

    # ------------------------------------------------------------------ the source

    def _acronym(self, phrase: str) -> str:
        words = [w for w in re.split(r"[\s-]+", phrase) if w.isalpha() and len(w) > 2]
        return "".join(w[0] for w in words).upper() if 2 <= len(words) <= 4 else ""

    def _source(self) -> None:
        r = self.rng
        self.onset_target = self.start + timedelta(days=int(self.span * r.uniform(0.25, 0.55)))
        if self.kind == "null":
            return
        if self.kind == "new_exec":
            title, dept, themes = r.choice(EXEC_ROLES)
            foreign = r.random() < 0.45
            lang = r.choice([x for x in ("de", "nl", "it", "en") if x != self.lang]) if foreign \
                else self.lang
            name, first, last, af, al = self._name(lang if lang != "ja" else "en")
            joined = self.onset_target - timedelta(days=r.randint(15, 60))
            p = Person(name=name, email=self._email(af, al, self.cust["domain"]), org="customer",
                       first=first, last=last, title=title, department=dept,
                       lang="en" if foreign else self.lang, zone=self.cust["zone"],
                       client=r.choice(["outlook", "iphone"]), phone=self._phone(self.cust["zone"]),
                       joined=joined, weight=0.4, tags=["source"],
                       second_language=foreign and lang != "en")
            self.people.append(p)
            self.source, self.prev_company = p, r.choice(PREVIOUS_COMPANIES)
            pool = [x for x in self.staff() if x is not p and x is not self.primary]
            self.messengers = [self.primary] + r.sample(pool, k=3)
            for m in self.messengers[1:]:
                m.tags.append("lieutenant")
            coin = r.random() < 0.6
        elif self.kind == "it_dept":
            group, themes, titles = r.choice(IT_GROUPS)
            self.group = group
            n = r.randint(3, 5)
            for i, title in enumerate(titles[:n]):
                p = self._customer_person(group, title, weight=0.8 if i else 0.5)
                p.tags.append("source")
                self.members.append(p)
            self.source = self.members[0]
            pool = [x for x in self.staff() if x not in self.members and x is not self.primary]
            self.messengers = [self.primary] + r.sample(pool, k=4)
            coin = r.random() < 0.4
        else:
            comp = r.choice(COMPETITORS)
            self.comp = comp
            for _ in range(r.randint(1, 3)):
                rep_lang = r.choice(["en", self.lang if self.lang != "ja" else "en"])
                name, first, last, af, al = self._name(rep_lang)
                rep = Person(name=name, email=self._email(af, al, comp["domain"], "first.last"),
                             org="competitor", first=first, last=last,
                             title=r.choice(["Account Director", "Solution Consultant",
                                             "Enterprise Sales Lead"]),
                             department="Sales", zone=self.cust["zone"], client="outlook",
                             phone=self._phone(self.cust["zone"]), tags=["rep"])
                self.people.append(rep)
                self.reps.append(rep)
            themes = list(THEMES)
            pool = [x for x in self.staff() if x is not self.primary]
            self.messengers = [self.primary] + r.sample(pool, k=4)
            coin = False
        theme = r.choice(themes)
        k = r.randint(8, 14)
        for canonical, variants in r.sample(THEMES[theme], k=k):
            self.vision.append(Idea(canonical, list(variants)))
        for idea in r.sample(self.vision, k=r.randint(1, 2)):
            idea.acronym = self._acronym(idea.canonical)
        if coin:
            self.programme = r.choice(SOURCE_PROGRAMMES)
            self.vision.append(Idea(self.programme, [f"the {self.programme} programme",
                                                     f"Project {self.programme}"]))
        self.theme = theme

    # ------------------------------------------------------------------ confounders

    def _pick_confounders(self) -> None:
        r = self.rng
        if self.kind == "null":
            chosen = r.sample(CONFOUNDERS_NULL, k=r.randint(3, 5))
            if not {"programme", "tender", "new_hire", "merger"} & set(chosen):
                chosen.append(r.choice(["programme", "tender", "new_hire", "merger"]))
        else:
            chosen = r.sample(CONFOUNDERS_OTHER, k=r.randint(1, 2))
        for name in chosen:
            a = self.start + timedelta(days=int(self.span * r.uniform(0.15, 0.7)))
            c = {"type": name, "start": a.isoformat()}
            if name == "programme":
                c["name"] = r.choice(COMPANY_PROGRAMMES).replace("{short}", self.cust["short"])
                c["slogans"] = r.sample(["simplify to grow", "customer at the centre",
                                         "one team, one plan", "fewer, better suppliers"], k=2)
                c["description"] = "company programme name used by many people across topics"
            elif name == "reorg":
                c["description"] = "reorganisation: departments renamed, titles change"
                c["renames"] = {"Business Applications": "Digital Products",
                                "IT Infrastructure": "Technology Services",
                                "Operations": "Operations & Supply Chain"}
            elif name == "tender":
                adv, dom = r.choice(CONSULTANCIES)
                nm, first, last, af, al = self._name("en")
                adviser = Person(name=nm, email=self._email(af, al, dom, "first.last"),
                                 org="adviser",
                                 first=first, last=last, title="Senior Consultant", department=adv,
                                 zone=self.cust["zone"], client="outlook",
                                 phone=self._phone(self.cust["zone"]), tags=["adviser"])
                self.people.append(adviser)
                lead = (self.staff(dept="Procurement") or [self.primary])[0]
                c.update(description="tender: a burst of numbered clarification questions",
                         end=(a + timedelta(days=r.randint(14, 28))).isoformat(),
                         ref=f"{r.choice(['RFP', 'ITT', 'RFQ'])}-{a.year}-{r.randint(10, 99)}",
                         people=[lead.email, adviser.email])
                self.tender_people = [lead, adviser]
            elif name == "new_hire":
                dept = r.choice(["Business Applications", "Operations", "Procurement"])
                p = self._customer_person(dept, r.choice(DEPARTMENTS[dept]), weight=0.0, joined=a)
                p.tags.append("new_hire")
                c.update(description="new hire who asks a lot", people=[p.email])
                self.new_hire = p
            elif name == "budget":
                y = r.choice([self.start.year, self.start.year + 1])
                b = max(self.start,
                        min(date(y, 9, r.randint(1, 25)), self.end - timedelta(days=40)))
                c.update(start=b.isoformat(),
                         end=(b + timedelta(days=r.randint(30, 60))).isoformat(),
                         description="budget season", fy=f"FY{(b.year + 1) % 100:02d}")
            elif name == "outage":
                c.update(end=(a + timedelta(days=r.randint(7, 20))).isoformat(),
                         description="incident storm at the vendor")
            elif name == "launch":
                c.update(name=self.seller["launch"], description="the vendor's own product launch")
            elif name == "tics":
                p = r.choice([x for x in self.staff() if x.weight >= 1 and "source" not in x.tags])
                p.tics, p.lang = r.choice(TIC_SETS), "en"
                p.weight += 2
                c.update(start=self.start.isoformat(), people=[p.email], tics=p.tics,
                         description="writer with strong verbal tics")
            elif name == "domain_migration":
                self.migration = a
                for p in self.people:
                    if p.org == "customer" and "rep" not in p.tags:
                        p.old_email = p.email
                        p.email = p.email.split("@")[0] + "@" + self.cust["new_domain"]
                c.update(description="customer mail domain migration", old=self.cust["domain"],
                         new=self.cust["new_domain"])
            elif name == "merger":
                acq, dom, acq_lang, jargon = r.choice(ACQUISITIONS)
                newbies = []
                for _ in range(r.randint(4, 7)):
                    dept = r.choice(["Business Applications", "Operations", "Finance",
                                     "IT Infrastructure"])
                    nm, first, last, af, al = self._name(acq_lang)
                    p = Person(name=nm, email=self._email(af, al, dom, "first.last"),
                               org="customer",
                               first=first,
                               last=last, title=r.choice(DEPARTMENTS[dept]), department=dept,
                               lang="en", zone=self.cust["zone"], client="outlook",
                               phone=self._phone(self.cust["zone"]), joined=a, weight=0.0,
                               tags=["acquired"])
                    self.people.append(p)
                    newbies.append(p)
                c.update(description="merger brings colleagues with another domain and jargon",
                         company=acq, domain=dom, jargon=jargon, people=[p.email for p in newbies])
                self.merger = (acq, jargon, newbies)
            self.conf[name] = c
            self.confounders.append(c)

    def active(self, name: str, when: date) -> bool:
        c = self.conf.get(name)
        if not c:
            return False
        end = date.fromisoformat(c.get("end", "2999-01-01"))
        return date.fromisoformat(c["start"]) <= when <= end

    def email_at(self, p: Person, when: datetime) -> str:
        if p.old_email and self.migration and when.date() < self.migration:
            return p.old_email
        return p.email

    def title_at(self, p: Person, when: datetime) -> tuple[str, str]:
        c = self.conf.get("reorg")
        if c and when.date() >= date.fromisoformat(c["start"]):
            return p.title, c["renames"].get(p.department, p.department)
        return p.title, p.department

    # ------------------------------------------------------------------ message plumbing

    def new_mid(self, p: Person, when: datetime) -> str:
        r = self.rng
        dom = p.email.split("@")[1]
        hexd = "0123456789ABCDEF"
        while True:
            if p.client in ("outlook", "owa", "android"):
                region = {"US_E": "namprd1", "JP": "jpnprd0",
                          "EU_W": "gbrprd0"}.get(p.zone, "eurprd0")
                pfx = r.choice({"namprd1": ["BN6PR", "CH2PR", "SJ0PR", "MN2PR"],
                                "jpnprd0": ["TYAPR", "OS3PR"], "gbrprd0": ["LO2P", "CWLP"]}
                               .get(region, ["AM0PR", "DB9PR", "VI1PR", "PAXPR", "AS8PR"]))
                host = f"{pfx}{r.randint(1, 9):02d}MB{r.randint(1000, 9999)}"
                mid = (f"<{host}{''.join(r.choice(hexd) for _ in range(36))}@{host}."
                       f"{region}{r.randint(1, 9)}.prod.outlook.com>")
            elif p.client == "gmail":
                alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-"
                mid = f"<CA{''.join(r.choice(alpha) for _ in range(44))}@mail.gmail.com>"
            elif p.client in ("apple", "iphone"):
                u = "".join(r.choice(hexd) for _ in range(32))
                mid = f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}@{dom}>"
            elif p.client == "newsletter":
                mid = (f"<{r.randint(10**9, 10**10)}.{r.randint(1000, 9999)}"
                       f"@mta{r.randint(1, 9)}.{dom}>")
            else:
                u = "".join(r.choice("0123456789abcdef") for _ in range(32))
                mid = f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}@{dom}>"
            if mid not in self.mids:
                self.mids.add(mid)
                return mid

    def at(self, day: date, zone: str, early: int = 7, late: int = 19) -> datetime:
        """A UTC time on a local working day (weekends moved to Monday, mostly)."""
        r = self.rng
        if day.weekday() >= 5 and r.random() < 0.9:
            day += timedelta(days=7 - day.weekday())
        loc = datetime(day.year, day.month, day.day, r.randint(early, late - 1), r.randint(0, 59),
                       r.randint(0, 59))
        guess = loc - timedelta(minutes=zone_offset(zone, loc))
        return loc - timedelta(minutes=zone_offset(zone, guess))

    def later(self, when: datetime, zone: str, lo_h: float, hi_h: float) -> datetime:
        t = when + timedelta(hours=self.rng.uniform(lo_h, hi_h))
        lt = local(t, zone)
        if lt.hour < 7 or lt.hour >= 20 or lt.weekday() >= 5:
            return self.at(t.date() + timedelta(days=1), zone)
        return t

    def before(self, when: datetime, zone: str, lo_h: float, hi_h: float) -> datetime:
        """A working-hours time some hours before ``when``."""
        t = when - timedelta(hours=self.rng.uniform(lo_h, hi_h))
        lt = local(t, zone)
        if lt.hour < 7 or lt.hour >= 20 or lt.weekday() >= 5:
            t = self.at(t.date(), zone, 8, 18)
            if t >= when:
                t = when - timedelta(minutes=self.rng.randint(20, 90))
        return t

    def rand_day(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def slots(self, when: datetime, lang: str) -> dict:
        r, s = self.rng, self.seller
        d = when.date()
        due = d + timedelta(days=r.randint(5, 20))
        due += timedelta(days=(7 - due.weekday()) % 7 if due.weekday() >= 5 else 0)
        mi = (d.month + r.randint(0, 2)) % 12
        return {"n": r.choice([25, 40, 50, 75, 120, 150, 200, 250, 400]),
                "n2": r.choice([180, 240, 310, 420, 560, 800]), "n3": r.randint(2, 9),
                "n4": r.randint(120, 170), "mod": r.choice(s["modules"]),
                "prod": r.choice(s["products"]), "seller": s["short"], "yr": d.year + 1,
                "yr5": d.year + 5, "q": f"Q{r.randint(1, 4)}", "site": r.choice(self.cust["sites"]),
                "sys": r.choice(self.cust["systems"]), "month": MONTHS[lang][mi],
                "day": day_text(due, lang), "inv": f"INV-{d.year}-{r.randint(10000, 99999)}",
                "po": f"45{r.randint(10000000, 99999999)}",
                "ticket": f"#{r.randint(100000, 999999)}",
                "feature": r.choice(s["features"]),
                "amount": f"{r.randint(12, 240)},{r.randint(100, 999)}",
                "weekday": WEEKDAYS["en"][r.randint(0, 4)], "_due": due, "_mi": mi}

    def ask_pair(self, topic: str, lang: str, sl: dict) -> tuple[str, str, str, str]:
        """Subject and ask in ``lang`` and the same in English (the translations line up)."""
        subjects, bodies = ASKS[topic].get(lang) or ASKS[topic]["en"]
        j = self.rng.randrange(len(bodies))
        i = j if j < len(subjects) and self.rng.random() < 0.7 \
            else self.rng.randrange(len(subjects))
        en = dict(sl, day=day_text(sl["_due"], "en"), month=MONTHS["en"][sl["_mi"]])
        es, eb = ASKS[topic]["en"]
        return (subjects[i].format(**sl), bodies[j].format(**sl), es[i].format(**en),
                eb[j].format(**en))

    def ask_text(self, topic: str, lang: str, sl: dict) -> tuple[str, str]:
        return self.ask_pair(topic, lang, sl)[:2]

    def greet(self, sender: Person, to: Person, lang: str) -> str:
        g = self.rng.choice(GREET[lang])
        if lang == "ja":
            ours = self.cust.get("name_ja", self.cust["name"])
            company = self.seller["name"] if to.org == "seller" else ours
            own = ours if sender.org == "customer" else self.seller["name"]
            return g.format(company=company, last=to.last, own_company=own, own_last=sender.last)
        return g.format(first=to.first, last=to.last)

    def signature(self, p: Person, lang: str, when: datetime) -> str:
        r = self.rng
        if p.client in ("iphone", "android") and r.random() < 0.8:
            return r.choice(MOBILE[lang])
        if r.random() < 0.3:
            return ""
        title, dept = self.title_at(p, when)
        company = {"customer": self.cust["name"],
                   "seller": self.seller["name"]}.get(p.org, p.department)
        if p.org == "competitor":
            company = self.comp["name"]
        lines = [p.name, f"{title} | {dept}" if dept and r.random() < 0.5 else title, company,
                 f"T {p.phone}"]
        if r.random() < 0.4:
            lines.append(f"M {self._phone(p.zone, p.phone.split()[0])}")
        if p.org == "seller":
            lines.append(f"www.{self.seller['domain']}")
        if p.org == "customer" and self.cust.get("legal") and r.random() < 0.6:
            lines += ["", self.cust["legal"]]
        if r.random() < (0.4 if p.org == "customer" else 0.25):
            lines += ["", DISCLAIMER[lang if p.org == "customer" else "en"]]
        sep = "-- \n" if p.client == "thunderbird" else ""
        return sep + "\n".join(lines)

    def compose(self, sender: Person, to: Person, lang: str, paragraphs: list[str],
                when: datetime, greet: bool = True) -> str:
        r = self.rng
        paragraphs = [p for p in paragraphs if p]
        if sender.tics and paragraphs:
            tics = r.sample(sender.tics, k=min(2, len(sender.tics)))
            first, lead = paragraphs[0], tics[0].rstrip(":")
            paragraphs[0] = f"{lead[0].upper()}{lead[1:]}: {first[0].lower()}{first[1:]}"
            paragraphs.append(tics[-1][0].upper() + tics[-1][1:].rstrip(":") + ".")
        parts = ([self.greet(sender, to, lang)] if greet else []) + paragraphs
        close = r.choice(CLOSE[lang])
        name = sender.first if lang != "ja" else ""
        parts.append(close + ("\n" + name if name else ""))
        sig = self.signature(sender, lang, when)
        if sig:
            parts.append(sig)
        return "\n\n".join(parts)

    def header_block(self, m: Msg, lang: str, emails: bool = True, sep: str | None = None) -> str:
        f, s, t, c, sub, original = HEADER_LABELS[lang]
        sep = sep if sep is not None else self.rng.choice([original, "_" * 32, ""])

        def who(p: Person) -> str:
            addr = self.email_at(p, m.date)
            if not emails:
                return p.name
            return f"{p.name} <{addr}>" if self.rng.random() < 0.7 else f"{p.name} [mailto:{addr}]"

        lines = ([sep] if sep else []) + [f"{f}: {who(m.sender)}",
                                          f"{s}: {block_date(m.date, m.sender.zone, lang)}",
                                          f"{t}: " + "; ".join(who(p) for p in m.to)]
        if m.cc:
            lines.append(f"{c}: " + "; ".join(who(p) for p in m.cc))
        lines.append(f"{sub}: {m.subject}")
        return "\n".join(lines)

    def gmail_block(self, m: Msg, lang: str) -> str:
        head = "---------- Weitergeleitete Nachricht ---------" if lang == "de" else \
            "---------- Forwarded message ---------"
        lab = ("Von", "Date", "Subject",
               "To") if lang == "de" else ("From", "Date", "Subject", "To")
        t = local(m.date, m.sender.zone)
        return "\n".join([head, f"{lab[0]}: {m.sender.name} <{self.email_at(m.sender, m.date)}>",
                          f"{lab[1]}: {t:%a}, {t.day} {t:%b} {t.year} at {t:%H:%M}",
                          f"{lab[2]}: {m.subject}",
                          f"{lab[3]}: " + ", ".join(f"{p.name} <{self.email_at(p, m.date)}>"
                                                    for p in m.to)])

    def quoted_for(self, parent: Msg, replier: Person, style: str) -> str:
        lang = replier.lang
        if style == "outlook":
            return self.header_block(parent,
                                     lang) + "\n\n" + self.plain_of(parent.text, parent.table)
        return attribution(parent.date, parent.sender.zone, parent.sender, lang, replier.client) + \
            "\n" + quote(self.plain_of(parent.text, parent.table))

    def msg(self, sender: Person, to: list, cc: list, subject: str, text: str, when: datetime,
            lang: str, role: str = "other", **kw) -> Msg:
        m = Msg(mid=self.new_mid(sender, when), date=when, sender=sender, to=list(to), cc=list(cc),
                subject=subject, text=text, lang=lang, role=role, **kw)
        r = self.rng
        outlookish = sender.client in ("outlook", "owa", "android")
        if lang == "ja":
            m.charset = r.choice(["iso-2022-jp", "iso-2022-jp",
                                  "utf-8"]) if sender.client != "gmail" \
                else "utf-8"
        elif lang in ("de", "nl", "it") and outlookish:
            m.charset = r.choice(["iso-8859-1", "windows-1252", "utf-8"])
        elif outlookish:
            m.charset = r.choice(["us-ascii", "utf-8", "windows-1252"])
        else:
            m.charset = "utf-8"
        if m.charset == "iso-2022-jp":
            m.cte = "7bit"
        elif sender.client == "gmail" or m.charset == "utf-8" and lang == "ja":
            m.cte = "base64" if lang == "ja" else "quoted-printable"
        elif sender.client == "thunderbird":
            m.cte = r.choice(["8bit", "quoted-printable"])
        else:
            m.cte = r.choice(["quoted-printable", "quoted-printable", "base64", "8bit"])
        if sender.client in ("outlook", "owa") and not m.ics:
            m.fmt = r.choices(["alt", "html", "plain"], [6, 3, 1])[0]
        elif sender.client == "gmail":
            m.fmt = "alt"
        if m.table and m.fmt == "plain" and r.random() < 0.5:
            m.fmt = "html"
        return m

    def reply(self, parent: Msg, sender: Person, core: list[str], when: datetime,
              role: str = "reply", to: list | None = None, cc: list | None = None,
              lang: str | None = None, greet: bool = True) -> Msg:
        r = self.rng
        lang = lang or sender.lang
        to = to if to is not None else [parent.sender]
        cc = cc if cc is not None else [p for p in parent.to + parent.cc
                                        if p is not sender and p not in to]
        subject = PREFIX[lang][0] + strip_prefix(parent.subject)
        body = self.compose(sender, to[0], lang, core, when, greet=greet)
        if sender.client == "thunderbird" and r.random() < 0.5 and sender.org == "seller":
            text = self.inline_reply(parent, sender, core, when)
        elif sender.client in ("outlook", "owa"):
            text = body + "\n\n" + self.quoted_for(parent, sender, "outlook")
        elif r.random() < 0.25:   # bottom-posting
            text = self.quoted_for(parent, sender, "attr") + "\n\n" + body
        else:
            text = body + "\n\n" + self.quoted_for(parent, sender, "attr")
        return self.msg(sender, to, cc, subject, text, when, lang, role=role, topic=parent.topic,
                        thread=parent.thread, in_reply_to=parent.mid,
                        references=(parent.references + [parent.mid])[-8:])

    def inline_reply(self, parent: Msg, sender: Person, core: list[str], when: datetime) -> str:
        """Answers between the quoted paragraphs of the ask (not the signature)."""
        paras = [p for p in self.plain_of(parent.text, parent.table).split("\n\n") if p.strip()]
        closes = tuple(c.rstrip(",") for lang in CLOSE for c in CLOSE[lang])
        end = next((i for i, p in enumerate(paras) if i and p.startswith(closes)), len(paras))
        out = [attribution(parent.date, parent.sender.zone, parent.sender, "en", "thunderbird"),
               quote(paras[0])]
        answers = list(core) + ["Yes – see the attached note.", "Will confirm by Friday."]
        for k, para in enumerate(paras[1:end][:3]):
            out += [quote(para), answers[k]]
        return "\n\n".join(out + [sender.first])

    # ------------------------------------------------------------------ threads

    def thread(self, first: Msg, answer_topic: str, sl: dict, chase_role: str = "request") -> None:
        """The vendor's answer, maybe a chaser first, maybe a thank-you."""
        r = self.rng
        self.messages.append(first)
        asker, cur = first.sender, first
        if r.random() < 0.22:
            t = self.later(first.date, asker.zone, 72, 240)
            chase = self.reply(first, asker, [r.choice(CHASE[asker.lang])], t,
                               role="vision_followup" if chase_role == "vision" else "followup",
                               to=first.to, cc=first.cc)
            chase.subject = first.subject if r.random() < 0.5 else chase.subject
            chase.topic = first.topic
            self.messages.append(chase)
            cur = chase
        if r.random() < 0.85:
            seller = next((p for p in first.to + first.cc
                           if p.org == "seller" and p not in (self.support, self.news)), self.ae)
            t = self.later(cur.date, seller.zone, 1, 80)
            answer = ANSWERS[answer_topic].format(**sl)
            colleague = r.choice([self.se, self.csm]).name
            lang = seller.lang if seller.lang == asker.lang else "en"
            due = day_text(t.date() + timedelta(days=3), lang)
            core = r.choice(SELLER_REPLY[lang]).format(first=asker.first, last=asker.last, day=due,
                                                      answer=answer, colleague=colleague,
                                                      weekday=sl["weekday"])
            rep = self.reply(cur, seller, [core], t, lang=lang, to=[asker])
            self.messages.append(rep)
            if r.random() < 0.04:
                self.auto_reply(rep, asker)
            if r.random() < 0.3:
                t2 = self.later(rep.date, asker.zone, 1, 48)
                self.messages.append(self.reply(rep, asker, [r.choice(ACK[asker.lang])], t2,
                                                to=[seller], greet=False))

    def auto_reply(self, trigger: Msg, who: Person) -> None:
        r = self.rng
        lang = who.lang
        prefix, text = AUTO[lang]
        back = trigger.date.date() + timedelta(days=r.randint(3, 14))
        colleague = r.choice([p for p in self.staff() if p is not who]).name
        m = self.msg(who, [trigger.sender], [], prefix + trigger.subject,
                     text.format(day=day_text(back, lang), colleague=colleague),
                     trigger.date + timedelta(seconds=r.randint(5, 90)), lang, role="other",
                     topic="auto_reply", in_reply_to=trigger.mid)
        m.fmt = "plain"
        m.extra_headers += [("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")]
        self.messages.append(m)

    def seller_target(self, topic: str) -> tuple[list, list]:
        r = self.rng
        if topic in ("architecture", "integration", "poc", "access",
                     "data_export") and r.random() < 0.45:
            return [self.se], ([self.ae] if r.random() < 0.6 else [])
        if topic in ("escalation", "sla") and r.random() < 0.5:
            return [self.support], ([self.csm] if r.random() < 0.5 else [self.ae])
        if topic in ("training", "reporting") and r.random() < 0.4:
            return [self.csm], ([self.ae] if r.random() < 0.5 else [])
        return [self.ae], ([r.choice([self.se, self.csm])] if r.random() < 0.3 else [])

    # ------------------------------------------------------------------ everyday asks

    def _everyday(self) -> None:
        r = self.rng
        n = max(60, min(330, int(self.months * r.uniform(5.5, 13))))
        for _ in range(n):
            day = self.rand_day(self.start, self.end)
            people = [p for p in self.staff(day) if p.weight > 0]
            asker = r.choices(people, [p.weight for p in people])[0]
            self.everyday_ask(asker, day)
        extra = []
        if "tender" in self.conf:
            c = self.conf["tender"]
            a, b = date.fromisoformat(c["start"]), date.fromisoformat(c["end"])
            for k in range(r.randint(15, 32)):
                extra.append((r.choice(self.tender_people), self.rand_day(a, b),
                              {"tender_q": k + 1}))
        if self.new_hire:
            p = self.new_hire
            for _ in range(r.randint(20, 40)):
                extra.append((p, self.rand_day(p.joined, self.end), {}))
        if "budget" in self.conf:
            c = self.conf["budget"]
            a, b = date.fromisoformat(c["start"]), date.fromisoformat(c["end"])
            for _ in range(r.randint(10, 20)):
                day = self.rand_day(a, b)
                fin = self.staff(day, "Finance") + self.staff(day, "Procurement")
                extra.append((r.choice(fin), day,
                              {"topic": r.choice(["pricing", "renewal", "licences", "invoice"])}))
        if "outage" in self.conf:
            c = self.conf["outage"]
            a, b = date.fromisoformat(c["start"]), date.fromisoformat(c["end"])
            for _ in range(r.randint(10, 22)):
                extra.append((r.choice(self.staff(a)), self.rand_day(a, b),
                              {"topic": r.choice(["escalation", "escalation", "sla"])}))
        if "launch" in self.conf:
            a = date.fromisoformat(self.conf["launch"]["start"])
            for _ in range(r.randint(6, 14)):
                extra.append((r.choice(self.staff(a)), self.rand_day(a, self.end),
                              {"launch": True}))
        if self.merger:
            acq, jargon, newbies = self.merger
            a = newbies[0].joined
            for _ in range(r.randint(10, 24)):
                extra.append((r.choice(newbies), self.rand_day(a, self.end), {"merger": True}))
        for who, day, opts in extra:
            self.everyday_ask(who, day, **opts)
        self._announcements()

    def everyday_ask(self, asker: Person, day: date, topic: str = "", tender_q: int = 0,
                     launch: bool = False, merger: bool = False) -> Msg:
        r = self.rng
        if not topic:
            topic = r.choice(DEPT_TOPICS.get(asker.department) or ALL_TOPICS) if r.random() < 0.8 \
                else r.choice(ALL_TOPICS)
        lang = asker.lang
        when = self.at(day, asker.zone)
        sl = self.slots(when, lang)
        subject, body, subject_en, body_en = self.ask_pair(topic, lang, sl)
        paras = [body]
        to, cc = self.seller_target(topic)
        if tender_q:
            c = self.conf["tender"]
            lang = "en"
            subject, body = self.ask_text(topic, "en", self.slots(when, "en"))
            subject_en, body_en = subject, body
            subject = f"{c['ref']} – clarification question {tender_q:02d}: {subject}"
            paras = [f"Reference: section {r.randint(2, 9)}.{r.randint(1, 12)}, requirement "
                     f"{r.choice(['M', 'O'])}-{r.randint(1, 60)} "
                     f"({r.choice(['mandatory', 'optional'])}).",
                     body, f"Please submit your answer through the tender portal by {sl['day']}; "
                     "answers are shared with all bidders."]
            if "adviser" in asker.tags:
                paras.insert(0, f"On behalf of {self.cust['name']}:")
        if "programme" in self.conf and self.active("programme", day) and r.random() < 0.35:
            c = self.conf["programme"]
            paras.append(r.choice([f"This is for {c['name']}.",
                                   f"We need this as part of {c['name']}.",
                                   f"Context: {c['name']} workstream {r.randint(1, 6)}.",
                                   f"In the spirit of {c['name']} – {r.choice(c['slogans'])}."]))
        if "budget" in self.conf and self.active("budget", day) and \
                asker.department in ("Finance", "Procurement"):
            fy = self.conf["budget"]["fy"]
            paras.append(r.choice([
                f"We're finalising the {fy} budget and need this for the cost envelope.",
                f"The {fy} budget freeze starts soon, so we need numbers before then.",
                "Finance is running a zero-based review of all software spend."]))
        if "outage" in self.conf and self.active("outage", day) and topic in ("escalation", "sla"):
            paras.append(r.choice(["We expect a full RCA and a view on service credits.",
                                   "This is the third P1 incident in two weeks.",
                                   "Please include this in the post-incident review."]))
        if launch:
            lp = self.conf["launch"]["name"]
            paras.append(r.choice([f"We saw the announcement of {lp}. Does it change anything for "
                                   f"{sl['mod']}?",
                                   f"Would {lp} be included in our current subscription?",
                                   f"Is {lp} something we should consider instead of "
                                   f"{sl['mod']}?"]))
        if merger:
            acq, jargon, _ = self.merger
            paras.append(r.choice([f"We need to bring the {acq} users onto {sl['prod']} – about "
                                   f"{sl['n']} people currently on {r.choice(jargon)}.",
                                   f"How would we migrate the data from {r.choice(jargon)}?",
                                   f"Can the {acq} contract be merged into ours?"]))
        if len(paras) > 1 and lang != "en" and not tender_q:
            lang, subject, paras[0] = "en", subject_en, body_en   # asked in English this time
        text = self.compose(asker, to[0], lang, paras, when)
        table = None
        if topic == "pricing" and r.random() < 0.5:
            table = [["Scenario", "Users", "Module", "Term"],
                     ["A (today)", str(sl["n2"]), sl["mod"], "12 months"],
                     ["B", str(sl["n2"] + sl["n"]), sl["mod"],
                      r.choice(["12 months", "36 months"])]]
            text = text.replace(paras[0], paras[0] + "\n\n\x00TABLE\x00", 1)
        self.thread_no += 1
        m = self.msg(asker, to, cc, subject, text, when, lang, role="request", topic=topic,
                     originator=self.email_at(asker, when), thread=f"t{self.thread_no}",
                     table=table,
                     subject_en=subject_en, ask_en=body_en)
        if r.random() < 0.04:
            m.text = m.text.replace(paras[0], paras[0] + "\nFrom our side the priority is clear.",
                                    1)
            m.from_lines = True
        self.thread(m, topic, sl)
        return m

    def _announcements(self) -> None:
        r = self.rng
        for name, c in self.conf.items():
            a = date.fromisoformat(c["start"])
            when = self.at(a, self.primary.zone)
            text = ""
            if name == "programme":
                text = (f"FYI – our CEO launched {c['name']} today. Expect to hear the name a lot; "
                        f"the message is '{c['slogans'][0]}'.")
            elif name == "reorg":
                text = ("FYI, we have a new structure from today. Business Applications is now "
                        "Digital Products, IT Infrastructure becomes Technology Services. Contacts "
                        "stay the same for now.")
            elif name == "domain_migration":
                text = (f"Please note our e-mail addresses change to @{c['new']} from today. "
                        f"Mail to @{c['old']} will be forwarded for a while.")
            elif name == "merger":
                text = (f"Good news: the acquisition of {c['company']} closed today. You'll hear "
                        "from some of their colleagues soon.")
            elif name == "new_hire":
                p = self.new_hire
                when = self.at(a + timedelta(days=r.randint(1, 6)), p.zone)
                m = self.msg(p, [self.ae], [self.primary], "Introduction",
                             self.compose(p, self.ae, p.lang,
                                          [f"I have just joined {self.cust['short']} as {p.title} "
                                           "and will be working with you on a number of topics. "
                                           "Looking forward to it!"], when),
                             when, p.lang, role="other", topic="introduction")
                self.messages.append(m)
                continue
            if text:
                m = self.msg(self.primary, [self.ae], [],
                             r.choice(["FYI", "Heads-up", "Info"]) + ": " +
                             {"programme": c.get("name", ""), "reorg": "new organisation",
                              "domain_migration": "new e-mail addresses",
                              "merger": c.get("company", "")}[name],
                             self.compose(self.primary, self.ae, "en", [text], when), when, "en",
                             role="other", topic="announcement")
                self.messages.append(m)

    # ------------------------------------------------------------------ the vision

    def form(self, idea: Idea, who: str) -> str:
        """How one idea is written: canonical, a rephrasing, or its acronym."""
        r, d = self.rng, self.difficulty
        if idea.acronym and idea.introduced:
            p_acr = 0.5 if who == "source" else {"easy": 0.2, "medium": 0.35, "hard": 0.4}[d]
            if r.random() < p_acr:
                return idea.acronym
        if who == "source":
            if idea.acronym and not idea.introduced:
                idea.introduced = True
                return f"{idea.canonical} ({idea.acronym})"
            p = {"easy": 0.9, "medium": 0.8, "hard": 0.65}[d]
        else:
            p = {"easy": 0.65, "medium": 0.45, "hard": 0.25}[d]
        return idea.canonical if r.random() < p else r.choice(idea.variants)

    @staticmethod
    def second_language(text: str) -> str:
        for a, b in (("I'd like", "I would like that"),
                     ("Please make sure", "Please take care that"),
                     ("within the year", "still in this year"), ("from now on", "from now"),
                     ("I have seen", "I have saw"), ("should tell us", "must explain us"),
                     ("matters to me", "is important for me"),
                     ("No exceptions.", "Without exception."),
                     ("Every supplier", "Each supplier")):
            text = text.replace(a, b)
        return text

    def bridges(self, ideas: list, lang: str, sl: dict, who: str = "messenger") -> list[str]:
        r = self.rng
        forms = [self.form(i, who) for i in ideas]
        out = []
        while forms:
            if len(forms) >= 2 and r.random() < 0.5:
                out.append(r.choice(PAIR[lang]).format(v=forms[0], v2=forms[1]))
                forms = forms[2:]
            else:
                out.append(r.choice(BRIDGE[lang]).format(v=forms[0], prod=sl["prod"]))
                forms = forms[1:]
        return out

    def relay(self, key: str, lang: str, names: bool, **kw) -> str:
        options = RELAY[key].get(lang) or RELAY[key]["en"]
        if not names:
            plain = [o for o in options if "{src}" not in o]
            if plain:
                options = plain
            elif key == "asked_me":
                anon = RELAY["asked_me_anon"]
                return self.rng.choice(anon.get(lang) or anon["en"])
            else:
                kw = dict(kw, src={"ja": "関係者"}.get(lang, "a colleague"))
        return self.rng.choice(options).format(**kw)

    def source_note(self, orig: Person, ideas: list, sl: dict, cprod: str = "") -> str:
        """The source's own words; every idea in ``ideas`` (extended to two if needed) appears."""
        r = self.rng
        key = {"new_exec": "exec", "it_dept": "it", "competitor": "competitor"}[self.kind]
        options = [t for t in SOURCE_TEXT[key] if self.programme or "{programme}" not in t]
        template = r.choice(options)
        used = 2 if "{v2}" in template else 1
        while len(ideas) < used:
            ideas.append(r.choice([i for i in self.vision if i not in ideas]))
        forms = [self.form(i, "source") for i in ideas]
        text = template.format(v=forms[0], v2=forms[min(1, len(forms) - 1)],
                               programme=self.programme,
                               seller=sl["seller"], prod=sl["prod"], yr=sl["yr"],
                               cprod=cprod or (r.choice(self.comp["products"])
                                               if self.kind == "competitor" else ""))
        for extra in forms[used:]:
            text += " " + r.choice(BRIDGE["en"]).format(v=extra, prod=sl["prod"])
        if orig.second_language:
            text = self.second_language(text)
        return text

    def inner_note(self, orig: Person, to: Person, ideas: list, topic: str, when: datetime,
                   asked: tuple) -> Msg:
        r = self.rng
        sl = self.slots(when, "en")
        subj, ask = asked
        if self.kind == "competitor":
            cprod = r.choice(self.comp["products"])
            note = self.source_note(orig, ideas, sl, cprod)
            subject = r.choice([f"{cprod} – follow-up from our meeting",
                                f"Your questions on {cprod}",
                                f"{self.comp['name']} / {self.cust['short']} – next steps"])
            paras = [note, r.choice(["Happy to set up a reference call.",
                                     "Let me know when we can show this to the wider team."])]
        else:
            note = self.source_note(orig, ideas, sl)
            subject = r.choice([subj, f"{sl['seller']} – {TOPIC_LABEL[topic]}",
                                f"Supplier input needed: {TOPIC_LABEL[topic]}"]
                               + ([f"{self.programme}: next steps"] if self.programme else []))
            paras = [note, r.choice([f"Please get {sl['seller']}'s answer on this. {ask}",
                                     f"Can you raise this with {sl['seller']}? {ask}",
                                     f"Also, ask them: {ask}"])]
        if orig.second_language:
            paras = [self.second_language(p) for p in paras]
        text = self.compose(orig, to, "en", paras, when)
        m = self.msg(orig, [to], [], subject, text, when, "en", role="embedded", topic=topic,
                     originator=orig.email, ideas=[i.canonical for i in ideas])
        if orig.client == "owa" or orig.org == "competitor":
            m.fmt = "alt"
        self.embedded.append(m)
        return m

    def attachment_for(self, orig: Person, ideas: list, sl: dict) -> tuple[str, Attachment]:
        r = self.rng
        if self.kind == "competitor":
            cprod = r.choice(self.comp["products"])
            label = r.choice([f"{cprod} – Overview",
                              f"{self.comp['name']} proposal {self.cust['short']}"])
        elif self.kind == "it_dept":
            label = r.choice([f"{self.group} – Standards v{r.randint(2, 5)}",
                              f"Architecture Principles {sl['yr']}"])
        else:
            label = r.choice(([f"{self.programme} principles"] if self.programme else [])
                             + [f"{orig.last} – priorities {sl['yr'] - 1}",
                                f"Vision {self.cust['short']} {sl['yr']}"])
        lines = [label, ""] + [f"{n}. {self.form(i, 'source')}" for n, i in enumerate(ideas, 1)]
        body = "\n".join(lines)
        if r.random() < 0.6:
            fname = re.sub(r"[^\w\- ]+", "", label).strip().replace(" ", "_") + ".pdf"
            return label, Attachment(fname, "application/pdf", make_pdf(body))
        return label, Attachment(label + ".txt", "text/plain", body.encode("utf-8"))

    def vision_message(self, day: date, mode: str, messenger: Person, orig: Person | None,
                       topic: str, ideas: list) -> Msg:
        r, d = self.rng, self.difficulty
        names = d != "hard" or r.random() < 0.25
        lang = messenger.lang
        when = self.at(day, messenger.zone)
        sl = self.slots(when, lang)
        subject, ask, subject_en, ask_en = self.ask_pair(topic, lang, sl)
        asked = (subject_en, ask_en)
        if self.programme and r.random() < 0.25:
            subject = f"{self.programme} – {subject}"
        to, cc = self.seller_target(topic)
        sender, attachments, in_reply_to = messenger, [], ""
        src = (orig.first if r.random() < 0.5 else orig.name) if orig else self.comp["name"]
        seller_first = to[0].first
        cprod = r.choice(self.comp["products"]) if self.kind == "competitor" else ""
        paras: list[str] = []
        tail = ""
        if mode == "direct":
            sender, lang = orig, "en"
            sl = self.slots(when, "en")
            subject, ask = self.ask_text(topic, "en", sl)
            subject_en, ask_en = subject, ask
            if orig in self.members and r.random() < 0.5:
                to, cc = [self.se], [self.ae]
            key = "exec" if self.kind == "new_exec" else "it"
            template = r.choice(DIRECT_TEXT[key])
            if "{v2}" in template and len(ideas) < 2:
                ideas.append(r.choice([i for i in self.vision if i not in ideas]))
            forms = [self.form(i, "source") for i in ideas]
            used = 2 if "{v2}" in template else 1
            lead = template.format(v=forms[0], v2=forms[-1] if used == 1 else forms[1],
                                   title=orig.title, prev=getattr(self, "prev_company", ""),
                                   seller=sl["seller"], group=getattr(self, "group", ""),
                                   prod=sl["prod"], yr=sl["yr"])
            for extra in forms[used:]:
                lead += " " + r.choice(BRIDGE["en"]).format(v=extra, prod=sl["prod"])
            if orig.second_language:
                lead, ask = self.second_language(lead), self.second_language(ask)
            paras = [ask, lead] if r.random() < 0.5 else [lead, ask]
            if r.random() < 0.5 and self.primary not in cc:
                cc = cc + [self.primary]
        elif mode in ("forward_inline", "internal_forward"):
            inner_when = self.before(when, orig.zone, 2, 80)
            if mode == "internal_forward":
                a = r.choice([p for p in self.staff(day) if p not in (messenger, orig)])
                first_when = self.before(when, orig.zone, 360, 1080)
                inner0 = self.inner_note(orig, a, ideas, topic, first_when, asked)
                mid_when = self.later(first_when, a.zone, 20, 96)
                comment = self.relay("internal", a.lang, names, src=orig.first if orig else src,
                                     topic=TOPIC_LABEL[topic])
                body = self.compose(a, messenger, a.lang, [comment], mid_when)
                block = self.header_block(inner0, a.lang, emails=names)
                text1 = f"{body}\n\n{block}\n\n{inner0.text}"
                inner = self.msg(a, [messenger], [], PREFIX[a.lang][1] + inner0.subject, text1,
                                 mid_when, a.lang, role="embedded", topic=topic,
                                 originator=inner0.originator)
                self.embedded.append(inner)
            else:
                inner = self.inner_note(orig, messenger, ideas, topic, inner_when, asked)
            paras = [self.relay("forward", lang, names, src=src)]
            if r.random() < 0.5:
                paras.append(ask)
            if r.random() < 0.3:
                paras += self.bridges(ideas[:1], lang, sl)
            block = self.gmail_block(inner,
                                     lang) if messenger.client == "gmail" and lang in ("en", "de") \
                else self.header_block(inner, lang, emails=names or r.random() < 0.5)
            tail = block + "\n\n" + inner.text
            subject = PREFIX[lang][1] + inner.subject
        elif mode == "forward_attachment":
            inner_when = self.before(when, orig.zone, 30, 100)
            nested = r.random() < 0.3   # two deep: orig -> a -> messenger -> vendor
            a = r.choice([p for p in self.staff(day) if p not in (messenger, orig)])
            inner = self.inner_note(orig, a if nested else messenger, ideas, topic, inner_when,
                                    asked)
            if nested:
                t1 = self.later(inner_when, a.zone, 1, 24)
                body = self.compose(a, messenger, a.lang,
                                    [self.relay("attached", a.lang, names, src=src)], t1)
                outer_inner = self.msg(a, [messenger], [], PREFIX[a.lang][1] + inner.subject, body,
                                       t1,
                                       a.lang, role="embedded", topic=topic,
                                       originator=inner.originator,
                                       attachments=[Attachment(inner.subject + ".eml",
                                                               "message/rfc822", message=inner)])
                outer_inner.fmt = "plain"
                self.embedded.append(outer_inner)
                inner = outer_inner
            paras = [self.relay("attached", lang, names, src=src)]
            if r.random() < 0.5:
                paras.append(ask)
            attachments.append(Attachment(strip_prefix(inner.subject)[:60] + ".eml",
                                          "message/rfc822",
                                          message=inner))
            subject = PREFIX[lang][1] + strip_prefix(inner.subject)
        elif mode == "quoted_reply":
            inner_when = self.before(when, orig.zone, 2, 60)
            inner = self.inner_note(orig, messenger, ideas, topic, inner_when, asked)
            paras = [self.relay("quoted", lang, names, src=src, seller=sl["seller"],
                                seller_first=seller_first)]
            if r.random() < 0.4:
                paras += self.bridges(ideas[:1], lang, sl)
            style = "outlook" if messenger.client in ("outlook", "owa") else "attr"
            tail = self.quoted_for(inner, messenger, style)
            subject = PREFIX[lang][0] + inner.subject
            cc = cc + [orig]
            in_reply_to = inner.mid
        elif mode == "pasted":
            wsl = self.slots(when, "en")
            if self.kind == "competitor":
                note = self.source_note(self.reps[0], ideas, wsl,
                                        cprod if names else r.choice(["our platform", "the suite"]))
                intro = f"From the {cprod} deck:" if names else self.relay("pasted", lang, False)
            else:
                note = self.source_note(orig, ideas, wsl)
                intro = self.relay("pasted", lang, False)
            wrap = r.choice(['"{}"', "    {}", "» {} «", "{}", "> {}"])
            pasted = wrap.format(note)
            paras = [ask, (intro + "\n\n" if intro else "") + pasted]
            if r.random() < 0.4:
                paras.append(r.choice({"en": ["How would you address this?",
                                              "Can you respond to this point by point?"],
                                       "de": ["Wie würden Sie darauf eingehen?"],
                                       "nl": ["Hoe zouden jullie hierop ingaan?"],
                                       "it": ["Come rispondereste?"],
                                       "ja": ["こちらについてご見解をいただけますか。"]}[lang]))
        elif mode == "asked_me":
            paras = [self.relay("asked_me", lang, names, src=src),
                     ask] + self.bridges(ideas, lang, sl)
        elif mode == "told_us":
            forms = [self.form(i, "messenger") for i in ideas]
            paras = [ask, self.relay("told_us", lang, True,
                                     comp=self.comp["name"] if names else
                                     {"ja": "他", "de": "einem Wettbewerber",
                                      "nl": "een andere leverancier",
                                      "it": "un altro fornitore"}.get(lang, "another vendor"),
                                     v=forms[0])] + self.bridges(ideas[1:], lang, sl)
        elif mode == "product":
            if names:
                paras = [ask, self.relay("product", lang, True, cprod=cprod,
                                         v=self.form(ideas[0], "messenger"), prod=sl["prod"])]
            else:
                paras = [ask] + self.bridges(ideas[:1], lang, sl)
            paras += self.bridges(ideas[1:], lang, sl)
        elif mode == "cc":
            paras = [ask] + self.bridges(ideas, lang, sl)
            if names:
                paras.append(self.relay("cc", lang, True, src=src))
            cc = cc + [orig]
        elif mode == "attachment_named":
            label, att = self.attachment_for(orig or (self.reps[0] if self.reps else messenger),
                                             ideas, sl)
            attachments.append(att)
            paras = [ask, self.relay("attachment", lang, True, label=label)] + \
                self.bridges(ideas[:1], lang, sl)
        else:  # rephrased
            paras = [ask] + self.bridges(ideas, lang, sl)
            if r.random() < 0.3 and len(paras) > 2:
                paras = [paras[0], " ".join(paras[1:])]
        body = self.compose(sender, to[0], lang, paras, when)
        text = body + ("\n\n" + tail if tail else "")
        originator = orig.email if orig else self.comp["name"]
        m = self.msg(sender, to, cc, subject, text, when, lang, role="vision", topic=topic,
                     originator=originator, relay_mode=mode, attachments=attachments,
                     subject_en=subject_en, ask_en=ask_en,
                     ideas=[i.canonical for i in ideas], in_reply_to=in_reply_to,
                     references=[in_reply_to] if in_reply_to else [])
        self.thread_no += 1
        m.thread = f"t{self.thread_no}"
        self.thread(m, topic, sl, chase_role="vision")
        return m

    def _vision_asks(self) -> None:
        r, d = self.rng, self.difficulty
        post = (self.end - self.onset_target).days
        n = max(12, min(38, int(post / 30.4 * r.uniform(2.2, 4.0))))
        weights = dict(RELAY_WEIGHTS[d])
        if self.kind == "competitor":
            weights["product"] = weights.pop("direct") + weights.pop("cc")
            weights["told_us"] = weights.pop("asked_me")
            weights["forward_inline"] += weights.pop("quoted_reply")
        elif self.kind == "it_dept":
            weights["direct"] *= 2
        days = [self.onset_target]
        meetings = []
        for _ in range(r.randint(2, 4)):
            md = self.rand_day(self.onset_target + timedelta(days=7), self.end - timedelta(days=20))
            meetings.append(md)
            for _ in range(r.randint(2, 4)):
                days.append(md + timedelta(days=r.randint(1, 6)))
        while len(days) < n:
            days.append(self.rand_day(self.onset_target + timedelta(days=1), self.end))
        days = sorted(days[:n])
        self._source_meetings(meetings)
        # every idea rides on at least two or three asks
        sizes = [1] * len(days)
        while sum(sizes) < max(int(2.6 * len(self.vision)), int(1.6 * len(days))):
            j = r.randrange(len(days))
            sizes[j] = min(3, sizes[j] + 1)
        pool: list[Idea] = []
        for i, day in enumerate(days):
            if len(pool) < 4:
                extra = list(self.vision)
                r.shuffle(extra)
                pool += extra
            k = sizes[i]
            ideas = []
            for idea in list(pool):
                if idea not in ideas and len(ideas) < k:
                    ideas.append(idea)
                    pool.remove(idea)
            mode = r.choices(list(weights), list(weights.values()))[0]
            if i == 0 and d == "easy" and self.kind != "competitor":
                mode = "forward_inline"
            x = r.random()
            if self.kind == "new_exec":
                messenger = self.primary if x < 0.45 else r.choice(self.messengers[1:]) if x < 0.8 \
                    else r.choice([p for p in self.staff(day) if "source" not in p.tags])
                orig = self.source
            elif self.kind == "it_dept":
                messenger = self.primary if x < 0.35 else r.choice(self.messengers[1:]) if x < 0.8 \
                    else r.choice([p for p in self.staff(day) if "source" not in p.tags])
                orig = self.members[0] if r.random() < 0.4 else r.choice(self.members)
            else:
                messenger = self.primary if x < 0.3 else r.choice(self.messengers[1:]) if x < 0.8 \
                    else r.choice(self.staff(day))
                orig = r.choice(self.reps)
            topic = r.choice(DEPT_TOPICS.get(messenger.department) or ALL_TOPICS) \
                if r.random() < 0.6 else r.choice(ALL_TOPICS)
            if mode == "direct" and orig is None:
                mode = "rephrased"
            self.vision_message(day, mode, messenger, orig, topic, ideas)
        # asks taken in meetings and calls, for the log only
        for _ in range(max(2, n // 4)):
            day = self.rand_day(self.onset_target + timedelta(days=3), self.end)
            who = self.source if self.kind == "new_exec" and r.random() < 0.4 else \
                r.choice(self.members) if self.kind == "it_dept" and r.random() < 0.5 else \
                r.choice(self.messengers)
            ideas = r.sample(self.vision, k=min(len(self.vision), r.randint(1, 2)))
            self.log_plans.append({"day": day, "who": who, "topic": r.choice(ALL_TOPICS),
                                   "ideas": ideas,
                                   "channel": r.choice(["Meeting", "Phone", "Teams call",
                                                        "Workshop"])})
        self._vision_context()

    def _source_meetings(self, meetings: list) -> None:
        r = self.rng
        if self.kind == "competitor":
            return
        for md in meetings:
            organizer = self.source
            title = r.choice(([f"{self.programme} kick-off", f"{self.programme} steering"]
                              if self.programme else [])
                             + (["Leadership offsite", "Operations steering committee", "Town hall"]
                                if self.kind == "new_exec" else
                                ["Architecture Board", f"{self.group} design review",
                                 "Platform standards briefing"]))
            attendees = list(self.messengers) + r.sample(self.staff(md), k=3)
            attendees = [a for i,
                         a in enumerate(attendees) if a not in attendees[:i] and a is not organizer]
            optional = [self.ae] if r.random() < (0.8 if self.difficulty != "hard" else 0.4) else []
            if not optional:
                continue
            agenda = ""
            if self.difficulty != "hard":
                ideas = r.sample(self.vision, k=2)
                agenda = "Agenda: " + "; ".join(self.form(i, "source") for i in ideas)
            self.invite(organizer, attendees, optional, title, self.at(md, organizer.zone, 8, 16),
                        agenda)

    def _vision_context(self) -> None:
        """Announcements and the vendor's own notes that a careful reader may use."""
        r, d = self.rng, self.difficulty
        if self.kind == "new_exec" and r.random() < {"easy": 0.9, "medium": 0.6, "hard": 0.2}[d]:
            p = self.source
            when = self.at(p.joined + timedelta(days=r.randint(0, 10)), self.primary.zone)
            text = self.compose(self.primary, self.ae, "en",
                                [f"FYI – {p.name} started as our new {p.title} this month. "
                                 f"{p.first} comes from {self.prev_company} and will be involved "
                                 "in most supplier decisions going forward."], when)
            self.messages.append(self.msg(self.primary, [self.ae], [self.mgr], f"New {p.title}",
                                          text,
                                          when, "en", topic="announcement"))
        if d != "hard" and r.random() < 0.7:
            day = self.rand_day(self.onset_target + timedelta(days=30), self.end)
            when = self.at(day, self.ae.zone)
            idea = r.choice(self.vision)
            title = getattr(self.source, "title", "")
            who = {"new_exec": f"Looks like it comes from the new {title}.",
                   "it_dept": f"Looks like it comes from their {getattr(self, 'group', 'IT')}.",
                   "competitor": "I suspect a competitor is in there."}[self.kind] \
                if d == "easy" else "No idea yet where it comes from."
            text = self.compose(self.ae, self.mgr, "en",
                                [f"Heads-up: {self.cust['short']} keep bringing up "
                                 f"'{idea.canonical}' in unrelated questions. {who} Worth a "
                                 "conversation before the renewal."], when)
            self.messages.append(self.msg(self.ae, [self.mgr], [self.se],
                                          f"{self.cust['short']} – pattern",
                                          text, when, "en", topic="internal_note"))

    # ------------------------------------------------------------------ the rest of the mailbox

    def invite(self, organizer: Person, attendees: list, optional: list, title: str,
               start: datetime, agenda: str = "") -> Msg:
        r = self.rng
        uid = "".join(r.choice("0123456789ABCDEF") for _ in range(40))
        end = start + timedelta(minutes=r.choice([30, 45, 60, 90]))

        def att(p: Person, role: str) -> str:
            return (f"ATTENDEE;ROLE={role};PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN={p.name}"
                    f":mailto:{p.email}")

        sent = self.before(start, organizer.zone, 40, 220)
        ics = "\n".join(["BEGIN:VCALENDAR", "METHOD:REQUEST",
                         "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0", "BEGIN:VEVENT",
                         f"ORGANIZER;CN={organizer.name}:mailto:{organizer.email}"]
                        + [att(p, "REQ-PARTICIPANT") for p in attendees]
                        + [att(p, "OPT-PARTICIPANT") for p in optional]
                        + [f"SUMMARY;LANGUAGE=en-US:{title}", f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
                           f"DTEND:{end:%Y%m%dT%H%M%SZ}", f"UID:{uid}", "CLASS:PUBLIC",
                           f"DTSTAMP:{sent:%Y%m%dT%H%M%SZ}",
                           "LOCATION:" + r.choice(["Microsoft Teams Meeting", "Room 4.12"]),
                           "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"])
        text = (agenda + "\n\n" if agenda else "") + "_" * 60 + "\nMicrosoft Teams meeting\n" \
            "Join on your computer, mobile app or room device\nMeeting ID: " \
            f"{r.randint(100, 999)} {r.randint(100, 999)} {r.randint(100, 999)}\nPasscode: " \
            f"{''.join(r.choice('abcdefghjkmnpqrstuvwxyz23456789') for _ in range(6))}\n" + "_" * 60
        m = self.msg(organizer, attendees, optional, title, text, sent, "en", role="other",
                     topic="calendar", ics=ics)
        m.fmt = "plain"
        self.messages.append(m)
        for p in (optional + attendees)[:2]:
            if p.org == "seller" or r.random() < 0.3:
                lang = p.lang
                word = {"en": "Accepted", "de": "Angenommen", "nl": "Geaccepteerd",
                        "it": "Accettato",
                        "ja": "承諾"}[lang]
                reply_ics = ics.replace("METHOD:REQUEST", "METHOD:REPLY").replace(
                    f"PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN={p.name}",
                    f"PARTSTAT=ACCEPTED;CN={p.name}")
                acc = self.msg(p, [organizer], [], f"{word}: {title}", "",
                               self.later(sent, p.zone, 1, 30),
                               lang, role="other", topic="calendar", ics=reply_ics,
                               in_reply_to=m.mid)
                acc.fmt = "plain"
                self.messages.append(acc)
        return m

    def _noise(self) -> None:
        r = self.rng
        dom = self.seller["domain"]
        all_staff = Person(name=f"All {self.seller['short']}", email=f"all-staff@{dom}",
                           org="seller",
                           tags=["list"], zone=self.seller["zone"])
        letters = [Person(name="The Ops Brief", email="hello@theopsbrief.com", org="system",
                          client="newsletter", zone="US_E"),
                   Person(name="Procurement Pulse", email="digest@procurementpulse.net",
                          org="system",
                          client="newsletter", zone="EU_W"),
                   Person(name="Revenue Desk Weekly", email="editor@revenuedeskweekly.com",
                          org="system",
                          client="newsletter", zone="US_E")]
        launch = self.conf.get("launch")
        day = self.start
        while day < self.end:   # the vendor's internal newsletter
            when = self.at(day + timedelta(days=r.randint(0, 5)), self.news.zone, 9, 11)
            items = [f"Q{(when.month - 1) // 3 + 1} kick-off recordings are online.",
                     f"Welcome to {r.randint(3, 12)} new colleagues this month.",
                     "Reminder: expense reports are due by the 5th."]
            if launch and when.date() >= date.fromisoformat(launch["start"]) - timedelta(days=20):
                items.insert(0, f"Introducing {launch['name']}: our new product is live for "
                                "early customers.")
            m = self.msg(self.news, [all_staff], [],
                         f"Inside {self.seller['short']} – {MONTHS['en'][when.month - 1]}",
                         "\n\n".join(items), when, "en", topic="newsletter")
            m.fmt = "html"
            m.extra_headers += [("List-Unsubscribe", f"<mailto:unsubscribe@{dom}>"),
                                ("Precedence", "bulk")]
            self.messages.append(m)
            day += timedelta(days=30)
        day = self.start
        while day < self.end:   # third-party newsletters
            sender = r.choice(letters)
            when = self.at(day, sender.zone, 6, 9)
            m = self.msg(sender, [self.ae], [],
                         r.choice(["This week: ", f"Issue #{r.randint(40, 400)}: "]) +
                         r.choice(["five renewal mistakes to avoid", "what buyers ask in 2024",
                                   "the case for fewer dashboards", "pricing pages that convert",
                                   "inside a procurement team"]),
                         "Read online\n\nTop stories this week.\n\n"
                         "Unsubscribe | Manage preferences",
                         when, "en", topic="newsletter")
            m.fmt = "html"
            m.extra_headers += [("List-Unsubscribe", f"<https://{sender.email.split('@')[1]}/u>"),
                                ("Precedence", "bulk")]
            self.messages.append(m)
            day += timedelta(days=r.randint(6, 16))
        day = self.start + timedelta(days=r.randint(20, 60))
        while day < self.end:   # QBRs
            guests = [self.primary] + r.sample(self.staff(day), k=2)
            guests = [g for i, g in enumerate(guests) if g not in guests[:i]]
            self.invite(self.ae, guests, [self.csm],
                        f"{self.cust['short']} / {self.seller['short']} – QBR",
                        self.at(day + timedelta(days=10), self.ae.zone, 9, 16))
            day += timedelta(days=r.randint(80, 100))
        day = self.start + timedelta(days=r.randint(5, 20))
        while day < self.end:   # the vendor reaching out
            when = self.at(day, self.ae.zone)
            subj = r.choice(["Checking in", "Renewal timeline", "Agenda for our next call",
                             "Follow-up from our meeting", "Webinar invitation: what's new"])
            to = self.primary if r.random() < 0.6 else r.choice(self.staff(day))
            paras = [r.choice(["Just checking in – anything we can help with this month?",
                               "Could we find 30 minutes next week to go through open items?",
                               "As promised, here is a short summary of where we are."])]
            if launch and day >= date.fromisoformat(launch["start"]) and r.random() < 0.5:
                paras.append(f"Also, {launch['name']} is now available – happy to show it to "
                             "your team.")
            text = self.compose(self.ae, to, "en", paras, when)
            m = self.msg(self.ae, [to], [], subj, text, when, "en", topic="outreach")
            self.messages.append(m)
            if r.random() < 0.05:
                self.auto_reply(m, to)
            elif r.random() < 0.4:
                self.messages.append(self.reply(m, to, [r.choice(ACK[to.lang])],
                                                self.later(when, to.zone, 2, 70), greet=False))
            day += timedelta(days=r.randint(12, 30))
        day = self.start
        while day < self.end:   # internal notes
            when = self.at(day, self.ae.zone)
            a, b = r.sample(self.seller_staff, k=2)
            subj = r.choice([f"{self.cust['short']} call notes", f"{self.cust['short']} – pipeline",
                             "Can you take this one?", f"Renewal forecast {self.cust['short']}"])
            text = self.compose(a, b, "en", [r.choice([
                "Notes from today's call are in the CRM. Main open points: pricing and training.",
                "Forecast unchanged. Procurement wants the quote before the end of the month.",
                "Could you pick up the SSO question from their IT team? I'm travelling.",
                "FYI, their invoice dispute is resolved."])], when)
            self.messages.append(self.msg(a, [b], [], subj, text, when, "en",
                                          topic="internal_note"))
            day += timedelta(days=r.randint(10, 28))

    # ------------------------------------------------------------------ the request log

    def _log_rows(self) -> None:
        r = self.rng
        rows = []
        reqs = [m for m in self.messages if m.role in ("request", "vision") and not m.broken]
        for m in reqs:
            if r.random() < (0.45 if m.role == "vision" else 0.28):
                rows.append(self._row(self.later(m.date, self.ae.zone, 1, 50), m.sender, m.topic,
                                      [i for i in self.vision if i.canonical in m.ideas],
                                      "E-mail", msg=m,
                                      origin=m.originator if m.role == "vision" else ""))
        for plan in self.log_plans:
            who = plan["who"]
            origin = who.email if "source" in who.tags else self.source.email if self.source else \
                self.comp["name"]
            rows.append(self._row(self.at(plan["day"], self.ae.zone), who, plan["topic"],
                                  plan["ideas"], plan["channel"], origin=origin))
        for _ in range(int(len(reqs) * r.uniform(0.08, 0.16))):
            day = self.rand_day(self.start, self.end)
            who = r.choice(self.staff(day))
            rows.append(self._row(self.at(day, self.ae.zone), who,
                                  r.choice(DEPT_TOPICS.get(who.department) or ALL_TOPICS), [],
                                  r.choice(["Meeting", "Phone", "Teams call"])))
        rows.sort(key=lambda x: x["created"])
        self.log_rows = rows

    def _row(self, created: datetime, who: Person, topic: str, ideas: list, channel: str,
             msg: Msg | None = None, origin: str = "") -> dict:
        r = self.rng
        if msg is not None and msg.ask_en:
            title, details = msg.subject_en, msg.ask_en
        else:
            title, details = self.ask_text(topic, "en", self.slots(created, "en"))
        same_as, subject = (msg.mid, msg.subject) if msg is not None else ("", "")
        if ideas:
            forms = [self.form(i, "messenger") for i in ideas]
            details += " " + r.choice(["Must fit their {v} goal.",
                                       "Customer asks how we support {v}.",
                                       "Linked to {v}.",
                                       "To be answered in light of {v}."]).format(v=forms[0])
            if len(forms) > 1:
                details += f" Also raised: {forms[1]}."
            if self.difficulty == "easy" and r.random() < 0.5 and self.kind != "competitor":
                details += f" (Comes from {self.source.name}.)"
            elif self.kind == "competitor" and self.difficulty != "hard" and r.random() < 0.4:
                details += f" (They compare us with {r.choice(self.comp['products'])}.)"
        hours = r.choice([0.5, 1, 1.5, 2, 3, 4, 6, 8, 10, 12, 16, 20, 27])
        age = (self.end - created.date()).days
        status = r.choice(["Closed", "Answered", "Closed"]) if age > 30 else \
            r.choice(["Open", "In Progress", "Waiting for customer", "Answered"])
        owner = r.choice([self.ae, self.ae, self.se, self.csm])
        subtasks = []
        if r.random() < 0.22:
            for s in r.sample(["Draft answer", "Check with product", "Legal review",
                               "Pricing approval",
                               "Prepare demo", "Update the quote"], k=r.randint(1, 2)):
                subtasks.append({"title": s, "owner": r.choice(self.seller_staff),
                                 "hours": r.choice([0.5, 1, 2, 4])})
        return {"created": created, "modified": created + timedelta(days=r.randint(0, 20),
                                                                     hours=r.randint(0, 8)),
                "who": who, "title": strip_prefix(subject) if subject and msg.lang == "en" and
                r.random() < 0.5 else title,
                "details": details, "topic": topic, "channel": channel, "status": status,
                "owner": owner, "hours": hours, "vision": bool(ideas), "same_as": same_as,
                "subject": subject, "origin": origin, "subtasks": subtasks,
                "ideas": [i.canonical for i in ideas]}

    # ------------------------------------------------------------------ rendering


    def boundary(self, client: str) -> str:
        r = self.rng
        hexs = "".join(r.choice("0123456789abcdef") for _ in range(24))
        if client in ("outlook", "owa", "android"):
            return f"_000_{hexs.upper()}_"
        if client == "gmail":
            return "0000000000" + hexs[:16]
        if client in ("apple", "iphone"):
            return f"Apple-Mail={hexs[:8].upper()}-{hexs[8:12].upper()}-{hexs[12:16].upper()}"
        return f"------------{hexs[:24]}"

    def hdr(self, text: str, charset: str) -> str:
        if all(ord(c) < 128 for c in text):
            return text
        cs = "iso-2022-jp" if charset == "iso-2022-jp" and _encodes(text, "iso2022_jp") else "utf-8"
        return Header(text, cs).encode(linesep="\n")

    def addr_hdr(self, people: list, when: datetime, charset: str) -> str:
        out = []
        for p in people:
            e = self.email_at(p, when)
            if all(ord(c) < 128 for c in p.name):
                out.append(formataddr((p.name, e)))
            else:
                jis = charset == "iso-2022-jp" and _encodes(p.name, "iso2022_jp")
                cs = "iso-2022-jp" if jis else "utf-8"
                out.append(formataddr((p.name, e), charset=cs))
        return ",\n\t".join(out) if len(out) > 2 else ", ".join(out)

    def text_part(self, text: str, subtype: str, charset: str, cte: str) -> tuple[list, bytes]:
        codec = {"iso-2022-jp": "iso2022_jp", "us-ascii": "ascii"}.get(charset, charset)
        try:
            raw = text.encode(codec)
        except UnicodeEncodeError:
            charset, raw = "utf-8", text.encode("utf-8")
            if cte == "7bit":
                cte = "base64"
        if cte in ("7bit", "8bit"):
            if max((len(x) for x in raw.split(b"\n")), default=0) > 900:
                cte = "quoted-printable" if charset != "iso-2022-jp" else "base64"
            elif cte == "8bit" and all(b < 128 for b in raw):
                cte = "7bit"
        if cte == "quoted-printable":
            body = quopri.encodestring(raw)
        elif cte == "base64":
            body = base64.encodebytes(raw)
        else:
            body = raw
        if not body.endswith(b"\n"):
            body += b"\n"
        headers = [("Content-Type", f'text/{subtype}; charset="{charset}"'),
                   ("Content-Transfer-Encoding", cte)]
        return headers, body

    def multipart(self, subtype: str, parts: list, client: str,
                  extra: str = "") -> tuple[list, bytes]:
        b = self.boundary(client)
        out = b"This is a multi-part message in MIME format.\n\n" if subtype == "mixed" else b""
        for headers, body in parts:
            out += f"--{b}\n".encode() + serialize(headers, body)
            if not out.endswith(b"\n"):
                out += b"\n"
        out += f"--{b}--\n".encode()
        return [("Content-Type", f'multipart/{subtype};{extra} boundary="{b}"')], out

    def html_of(self, text: str, table: list | None, charset: str) -> str:
        labels = {lab for v in HEADER_LABELS.values() for lab in v[:5]}
        blocks = []
        for para in text.split("\n\n"):
            if para == "\x00TABLE\x00":
                if table:
                    cell = 'style="border:1px solid #999;padding:2px 6px"'
                    rows = "".join("<tr>" + "".join(
                        f"<{'th' if i == 0 else 'td'} {cell}>"
                        f"{html.escape(c)}</{'th' if i == 0 else 'td'}>" for c in row) + "</tr>"
                        for i, row in enumerate(table))
                    blocks.append(f"<table style=\"border-collapse:collapse\">{rows}</table>")
                continue
            lines = para.split("\n")
            if all(line.startswith(">") for line in lines):
                inner = "\n".join(line[1:].lstrip(" ") if line.startswith("> ") or line == ">"
                                  else line[1:] for line in lines)
                inner_html = self.html_of(inner, None, charset)
                blocks.append('<blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;'
                              f'padding-left:1ex">{inner_html}</blockquote>')
                continue
            out = []
            for line in lines:
                m = re.match(r"^([^:]{1,12}): (.*)$", line)
                if m and m.group(1) in labels:
                    label, value = html.escape(m.group(1), False), html.escape(m.group(2), False)
                    out.append(f"<b>{label}:</b> {value}")
                else:
                    out.append(html.escape(line, False))
            blocks.append('<p class="MsoNormal">' + "<br>\n".join(out) + "</p>")
        body = '\n<p class="MsoNormal">&nbsp;</p>\n'.join(blocks)
        return ('<html><head><meta http-equiv="Content-Type" '
                f'content="text/html; charset={charset}">'
                '<style>p.MsoNormal{margin:0;font-family:Calibri,sans-serif;font-size:11pt}</style>'
                f'</head><body><div class="WordSection1">\n{body}\n</div></body></html>')

    def plain_of(self, text: str, table: list | None) -> str:
        if "\x00TABLE\x00" not in text:
            return text
        rendered = ""
        if table:
            widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
            rendered = "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
                                  .rstrip()
                                 for row in table)
        return text.replace("\x00TABLE\x00", rendered)

    def render(self, m: Msg, embedded: bool = False) -> bytes:
        key = (m.mid, embedded)
        if key not in self.rendered:
            self.rendered[key] = self._render(m, embedded)
        return self.rendered[key]

    def _render(self, m: Msg, embedded: bool) -> bytes:
        r = self.rng
        headers: list[tuple[str, str]] = []
        sender_addr = self.email_at(m.sender, m.date)
        if not embedded:
            headers.append(("Return-Path", f"<{sender_addr}>"))
            dom = self.seller["domain"]
            mx = f"{dom.split('.')[0]}-mx{r.randint(1, 4)}.{dom}"
            host = sender_addr.split("@")[1]
            ip = ".".join(str(r.randint(1, 254)) for _ in range(4))
            stamp = rfc_date(m.date + timedelta(seconds=r.randint(2, 40)), self.seller["zone"])
            headers.append(("Received", f"from {host} (mail.{host} [{ip}])\n\tby {mx} with ESMTPS "
                                        f"id {r.randint(10**8, 10**9)};\n\t{stamp}"))
        headers.append(("From", self.addr_hdr([m.sender], m.date, m.charset)))
        headers.append(("To", self.addr_hdr(m.to, m.date, m.charset)))
        if m.cc:
            headers.append(("Cc", self.addr_hdr(m.cc, m.date, m.charset)))
        headers.append(("Subject", self.hdr(m.subject, m.charset)))
        headers.append(("Date", m.date_header or rfc_date(m.date, m.sender.zone)))
        headers.append(("Message-ID", m.mid))
        if m.in_reply_to:
            headers.append(("In-Reply-To", m.in_reply_to))
            refs = [x for x in m.references if x] or [m.in_reply_to]
            headers.append(("References", "\n ".join(refs)))
        if m.sender.client in ("outlook", "owa", "android"):
            headers.append(("Thread-Topic", self.hdr(strip_prefix(m.subject), m.charset)))
            headers.append(("Thread-Index",
                            base64.b64encode(bytes(r.randrange(256) for _ in range(22)))
                            .decode()))
            headers.append(("Accept-Language", {"de": "de-DE, en-US", "nl": "nl-NL, en-US",
                                                "it": "it-IT, en-US", "ja": "ja-JP, en-US"}
                            .get(m.sender.lang, "en-US")))
            headers.append(("Content-Language", {"de": "de-DE", "nl": "nl-NL", "it": "it-IT",
                                                 "ja": "ja-JP"}.get(m.lang, "en-US")))
        mailer = {"outlook": ("X-Mailer", "Microsoft Outlook 16.0"),
                  "iphone": ("X-Mailer", f"iPhone Mail ({r.choice(['20D67', '21A351', '19H12'])})"),
                  "apple": ("X-Mailer", "Apple Mail (2.3731.500.231)"),
                  "thunderbird": ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) "
                                                "Gecko/20100101 Thunderbird/115.3.1"),
                  }.get(m.sender.client)
        if mailer:
            headers.append(mailer)
        headers += m.extra_headers
        headers.append(("MIME-Version", "1.0"))
        body_headers, body = self.body_of(m)
        return serialize(headers + body_headers, body)

    def body_of(self, m: Msg) -> tuple[list, bytes]:
        plain = self.plain_of(m.text, m.table)
        client = m.sender.client
        if m.broken == "unknown_charset":
            raw = plain.encode("latin-1", "replace")
            part = ([("Content-Type", 'text/plain; charset="x-winlatin-legacy"'),
                     ("Content-Transfer-Encoding", "8bit")], raw + b"\n")
        elif m.ics:
            cal = ([("Content-Type", f'text/calendar; charset="utf-8"; method='
                                     f'{"REPLY" if "METHOD:REPLY" in m.ics else "REQUEST"}'),
                    ("Content-Transfer-Encoding", "base64")],
                   base64.encodebytes(m.ics.replace("\n", "\r\n").encode("utf-8")))
            part = self.multipart("alternative",
                                  [self.text_part(plain or " ", "plain", "utf-8", "7bit"),
                                                  cal], client)
        elif m.fmt == "html":
            part = self.text_part(self.html_of(m.text, m.table, m.charset), "html", m.charset,
                                  m.cte)
        elif m.fmt == "alt":
            part = self.multipart("alternative", [
                self.text_part(plain, "plain", m.charset, m.cte),
                self.text_part(self.html_of(m.text, m.table, m.charset), "html", m.charset,
                               "quoted-printable" if m.charset != "iso-2022-jp" else "7bit")],
                                  client)
        else:
            part = self.text_part(plain, "plain", m.charset, m.cte)
        if m.attachments:
            parts = [part]
            for a in m.attachments:
                fname = a.filename
                disp = f'attachment; filename="{fname}"' if all(ord(c) < 128 for c in fname) else \
                    f"attachment; filename*=utf-8''{urlquote(fname)}"
                if a.message is not None:
                    inner = self.render(a.message, embedded=True)
                    parts.append(([("Content-Type", "message/rfc822"),
                                   ("Content-Disposition", disp)], inner))
                else:
                    parts.append(([("Content-Type",
                                    f'{a.ctype}; name="{fname}"' if "filename=" in disp
                                    else a.ctype),
                                   ("Content-Transfer-Encoding", "base64"),
                                   ("Content-Disposition", disp)], base64.encodebytes(a.data)))
            part = self.multipart("mixed", parts, client)
        return part


    # ------------------------------------------------------------------ exports

    LAYOUTS = [
        [("thunderbird", ["ae"]), ("owa_eml", ["se"]), ("journal_eml", ["csm", "support"])],
        [("mboxrd", ["ae"]), ("winmail_eml", ["csm", "support"])],
        [("mboxcl2", ["ae"]), ("thunderbird", ["se"]), ("owa_eml", ["support", "csm"])],
        [("thunderbird", ["ae"]), ("journal_mbox", ["support", "csm"]), ("owa_eml", ["se"])],
        [("owa_eml", ["ae"]), ("mboxcl2", ["se"]), ("journal_eml", ["csm", "support"])],
        [("mboxrd", ["ae"]), ("thunderbird", ["csm"]), ("winmail_eml", ["se", "support"])],
    ]

    def assign_exports(self) -> None:
        r = self.rng
        roles = {"ae": self.ae, "se": self.se, "csm": self.csm, "support": self.support}
        for etype, keys in r.choice(self.LAYOUTS):
            owners = [roles[k] for k in keys]
            o = owners[0]
            tag = re.sub(r"[^A-Za-z0-9]+", "_", o.email.split("@")[0])
            short = re.sub(r"[^A-Za-z0-9]+", "_", _fold(self.cust["short"]))
            profile = "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8))
            root = {"thunderbird": f"Thunderbird_{tag}/{profile}.default-release",
                    "owa_eml": f"OWA_export_{tag}", "winmail_eml": f"Mail_{tag}",
                    "mboxrd": f"{tag}_{short}.mbox", "mboxcl2": f"{tag}_archive.mbox",
                    "journal_eml": "Exchange_journal",
                    "journal_mbox": "exchange_journal.mbox"}[etype]
            self.exports.append({"type": etype, "owners": owners, "root": root, "items": [],
                                 "dupes": [], "extra": []})
        for m in self.messages:
            parties = [m.sender] + m.to + m.cc
            if any("list" in p.tags for p in parties):
                parties += self.seller_staff
            for e in self.exports:
                if any(o in parties for o in e["owners"]):
                    e["items"].append(m)
                    m.exports.append(e["root"])

    def break_things(self) -> None:
        r = self.rng
        emls = [e for e in self.exports if e["type"] in ("owa_eml", "winmail_eml")] or \
            [e for e in self.exports if e["type"] == "journal_eml"]
        e = emls[0]
        sub = "Inbox/" if e["type"] == "owa_eml" else ""
        empty = sub + r.choice(["Untitled.eml", "Unbenannt.eml", "(no subject).eml"])
        e["extra"].append((empty, b""))
        self.broken_items.append({"type": "empty_file", "path": f"{e['root']}/{empty}",
                                  "message_id": None})
        blob = b"\x78\x9f\x3e\x22" + bytes(r.randrange(256) for _ in range(3000))
        binary = sub + r.choice(["ATT00012.eml", "winmail.eml", "scan_0042.eml"])
        e["extra"].append((binary, blob))
        self.broken_items.append({"type": "binary_eml", "path": f"{e['root']}/{binary}",
                                  "message_id": None})
        plain = [m for m in self.messages if m.exports and not m.attachments and not m.ics
                 and m.role in ("request", "reply", "other") and m.fmt == "plain"
                 and not m.broken]
        cands = [m for m in plain if m.role == "request" and m.sender.org == "customer"]
        m = r.choice(cands or plain)
        m.broken = "unknown_charset"
        self.broken_items.append({"type": "unknown_charset", "message_id": m.mid,
                                  "path": m.exports[0]})
        singles = [x for x in plain if len(x.exports) == 1 and not x.broken and x.role != "request"
                   and not x.exports[0].startswith(("Exchange_journal", "exchange_journal"))]
        m = r.choice(singles)
        m.broken = "truncated"
        self.broken_items.append({"type": "truncated", "message_id": m.mid, "path": m.exports[0]})
        m = r.choice([x for x in self.messages if x.role == "reply" and x.exports and not x.broken])
        m.broken = "bad_date"
        m.date_header = r.choice(["Tue, 31 Feb 2023 25:61:00 +0100", "14/03/2023 09:12",
                                  "Montag, 14. März 2023 09:12", "2023-13-45T99:99:99"])
        self.broken_items.append({"type": "malformed_date", "message_id": m.mid,
                                  "path": m.exports[0]})
        e = r.choice(self.exports)
        m = r.choice([x for x in e["items"] if not x.broken])
        e["dupes"].append(m)
        self.broken_items.append({"type": "duplicate", "message_id": m.mid, "path": e["root"],
                                  "role": m.role})

    def ordered(self, e: dict) -> list[Msg]:
        items = sorted(e["items"], key=lambda m: (m.date, m.mid))
        out = []
        for m in items:
            out.append(m)
            if m in e["dupes"]:
                out.append(m)
        return sorted(out, key=lambda m: m.broken == "truncated")   # a cut message comes last

    def raw(self, m: Msg) -> bytes:
        data = self.render(m)
        if m.broken == "truncated":
            data = data[:int(len(data) * 0.55)]
        return data

    def journal(self, m: Msg) -> bytes:
        r = self.rng
        dom = self.seller["domain"]
        u = "".join(r.choice("0123456789abcdef") for _ in range(32))
        env = f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}@journal.{dom}>"
        report = [f"Sender: {self.email_at(m.sender, m.date)}", f"Subject: {m.subject}",
                  f"Message-Id: {m.mid}"]
        report += [f"To: {self.email_at(p, m.date)}" for p in m.to]
        report += [f"Cc: {self.email_at(p, m.date)}" for p in m.cc]
        head = [("From",
                 f"Microsoft Exchange <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{dom}>"),
                ("To", f"journal-archive@{dom}"), ("Subject", self.hdr(m.subject, "utf-8")),
                ("Date",
                 rfc_date(m.date + timedelta(seconds=r.randint(3, 50)), self.seller["zone"])),
                ("Message-ID", env), ("X-MS-Journal-Report", ""),
                ("X-MS-Exchange-Organization-Journal-Report", ""), ("MIME-Version", "1.0")]
        body_h, body = self.multipart("mixed", [
            self.text_part("\n".join(report) + "\n", "plain", "utf-8", "7bit"),
            ([("Content-Type", "message/rfc822")], self.render(m))], "outlook")
        self.wrappers.append({"wrapper": env, "message_id": m.mid})
        return serialize(head + body_h, body)

    @staticmethod
    def from_line(sender: str, utc: datetime) -> bytes:
        wd, mon = WEEKDAYS["en"][utc.weekday()][:3], MONTHS["en"][utc.month - 1][:3]
        return f"From {sender} {wd} {mon} {utc.day:2d} {utc:%H:%M:%S} {utc.year}\n".encode()

    def write_mbox(self, path: Path, items: list, style: str, journal: bool = False) -> None:
        chunks = []
        for m in items:
            data = self.journal(m) if journal else self.raw(m)
            sender = f"MicrosoftExchange@{self.seller['domain']}" if journal \
                else self.email_at(m.sender, m.date)
            if style == "mboxcl2":
                head, _, body = data.partition(b"\n\n")
                full = len(self.render(m).partition(b"\n\n")[2]) if m.broken == "truncated" \
                    else len(body)
                lines = body.count(b"\n")
                data = head + f"\nContent-Length: {full}\nLines: {lines}".encode() + b"\n\n" + body
            elif style == "mboxrd":
                data = re.sub(rb"(?m)^(>*From )", rb">\1", data)
            else:  # mboxo, as Thunderbird writes it
                data = re.sub(rb"(?m)^From ", b">From ", data)
            if style == "thunderbird":
                t = m.date
                line = (f"From - {WEEKDAYS['en'][t.weekday()][:3]} {MONTHS['en'][t.month - 1][:3]} "
                        f"{t.day:02d} {t:%H:%M:%S} {t.year}\n").encode()
                status = self.rng.choice(["0001", "0001", "0000", "0003"])
                data = (f"X-Mozilla-Status: {status}\nX-Mozilla-Status2: 00000000\n"
                        f"X-Mozilla-Keys: {' ' * 80}\n").encode() + data
            else:
                line = self.from_line(sender, m.date)
            tail = b"" if m.broken == "truncated" else (b"\n" if data.endswith(b"\n") else b"\n\n")
            chunks.append(line + data + tail)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"".join(chunks))

    def write_msf(self, path: Path, items: list) -> None:
        rows = []
        for n, m in enumerate(items, 1):
            subj = re.sub(r"[()\\$]", "", strip_prefix(m.subject))
            subj = "".join(c if ord(c) < 128 else f"${ord(c):02X}" if ord(c) < 256 else "?"
                           for c in subj)
            mid = m.mid.strip("<>").replace(")", "")
            rows.append(f"[{n:X}(^83={mid})(^84={subj})(^85={int(m.date.timestamp()):X})]")
        text = ("// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> // (f=iso-8859-1)\n"
                "  (B8=ns:msg:db:row:scope:msgs:all)(80=ns:msg:db:table:kind:msgs)\n"
                "  (83=message-id)(84=subject)(85=date)>\n"
                "{1:^80 {(k^B8:c)(s=9)}\n  " + "\n  ".join(rows) + "}\n")
        path.write_bytes(text.encode("ascii", "replace"))

    def write_thunderbird(self, out: Path, e: dict) -> None:
        r = self.rng
        root = out / e["root"]
        lf = root / "Mail" / "Local Folders"
        short = re.sub(r"[^A-Za-z0-9 ]+", "", _fold(self.cust["short"]).replace("&", "and")).strip()
        folders: dict[str, list] = {"Inbox": [], "Sent": [], f"Customers.sbd/{short}": [],
                                    "Newsletters": [], "Trash": [], "Drafts": []}
        for m in self.ordered(e):
            if m.sender in e["owners"]:
                name = "Sent"
            elif m.topic == "newsletter":
                name = "Newsletters"
            elif m.sender.org == "customer" and m.broken != "truncated" and r.random() < 0.4:
                name = f"Customers.sbd/{short}"
            else:
                name = "Inbox"
            folders[name].append(m)
        for name, items in folders.items():
            self.write_mbox(lf / name, items, "thunderbird")
            self.write_msf(lf / (name + ".msf"), items)
        (lf / "Customers").write_bytes(b"")
        self.write_msf(lf / "Customers.msf", [])
        (lf / "msgFilterRules.dat").write_text('version="9"\nlogging="no"\nname="Newsletters"\n'
                                               'enabled="yes"\ntype="17"\naction="Move to folder"\n'
                                               'actionValue="mailbox://nobody@Local%20Folders/Newsletters"\n'
                                               'condition="AND (precedence,is,bulk)"\n')
        (root / "prefs.js").write_text(
            "// Mozilla User Preferences\n\n"
            'user_pref("mail.account.account1.server", "server1");\n'
            'user_pref("mail.server.server1.directory-rel", "[ProfD]Mail/Local Folders");\n'
            'user_pref("mail.server.server1.hostname", "Local Folders");\n'
            f'user_pref("mail.identity.id1.useremail", "{e["owners"][0].email}");\n')
        for rel, data in e["extra"]:
            (lf / rel).write_bytes(data)

    def write_eml_folder(self, out: Path, e: dict) -> None:
        r = self.rng
        root = out / e["root"]
        used: set[str] = set()
        for n, m in enumerate(self.ordered(e), 1):
            journal = e["type"] == "journal_eml"
            data = self.journal(m) if journal else self.raw(m)
            data = data.replace(b"\n", b"\r\n")
            if e["type"] == "owa_eml":
                folder = "Sent Items/" if m.sender in e["owners"] else "Inbox/"
            else:
                folder = ""
            if journal:
                stem = f"{n:05d}_journal"
            elif e["type"] == "winmail_eml" and r.random() < 0.35:
                stem = f"{m.date:%Y%m%d_%H%M%S}_{n:04d}"
            else:
                stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_",
                              m.subject).strip(" .")[:80] or "(no subject)"
            name, k = f"{folder}{stem}.eml", 2
            while name.lower() in used:
                name, k = f"{folder}{stem} ({k}).eml", k + 1
            used.add(name.lower())
            if not journal and r.random() < (0.25 if e["type"] == "owa_eml" else 0.45):
                data = b"\xef\xbb\xbf" + data
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            if m.broken:
                for b in self.broken_items:
                    if b.get("message_id") == m.mid and b["type"] != "duplicate":
                        b["path"] = f"{e['root']}/{name}"
        for rel, data in e["extra"]:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)

    def write_exports(self, out: Path) -> None:
        for e in self.exports:
            t = e["type"]
            if t == "thunderbird":
                self.write_thunderbird(out, e)
            elif t in ("owa_eml", "winmail_eml", "journal_eml"):
                self.write_eml_folder(out, e)
            else:
                self.write_mbox(out / e["root"], self.ordered(e),
                                "mboxrd" if t == "journal_mbox" else t, journal=t == "journal_mbox")

    # ------------------------------------------------------------------ the log file

    @staticmethod
    def effort(hours: float, style: str) -> str:
        if style == "hours":
            return f"{hours:g}"
        d, h = divmod(hours, 8)
        if style == "h":
            return f"{hours:g}h"
        parts = ([f"{int(d)}d"] if d else []) + ([f"{h:g}h"] if h else [])
        return " ".join(parts) or "0h"

    def write_log(self, out: Path) -> str:
        r = self.rng
        fmt = r.choice(["sharepoint", "asana", "smartsheet", "tsv"])
        self.log_format = fmt
        short = re.sub(r"[^A-Za-z0-9 ]+", "", _fold(self.cust["short"]).replace("&", "and")).strip()
        truth = []
        if fmt == "sharepoint":
            name = f"{short} Requests.csv"
            cols = ["ID", "Title", "Request Details", "Requested By", "Requester Email", "Category",
                    "Channel", "Status", "Assigned To", "Effort (h)", "Created", "Created By",
                    "Modified", "Modified By", "Item Type", "Path"]
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(cols)
            start = r.randint(40, 300)

            def sp(t: datetime) -> str:
                lt = local(t, self.ae.zone)
                h = lt.hour % 12 or 12
                half = "AM" if lt.hour < 12 else "PM"
                return f"{lt.month}/{lt.day}/{lt.year} {h}:{lt.minute:02d} {half}"

            for n, row in enumerate(self.log_rows):
                case = str(start + n)
                who = row["who"]
                w.writerow([case, row["title"], row["details"], who.name,
                            self.email_at(who, row["created"]) if r.random() < 0.7 else "",
                            CATEGORY[row["topic"]], row["channel"], row["status"],
                            row["owner"].name, self.effort(row["hours"], "hours"),
                            sp(row["created"]),
                            self.ae.name, sp(row["modified"]), row["owner"].name, "Item",
                            f"sites/Sales/Lists/{short.replace(' ', '')}Requests"])
                truth.append(self._truth_row(case, row, "request"))
            (out / name).write_bytes(buf.getvalue().encode("utf-8-sig"))
        elif fmt == "asana":
            name = f"{short} – customer asks.csv"
            cols = ["Task ID", "Created At", "Completed At", "Last Modified", "Name",
                    "Section/Column",
                    "Assignee", "Assignee Email", "Start Date", "Due Date", "Tags", "Notes",
                    "Projects",
                    "Parent task", "Requester", "Channel", "Effort"]
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(cols)
            tid = 1200000000000000 + r.randint(10**11, 10**12)
            section = {"Closed": "Done", "Answered": "Done", "Open": "Backlog",
                       "In Progress": "In progress", "Waiting for customer": "Waiting on customer"}
            for row in self.log_rows:
                tid += r.randint(1000, 90000000)
                done = row["status"] in ("Closed", "Answered")
                w.writerow([str(tid), f"{row['created']:%Y-%m-%d}",
                            f"{row['modified']:%Y-%m-%d}" if done else "",
                            f"{row['modified']:%Y-%m-%d}",
                            row["title"], section[row["status"]], row["owner"].name,
                            row["owner"].email,
                            "", f"{row['created'] + timedelta(days=r.randint(3, 15)):%Y-%m-%d}",
                            TOPIC_LABEL[row["topic"]], row["details"], f"{short} account", "",
                            row["who"].name, row["channel"], self.effort(row["hours"], "dh")])
                truth.append(self._truth_row(str(tid), row, "request"))
                parent_id = tid
                for st in row["subtasks"]:
                    tid += r.randint(1000, 90000)
                    w.writerow([str(tid), f"{row['created']:%Y-%m-%d}",
                                f"{row['modified']:%Y-%m-%d}" if done else "",
                                f"{row['modified']:%Y-%m-%d}",
                                st["title"], section[row["status"]], st["owner"].name,
                                st["owner"].email,
                                "", "", "", "", "", row["title"], "", "",
                                self.effort(st["hours"], "dh")])
                    truth.append({"case": str(tid), "vision": False, "same_as": "",
                                  "row_type": "subtask",
                                  "parent": str(parent_id), "title": st["title"]})
            (out / name).write_text(buf.getvalue(), encoding="utf-8")
        elif fmt == "smartsheet":
            name = f"{short} Request Tracker.xlsx"
            prefix = re.sub(r"[^A-Z]", "", _fold(self.cust["short"]).upper())[:3] or "REQ"
            head = ["Request ID", "Level", "Request", "Details", "Requested By", "Raised",
                    "Channel",
                    "Owner", "Status", "Effort", "Email Subject"]
            sheet = [[(f"{self.cust['short']} – Request Tracker", 5)],
                     [(f"Exported from Smartsheet on {self.end:%d %b %Y}; grouped by area.", 0)],
                     [], [(h, 1) for h in head]]
            outline = [0, 0, 0, 0]
            groups: dict[str, list] = {}
            for row in self.log_rows:
                groups.setdefault(CATEGORY[row["topic"]], []).append(row)
            n = 0
            for g in sorted(groups):
                sheet.append([("", 0), (0, 0), (g, 1)])
                outline.append(0)
                truth.append({"case": "", "vision": False, "same_as": "", "row_type": "group",
                              "title": g})
                for row in groups[g]:
                    n += 1
                    case = f"{prefix}-{n:04d}"
                    sheet.append([(case, 0), (1, 0), (row["title"], 3), (row["details"], 0),
                                  (row["who"].name, 0), (row["created"], 2), (row["channel"], 0),
                                  (row["owner"].name, 0), (row["status"], 0),
                                  (self.effort(row["hours"], "dh" if r.random() < 0.5 else "h"), 0),
                                  (row["subject"] if row["subject"] and r.random() < 0.5 else "",
                                   0)])
                    outline.append(1)
                    truth.append(self._truth_row(case, row, "request"))
                    for st in row["subtasks"]:
                        n += 1
                        sheet.append([(f"{prefix}-{n:04d}", 0), (2, 0), (st["title"], 4), ("", 0),
                                      ("", 0), (row["created"], 2), ("", 0), (st["owner"].name, 0),
                                      (row["status"], 0), (self.effort(st["hours"], "h"), 0),
                                      ("", 0)])
                        outline.append(2)
                        truth.append({"case": f"{prefix}-{n:04d}", "vision": False, "same_as": "",
                                      "row_type": "subtask", "parent": case, "title": st["title"]})
            (out / name).write_bytes(write_xlsx(sheet, outline, "Request Tracker"))
        else:
            name = "RFI_tracker.tsv"
            cols = ["RFI #", "Raised", "Raised by", "Question", "Area", "Via", "Owner", "Answered",
                    "Effort", "Notes"]
            lines = [f"# RFI tracker – {self.cust['name']} – maintained by {self.ae.name} – "
                     "do not sort, do not delete rows", "\t".join(cols)]
            dfmt = "%d.%m.%Y" if self.lang in ("de", "nl", "it") else "%Y-%m-%d"
            for n, row in enumerate(self.log_rows, 1):
                case = f"RFI-{n:03d}"
                done = row["status"] in ("Closed", "Answered")
                answered = f"{row['modified']:{dfmt}}" if done else ""
                mailed = row["same_as"] and r.random() < 0.4
                note = f"see mail of {row['created']:{dfmt}}" if mailed else ""
                cells = [case, f"{row['created']:{dfmt}}",
                         f"{row['who'].name} ({self.cust['short']})",
                         row["title"] + " – " + row["details"], TOPIC_LABEL[row["topic"]],
                         {"E-mail": "Mail"}.get(row["channel"], row["channel"]), row["owner"].name,
                         answered, self.effort(row["hours"], r.choice(["dh", "hours"])), note]
                lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
                truth.append(self._truth_row(case, row, "request"))
            (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.log_truth = truth
        return name

    def _truth_row(self, case: str, row: dict, kind: str) -> dict:
        return {"case": case, "vision": row["vision"], "same_as": row["same_as"], "row_type": kind,
                "requester": row["who"].name, "created": row["created"].date().isoformat(),
                "channel": row["channel"], "title": row["title"], "ideas": row["ideas"],
                "originator": row["origin"]}

    def write_org_chart(self, out: Path) -> None:
        r = self.rng
        snap = self.start + timedelta(days=int(self.span * r.uniform(0.2, 0.8)))
        snap_dt = datetime.combine(snap, datetime.min.time())
        self.org_snapshot = snap
        rows = []
        heads: dict[str, str] = {}
        for p in self.people:
            if p.org != "customer" or "rep" in p.tags or (p.joined and p.joined > snap):
                continue
            title, dept = self.title_at(p, snap_dt)
            boss = heads.setdefault(dept, p.name)
            rows.append([p.name, self.email_at(p, snap_dt), title, dept,
                         "" if boss == p.name else boss,
                         r.choice(self.cust["sites"])])
        for _ in range(r.randint(1, 4)):   # people who have left since
            name, first, last, af, al = self._name(self.lang)
            dept = r.choice(list(DEPARTMENTS))
            rows.append([name, self._email(af, al, self.cust["domain"]),
                         r.choice(DEPARTMENTS[dept]),
                         dept, heads.get(dept, ""), r.choice(self.cust["sites"])])
        r.shuffle(rows)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["name", "email", "title", "department", "manager", "location"])
        w.writerows(rows)
        (out / "org_chart.csv").write_text(buf.getvalue(), encoding="utf-8")

    # ------------------------------------------------------------------ the key

    def key(self, inputs: list[str]) -> dict:
        seen = [m for m in self.messages if m.role == "vision" and m.exports and not m.broken]
        firsts = [local(m.date, m.sender.zone).date() for m in seen] + \
            [row["created"].date() for row in self.log_rows if row["vision"] and not row["same_as"]]
        if self.kind == "new_exec":
            source = {"name": self.source.name, "email": self.source.email,
                      "department": self.source.department}
        elif self.kind == "it_dept":
            source = {"name": f"IT department ({self.group})", "email": None,
                      "department": self.group}
        elif self.kind == "competitor":
            source = {"name": self.comp["name"], "email": None, "domain": self.comp["domain"],
                      "department": None}
        else:
            source = None
        return {"kind": self.kind, "seller_domain": self.seller["domain"], "source": source,
                "onset": min(firsts).isoformat() if firsts and self.kind != "null" else None,
                "vision_phrases": [i.canonical for i in self.vision],
                "vision_message_ids": [m.mid for m in seen],
                "products": list(self.comp["products"]) if self.kind == "competitor" else [],
                "inputs": inputs, "org_chart": "org_chart.csv",
                "difficulty": self.difficulty, "seed": self.seed,
                "generator": "sixth_hand_accounts"}

    def person_dict(self, p: Person) -> dict:
        return {"name": p.name, "email": p.email, "old_email": p.old_email or None, "org": p.org,
                "title": p.title, "department": p.department, "lang": p.lang,
                "joined": p.joined.isoformat() if p.joined else None, "tags": list(p.tags),
                "writes_second_language": p.second_language}

    def message_dict(self, m: Msg, embedded: bool = False) -> dict:
        return {"message_id": m.mid, "date": local(m.date, m.sender.zone).isoformat(),
                "sender": self.email_at(m.sender, m.date), "sender_name": m.sender.name,
                "to": [self.email_at(p, m.date) for p in m.to],
                "cc": [self.email_at(p, m.date) for p in m.cc], "subject": m.subject,
                "role": m.role, "topic": m.topic,
                "originator": m.originator if m.role in ("request", "vision", "embedded") else "",
                "relay_mode": m.relay_mode, "ideas": m.ideas, "lang": m.lang, "thread": m.thread,
                "in_reply_to": m.in_reply_to, "broken": m.broken or None,
                "in_exports": bool(m.exports) if not embedded else False,
                "exports": list(m.exports),
                "attachments": [a.filename for a in m.attachments],
                "from_line_in_body": m.from_lines,
                "format": f"{m.fmt}/{m.charset}/{m.cte}"}

    def details(self) -> dict:
        carriers = {}
        for m in self.messages:
            for a in m.attachments:
                if a.message is not None:
                    carriers[a.message.mid] = m.mid
                    if a.message.attachments:
                        for b in a.message.attachments:
                            if b.message is not None:
                                carriers[b.message.mid] = m.mid
        emb = []
        for m in self.embedded:
            d = self.message_dict(m, embedded=True)
            d["carried_by"] = carriers.get(m.mid)
            d["in_exports"] = bool(d["carried_by"]) and any(
                x.exports for x in self.messages if x.mid == d["carried_by"])
            emb.append(d)
        return {"kind": self.kind, "difficulty": self.difficulty, "seed": self.seed,
                "seller": self.seller["name"], "customer": self.cust["name"],
                "customer_language": self.lang,
                "period": [self.start.isoformat(), self.end.isoformat()],
                "source_members": [{"name": p.name, "email": p.email} for p in self.members],
                "vision_ideas": [{"canonical": i.canonical, "variants": i.variants,
                                  "acronym": i.acronym or None} for i in self.vision],
                "programme": self.programme or None,
                "messages": [self.message_dict(m) for m in self.messages] + emb,
                "request_log": self.log_truth, "log_format": self.log_format,
                "people": [self.person_dict(p) for p in self.people],
                "confounders": self.confounders, "broken_items": self.broken_items,
                "exports": [{"type": e["type"], "root": e["root"],
                             "owners": [o.email for o in e["owners"]], "messages": len(e["items"])}
                            for e in self.exports],
                "journal_wrappers": self.wrappers,
                "org_chart_snapshot": self.org_snapshot.isoformat()}


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def urlquote(text: str) -> str:
    from urllib.parse import quote as q
    return q(text, safe="")


def serialize(headers: list, body: bytes) -> bytes:
    head = "".join(f"{k}: {v}\n" for k, v in headers)
    return head.encode("utf-8") + b"\n" + body


def make_pdf(text: str) -> bytes:
    """A one-page PDF whose content stream carries the text (ASCII only)."""
    lines = [re.sub(r"[()\\]", " ", _fold(x)) for x in text.split("\n")]
    stream = "BT /F1 11 Tf 56 780 Td 14 TL\n" + "\n".join(f"({x}) '" for x in lines) + "\nET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def write_xlsx(sheet: list, outline: list, title: str) -> bytes:
    """A minimal .xlsx: inline strings, dates as serials, styles for bold, date and indent."""
    def col(i: int) -> str:
        s = ""
        i += 1
        while i:
            i, rem = divmod(i - 1, 26)
            s = chr(65 + rem) + s
        return s

    rows = []
    for rn, (cells, level) in enumerate(zip(sheet, outline, strict=True), 1):
        out = []
        for cn, (value, style) in enumerate(cells):
            ref = f"{col(cn)}{rn}"
            if isinstance(value, datetime):
                serial = (value - datetime(1899, 12, 30)).total_seconds() / 86400
                out.append(f'<c r="{ref}" s="2"><v>{serial:.8f}</v></c>')
            elif isinstance(value, (int, float)):
                out.append(f'<c r="{ref}" s="{style}"><v>{value}</v></c>')
            elif value != "":
                out.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
                           f"{html.escape(str(value), quote=False)}</t></is></c>")
        attrs = f' outlineLevel="{level}"' if level else ""
        rows.append(f'<row r="{rn}"{attrs}>{"".join(out)}</row>')
    oox = "http://schemas.openxmlformats.org"
    rels = f"{oox}/officeDocument/2006/relationships"
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    ns = f'xmlns="{oox}/spreadsheetml/2006/main"'
    xf = 'fillId="0" borderId="0" xfId="0"'
    files = {
        "[Content_Types].xml": f'{head}<Types xmlns="{oox}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{mime}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{mime}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{mime}.styles+xml"/></Types>',
        "_rels/.rels": f'{head}<Relationships xmlns="{oox}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'{head}<workbook {ns} xmlns:r="{rels}"><sheets>'
        f'<sheet name="{html.escape(title)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
        f'{head}<Relationships xmlns="{oox}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rels}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": f"{head}<styleSheet {ns}>"
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        '<fonts count="3"><font><sz val="11"/><name val="Arial"/></font><font><b/><sz val="11"/>'
        '<name val="Arial"/></font><font><b/><sz val="14"/><name val="Arial"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/>'
        '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" {xf}/>'
        f'<xf numFmtId="0" fontId="1" {xf} applyFont="1"/>'
        f'<xf numFmtId="164" fontId="0" {xf} applyNumberFormat="1"/>'
        f'<xf numFmtId="0" fontId="0" {xf} applyAlignment="1"><alignment indent="1"/></xf>'
        f'<xf numFmtId="0" fontId="0" {xf} applyAlignment="1"><alignment indent="2"/></xf>'
        f'<xf numFmtId="0" fontId="2" {xf} applyFont="1"/></cellXfs><cellStyles count="1">'
        '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
        "xl/worksheets/sheet1.xml": f'{head}<worksheet {ns}><sheetPr><outlinePr summaryBelow="0"/>'
        f'</sheetPr><sheetData>{"".join(rows)}</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


# --------------------------------------------------------------------------- entry points


def _clean(out: Path) -> None:
    """Remove what a previous run of this generator wrote into ``out`` (and nothing else)."""
    mf = out / MANIFEST
    if not mf.exists():
        return
    base = out.resolve()
    for name in json.loads(mf.read_text(encoding="utf-8")).get("written", []):
        p = out / name
        if not p.resolve().is_relative_to(base) or p.resolve() == base:
            continue
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        elif p.exists() or p.is_symlink():
            p.unlink()
    mf.unlink()


def generate_account(kind: str, seed: int, out_dir, difficulty: str = "medium") -> dict:
    """Write one account under ``out_dir`` and return its answer key."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _clean(out)
    acc = Account(kind, seed, difficulty)
    acc.build()
    acc.assign_exports()
    acc.break_things()
    acc.write_exports(out)
    log_name = acc.write_log(out)
    acc.write_org_chart(out)
    key = acc.key([e["root"] for e in acc.exports] + [log_name])
    details = acc.details()
    for e, d in zip(acc.exports, details["exports"], strict=True):
        d["duplicates"] = len(e["dupes"])
        d["extra_files"] = [rel for rel, _ in e["extra"]]
    (out / "answer_key.json").write_text(json.dumps(key, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    (out / "truth_details.json").write_text(json.dumps(details, indent=1,
                                                       ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    written = sorted({e["root"].split("/")[0] for e in acc.exports}
                     | {log_name, "org_chart.csv", "answer_key.json", "truth_details.json"})
    (out / MANIFEST).write_text(json.dumps({"written": written}, indent=1) + "\n", encoding="utf-8")
    return key


# --------------------------------------------------------------------------- reading back


def _parse(data: bytes) -> email.message.Message:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return email.message_from_bytes(data.replace(b"\r\n", b"\n"), policy=email.policy.default)


def _read_mbox(path: Path, unescape: bytes) -> list[bytes]:
    box = mailbox.mbox(str(path), create=False)
    out = []
    for k in box.iterkeys():
        data = box.get_bytes(k)
        if unescape == b"rd":
            data = re.sub(rb"(?m)^>(>*From )", rb"\1", data)
        elif unescape == b"o":
            data = re.sub(rb"(?m)^>From ", b"From ", data)
        out.append(data)
    box.close()
    return out


def _read_cl2(path: Path) -> list[bytes]:
    data, pos, out = path.read_bytes(), 0, []
    while pos < len(data):
        if not data.startswith(b"From ", pos):
            raise ValueError(f"{path}: no From line at byte {pos}")
        nl = data.index(b"\n", pos)
        end = data.find(b"\n\n", nl)
        head = data[nl + 1:end]
        n = int(re.search(rb"(?mi)^Content-Length:\s*(\d+)", head).group(1))
        body = data[end + 2:end + 2 + n]
        out.append(head + b"\n\n" + body)
        pos = end + 2 + n
        while data[pos:pos + 1] == b"\n":
            pos += 1
    return out


def read_exports(out: Path, details: dict) -> tuple[dict, dict]:
    """Message-ID -> parsed messages (journal reports unwrapped); export root -> count."""
    found: dict[str, list] = {}
    counts: dict[str, int] = {}
    skip = {b["path"] for b in details["broken_items"] if b["type"] in ("empty_file", "binary_eml")}
    for e in details["exports"]:
        root, blobs = out / e["root"], []
        if e["type"] == "thunderbird":
            for p in sorted((root / "Mail" / "Local Folders").rglob("*")):
                if p.is_file() and p.suffix not in (".msf", ".dat") and p.stat().st_size:
                    blobs += _read_mbox(p, b"o")
        elif e["type"] in ("owa_eml", "winmail_eml", "journal_eml"):
            for p in sorted(root.rglob("*.eml")):
                if str(p.relative_to(out)) not in skip:
                    blobs.append(p.read_bytes())
        elif e["type"] == "mboxcl2":
            blobs = _read_cl2(root)
        else:
            blobs = _read_mbox(root, b"rd")
        counts[e["root"]] = len(blobs)
        for data in blobs:
            msg = _parse(data)
            if "X-MS-Journal-Report" in msg:
                inner = [p for p in msg.iter_parts() if p.get_content_type() == "message/rfc822"]
                msg = inner[0].get_content()
            found.setdefault(str(msg.get("Message-ID", "")).strip(), []).append((e["root"], msg))
    return found, counts


def readable(msg) -> bool:
    try:
        body = msg.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        parsedate_to_datetime(str(msg["Date"]))
        return bool(text.strip()) and bool(str(msg["Subject"] or "").strip())
    except Exception:   # noqa: BLE001 - anything that stops a reader counts
        return False


def all_text(msg) -> str:
    """Every readable text of a message: its parts, attached messages and PDF strings."""
    out = []
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            continue   # walk() descends into it
        try:
            if ctype.startswith("text/"):
                out.append(html.unescape(part.get_content()))
            elif ctype == "application/pdf":
                out += re.findall(r"\((.*?)\) '", part.get_payload(decode=True).decode("latin-1"))
        except (LookupError, UnicodeError):
            continue
    return "\n".join(out)


def read_log(out: Path, name: str) -> list[str]:
    """The id column of the request log, read back with the standard library."""
    path = out / name
    if name.endswith(".xlsx"):
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        ids = []
        for row in root.iterfind(".//m:row", ns):
            if int(row.get("r")) <= 4:
                continue
            first = row.find("m:c", ns)
            t = first.find(".//m:t",
                           ns) if first is not None and first.get("r", "").startswith("A") else None
            ids.append(t.text if t is not None else "")
        return ids
    if name.endswith(".tsv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        return [row[0] for row in csv.reader(lines[2:], delimiter="\t")]
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [row[0] for row in rows[1:]]


def check_account(out: Path, key: dict) -> list[str]:
    problems = []
    details = json.loads((out / "truth_details.json").read_text(encoding="utf-8"))
    need = {"kind", "seller_domain", "source", "onset", "vision_phrases", "vision_message_ids",
            "products", "inputs", "org_chart"}
    if need - set(key):
        problems.append(f"key lacks {sorted(need - set(key))}")
    if key["kind"] == "null":
        if key["source"] is not None or key["onset"] or key["vision_message_ids"]:
            problems.append("null account with a source")
    else:
        if not 8 <= len(key["vision_phrases"]) <= 16:
            problems.append(f"{len(key['vision_phrases'])} vision phrases")
        date.fromisoformat(key["onset"])
        if len(key["vision_message_ids"]) < 8:
            problems.append(f"only {len(key['vision_message_ids'])} vision messages")
        src = key["source"]
        if key["kind"] == "new_exec" and not (src["email"] and src["name"]):
            problems.append("executive without address")
        if key["kind"] == "it_dept" and not details["source_members"]:
            problems.append("IT department without members")
        if key["kind"] == "competitor" and not (src["domain"] and key["products"]):
            problems.append("competitor without domain or products")
        uses: dict[str, int] = {}
        for m in details["messages"]:
            if m["role"] == "vision":
                for i in m["ideas"]:
                    uses[i] = uses.get(i, 0) + 1
        rare = [p for p in key["vision_phrases"] if uses.get(p, 0) < 2]
        if rare:
            problems.append(f"ideas carried by fewer than two vision mails: {rare}")
    for p in key["inputs"] + [key["org_chart"]]:
        if not (out / p).exists():
            problems.append(f"missing input {p}")
    found, counts = read_exports(out, details)
    for e in details["exports"]:
        expected = e["messages"] + e["duplicates"]
        if counts[e["root"]] != expected:
            problems.append(f"{e['root']}: read {counts[e['root']]} messages, wrote {expected}")
    forms = {i["canonical"]: [i["canonical"],
                              *i["variants"]] + ([i["acronym"]] if i["acronym"] else [])
             for i in details["vision_ideas"]}
    truth = {m["message_id"]: m for m in details["messages"]}
    for mid in key["vision_message_ids"]:
        copies = found.get(mid)
        if not copies:
            problems.append(f"vision message {mid} not found")
        elif not any(readable(msg) for _, msg in copies):
            problems.append(f"vision message {mid} not readable")
        else:
            text = all_text(copies[0][1]).lower()
            for idea in truth[mid]["ideas"]:
                if not any(f.lower() in text for f in forms[idea]):
                    problems.append(f"{mid} does not carry '{idea}'")
    broken = {b["message_id"] for b in details["broken_items"] if b["type"] != "duplicate"}
    if broken & set(key["vision_message_ids"]):
        problems.append("a broken item is a vision request")
    kinds = {b["type"] for b in details["broken_items"]}
    if kinds != {"empty_file", "binary_eml", "unknown_charset", "truncated", "duplicate",
                 "malformed_date"}:
        problems.append(f"broken items: {sorted(kinds)}")
    log_name = key["inputs"][-1]
    ids = read_log(out, log_name)
    truth_ids = [r["case"] for r in details["request_log"]]
    if ids != truth_ids:
        problems.append(f"log ids differ from the truth ({len(ids)} vs {len(truth_ids)})")
    with open(out / "org_chart.csv", encoding="utf-8") as f:
        if next(csv.reader(f))[:4] != ["name", "email", "title", "department"]:
            problems.append("org chart header")
    return problems


def _tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def summary(out: Path, key: dict) -> str:
    details = json.loads((out / "truth_details.json").read_text(encoding="utf-8"))
    msgs = details["messages"]
    real = [m for m in msgs if m["role"] != "embedded"]
    req = sum(m["role"] in ("request", "vision") for m in real)
    vis = sum(m["role"] == "vision" for m in real)
    rows = [r for r in details["request_log"] if r["row_type"] == "request"]
    return (f"{key['kind']:10s} {key['difficulty']:6s} seed {key['seed']}: {len(real)} messages, "
            f"{req} requests, {vis} vision ({len(key['vision_message_ids'])} in exports), log "
            f"{details['log_format']} {len(rows)} rows ({sum(r['vision'] for r in rows)} vision); "
            f"exports: " + ", ".join(f"{e['type']}={e['messages']}" for e in details["exports"])
            + f"; {details['customer_language']} customer")


def check(seeds=(1, 2, 3)) -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="sixth_check_") as tmp:
        base = Path(tmp)
        for seed in seeds:
            for kind in KINDS:
                for difficulty in (DIFFICULTIES if kind != "null" else ("medium",)):
                    out = base / f"{kind}_{difficulty}_{seed}"
                    key = generate_account(kind, seed, out, difficulty)
                    problems = check_account(out, key)
                    print(summary(out, key) + (" OK" if not problems else ""))
                    for p in problems:
                        print("   PROBLEM:", p)
                    failures += bool(problems)
        a, b = base / "again_a", base / "again_b"
        for kind in KINDS:
            generate_account(kind, 7, a / kind, "hard")
            generate_account(kind, 7, b / kind, "hard")
            generate_account(kind, 7, b / kind, "hard")   # over a previous run
        same = _tree(a) == _tree(b)
        print("two runs give identical bytes:", "yes" if same else "NO")
        failures += not same
    print("check passed" if not failures else f"check FAILED ({failures} problem accounts)")
    return 1 if failures else 0


def main(argv: list | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", help="folder to write accounts into")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[1])
    parser.add_argument("--difficulty", nargs="+", choices=DIFFICULTIES, default=["medium"])
    parser.add_argument("--check", action="store_true", help="run the standard-library self-check")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if not args.out:
        parser.error("give an output folder or --check")
    for seed in args.seeds:
        for kind in args.kinds:
            for difficulty in args.difficulty:
                out = Path(args.out) / f"{kind}_{difficulty}_seed{seed}"
                key = generate_account(kind, seed, out, difficulty)
                print(summary(out, key))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

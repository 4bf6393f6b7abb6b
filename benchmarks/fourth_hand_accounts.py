"""Fourth-hand synthetic account exports: a seller's account team working one big customer.

What it simulates
-----------------
Nine to fifteen months of mail and request-log traffic between a SELLER's account team (account
executive, solutions engineer, customer-success manager, deal desk, support, a regional VP and a
shared team mailbox) and one large CUSTOMER based in the Netherlands, Italy or Portugal. Customer
staff send requests (pricing what-ifs, licence counts, roadmap questions, architecture reviews,
security questionnaires, integration questions, reference calls, workshops, training, SLA,
invoices, compliance evidence, incident tickets); the seller replies; there are chasers,
follow-ups, thank-you notes, scheduling threads, FYIs, out-of-office auto-replies, internal
seller notes and newsletters.

In accounts with a hidden source, from an ONSET date a share of the requests is secretly driven
by one source whose "vision" vocabulary (8-14 multi-word phrases built per seed) travels into
requests sent mostly by the customer's primary contact and a few colleagues:

* ``new_exec``   a new executive joins the customer and brings a vision from a former employer;
* ``it_dept``    the customer's IT organisation (an architecture board) pushes a direction;
* ``competitor`` a competitor's reps pitch customer people; the seller only sees the echoes;
* ``null``       no source, but confounders: a new hire with many ordinary requests, a seasonal
  burst, a company-wide jargon word, an outage with a ticket burst, a writer with strong tics.

Relay modes (forward, paste, mention, cc, attachment, direct, rephrased) are mixed per
difficulty: ``easy`` carries much explicit evidence, ``hard`` mostly rephrased text where only
vocabulary, style and timing remain.

How the export differs from a plain single mbox + CSV
----------------------------------------------------
* Three overlapping exports of the same traffic: two Thunderbird-style ``.mbox`` files (``From -``
  separators, ``>From`` escaping, X-Mozilla headers, Inbox then Sent order) and a shared mailbox
  saved as CRLF ``.eml`` files; most messages occur in two or three of them with one Message-ID.
* Outlook (English, Dutch, Italian or Portuguese UI, new and old quoting styles), Outlook mobile,
  Gmail (localised attributions, wrapped lines, forwarded-message banners), Apple Mail ("Begin
  forwarded message:"), iPhone; HTML-only, multipart/alternative and plain bodies; QP, base64,
  7bit and 8bit; UTF-8, windows-1252 and ISO-8859-1; RFC 2047 display names; disclaimers at the
  end of the new text or at the very bottom; attachments.
* Deliberately broken items: a message without Message-ID, an unparseable Date, a truncated
  ``.eml``, a PNG and an ICS file in the ``.eml`` folder, and a duplicate save of two messages.
* The request log is a Jira CSV export (``12/Mar/25 9:14 AM`` dates, Time Spent in seconds,
  reporter as "Last, First" or a username) or a Salesforce-style ``.xlsx`` case report with a
  title block and totals row; some rows repeat e-mailed requests 0-7 days later, others came only
  by phone or in meetings.
* The org chart's column names and the IT department's name vary per seed.

Entry point: ``generate_account(kind, seed, out_dir, difficulty)``; CLI: ``python
benchmarks/fourth_hand_accounts.py OUT --kinds ... --seeds ... --difficulty ...`` or ``--check``.
Only the standard library and openpyxl are used; output is byte-for-byte deterministic.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import csv
import hashlib
import html
import io
import json
import mailbox
import random
import re
import shutil
import struct
import sys
import tempfile
import time
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email import message_from_bytes
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.policy import compat32
from email.utils import formataddr
from pathlib import Path

KINDS = ("new_exec", "it_dept", "competitor", "null")
DIFFICULTIES = ("easy", "medium", "hard")

# --------------------------------------------------------------------------------------------
# Word pools (all invented for this generator)
# --------------------------------------------------------------------------------------------

SELLERS = [
    ("Corvane Systems", "corvane.io"),
    ("Pellucid Software", "pellucid-software.com"),
    ("Tidewright Inc.", "tidewright.com"),
    ("Ostrander Data", "ostranderdata.com"),
    ("Marrowgate Cloud", "marrowgate.cloud"),
    ("Quillon Labs", "quillonlabs.com"),
]
SELLER_MODULES = ["Atlas", "Relay", "Ledger", "Beacon", "Forge", "Harbor", "Quarry", "Sextant",
                  "Plumbline", "Compass Desk"]

CUSTOMERS = {
    "nl": [("Van Oordt Logistiek", "vanoordt.nl"), ("Groenveld Verzekeringen", "groenveld.nl"),
           ("Havenmeester Groep", "havenmeester-groep.nl")],
    "it": [("Ferrandi Assicurazioni", "ferrandi.it"), ("Castellane Alimentari", "castellane.it"),
           ("Vetrerie Moretto", "moretto-vetro.it")],
    "pt": [("Lusamar Energia", "lusamar.pt"), ("Tejo Retalho", "tejoretalho.pt"),
           ("Grupo Alcaravão", "alcaravao.pt")],
}
CITIES = {"nl": ["Rotterdam", "Utrecht", "Eindhoven"], "it": ["Milano", "Torino", "Bologna"],
          "pt": ["Lisboa", "Porto", "Braga"]}
STREETS = {"nl": ["Wilhelminakade {n}, 3072 AP Rotterdam", "Catharijnesingel {n}, 3511 GB Utrecht"],
           "it": ["Via Durini {n}, 20122 Milano", "Corso Vinzaglio {n}, 10121 Torino"],
           "pt": ["Avenida da Liberdade {n}, 1250-140 Lisboa",
                  "Rua de Sá da Bandeira {n}, 4000 Porto"]}
CUSTOMER_TZ = {"nl": "CET", "it": "CET", "pt": "WET"}

COMPETITORS = [
    ("Brackwater Analytics", "brackwater.com", "Brackwater"),
    ("Norveil", "norveil.io", "Norveil"),
    ("Syntaris Group", "syntaris.com", "Syntaris"),
    ("Kestrel Peak Software", "kestrelpeak.com", "Kestrel Peak"),
    ("Ardent Loop", "ardentloop.ai", "Ardent Loop"),
]
COMP_PRODUCT_WORDS = ["Tessera", "Flux", "Orbitline", "Lumen", "Vantage", "Cirrus", "Parallax",
                      "Mosaic", "Tributary", "Helix"]
PREVIOUS_EMPLOYERS = ["Halvern Foods", "Brightwell Mutual", "Stonebridge Telecom", "Orrin Pharma",
                      "Calder Freight", "Wexmoor Retail"]
EVENTS = ["the Supply Chain Summit", "the Data Leaders dinner", "the Insurance Tech Forum",
          "last week's roundtable", "the partner breakfast"]

NEWSLETTERS = [("The Platform Brief", "news@platformbrief.com"),
               ("Deal Desk Weekly", "digest@dealdeskweekly.com"),
               ("Field CTO Notes", "hello@fieldctonotes.io"),
               ("RevOps Roundup", "roundup@revopsroundup.com")]

VISION_MODS = ["composable", "signal-first", "zero-touch", "outcome-led", "federated",
               "self-healing", "event-native", "sovereign", "adaptive", "intent-driven", "elastic",
               "closed-loop", "ambient", "frictionless", "always-on", "predictive", "hyper-local",
               "modular"]
VISION_MIDS = ["revenue", "supply", "customer", "asset", "decision", "trust", "partner", "insight",
               "service", "margin", "fulfilment", "demand", "workforce", "pricing"]
VISION_HEADS = ["fabric", "spine", "flywheel", "operating model", "backbone", "mesh",
                "control tower", "guardrails", "cockpit", "runway", "playbook", "estate", "loop",
                "exchange", "nervous system", "engine"]

JARGON = {"nl": ["Kompas", "Lodestar", "Springtij"], "it": ["Trampolino", "Lodestar", "Bussola"],
          "pt": ["Farol", "Lodestar", "Rumo"]}

NAMES = {
    "en": (["Mark", "Rachel", "Owen", "Priya", "Daniel", "Hannah", "Tom", "Grace", "Ethan", "Leah",
            "Colin", "Megan", "Victor", "Nadia", "Simon", "Fiona", "Derek", "Alison", "Marcus",
            "Tessa", "Julian", "Carys", "Naomi", "Felix", "Imogen", "Rory", "Harriet", "Declan"],
           ["Whitfield", "Garner", "Okafor", "Halloran", "Pratt", "Kessler", "Marsh", "Doyle",
            "Ashby", "Brennan", "Caldwell", "Rahman", "Fenwick", "Hollis", "Mercer", "Sutton",
            "Trent", "Yardley"]),
    "nl": (["Sanne", "Joris", "Maarten", "Femke", "Ruud", "Anouk", "Bram", "Lotte", "Thijs",
            "Eline", "Wouter", "Marloes", "Jeroen", "Iris", "Sjoerd", "Noëlle", "Daan", "Esmée",
            "Floor", "Koen", "Hester", "Pieter", "Tjitske", "Gijs", "Mirjam", "Stijn", "Rozemarijn",
            "Joost", "Ilse", "Willem"],
           ["van Leeuwen", "Bakker", "de Graaf", "Visser", "Kuipers", "van Dijk", "Mulder",
            "Hoekstra", "Smit", "Brouwer", "de Boer", "Vermeulen", "Postma", "van der Heijden",
            "Dekker", "Jansen"]),
    "it": (["Giulia", "Matteo", "Chiara", "Lorenzo", "Francesca", "Niccolò", "Elena", "Davide",
            "Sara", "Tommaso", "Federica", "Andrea", "Ilaria", "Stefano", "Martina", "Gianluca",
            "Beatrice", "Riccardo", "Valentina", "Emanuele", "Alessia", "Pietro", "Caterina",
            "Michele", "Serena", "Filippo", "Roberta", "Jacopo"],
           ["Rinaldi", "Ferraro", "Colombo", "Marchetti", "Galli", "Benedetti", "Sartori", "Longo",
            "Pellegrini", "Fontana", "Caruso", "D'Angelo", "Vitale", "Morelli", "Bassi", "Grasso"]),
    "pt": (["João", "Inês", "Tiago", "Beatriz", "Rui", "Mariana", "Gonçalo", "Catarina", "Duarte",
            "Leonor", "Nuno", "Sofia", "Luís", "Matilde", "Vasco", "Conceição", "Filipa",
            "Bernardo", "Joana", "Henrique", "Marta", "Rodrigo", "Teresa", "Miguel", "Raquel",
            "Afonso", "Carolina", "Hugo"],
           ["Ferreira", "Santos", "Oliveira", "Carvalho", "Sousa", "Rodrigues", "Lourenço",
            "Magalhães", "Pinto", "Teixeira", "Moreira", "Antunes", "Guimarães", "Correia",
            "Simões", "Araújo"]),
}

BUSINESS_ROLES = [
    ("Procurement", ["Head of Vendor Management", "Category Manager IT", "Procurement Specialist",
                     "Buyer Software & Services"]),
    ("Finance", ["Finance Business Partner", "FP&A Lead", "Group Controller"]),
    ("Operations", ["Operations Excellence Manager", "Head of Planning", "Process Lead"]),
    ("Data & Analytics", ["Data Platform Manager", "BI Lead", "Analytics Engineer"]),
    ("Commercial", ["Commercial Director", "Pricing Manager", "Sales Operations Lead"]),
    ("Customer Service", ["Head of Customer Service", "Service Design Lead"]),
    ("Legal", ["Legal Counsel", "Privacy Officer"]),
]
IT_DEPT_NAMES = ["Digital & Technology", "Group IT", "Enterprise Architecture", "IT",
                 "Technology & Data", "Information Services"]
IT_TITLES = ["Chief Information Officer", "Head of Enterprise Architecture", "Enterprise Architect",
             "Domain Architect Data", "Integration Architect", "IT Security Officer",
             "Infrastructure Lead", "IT Service Manager"]
BOARD_NAMES = ["Architecture Review Board", "Design Authority", "Technology Council", "EA Board"]
EXEC_TITLES = [("Chief Data Officer", "CDO"), ("Chief Digital Officer", "CDO"),
               ("Chief Operating Officer", "COO"), ("Chief Transformation Officer", "CTrO"),
               ("Chief Customer Officer", "CCO")]

REGIONS = ["the Benelux", "Iberia", "the Nordics", "Germany", "the UK", "our Polish warehouses",
           "Northern Italy", "the French branches"]
SYSTEMS = ["our ERP", "the HR system", "the data warehouse", "our CRM", "the identity provider",
           "the ticketing tool", "the warehouse management system", "our event bus",
           "the claims platform"]
FEATURES = ["offline mode", "a bulk export API", "SSO group sync", "audit trail export",
            "custom retention rules", "a native mobile app", "multi-currency reporting",
            "sandbox environments", "row-level permissions", "webhook retries"]
INDUSTRIES = ["logistics", "insurance", "food manufacturing", "retail", "energy",
              "glass and packaging"]

# --------------------------------------------------------------------------------------------
# Request topics: subjects, asks, details, log summaries, seller answers
# --------------------------------------------------------------------------------------------

TOPICS = {
    "pricing": {
        "owner": "ae", "weight": 3.0,
        "subjects": ["Pricing what-if: {n} vs {n2} users", "Quick pricing scenario for {team}",
                  "Indicative price for adding {region}", "Price check on {product} tiers",
                  "Scenario pricing for next financial year", "Cost of moving {team} to {product}"],
        "asks": ["Could you run a what-if for us: {n} named users on {product} instead of {n2}, "
                 "on a "
              "three-year term?",
              "We need an indicative price if we move {team} onto {product} from {when}.",
              "What would happen to the unit price if we commit to {n} seats now and add "
              "{product2} "
              "later?",
              "Can you give me a rough number for adding {region} to the current contract?",
              "I have to show Finance two options: stay on the current tier or upgrade to "
              "{product2}. Can you price both?"],
        "details": ["Finance wants to see it before {when}.", "No need for a formal quote yet, a "
                 "ballpark is fine.", "Please split licence and services cost.",
                 "Ideally in euros, excluding VAT.", "From our side, timing is the main issue."],
        "summaries": ["Pricing scenario {n} vs {n2} users", "Indicative pricing {region}",
                   "What-if pricing {product2}", "Tier comparison for Finance"],
        "replies": ["I've asked our deal desk to run both scenarios; you'll have indicative "
                    "numbers by "
                 "{day}.",
                 "Short answer: at {n} seats you move into the next volume band, roughly {pct}% "
                 "lower per seat. I'll send the formal version.",
                 "From our side the three-year term works out better; I'll put both options side "
                 "by side in a one-pager."]},
    "licences": {
        "owner": "dd", "weight": 2.0,
        "subjects": ["Licence count for {team}", "How many licences do we actually use?",
                  "True-up question", "Seat reallocation {team} / {team2}",
                     "Licence overview please"],
        "asks": ["Can you send the current licence consumption per business unit?",
              "We think we have about {n2} inactive seats. Can those be moved to {team}?",
              "How is the true-up calculated if we go over {n} users mid-term?",
              "Could you confirm how many {product} licences we own versus how many are assigned?"],
        "details": ["Our auditors asked for it.", "A simple export is fine.",
                    "We want to clean this up before {when}.",
                    "Table below is what we have internally."],
        "summaries": ["Licence consumption per BU", "Seat reallocation request",
                      "True-up clarification",
                   "Licence count {product}"],
        "replies": ["Attached is the current consumption export: {n} active of {n2} licensed "
                    "seats.",
                 "Inactive seats can be re-assigned at no cost; the true-up only counts the peak "
                 "month.",
                 "I checked with licensing: moving seats between business units is fine as long as "
                 "the total stays the same."]},
    "roadmap": {
        "owner": "se", "weight": 2.0,
        "subjects": ["Roadmap question: {feature}", "Is {feature} coming to {product}?",
                  "Roadmap session request", "{product} roadmap H2"],
        "asks": ["Is {feature} on the roadmap for {product}, and if so roughly when?",
              "We heard {product} will get {feature}. Can you confirm the timing?",
              "Could you share the {product} roadmap for the next two quarters?"],
        "details": ["We need to decide on a workaround by {when}.", "Even a rough quarter helps.",
                 "{team} is asking."],
        "summaries": ["Roadmap: {feature}", "Roadmap overview {product}", "Roadmap session"],
        "replies": ["{feature} is planned for the second half of the year, but I can't commit to a "
                 "date in writing yet.",
                 "Good news: {feature} is in beta. Happy to get {team} into the early-access "
                 "group.",
                 "It isn't on the public roadmap; I've logged it as a feature request with product "
                 "management."]},
    "architecture": {
        "owner": "se", "weight": 2.0,
        "subjects": ["Architecture proposal: {product} in {region}", "Review of our target setup",
                  "Architecture question: {product} and {system}", "Tenant design question"],
        "asks": ["Our proposed setup is {product} fed from {system} through a nightly batch. Could "
              "your architects review it?",
              "Would you recommend a single tenant for all business units or one per region?",
              "Can we run {product} next to {system} without duplicating the master data?"],
        "details": ["Diagram to follow.", "We present it internally on {when}.",
                 "From a cost perspective we prefer the simplest option."],
        "summaries": ["Architecture review {product}/{system}", "Tenant design advice",
                   "Proposed setup review"],
        "replies": ["Our architects had a look: the nightly batch works, but we'd suggest the "
                    "event "
                 "API for master data.",
                 "We usually recommend one tenant with separate workspaces per business unit. "
                 "Let's "
                 "go through it on a call.",
                 "From an architecture point of view the setup is sound; two remarks on identity "
                 "below."]},
    "security": {
        "owner": "se", "weight": 1.5,
        "subjects": ["Security questionnaire {year}", "Vendor security assessment",
                  "Pen test report request", "Questions from our CISO office"],
        "asks": ["Our security team needs the vendor questionnaire completed by {when}.",
              "Could you share your latest penetration test summary and ISO certificate?",
              "Where are backups stored and how long are they kept?"],
        "details": ["It's part of the annual vendor review.", "Sorry for the short notice.",
                 "Questionnaire attached."],
        "summaries": ["Security questionnaire", "Pen test summary request",
                      "Backup retention question"],
        "replies": ["Our security team will complete the questionnaire; expect it back by {day}.",
                 "The pen test summary and ISO certificate are on the trust portal; I've requested "
                 "access for you.",
                 "Backups are stored in-region and kept for 35 days. Details are in the security "
                 "whitepaper."]},
    "integration": {
        "owner": "se", "weight": 1.5,
        "subjects": ["Integration with {system}", "API limits question", "Connector for {system}?"],
        "asks": ["Is there a standard connector between {product} and {system}, or do we build it?",
              "What are the API rate limits on {product}? We expect about {n} calls per hour.",
              "Can {product} push events to {system} in near real time?"],
        "details": ["Our integration partner is waiting for this.", "Just need a yes/no for now.",
                 "Docs link is fine."],
        "summaries": ["Connector {system}", "API rate limits", "Event push to {system}"],
        "replies": ["There's a standard connector for most of this; the rest can be done with "
                    "the REST "
                 "API.",
                 "Rate limits are {n} calls per minute per tenant, which should be plenty.",
                 "Near-real-time push is supported through webhooks. I'll send the docs."]},
    "reference": {
        "owner": "ae", "weight": 0.8,
        "subjects": ["Reference customer request", "Can we speak to another {industry} customer?",
                  "Reference call"],
        "asks": ["Our board would like to talk to a comparable {industry} customer before we "
                 "expand. "
              "Could you arrange a reference call?",
              "Do you have a customer in {region} we could visit?"],
        "details": ["Ideally someone who uses {product}.", "Before {when} if possible."],
        "summaries": ["Reference call {industry}", "Reference visit {region}"],
        "replies": ["I'll reach out to two customers in {industry} and come back with names.",
                 "We have a good match in {region}; I'll ask if they are open to a call.",
                 "Happy to arrange that. Which topics does your board want to cover?"]},
    "workshop": {
        "owner": "csm", "weight": 1.2,
        "subjects": ["Workshop request", "Half-day workshop with your team?",
                     "Onsite session in {city}"],
        "asks": ["Could we organise a half-day workshop with your team on {product} best "
                 "practices?",
                 "We'd like an onsite session in {city} for {team}. Is that possible this "
                 "quarter?"],
        "details": ["About {n3} participants.", "Lunch is on us."],
        "summaries": ["Workshop {product}", "Onsite session {city}"],
        "replies": ["We can do a half-day session on {weekday}; I'll bring a solution architect.",
                 "Happy to run that workshop. Could you share the objectives and the attendee "
                 "list?",
                 "Let's do it onsite in {city}. I'll send a draft agenda."]},
    "training": {
        "owner": "csm", "weight": 1.0,
        "subjects": [
                     "Training for new users in {team}", "Admin training dates",
                     "Train-the-trainer"],
        "asks": ["We have {n3} new users in {team}. Can you set up an introduction training?",
              "When is the next admin training for {product}?",
              "Could we do a train-the-trainer programme instead of training everyone?"],
        "details": ["Remote is fine.", "Dutch, Italian or Portuguese trainers would be a plus."],
        "summaries": ["User training {team}", "Admin training", "Train-the-trainer"],
        "replies": ["We can run admin training in two sessions of two hours. Dates to follow.",
                 "The e-learning modules are included in your subscription; I'll send the "
                 "enrolment "
                 "link.",
                 "Train-the-trainer is possible; I'll ask the education team for a quote."]},
    "sla": {
        "owner": "csm", "weight": 1.0,
        "subjects": ["SLA clarification", "Support response times", "Escalation path"],
        "asks": ["What is the response time for a priority 1 ticket outside office hours?",
              "Who do we escalate to if a ticket is stuck?",
              "Are service credits applied automatically?"],
        "details": [
                    "We had a slow ticket last month.",
                    "Needed for our internal service catalogue."],
        "summaries": ["SLA P1 response", "Escalation path", "Service credits"],
        "replies": ["Priority 1 tickets have a one-hour response target, 24/7. SLA schedule "
                    "attached.",
                 "Escalation goes via your CSM first, then the support duty manager.",
                 "Service credits are described in section 6 of the order form."]},
    "invoice": {
        "owner": "dd", "weight": 1.0,
        "subjects": ["Invoice {inv} query", "PO number missing on invoice", "Credit note question"],
        "asks": ["Invoice {inv} doesn't show our PO number, so AP is blocking it. Could you "
                 "re-issue?",
              "Why is invoice {inv} {pct}% higher than last year?",
              "Has the credit note for {inv} been issued?"],
        "details": ["PO is 45000{n3}.", "Accounts payable is chasing me."],
        "summaries": ["Invoice {inv} PO", "Invoice {inv} uplift", "Credit note {inv}"],
        "replies": ["I've asked finance to re-issue the invoice with the PO number.",
                 "The credit note has been approved and will be sent this week.",
                 "The difference is the annual uplift of {pct}% in the order form."]},
    "compliance": {
        "owner": "se", "weight": 1.0,
        "subjects": ["Audit evidence request", "Data residency confirmation",
                     "DPA and sub-processors"],
        "asks": ["Our auditors need evidence of your ISO controls for last year.",
              "Can you confirm in writing that all our data stays in the EU?",
              "Please send the current DPA and sub-processor list."],
        "details": ["Deadline is {when}.", "A letter on your letterhead is enough."],
        "summaries": ["Audit evidence", "Data residency letter", "DPA / sub-processors"],
        "replies": ["Our DPA and the current sub-processor list are attached.",
                 "All customer data for your tenant is stored in the EU region.",
                 "Audit evidence is available; I'll share the SOC report under NDA."]},
    "incident": {
        "owner": "sup", "weight": 0.0,
        "subjects": ["URGENT: {product} not loading", "Errors in {product} since this morning",
                  "Is there an outage?", "{product} very slow", "Cannot log in to {product}"],
        "asks": ["{product} has been throwing errors since about {hh}:15. Nobody in {team} can "
                 "work.",
              "Is there an outage? {product} doesn't load for us.",
              "Reports in {product} time out after a minute, everyone is affected."],
        "details": ["Please call me.", "Screenshot attached.", "This is blocking month-end."],
        "summaries": [
                      "Outage: {product} errors", "Incident {product} not loading",
                      "Login failure"],
        "replies": ["We're aware of the issue and the team is working on it. Next update within "
                    "the "
                 "hour.",
                 "The incident has been resolved; root-cause analysis follows within five working "
                 "days.",
                 "Thanks for reporting. Could you send the exact time and a screenshot?"]},
}
SEASON_TOPICS = {"renewal": ["pricing", "licences", "invoice", "reference"],
                 "audit": ["compliance", "security", "licences", "invoice"],
                 "budget": ["pricing", "licences", "roadmap", "invoice"]}
VISION_TOPIC_WEIGHTS = {"roadmap": 3, "architecture": 3, "pricing": 2.5, "workshop": 2,
                        "integration": 1.5, "reference": 1, "licences": 1, "security": 0.5}

VISION_ASKS = {
    "pricing": ["Could you price a scenario where {product} becomes the backbone of our {p}? "
                "Assume "
                "{n} users.",
                "What would it cost to roll {product} out as part of {a_p} across all business "
                "units?"],
    "roadmap": ["Is there anything on the {product} roadmap that supports {a_p}?",
                "Do you have plans for {p} capabilities in {product}?"],
    "architecture": ["We are drafting a target architecture for {a_p}. Could your architects "
                     "review "
                     "how {product} and {system} would fit?",
                     "Where does {product} sit in {a_p}? We need a diagram for the steering "
                     "group."],
    "workshop": ["Could we do a half-day workshop on {p} with your solution architects?",
                 "We'd like a session with your team on how other customers approach {a_p}."],
    "integration": ["For the {p} we need {product} to exchange events with {system}. What are the "
                    "options?"],
    "reference": ["Do you have a reference customer who has implemented {a_p}?"],
    "licences": ["If we extend {product} to everyone involved in the {p}, how many extra licences "
                 "would that be?"],
    "security": ["How does your security model work in {a_p}, where data is shared across business "
                 "units?"],
}
VISION_SENTENCES = [
    "The bigger picture is that we are building {a_p}, and {product} needs to fit into that.",
    "Everything we buy from now on has to contribute to the {p}.",
    "Our priority for next year is {a_p}; the {p2} comes after that.",
    "I'd like to understand where {product} sits in {a_p} versus {a_p2}.",
    "Is {p} something you see other customers doing?",
    "Please keep the {p2} in mind as well.",
    "In short: we want {a_p}, not another point solution.",
]

# --------------------------------------------------------------------------------------------
# Client grammars
# --------------------------------------------------------------------------------------------

WEEKDAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
            "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
            "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
                   "sábado", "domingo"]}
MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"],
          "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                 "september", "oktober", "november", "december"],
          "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
                 "settembre", "ottobre", "novembre", "dicembre"],
          "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
                 "setembro", "outubro", "novembro", "dezembro"]}
SHORT_WD = {"en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            "nl": ["ma", "di", "wo", "do", "vr", "za", "zo"],
            "it": ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
            "pt": ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."]}
SHORT_MON = {"en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec"],
             "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
                    "dec"],
             "it": ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov",
                    "dic"],
             "pt": ["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.",
                    "nov.", "dez."]}
OUTLOOK_LABELS = {
    "en": ("From", "Sent", "To", "Cc", "Subject", "Attachments", "-----Original Message-----"),
    "nl": ("Van", "Verzonden", "Aan", "CC", "Onderwerp", "Bijlagen",
           "-----Oorspronkelijk bericht-----"),
    "it": ("Da", "Inviato", "A", "Cc", "Oggetto", "Allegati", "-----Messaggio originale-----"),
    "pt": ("De", "Enviada em", "Para", "Cc", "Assunto", "Anexos", "-----Mensagem original-----"),
}
APPLE_FWD = {"en": ("Begin forwarded message:", "From", "Subject", "Date", "To", "Cc"),
             "nl": ("Begin doorgestuurd bericht:", "Van", "Onderwerp", "Datum", "Aan", "Kopie"),
             "it": ("Inizio messaggio inoltrato:", "Da", "Oggetto", "Data", "A", "Cc"),
             "pt": ("Início da mensagem reencaminhada:", "De", "Assunto", "Data", "Para", "Cc")}
GMAIL_FWD_BANNER = {"en": "---------- Forwarded message ---------",
                    "nl": "---------- Doorgestuurd bericht ---------",
                    "it": "---------- Forwarded message ---------",
                    "pt": "---------- Mensagem encaminhada ---------"}
PREFIXES = {("outlook", "en"): ("RE:", "FW:"), ("outlook", "nl"): ("RE:", "FW:"),
            ("outlook", "it"): ("R:", "I:"), ("outlook", "pt"): ("RES:", "ENC:"),
            ("outlook_old", "en"): ("RE:", "FW:"), ("outlook_old", "nl"): ("Antw:", "Doorst:"),
            ("outlook_old", "it"): ("R:", "I:"), ("outlook_old", "pt"): ("RE:", "ENC:")}
MOBILE_SIG = {"iphone": {"en": "Sent from my iPhone", "nl": "Verzonden vanaf mijn iPhone",
                         "it": "Inviato da iPhone", "pt": "Enviado do meu iPhone"},
              "outlook_mobile": {"en": "Get Outlook for iOS", "nl": "Outlook voor iOS downloaden",
                                 "it": "Scarica Outlook per iOS", "pt": "Obter o Outlook para iOS"}}
GREETINGS = {"en": ["Hi {first},", "Hello {first},", "Dear {first},", "{first},",
                    "Morning {first},"],
             "nl": ["Hoi {first},", "Beste {first},", "Goedemorgen {first},"],
             "it": ["Ciao {first},", "Buongiorno {first},", "Gentile {first},"],
             "pt": ["Olá {first},", "Bom dia {first},", "Caro {first},"]}
GREET_ALL = {"en": "Hi all,", "nl": "Hoi allen,", "it": "Ciao a tutti,", "pt": "Olá a todos,"}
CLOSINGS = {"en": ["Thanks,", "Best regards,", "Kind regards,", "Cheers,", "Many thanks,", "Best,"],
            "nl": ["Met vriendelijke groet,", "Groet,", "Groeten,", "Mvg,"],
            "it": ["Cordiali saluti,", "Saluti,", "Grazie,", "Un saluto,"],
            "pt": ["Cumprimentos,", "Com os melhores cumprimentos,", "Obrigado,", "Atentamente,"]}
LOCAL_SHORT = {
    "nl": {"chaser": ["Is hier al nieuws over?", "Even een reminder over onderstaande vraag.",
                       "Heb je hier al iets over gehoord? We hebben het nodig voor het overleg."],
               "thanks": ["Dank je, dat is duidelijk!", "Top, bedankt voor de snelle reactie."],
               "sched": ["Past {wd} om {hh}:00 voor jou?",
                      "Kunnen we ons overleg van {wd} verzetten naar {hh}:30?"],
               "sched_ok": ["Prima, ik stuur een uitnodiging.", "Dat past, tot dan!"],
               "ooo": ("Ik ben afwezig tot en met {date} en heb beperkt toegang tot mijn e-mail. "
                       "Voor "
                    "dringende zaken kunt u contact opnemen met {backup}."),
               "ooo_subj": "Automatisch antwoord:"},
    "it": {"chaser": ["Ci sono aggiornamenti su questo?",
                      "Un promemoria sulla richiesta qui sotto.",
                       "Hai novità? Ci serve per la riunione."],
               "thanks": ["Grazie, tutto chiaro!", "Perfetto, grazie della risposta veloce."],
               "sched": ["Ti va bene {wd} alle {hh}:00?",
                      "Possiamo spostare la call di {wd} alle {hh}:30?"],
               "sched_ok": ["Perfetto, mando l'invito.", "Va bene, a presto!"],
               "ooo": ("Sono fuori ufficio fino al {date} con accesso limitato alla posta. Per "
                       "urgenze "
                    "contattare {backup}."),
               "ooo_subj": "Risposta automatica:"},
    "pt": {"chaser": ["Há novidades sobre isto?", "Só um lembrete sobre o pedido abaixo.",
                       "Já tens alguma resposta? Precisamos disto para a reunião."],
               "thanks": ["Obrigado, ficou claro!", "Ótimo, obrigado pela resposta rápida."],
               "sched": ["Dá-te jeito {wd} às {hh}:00?",
                      "Podemos passar a reunião de {wd} para as {hh}:30?"],
               "sched_ok": ["Combinado, envio o convite.", "Perfeito, até lá!"],
               "ooo": ("Estou ausente até {date} com acesso limitado ao e-mail. Para assuntos "
                       "urgentes "
                    "contacte {backup}."),
               "ooo_subj": "Resposta automática:"},
}
EN_SHORT = {
    "chaser": ["Any update on the below?", "Just bumping this up, we need it for {when}.",
            "Gentle reminder on this one.", "Any news here? Sorry to chase."],
    "thanks": ["Thanks, that's clear!", "Great, thanks for the quick turnaround.",
               "Perfect, thank you."],
    "followup": ["Thanks, that helps. One more question: does that include {feature}?",
              "Clear, thanks. Could you also confirm it in writing for our files?",
              "Thanks. Can we go through this in the next call?",
              "Helpful. What would the timeline look like if we started in {month}?"],
    "sched": ["Would {wd} at {hh}:00 work for a 30-minute catch-up?",
           "Can we move our {wd} call to {hh}:30? Something came up.",
           "Proposed agenda for {wd}: open requests, renewal timeline, AOB."],
    "sched_ok": ["{wd} works, sending an invite.", "Works for me.", "Fine, see you then."],
}
SCHED_SUBJECTS = ["Sync next week?", "QBR date options", "Moving our {wd} call", "Agenda for {wd}",
                  "Catch-up before the holidays", "Workshop logistics"]
CUSTOMER_FYI = [("FYI: office closed on {holiday}", "Just so you know, our offices are closed on "
                 "{holiday}; replies may be slower that week."),
                ("FYI: new PO approver", "From next month purchase orders are approved by {name}. "
                 "Please address invoices accordingly."),
                ("FYI: our new supplier portal", "We are moving supplier onboarding to a new "
                 "portal; you'll get an invitation from our procurement team."),
                ("FYI: reorganisation in {team}", "Small heads-up: {team} is being reorganised. "
                 "Nothing changes for the contract.")]
INTERNAL_CUSTOMER_NOTES = [
    ("Supplier review {year}", "All, the yearly supplier review starts next month. Please send "
     "your scores for each platform to {name} before {when}."),
    ("Invoice approvals", "Reminder: invoices above 10k need a second approver from Finance. "
     "Please make sure vendors quote the PO number."),
    ("Office move", "We move to the new building in {month}. Visitors should report to the "
     "main reception from then on."),
    ("Usage figures {product}", "Attached the usage figures per team for last quarter. {team} "
     "is still under 50% adoption."),
]
SELLER_FYI = [("{product} release notes {ver}", "Sharing the highlights of {product} {ver}: faster "
               "exports, new admin audit log and improved SSO error messages."),
              ("Planned maintenance on {day}", "We'll do planned maintenance on {day} between "
               "22:00 and 23:30 CET. No action needed on your side."),
              ("Webinar invitation: admin best practices", "You and your team are welcome to join "
               "our admin best-practice webinar on {day}."),
              ("Updated trust portal", "Our trust portal has new documents, including the latest "
               "pen test summary.")]
INTERNAL = [("{customer}: account plan refresh", "Updated the account plan. Biggest open items: "
             "renewal timing, the security questionnaire and the training backlog."),
            ("Need pricing approval for {customer}", "Can deal desk approve {pct}% on the renewal? "
             "They're comparing options."),
            ("Prep for {customer} QBR", "Who takes the roadmap slides? I'll do the usage review."),
            ("{customer}: who owns the open questions?", "We have a few open asks from them. "
             "I'll triage on Monday."),
            ("Notes from call with {first}", "Quick notes: they are happy with support, less with "
             "reporting speed. Follow-up on training.")]
NEWS_ITEMS = ["Why procurement teams now ask for usage-based pricing", "Five signs your renewal is "
              "at risk", "What the new EU data rules mean for SaaS vendors", "Inside a 90-day "
              "onboarding playbook", "Discount discipline in a soft market", "The real cost of "
              "shelfware", "How field CTOs run executive briefings"]

DISCLAIMERS = {
    "nl": ("Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde(n) en kan "
           "vertrouwelijke "
           "informatie bevatten. Indien u dit bericht onterecht heeft ontvangen, wordt u verzocht "
           "de afzender direct te informeren en het bericht te verwijderen. {company} aanvaardt "
           "geen aansprakelijkheid voor schade die voortvloeit uit het gebruik van e-mail.\n"
           "This e-mail is intended solely for the addressee(s) and may contain confidential "
           "information. If you received it in error, please notify the sender and delete it."),
    "it": ("Questo messaggio e i suoi allegati sono indirizzati esclusivamente alle persone "
           "indicate e possono contenere informazioni riservate. Se avete ricevuto questo "
           "messaggio "
           "per errore, vi preghiamo di avvisare il mittente e di eliminarlo. {company} declina "
           "ogni responsabilità per danni derivanti dall'uso della posta elettronica.\n"
           "This message and its attachments are intended only for the named recipients and may "
           "be confidential. If received in error, please notify the sender and delete it."),
    "pt": ("Esta mensagem e quaisquer anexos são confidenciais e destinam-se exclusivamente ao(s) "
           "destinatário(s). Se recebeu esta mensagem por engano, informe o remetente e apague-a. "
           "A {company} não se responsabiliza por danos resultantes da utilização do correio "
           "eletrónico.\nThis message and any attachments are confidential and intended solely "
           "for the addressee(s). If you received it in error, please notify the sender."),
}
SELLER_DISCLAIMER = ("CONFIDENTIALITY NOTICE: This message may contain confidential or "
                     "proprietary information of {seller}. If you are not the intended recipient, "
                     "please delete it and notify the sender.")

# --------------------------------------------------------------------------------------------
# Time zones (simple EU / US daylight-saving rules, enough for business-hour realism)
# --------------------------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    d = (date(year, month + 1, 1) - timedelta(days=1)) if month < 12 else date(year, 12, 31)
    while d.weekday() != 6:
        d -= timedelta(days=1)
    return d


def _nth_sunday(year: int, month: int, n: int) -> date:
    d = date(year, month, 1)
    while d.weekday() != 6:
        d += timedelta(days=1)
    return d + timedelta(weeks=n - 1)


def _eu_dst(d: date) -> bool:
    return _last_sunday(d.year, 3) <= d < _last_sunday(d.year, 10)


def _us_dst(d: date) -> bool:
    return _nth_sunday(d.year, 3, 2) <= d < _nth_sunday(d.year, 11, 1)


TZS = {"CET": (60, _eu_dst, "CET", "CEST"), "WET": (0, _eu_dst, "WET", "WEST"),
       "UK": (0, _eu_dst, "GMT", "BST"), "ET": (-300, _us_dst, "EST", "EDT")}


def _offset(tz: str, when: datetime) -> int:
    base, rule, _, _ = TZS[tz]
    return base + (60 if rule(when.date()) else 0)


def _to_local(utc: datetime, tz: str) -> datetime:
    return utc + timedelta(minutes=_offset(tz, utc))


def _from_local(local: datetime, tz: str) -> datetime:
    return local - timedelta(minutes=_offset(tz, local))


def _tz_abbr(tz: str, utc: datetime) -> str:
    base, rule, std, dst = TZS[tz]
    return dst if rule(utc.date()) else std


def _fmt_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def _ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _article(phrase: str) -> str:
    return ("an " if phrase[0].lower() in "aeiou" else "a ") + phrase


def _h12(dt: datetime) -> tuple[int, str]:
    return (dt.hour % 12 or 12), ("AM" if dt.hour < 12 else "PM")


# --------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Person:
    key: str
    first: str
    last: str
    email: str
    org: str
    title: str = ""
    dept: str = ""
    manager: str | None = None
    client: str = "outlook"
    ui_lang: str = "en"
    tz: str = "CET"
    html_only: bool = False
    charset: str = "utf-8"
    mobile_p: float = 0.05
    phone: str = ""
    username: str = ""
    joined: date | None = None
    tics: bool = False
    holidays: list = field(default_factory=list)
    mbx_host: str = ""
    bottom_post_p: float = 0.0

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def display_last_first(self) -> str:
        return f"{self.last}, {self.first}"


@dataclass(eq=False)
class Mail:
    idx: int
    when: datetime
    sender: Person
    to: list
    cc: list
    subject: str
    core: str
    own: str
    role: str
    client: str
    lang: str
    mid: str | None
    parent: Mail | None = None
    quote_mode: str = "top"
    relay_mode: str | None = None
    topic: str | None = None
    request_id: int | None = None
    phrases: list = field(default_factory=list)
    attachments: list = field(default_factory=list)
    table: list | None = None
    hidden: bool = False
    broken: str | None = None
    broken_date: str | None = None
    thread_index: bytes = b""
    extra_headers: list = field(default_factory=list)


@dataclass(eq=False)
class Request:
    rid: int
    when: datetime
    topic: str
    requester: Person
    vision: bool
    channel: str
    relay_mode: str | None = None
    phrases: list = field(default_factory=list)
    mail: Mail | None = None
    summary: str = ""
    text: str = ""
    source_person: Person | None = None
    cohort: str = "base"


RELAY_MIX = {
    "new_exec": {
        "easy": {"direct": .2, "cc": .2, "mention": .25, "forward": .2, "paste": .1,
                 "rephrased": .05},
        "medium": {"direct": .1, "cc": .15, "mention": .15, "forward": .12, "paste": .15,
                   "attachment": .03, "rephrased": .3},
        "hard": {"direct": .03, "cc": .07, "mention": .04, "forward": .03, "paste": .13,
                 "rephrased": .7}},
    "it_dept": {
        "easy": {"direct": .2, "cc": .15, "mention": .25, "forward": .15, "attachment": .15,
                 "rephrased": .1},
        "medium": {"direct": .1, "cc": .12, "mention": .15, "forward": .1, "attachment": .08,
                   "paste": .1, "rephrased": .35},
        "hard": {"direct": .04, "cc": .06, "mention": .04, "forward": .03, "paste": .13,
                 "rephrased": .7}},
    "competitor": {
        "easy": {"forward": .3, "paste": .2, "mention": .25, "attachment": .15, "rephrased": .1},
        "medium": {"forward": .15, "paste": .2, "mention": .15, "attachment": .1, "rephrased": .4},
        "hard": {"forward": .03, "paste": .15, "mention": .05, "attachment": .02,
                 "rephrased": .75}},
}


def _wchoice(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def _rng_for(kind: str, seed: int, difficulty: str) -> random.Random:
    digest = hashlib.sha256(f"fourth-hand|{kind}|{seed}|{difficulty}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


# --------------------------------------------------------------------------------------------
# The account simulation
# --------------------------------------------------------------------------------------------


class Account:
    """One simulated account: builds people, requests, mail threads, renders and writes files."""

    def __init__(self, kind: str, seed: int, difficulty: str):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {DIFFICULTIES}")
        self.kind, self.seed, self.difficulty = kind, seed, difficulty
        self.rng = _rng_for(kind, seed, difficulty)
        self.mails: list[Mail] = []
        self.requests: list[Request] = []
        self.mids: set[str] = set()
        self.relays: list[dict] = []
        self.broken: list[dict] = []
        self.people: list[Person] = []
        self.source_texts: list[dict] = []
        self._full_cache: dict[tuple[int, int], str] = {}

    # ---------------------------------------------------------------- world ----------------

    def build_world(self) -> None:
        r = self.rng
        self.locale = r.choice(["nl", "it", "pt"])
        self.customer, self.cdomain = r.choice(CUSTOMERS[self.locale])
        self.city = r.choice(CITIES[self.locale])
        self.address = r.choice(STREETS[self.locale]).format(n=r.randint(2, 180))
        self.seller, self.sdomain = r.choice(SELLERS)
        self.seller_short = self.seller.split()[0]
        mods = r.sample(SELLER_MODULES, 3)
        self.products = [f"{self.seller_short} {m}" for m in mods]
        cname, cdom, cshort = r.choice(COMPETITORS)
        words = r.sample(COMP_PRODUCT_WORDS, 3)
        self.comp = {"name": cname, "domain": cdom, "short": cshort,
                     "products": [f"{cshort} {words[0]}", f"{words[1]} Cloud",
                                  f"{cshort} {words[2]} Studio"][: r.randint(2, 3)]}
        self.it_dept = r.choice(IT_DEPT_NAMES)
        self.board = r.choice(BOARD_NAMES)
        self.board_abbr = "".join(w[0] for w in self.board.split() if w[0].isupper())
        self.seller_suite = r.random() < 0.55  # True: Google Workspace, False: Microsoft 365
        self.disclaimer_bottom = r.random() < 0.5
        self.email_style = r.choice(["first.last", "flast", "first.last"])
        year = r.choice([2022, 2023, 2024])
        self.start = date(year, r.randint(1, 12), r.randint(1, 25))
        self.months = r.randint(9, 15)
        self.end = self.start + timedelta(days=int(self.months * 30.4))
        frac = r.uniform(0.28, 0.5)
        self.onset = (None if self.kind == "null"
                      else self.start + timedelta(days=int((self.end - self.start).days * frac)))
        self._used_names: set[str] = set()
        self._build_seller_team()
        self._build_customer_org()
        self._build_vision()
        self._build_confounders()

    def _new_name(self, lang: str) -> tuple[str, str]:
        used_firsts = {n.split()[0] for n in self._used_names}
        for attempt in range(400):
            pool = NAMES[lang] if attempt < 300 else NAMES["en"]
            first, last = self.rng.choice(pool[0]), self.rng.choice(pool[1])
            if f"{first} {last}" in self._used_names:
                continue
            if first in used_firsts and attempt < 150:
                continue
            self._used_names.add(f"{first} {last}")
            return first, last
        raise RuntimeError("name pools exhausted")

    def _cust_email(self, first: str, last: str) -> str:
        f = re.sub(r"[^a-z]", "", _ascii_fold(first).lower())
        la = re.sub(r"[^a-z]", "", _ascii_fold(last).lower())
        local = f"{f}.{la}" if self.email_style == "first.last" else f"{f[0]}{la}"
        return f"{local}@{self.cdomain}"

    def _phone(self, org: str) -> str:
        r = self.rng
        if org == "seller":
            return f"+1 (617) 555-{r.randint(1000, 9999)}"
        if self.locale == "nl":
            return f"+31 6 {r.randint(1000, 9999)} {r.randint(1000, 9999)}"
        if self.locale == "it":
            return f"+39 3{r.randint(10, 49)} {r.randint(100, 999)} {r.randint(1000, 9999)}"
        return f"+351 91 {r.randint(100, 999)} {r.randint(1000, 9999)}"

    def _mbx_host(self, eu: bool) -> str:
        r = self.rng
        pfx = r.choice(["AM", "DB", "PA", "VI", "AS"] if eu else ["BN", "CH", "SJ", "MW", "DM"])
        return f"{pfx}{r.randint(1, 9)}PR{r.randint(10, 99)}MB{r.randint(1000, 9999)}"

    def _add_person(self, p: Person) -> Person:
        p.mbx_host = self._mbx_host(p.tz != "ET")
        self.people.append(p)
        return p

    def _build_seller_team(self) -> None:
        r = self.rng
        roles = [("ae", "Account Executive"), ("se", "Senior Solutions Engineer"),
                 ("csm", "Customer Success Manager"), ("dd", "Deal Desk Analyst"),
                 ("sup", "Technical Support Engineer"), ("rvp", "Regional Vice President")]
        local_role = r.choice(["ae", "csm"])
        client = "gmail" if self.seller_suite else "outlook"
        self.team: dict[str, Person] = {}
        for key, title in roles:
            lang = self.locale if key == local_role else "en"
            first, last = self._new_name(lang)
            user = re.sub(r"[^a-z]", "", _ascii_fold(first).lower())
            email = (f"{user}@{self.sdomain}" if r.random() < 0.5 else
                     f"{user}.{re.sub(r'[^a-z]', '', _ascii_fold(last).lower())}@{self.sdomain}")
            tz = CUSTOMER_TZ[self.locale] if key == local_role else r.choice(["ET", "UK"])
            p = Person(key=f"seller_{key}", first=first, last=last, email=email, org="seller",
                       title=title, dept="Sales" if key in ("ae", "rvp", "dd") else "Customer Org",
                       client=client, ui_lang=lang if client == "outlook" else "en", tz=tz,
                       mobile_p=r.uniform(0.03, 0.12), phone=self._phone("seller"),
                       username=user, bottom_post_p=0.04 if client == "gmail" else 0.0)
            self.team[key] = self._add_person(p)
        word = max(self.customer.split(), key=len)
        slug = re.sub(r"[^a-z]", "", _ascii_fold(word).lower())
        self.shared = Person(key="shared", first=self.customer, last="Account Team",
                             email=f"{slug}-team@{self.sdomain}", org="seller", client=client,
                             tz="UK", title="Shared mailbox")
        self.shared.mbx_host = self._mbx_host(True)
        self.exporters = [self.team["ae"], self.team[r.choice(["se", "csm"])]]
        self.local_seller = self.team[local_role]

    def _customer_person(self, dept: str, title: str, lang_p: float = 0.5,
                         manager: str | None = None) -> Person:
        r = self.rng
        lang = self.locale if r.random() < 0.85 else "en"
        first, last = self._new_name(lang)
        client = _wchoice(r, {"outlook": 0.55, "outlook_old": 0.1, "apple": 0.17, "gmail": 0.18})
        ui = self.locale if (client.startswith("outlook") and r.random() < lang_p) else "en"
        if client == "gmail" and r.random() < 0.4:
            ui = self.locale
        charset = "utf-8"
        if client.startswith("outlook") and r.random() < 0.3:
            charset = "windows-1252"
        elif client == "apple" and r.random() < 0.25:
            charset = "iso-8859-1"
        email = self._cust_email(first, last)
        user = re.sub(r"[^a-z]", "", _ascii_fold(first[0] + last).lower())
        p = Person(key=f"c{len(self.people)}", first=first, last=last, email=email, org="customer",
                   title=title, dept=dept, manager=manager, client=client, ui_lang=ui,
                   tz=CUSTOMER_TZ[self.locale], html_only=client == "outlook" and r.random() < 0.4,
                   charset=charset, mobile_p=r.uniform(0.02, 0.2), phone=self._phone("customer"),
                   username=user, bottom_post_p=0.05 if client in ("gmail", "apple") else 0.0)
        return self._add_person(p)

    def _build_customer_org(self) -> None:
        r = self.rng
        self.ceo = self._customer_person("Executive Office", "Chief Executive Officer")
        self.it_people: list[Person] = []
        n_it = r.randint(4, 7)
        it_titles = [IT_TITLES[0], IT_TITLES[1]] + r.sample(IT_TITLES[2:], n_it - 2)
        for i, title in enumerate(it_titles):
            mgr = self.ceo.key if i == 0 else (self.it_people[0].key if i == 1 else
                                               self.it_people[1].key)
            self.it_people.append(self._customer_person(self.it_dept, title, manager=mgr))
        self.business: list[Person] = []
        depts = r.sample(BUSINESS_ROLES, r.randint(5, 7))
        for dept, titles in depts:
            head = None
            for j, title in enumerate(r.sample(titles, min(len(titles), r.randint(2, 3)))):
                mgr = self.ceo.key if j == 0 else head.key
                p = self._customer_person(dept, title, manager=mgr)
                head = head or p
                self.business.append(p)
        pool = [p for p in self.business if p.dept in ("Procurement", "Operations",
                                                       "Data & Analytics", "Commercial")]
        self.primary = r.choice(pool or self.business)
        self.primary.mobile_p = 0.12
        self.customer_people = [self.ceo] + self.it_people + self.business
        self.tic_person = r.choice([p for p in self.business if p is not self.primary])
        self.tic_person.tics = True
        self.exec = None
        for p in self.customer_people:
            if r.random() < 0.35:
                d0 = self.start + timedelta(days=r.randint(20, max(21, (self.end - self.start).days
                                                                    - 30)))
                p.holidays.append((d0, d0 + timedelta(days=r.randint(5, 14))))

    def _build_vision(self) -> None:
        r = self.rng
        self.phrases: list[str] = []
        self.source_members: list[Person] = []
        self.messengers: list[Person] = []
        self.reps: list[Person] = []
        if self.kind == "null":
            return
        n = r.randint(8, 14)
        heads_used: dict[str, int] = {}
        while len(self.phrases) < n:
            form = r.random()
            mod, mid, head = r.choice(VISION_MODS), r.choice(VISION_MIDS), r.choice(VISION_HEADS)
            if heads_used.get(head, 0) >= 2:
                continue
            phrase = (f"{mod} {mid} {head}" if form < 0.6 else
                      f"{mod} {head}" if form < 0.85 else f"{mid} {head}")
            if phrase in self.phrases:
                continue
            heads_used[head] = heads_used.get(head, 0) + 1
            self.phrases.append(phrase)
        self.phrase_weights = [1.0 / (i + 1) ** 0.7 for i in range(len(self.phrases))]
        others = [p for p in self.business if p is not self.primary]
        self.messengers = [self.primary] + r.sample(others, r.randint(2, 4))
        if self.kind == "new_exec":
            title, short = r.choice(EXEC_TITLES)
            lang = r.choice([self.locale, "en"])
            first, last = self._new_name(lang)
            dept = r.choice(["Executive Office", f"Office of the {short}"])
            ex = Person(key="exec", first=first, last=last, email=self._cust_email(first, last),
                        org="customer", title=title, dept=dept, manager=self.ceo.key,
                        client="apple", ui_lang="en", tz=CUSTOMER_TZ[self.locale],
                        mobile_p=0.45, phone=self._phone("customer"),
                        username=re.sub(r"[^a-z]", "", _ascii_fold(first[0] + last).lower()),
                        joined=self.onset - timedelta(days=r.randint(0, 6)))
            self._add_person(ex)
            self.exec = ex
            self.exec_short = short
            self.exec_prev = r.choice(PREVIOUS_EMPLOYERS)
            self.customer_people.append(ex)
            self.source_members = [ex]
        elif self.kind == "it_dept":
            self.source_members = self.it_people[: r.randint(3, min(5, len(self.it_people)))]
        else:
            for _ in range(r.randint(2, 3)):
                first, last = self._new_name(r.choice(["en", self.locale]))
                user = re.sub(r"[^a-z.]", "", _ascii_fold(f"{first}.{last}").lower())
                rep = Person(key=f"rep{len(self.reps)}", first=first, last=last,
                             email=f"{user}@{self.comp['domain']}", org="competitor",
                             title=r.choice(["Enterprise Account Director", "Solutions Consultant",
                                             "Strategic Account Manager"]),
                             dept="Sales", client="gmail", tz="CET", mobile_p=0.1,
                             phone=f"+44 20 7946 {r.randint(1000, 9999)}")
                self.reps.append(self._add_person(rep))
            self.source_members = list(self.reps)

    def _build_confounders(self) -> None:
        r = self.rng
        span = (self.end - self.start).days
        self.jargon = r.choice(JARGON[self.locale])
        self.jargon_start = self.start + timedelta(days=int(span * r.uniform(0.3, 0.65)))
        self.jargon_rate = 0.35 if self.kind == "null" else 0.15
        self.season_kind = r.choice(list(SEASON_TOPICS))
        s0 = self.start + timedelta(days=int(span * r.uniform(0.15, 0.75)))
        self.season = (s0, s0 + timedelta(days=r.randint(35, 49)))
        o0 = self.start + timedelta(days=int(span * r.uniform(0.1, 0.9)))
        while o0.weekday() >= 5:
            o0 += timedelta(days=1)
        self.outage = (o0, o0 + timedelta(days=r.randint(1, 2)))
        self.new_hire = None
        if self.kind == "null" or r.random() < 0.4:
            dept, titles = r.choice(BUSINESS_ROLES[:5])
            p = self._customer_person(dept, "Senior " + r.choice(titles).replace("Head of ", ""),
                                      manager=self.primary.key)
            p.joined = self.start + timedelta(days=int(span * r.uniform(0.3, 0.6)))
            self.business.append(p)
            self.customer_people.append(p)
            self.new_hire = p

    # ---------------------------------------------------------------- time helpers -----------

    def _workday(self, d: date) -> date:
        while d.weekday() >= 5:
            d += timedelta(days=1)
        return d

    def _at(self, day: date, person: Person, evening_p: float = 0.04) -> datetime:
        r = self.rng
        day = self._workday(day)
        hour = r.randint(19, 22) if r.random() < evening_p else r.choice(
            [8, 9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 16, 17, 18])
        local = datetime(day.year, day.month, day.day, hour, r.randint(0, 59), r.randint(0, 59))
        return _from_local(local, person.tz)

    def _later(self, t: datetime, person: Person, lo_h: float, hi_h: float) -> datetime:
        r = self.rng
        t2 = t + timedelta(hours=r.uniform(lo_h, hi_h), seconds=r.randint(0, 59))
        loc = _to_local(t2, person.tz)
        if loc.weekday() >= 5 or loc.hour < 7 or loc.hour >= 19:
            d = loc.date() + timedelta(days=1 if loc.hour >= 19 else 0)
            d = self._workday(d)
            t2 = _from_local(datetime(d.year, d.month, d.day, r.randint(8, 10), r.randint(0, 59),
                                      r.randint(0, 59)), person.tz)
            if t2 <= t:
                t2 = t + timedelta(minutes=r.randint(20, 90))
        return t2

    def _rand_day(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    # ---------------------------------------------------------------- ids -------------------

    def _new_mid(self, client: str, sender: Person, when: datetime) -> str:
        r = self.rng
        dom = sender.email.split("@")[1]
        while True:
            if client in ("outlook", "outlook_mobile", "autoreply"):
                host = sender.mbx_host
                eu = host[:2] in ("AM", "DB", "PA", "VI", "AS")
                region = f"eurprd{r.randint(1, 9):02d}" if eu else f"namprd{r.randint(1, 19):02d}"
                mid = f"<{host}{r.getrandbits(112):028X}@{host}.{region}.prod.outlook.com>"
            elif client == "outlook_old":
                mid = f"<{r.getrandbits(128):032X}@EXMBX0{r.randint(1, 4)}.corp.{dom}>"
            elif client == "gmail":
                alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-"
                body = "".join(r.choice(alphabet) for _ in range(r.randint(40, 48)))
                pad = "=" if r.random() < 0.3 else ""
                mid = f"<CA{body}{pad}@mail.gmail.com>"
            elif client in ("apple", "iphone"):
                h = f"{r.getrandbits(128):032X}"
                mid = f"<{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}@{dom}>"
            else:
                mid = f"<{when:%Y%m%d%H%M%S}.{r.getrandbits(48):012x}@mta.{dom}>"
            if mid not in self.mids:
                self.mids.add(mid)
                return mid

    # ---------------------------------------------------------------- text helpers ----------

    def _ctx(self, **extra) -> dict:
        r = self.rng
        teams = sorted({p.dept for p in self.business})
        n2 = r.choice([80, 120, 150, 200, 250, 300, 400, 600])
        d = {"product": r.choice(self.products), "product2": r.choice(self.products),
                 "n": n2 + r.choice([50, 100, 150, 200]), "n2": n2, "n3": r.randint(6, 40),
                 "pct": r.choice([3, 4, 5, 7, 8, 10, 12, 15]), "team": r.choice(teams),
                 "team2": r.choice(teams), "region": r.choice(REGIONS), "system": r.choice(SYSTEMS),
                 "feature": r.choice(FEATURES), "industry": r.choice(INDUSTRIES), "city": self.city,
                 "year": self.start.year + r.randint(0, 1), "inv": f"INV-{r.randint(20000, 89999)}",
                 "when": r.choice([f"end of {r.choice(MONTHS['en'])}", f"Q{r.randint(1, 4)}",
                                "the steering committee", "next Friday", "the board meeting"]),
                 "day": r.choice(WEEKDAYS["en"][:5]), "weekday": r.choice(WEEKDAYS["en"][:5]),
                 "hh": r.randint(9, 16), "month": r.choice(MONTHS["en"]), "seller": self.seller,
                 "customer": self.customer, "holiday": r.choice(["King's Day", "Easter Monday",
                                                           "Whit Monday", "the 2nd of June",
                                                           "the 25th of April", "Ascension Day"]),
                 "ver": f"{r.randint(4, 9)}.{r.randint(0, 12)}", "wd": r.choice(WEEKDAYS["en"][:5])}
        d.update(extra)
        return d

    def _fill(self, template: str, ctx: dict) -> str:
        text = template.format_map(ctx)
        return text[:1].upper() + text[1:]

    def _pick_phrases(self, k: int) -> list[str]:
        chosen: list[str] = []
        while len(chosen) < min(k, len(self.phrases)):
            p = self.rng.choices(self.phrases, weights=self.phrase_weights, k=1)[0]
            if p not in chosen:
                chosen.append(p)
        return chosen

    def _phrase_ctx(self, phrases: list[str]) -> dict:
        p = phrases[0]
        p2 = phrases[1] if len(phrases) > 1 else phrases[0]
        return {"p": p, "p2": p2, "a_p": _article(p), "a_p2": _article(p2)}

    def _ticify(self, text: str) -> str:
        r = self.rng
        text = text.replace("Thanks", "thx!!").replace("please", "pls").replace("Please", "Pls")
        text = re.sub(r"\. ", lambda m: "... " if r.random() < 0.4 else ". ", text)
        text = text.replace("urgent", "URGENT").replace("quickly", "ASAP")
        return text + (" :-)" if r.random() < 0.6 else " !!")

    def _jargon_line(self, when: datetime) -> str:
        r = self.rng
        if when.date() < self.jargon_start or r.random() > self.jargon_rate:
            return ""
        return r.choice([f"(This is also relevant for {self.jargon}.)",
                         f"With {self.jargon} going live, timing matters.",
                         f"We're aligning everything with {self.jargon} at the moment.",
                         f"FYI this came up in the {self.jargon} stand-up."])

    def _signature(self, p: Person, client: str, lang: str) -> str:
        if client in ("iphone", "outlook_mobile"):
            return f"{p.first}\n\n{MOBILE_SIG[client].get(lang, MOBILE_SIG[client]['en'])}"
        if p.tics:
            return f"Cheers - {p.first[0]}"
        if p.org == "seller":
            sig = f"{p.name} | {p.title}\n{self.seller}\nM: {p.phone}\nwww.{self.sdomain}"
            if client == "gmail" and self.rng.random() < 0.5:
                sig = "-- \n" + sig
            return sig
        if p.org == "competitor":
            return f"{p.name}\n{p.title} | {self.comp['name']}\n{p.phone}"
        label = {"nl": "M", "it": "Cell.", "pt": "Tlm."}[self.locale]
        return f"{p.name}\n{p.title}\n{p.dept} | {self.customer}\n{label} {p.phone}\n{self.address}"

    def _compose(self, p: Person, recips: list, core: str, client: str, lang: str = "en",
                 greet: bool = True, when: datetime | None = None) -> tuple[str, str]:
        r = self.rng
        glang = lang
        if lang == "en" and p.org == "customer" and p.ui_lang != "en" and r.random() < 0.5:
            glang = p.ui_lang
        head, marker, tail = core.partition("\n\n\x1eTABLE\x1e")
        if p.org == "customer" and when is not None and lang == "en":
            jl = self._jargon_line(when)
            if jl:
                head = head + " " + jl
        if p.tics:
            head = self._ticify(head)
        core = head + marker + tail
        parts = []
        if greet:
            if len(recips) > 2 and r.random() < 0.4:
                parts.append(GREET_ALL[glang])
            elif recips and recips[0].key == "shared":
                parts.append({"en": "Hi team,", "nl": "Hoi team,", "it": "Ciao a tutti,",
                              "pt": "Olá equipa,"}[glang])
            elif recips:
                greeting = "Hiya {first}!!" if p.tics else r.choice(GREETINGS[glang])
                parts.append(greeting.format(first=recips[0].first))
        parts.append(core)
        closing = "" if p.tics else r.choice(CLOSINGS[glang])
        sig = self._signature(p, client, glang)
        tail = f"{closing}\n{sig}" if closing else sig
        own = "\n\n".join(parts) + "\n\n" + tail
        if p.org == "customer" and not self.disclaimer_bottom and client not in ("iphone",):
            own += "\n\n" + DISCLAIMERS[self.locale].format(company=self.customer)
        if p.org == "seller" and client != "iphone" and r.random() < 0.5:
            own += "\n\n" + SELLER_DISCLAIMER.format(seller=self.seller)
        return core, own

    def _client_for(self, p: Person) -> str:
        if p.key == "shared":
            return p.client
        if self.rng.random() < p.mobile_p:
            return "outlook_mobile" if p.client.startswith("outlook") and self.rng.random() < 0.5 \
                else "iphone"
        return p.client

    # ---------------------------------------------------------------- mail creation ---------

    def _participants_ok(self, to: list, cc: list, sender: Person) -> bool:
        everyone = [sender] + to + cc
        return any(p is self.shared or p in self.exporters for p in everyone)

    def _mail(self, when: datetime, sender: Person, to: list, cc: list, subject: str, core: str,
              role: str, *, parent: Mail | None = None, quote: str = "top", lang: str = "en",
              client: str | None = None, hidden: bool = False, greet: bool = True,
              raw_own: str | None = None, **kw) -> Mail:
        client = client or self._client_for(sender)
        to = [p for p in dict.fromkeys(to) if p is not sender]
        cc = [p for p in dict.fromkeys(cc) if p is not sender and p not in to]
        if not hidden and not self._participants_ok(to, cc, sender):
            cc.append(self.shared)
        if raw_own is None:
            core, own = self._compose(sender, to, core, client, lang, greet, when)
        else:
            own = raw_own
        if quote == "top" and parent is not None and self.rng.random() < sender.bottom_post_p:
            quote = "bottom"
        mid = self._new_mid(client, sender, when)
        m = Mail(idx=len(self.mails), when=when, sender=sender, to=to, cc=cc, subject=subject,
                 core=core, own=own, role=role, client=client, lang=lang, mid=mid, parent=parent,
                 quote_mode=quote, hidden=hidden, **kw)
        if client.startswith("outlook"):
            # Outlook's Thread-Index: 22 bytes for a new thread, plus 5 bytes per reply level
            base = parent.thread_index if parent is not None and parent.thread_index else b""
            m.thread_index = ((base + self.rng.getrandbits(40).to_bytes(5, "big")) if base
                              else self.rng.getrandbits(176).to_bytes(22, "big"))
        self.mails.append(m)
        return m

    def _prefix(self, client: str, lang: str, forward: bool) -> str:
        if client in ("gmail", "apple", "iphone"):
            return "Fwd:" if forward else "Re:"
        fam = "outlook_old" if client == "outlook_old" else "outlook"
        return PREFIXES[(fam, lang)][1 if forward else 0]

    def _re_subject(self, parent_subject: str, sender: Person, client: str, forward=False) -> str:
        pre = self._prefix(client, sender.ui_lang, forward)
        if parent_subject.lower().startswith(pre.lower() + " "):
            return parent_subject
        return f"{pre} {parent_subject}"

    # ---------------------------------------------------------------- request planning ------

    def plan_requests(self) -> None:
        r = self.rng
        span_lo, span_hi = max(150, 14 * self.months), min(350, 24 * self.months)
        n_total = r.randint(span_lo, span_hi)
        frac = 0.0 if self.kind == "null" else r.uniform(0.25, 0.45)
        n_vision = round(n_total * frac)
        n_base = n_total - n_vision
        self.log_only_p = r.uniform(0.15, 0.27)
        n_incident = r.randint(7, 13)
        base_topics = {k: v["weight"] for k, v in TOPICS.items() if v["weight"] > 0}
        season_topics = {k: (4.0 if k in SEASON_TOPICS[self.season_kind] else 0.4)
                         for k in base_topics}
        season_share = 0.25 if self.kind == "null" else 0.18
        for _ in range(n_base - n_incident):
            in_season = r.random() < season_share
            day = (self._rand_day(*self.season) if in_season else
                   self._rand_day(self.start, self.end - timedelta(days=7)))
            topic = _wchoice(r, season_topics if in_season else base_topics)
            requester, cohort = self._base_requester(topic, day)
            channel = "email" if r.random() > self.log_only_p else r.choice(["phone", "meeting"])
            self._add_request(self._at(day, requester), topic, requester, False, channel,
                              "season" if in_season else cohort)
        for _ in range(n_incident):
            day = self._rand_day(*self.outage)
            requester = r.choice(self.business + self.it_people)
            if requester.joined and requester.joined > day:
                requester = self.primary
            self._add_request(self._at(day, requester, 0.1), "incident", requester, False, "email",
                              "outage")
        if n_vision:
            self._plan_vision(n_vision)
        self.requests.sort(key=lambda q: q.when)
        for i, q in enumerate(self.requests):
            q.rid = i + 1

    def _base_requester(self, topic: str, day: date) -> tuple[Person, str]:
        r = self.rng
        if self.new_hire and day >= self.new_hire.joined and r.random() < 0.22:
            return self.new_hire, "new_hire"
        if topic in ("security", "architecture", "integration", "compliance") and r.random() < 0.5:
            return r.choice(self.it_people), "base"
        if r.random() < 0.3:
            return self.primary, "base"
        pool = [p for p in self.business if not p.joined or p.joined <= day]
        return r.choice(pool), "base"

    def _add_request(self, when, topic, requester, vision, channel, cohort="base", **kw) -> Request:
        q = Request(rid=0, when=when, topic=topic, requester=requester, vision=vision,
                    channel=channel, cohort=cohort, **kw)
        self.requests.append(q)
        return q

    def _plan_vision(self, n_vision: int) -> None:
        r = self.rng
        mix = RELAY_MIX[self.kind][self.difficulty]
        days = (self.end - timedelta(days=5) - self.onset).days
        n_email = 0
        for i in range(n_vision):
            day = self.onset + timedelta(days=int(days * (r.random() ** 0.85)))
            if i == 0:
                day = self.onset + timedelta(days=r.randint(1, 6))
            topic = _wchoice(r, VISION_TOPIC_WEIGHTS)
            channel = "email" if (r.random() > self.log_only_p or n_email < 8) else r.choice(
                ["phone", "meeting"])
            mode = _wchoice(r, mix) if channel == "email" else "log_only"
            if mode == "direct":
                requester = self.exec if self.kind == "new_exec" else r.choice(self.source_members)
            else:
                requester = (self.primary if r.random() < 0.6 else
                             r.choice(self.messengers[1:]))
            src = None
            if self.kind == "new_exec":
                src = self.exec
            elif self.kind == "it_dept":
                src = requester if mode == "direct" else r.choice(self.source_members)
            else:
                src = r.choice(self.reps)
            when = self._at(day, requester)
            if when.date() < self.onset:
                when = self._at(self.onset + timedelta(days=1), requester)
            n_email += channel == "email"
            self._add_request(when, topic, requester, True, channel, "vision", relay_mode=mode,
                              phrases=self._pick_phrases(r.choice([1, 1, 2, 2, 3])),
                              source_person=src)

    # ---------------------------------------------------------------- request mails ---------

    def _seller_owner(self, topic: str) -> Person:
        return self.team[TOPICS[topic]["owner"]]

    def build_request_threads(self) -> None:
        for q in self.requests:
            ctx = self._ctx()
            info = TOPICS[q.topic]
            q.summary = self._fill(self.rng.choice(info["summaries"]), ctx)
            if q.vision:
                q.text = self._vision_ask(q, ctx)
            else:
                q.text = self._fill(self.rng.choice(info["asks"]), ctx)
            if q.channel == "email":
                self._request_thread(q, ctx)

    def _vision_ask(self, q: Request, ctx: dict) -> str:
        r = self.rng
        ctx.update(self._phrase_ctx(q.phrases))
        text = self._fill(r.choice(VISION_ASKS[q.topic]), ctx)
        if len(q.phrases) > 1 or r.random() < 0.4:
            pool = [t for t in VISION_SENTENCES if len(q.phrases) > 1 or "p2}" not in t]
            text += " " + self._fill(r.choice(pool), ctx)
        if len(q.phrases) > 2:
            text += f" And where does the {q.phrases[2]} come in?"
        return text

    def _request_thread(self, q: Request, ctx: dict) -> None:
        r = self.rng
        info = TOPICS[q.topic]
        owner = self._seller_owner(q.topic)
        sender = q.requester
        to = [owner] if r.random() < 0.8 else [self.shared]
        cc: list[Person] = []
        if to[0] is not self.shared and r.random() < 0.75:
            cc.append(self.shared)
        if r.random() < 0.3:
            cc.append(r.choice(self.exporters))
        if r.random() < 0.25:
            cc.append(self.team[r.choice(["ae", "se", "csm"])])
        if r.random() < 0.3:
            cc.append(r.choice([p for p in self.business if p is not sender]))
        if q.topic in ("architecture", "integration") and r.random() < 0.2:
            cc.append(r.choice(self.it_people))
        if (self.exec is not None and q.when.date() >= self.exec.joined and not q.vision
                and self.difficulty != "easy" and r.random() < 0.05):
            cc.append(self.exec)
        attachments: list = []
        table = None
        parent = None
        quote = "top"
        subject = self._fill(r.choice(info["subjects"]), ctx)
        if q.vision:
            core, attachments, parent, extra_cc, subject = self._vision_core(q, ctx, subject)
            cc.extend(extra_cc)
            if parent is not None:
                quote = "forward"
                subject = self._re_subject(parent.subject, sender, sender.client, forward=True)
        else:
            core = q.text
            if r.random() < 0.7:
                core += " " + self._fill(r.choice(info["details"]), ctx)
            if q.topic in ("pricing", "licences") and r.random() < 0.45:
                table = self._scenario_table(ctx)
                core += "\n\n\x1eTABLE\x1e"
            if q.topic == "incident" and r.random() < 0.5:
                attachments.append(self._attachment("screenshot.png"))
        client = self._client_for(sender)
        m = self._mail(q.when, sender, to, cc, subject, core, "vision" if q.vision else
                       ("incident" if q.topic == "incident" else "request"), parent=parent,
                       quote=quote, client=client, relay_mode=q.relay_mode if q.vision else None,
                       topic=q.topic, request_id=q.rid, phrases=list(q.phrases),
                       attachments=attachments, table=table)
        q.mail = m
        self._follow_thread(q, m, owner, ctx)

    def _scenario_table(self, ctx: dict) -> list:
        r = self.rng
        rows = [["Scenario", "Users", "Term", "Modules"]]
        for label in ["A", "B", "C"][: r.randint(2, 3)]:
            rows.append([label, str(r.choice([ctx["n"], ctx["n2"], ctx["n"] + 100])),
                         r.choice(["1 yr", "3 yrs", "5 yrs"]),
                         r.choice(self.products).split()[-1]])
        return rows

    def _follow_thread(self, q: Request, first: Mail, owner: Person, ctx: dict) -> None:
        r = self.rng
        last = first
        vision = q.vision
        cust = q.requester
        if r.random() < (0.28 if vision else 0.17):
            t = self._later(last.when, cust, 48, 150)
            last = self._chaser(last, cust, t, vision, ctx)
        if r.random() < (0.93 if q.topic != "incident" else 0.6):
            replier = owner if r.random() < 0.85 else self.team[r.choice(["ae", "se", "csm"])]
            t = self._later(last.when, replier, 1.5, 60)
            reply = self._seller_reply(q, last, replier, t, ctx)
            if r.random() < 0.2:
                ack_lang = self._short_lang(cust, replier)
                self._mail(self._later(reply.when, cust, 0.3, 20), cust, [replier], [],
                           self._re_subject(reply.subject, cust, cust.client),
                           self._short(cust, "thanks", ctx, ack_lang), "ack", parent=reply,
                           lang=ack_lang)
            elif r.random() < 0.35:
                t = self._later(reply.when, cust, 2, 80)
                follow = self._customer_followup(q, reply, cust, t, ctx)
                if r.random() < 0.8:
                    self._seller_reply(q, follow, replier, self._later(follow.when, replier, 2, 50),
                                       ctx)

    def _short_lang(self, sender: Person, recipient: Person) -> str:
        if (sender.ui_lang == self.locale and recipient is self.local_seller
                and self.rng.random() < 0.6):
            return self.locale
        return "en"

    def _short(self, p: Person, what: str, ctx: dict, lang: str = "en") -> str:
        pool = LOCAL_SHORT[lang][what] if lang != "en" else EN_SHORT[what]
        return self._fill(self.rng.choice(pool), ctx)

    def _reply_recipients(self, parent: Mail, sender: Person) -> tuple[list, list]:
        to = [parent.sender] if parent.sender is not sender else list(parent.to)
        cc = [p for p in parent.to + parent.cc if p is not sender and p not in to]
        return to, cc

    def _chaser(self, parent: Mail, cust: Person, t: datetime, vision: bool, ctx: dict) -> Mail:
        r = self.rng
        to, cc = list(parent.to), list(parent.cc)
        lang = self._short_lang(cust, to[0]) if to else "en"
        core = self._short(cust, "chaser", ctx, lang)
        if vision and lang == "en" and self.difficulty == "easy" and r.random() < 0.5:
            core += " " + self._source_nudge()
        return self._mail(t, cust, to, cc, self._re_subject(parent.subject, cust, cust.client),
                          core, "vision_followup" if vision else "chaser", parent=parent,
                          lang=lang, topic=parent.topic, request_id=parent.request_id)

    def _source_tag(self) -> str:
        """A short explicit label for the source (used in easy subjects and log labels)."""
        if self.kind == "new_exec":
            return f"{self.exec_short} priorities"
        if self.kind == "it_dept":
            return f"{self.board_abbr} requirement"
        return f"{self.comp['short']} comparison"

    def _source_nudge(self) -> str:
        if self.kind == "new_exec":
            return f"{self.exec.first} is asking me about it."
        if self.kind == "it_dept":
            return f"The {self.board} wants an answer before its next meeting."
        return f"We need to compare it with what {self.comp['short']} sent us."

    def _seller_reply(self, q: Request, parent: Mail, replier: Person, t: datetime,
                      ctx: dict) -> Mail:
        r = self.rng
        to, cc = self._reply_recipients(parent, replier)
        opener = r.choice(["Thanks {first}, good question.", "Thanks for the note, {first}.",
                           "Thanks for flagging, {first}.", "Apologies for the delay."])
        body = self._fill(r.choice(TOPICS[q.topic]["replies"]), ctx)
        core = self._fill(opener, {"first": q.requester.first}) + " " + body
        if q.vision and r.random() < 0.5:
            core += (f" On the {q.phrases[0]} point: let's get our solution architect in the room "
                     "so we understand what you have in mind.")
        if r.random() < 0.3:
            core += " " + r.choice(["Let me know if a quick call helps.",
                                    "Happy to walk through it on our next sync.",
                                    "From our side nothing else is needed for now."])
        if r.random() < 0.15:
            cc.append(self.team["dd"] if q.topic in ("pricing", "licences") else self.team["se"])
        quote = "inline" if (replier.client == "gmail" and r.random() < 0.06) else "top"
        return self._mail(t, replier, to, cc, self._re_subject(parent.subject, replier,
                                                                replier.client),
                          core, "seller_reply", parent=parent, quote=quote, topic=q.topic,
                          request_id=q.rid, greet=False)

    def _customer_followup(self, q: Request, parent: Mail, cust: Person, t: datetime,
                           ctx: dict) -> Mail:
        r = self.rng
        to, cc = self._reply_recipients(parent, cust)
        core = self._short(cust, "followup", ctx)
        if q.vision and r.random() < 0.6:
            ctx.update(self._phrase_ctx(q.phrases))
            core += " " + self._fill(r.choice([
                "And please make sure the {p} angle is covered in your answer.",
                "The key thing for us remains {a_p}.",
                "How would this look in the {p} we discussed?"]), ctx)
        return self._mail(t, cust, to, cc, self._re_subject(parent.subject, cust, cust.client),
                          core, "vision_followup" if q.vision else "followup", parent=parent,
                          topic=q.topic, request_id=q.rid)

    # ---------------------------------------------------------------- vision relays ---------

    def _mention_line(self, q: Request) -> str:
        r = self.rng
        d = self.difficulty
        if self.kind == "new_exec":
            ex = self.exec
            pools = {"easy": [f"Our new {ex.title}, {ex.name}, has asked us to look into this.",
                              f"{ex.first} (our new {self.exec_short}, ex-{self.exec_prev}) "
                              f"wants to "
                              "move quickly on this.",
                              f"Since {ex.name} joined as {ex.title} there is a lot of focus on "
                              "this."],
                     "medium": [f"Our new {self.exec_short} wants this picked up quickly.",
                                f"{ex.first} asked me to check this with you."],
                     "hard": ["Leadership has asked us to look at this.",
                              "This is coming from the top."]}
        elif self.kind == "it_dept":
            src = q.source_person
            pools = {"easy": [f"The {self.board} ({self.it_dept}) decided last week that this is "
                              "now mandatory.",
                              f"{src.name} from {self.it_dept} asked us to check this with you."],
                     "medium": ["Our architecture board wants an answer on this.",
                                "IT has made this a condition for the renewal."],
                     "hard": ["Internally this has become a hard requirement.",
                              "There is new guidance on how platforms should work."]}
        else:
            prod = r.choice(self.comp["products"])
            rep = q.source_person
            pools = {"easy": [f"{self.comp['name']} presented {prod} to us last week and claims "
                              "it does exactly this.",
                              f"We had a session with {rep.name} from {self.comp['short']}; they "
                              f"pitched {prod}."],
                     "medium": [f"Another vendor showed us {prod} and it looked convincing.",
                                f"{self.comp['short']} has been in touch and says they can do this "
                                "out of the box."],
                     "hard": ["We've seen this done elsewhere in the market.",
                              "Another supplier says this is standard."]}
        return r.choice(pools[d])

    def _source_text(self, q: Request, ctx: dict, anonymous: bool = False) -> str:
        """The source's own words (memo, board decision, marketing mail) carrying the phrases.

        ``anonymous`` drops names of boards and products (used for hard, unattributed pastes)
        while keeping the vocabulary and the source's writing style.
        """
        r = self.rng
        ph = list(q.phrases) + self._pick_phrases(2)
        ph = list(dict.fromkeys(ph))
        c = dict(ctx, **self._phrase_ctx(ph), p3=ph[-1])
        if self.kind == "new_exec":
            tpl = r.choice([
                "Net-net: by {when} I want us running {a_p}. That means:\n"
                "\u2022 {p2} \u2192 owned by {team}\n\u2022 {p3} \u2192 first pilots this quarter\n"
                "Ask: get our vendors to show how they fit.",
                "Quick thoughts after my first weeks. We don't need more tools, we need {a_p}. "
                "Net-net, the {p2} is where we start.\nAsk: every supplier comes back with a view "
                "on {p3}.",
                "At my previous company the {p} took us from reactive to predictive \u2192 I want "
                "the same here. Net-net: {p2} first, {p3} next."])
        elif self.kind == "it_dept":
            c["code"] = f"{self.board_abbr}-{self.start.year % 100}{r.randint(10, 60)}"
            tpl = r.choice([
                "{board} decision {code}\nPrinciple 1: New and renewed platforms MUST support "
                "{a_p}.\nPrinciple 2: Integrations SHOULD follow the {p2} pattern.\nAction: "
                "business owners confirm vendor compliance before {when}.",
                "Target architecture update ({code}): we are moving to {a_p}. Platforms that "
                "cannot participate in the {p2} will not be renewed. Please check {p3} readiness "
                "with your suppliers."])
            c["board"] = self.board
            if anonymous:
                tpl = ("Principle: new and renewed platforms MUST support {a_p}. Integrations "
                       "SHOULD follow the {p2} pattern; {p3} readiness to be confirmed by {when}.")
        else:
            c["cprod"] = "The platform" if anonymous else r.choice(self.comp["products"])
            tpl = r.choice([
                "{cprod}\u2122 is the industry's first {p}! Customers go live in weeks, not "
                "months, with a game-changing {p2} out of the box.",
                "Why settle for a point solution? {cprod} gives you {a_p} and a ready-made {p3} "
                "\u2014 no custom build needed!"])
        return self._fill(tpl, c)

    def _vision_attachment_name(self, q: Request) -> str:
        r = self.rng
        y = q.when.year
        if self.difficulty == "hard":
            return r.choice(["Background.pdf", "notes_v2.docx", "Target_state.pptx"])
        if self.kind == "new_exec":
            ex = self.exec
            return r.choice([f"{ex.first[0]}{ex.last[0]}_Vision_{y}.pptx",
                             f"{self.exec_short}_Priorities_{y}.pdf",
                             f"Memo {ex.last} - priorities.docx"])
        if self.kind == "it_dept":
            slug = re.sub(r"[^A-Za-z]", "", self.it_dept)
            return r.choice([f"{self.board_abbr}_Decision_{y}.pdf",
                             f"{slug}_Target_Architecture_v{r.randint(2, 5)}.pptx",
                             f"Architecture_Principles_{y}.pdf"])
        prod = re.sub(r"\s+", "_", r.choice(self.comp["products"]))
        return r.choice([f"{prod}_Overview.pdf", f"{self.comp['short']} x {self.customer}.pdf",
                         f"{prod}_Datasheet.pdf"])

    def _vision_core(self, q: Request, ctx: dict, subject: str):
        """Return (core, attachments, hidden parent, extra cc, subject) for a vision request."""
        r = self.rng
        mode = q.relay_mode
        ask = q.text
        attachments: list = []
        extra_cc: list = []
        parent = None
        src = q.source_person
        style = ""
        if self.difficulty == "hard" and mode == "rephrased" and r.random() < 0.3:
            style = {"new_exec": " Net-net: we need a clear answer.",
                     "it_dept": " This MUST be covered.",
                     "competitor": " It needs to work out of the box!"}[self.kind]
        if mode == "rephrased":
            core = ask + style
        elif mode == "mention":
            core = self._mention_line(q) + " " + ask
        elif mode == "cc":
            core = ask
            extra_cc.append(src)
            if self.difficulty != "hard":
                core += f" (Copying {src.first}, who is driving this.)"
        elif mode == "direct":
            core = ask + ("\n\n" + self._source_text(q, ctx) if r.random() < 0.5 else "")
            if self.kind == "it_dept":
                extra_cc.append(self.primary)
        elif mode == "paste":
            text = self._source_text(q, ctx, anonymous=self.difficulty == "hard")
            if self.difficulty == "easy":
                who = src.name if self.kind != "competitor" else self.comp["name"]
                intro = r.choice([f"Pasting below what {who} sent round:",
                                  f"From {who}'s note:"])
                block = f"{intro}\n\n\"{text}\""
            elif self.difficulty == "medium":
                block = r.choice(["Copying the relevant bit from a note we were given:",
                                  "Below an extract of what we've been given:"])
                block += f"\n\n---\n{text}\n---"
            else:
                block = text
            core = ask + "\n\n" + block
        elif mode == "attachment":
            name = self._vision_attachment_name(q)
            attachments.append(self._attachment(name))
            core = f"Please see the attached {name}. " + ask
        else:  # forward
            parent = self._hidden_source_mail(q, ctx)
            note = r.choice(["Can you respond to the points below?", "See below. Thoughts?",
                             "FYI, and a question for you:", "Forwarding this one."])
            core = note + (" " + ask if r.random() < 0.6 else "")
            attachments = list(parent.attachments)
        if self.difficulty == "easy" and r.random() < 0.4:
            subject = f"{self._source_tag()}: {subject}"
        elif r.random() < 0.15:
            subject = f"Question on {q.phrases[0]}"
        return core, attachments, parent, extra_cc, subject

    def _hidden_source_mail(self, q: Request, ctx: dict) -> Mail:
        r = self.rng
        src = q.source_person
        messenger = q.requester
        lo = max(datetime.combine(self.onset, datetime.min.time()) + timedelta(hours=7),
                 q.when - timedelta(days=6))
        when = self._at(self._rand_day(lo.date(), q.when.date()), src)
        if not lo <= when < q.when:
            when = lo + (q.when - lo) * r.uniform(0.1, 0.9)
        text = self._source_text(q, ctx)
        to = [messenger] + ([self.primary] if messenger is not self.primary else [])
        if self.kind == "new_exec":
            subject = r.choice(["Where I want us to be", "Priorities for the year",
                                "Thoughts after my first weeks", "Vendor asks"])
        elif self.kind == "it_dept":
            subject = r.choice([f"{self.board} outcome", "Architecture principles update",
                                "Decision log - platforms"])
        else:
            subject = r.choice([f"Great to connect at {r.choice(EVENTS)}",
                                f"{r.choice(self.comp['products'])} for {self.customer}",
                                "Follow-up: our conversation"])
        attachments = []
        if self.difficulty != "hard" and r.random() < 0.5:
            attachments.append(self._attachment(self._vision_attachment_name(q)))
        m = self._mail(when, src, to, [], subject, text, "source_original", hidden=True,
                       attachments=attachments, phrases=list(q.phrases))
        self.source_texts.append({"message_id": m.mid, "date": m.when.isoformat(),
                                  "sender": src.email, "to": [p.email for p in m.to],
                                  "subject": subject, "text": text})
        return m

    def _attachment(self, name: str) -> tuple:
        r = self.rng
        ext = name.rsplit(".", 1)[-1].lower()
        if ext == "pdf":
            body = r.randbytes(r.randint(300, 900))
            data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + body + b"\n%%EOF\n"
            ctype = "application/pdf"
        elif ext == "png":
            data = _tiny_png(r)
            ctype = "image/png"
        else:
            data = b"PK\x03\x04" + r.randbytes(r.randint(400, 1200))
            ctype = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml."
                             "presentation",
                     "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml."
                             "document"}.get(ext, "application/octet-stream")
        return (name, ctype, data)

    # ---------------------------------------------------------------- other traffic ---------

    def build_other_traffic(self) -> None:
        """Scheduling, FYIs, internal notes and newsletters, scaled to keep 400-900 messages."""
        r = self.rng
        self._source_intro()
        self._new_hire_intro()
        visible = sum(not m.hidden for m in self.mails)
        expected = self.months * 12.0
        target = r.randint(760, 880)
        scale = min(1.0, max(0.25, (target - visible) / expected))
        if visible + expected < 420:
            scale = (430 - visible) / expected
        for _ in range(int(self.months * r.uniform(2.5, 4) * scale)):
            self._scheduling(self._rand_day(self.start, self.end))
        for _ in range(int(self.months * r.uniform(0.8, 1.4) * scale)):
            self._customer_fyi(self._rand_day(self.start, self.end))
        for _ in range(int(self.months * r.uniform(1.0, 1.8) * scale)):
            self._seller_fyi(self._rand_day(self.start, self.end))
        for _ in range(int(self.months * r.uniform(1.2, 2.2) * scale)):
            self._internal(self._rand_day(self.start, self.end))
        for member, every in zip(self.exporters, (14, 30), strict=False):
            d = self.start + timedelta(days=r.randint(0, 6))
            while d < self.end:
                self._newsletter(member, d)
                d += timedelta(days=int((every + r.randint(-2, 2)) / min(1.0, scale * 1.5)))
        self._outage_updates()

    def _source_intro(self) -> None:
        r = self.rng
        if self.kind == "new_exec":
            ex = self.exec
            t = self._at(self.onset + timedelta(days=r.randint(0, 5)), ex)
            core = (f"I joined {self.customer} as {ex.title} a few weeks ago, coming from "
                    f"{self.exec_prev}. {self.primary.first} tells me you are one of our key "
                    "partners, so I'd like to get to know your team. Could we set up an hour in "
                    "the coming weeks?")
            m = self._mail(t, ex, [self.team["ae"]], [self.primary], "Introduction", core, "intro")
            self._seller_simple_reply(m, self.team["ae"], "Welcome aboard! Happy to meet; I'll "
                                      "propose a few slots.", "scheduling")
            if self.difficulty == "easy":
                t2 = self._at(self.onset + timedelta(days=r.randint(0, 3)), self.primary)
                self._mail(t2, self.primary, [self.team["ae"]], [self.shared],
                           f"FYI: our new {self.exec_short}",
                           f"Quick heads-up: {ex.name} has joined us as {ex.title}. Expect some "
                           "new questions from our side in the coming weeks.", "fyi")
        elif self.kind == "it_dept" and self.difficulty != "hard":
            src = self.source_members[0]
            t = self._at(self.onset + timedelta(days=r.randint(0, 4)), src)
            self._mail(t, src, [self.team["se"]], [self.team["ae"], self.shared],
                       f"{self.board}: new review cycle",
                       f"FYI, the {self.board} has started a new review cycle for all platforms. "
                       "Business owners will reach out with questions over the coming months.",
                       "fyi")

    def _new_hire_intro(self) -> None:
        if not self.new_hire:
            return
        p = self.new_hire
        t = self._at(p.joined + timedelta(days=self.rng.randint(1, 6)), p)
        core = (f"I've just joined {self.customer} as {p.title} and will be working closely "
                f"with {self.primary.first}. I'll probably send quite a few questions your way "
                "while I get up to speed!")
        m = self._mail(t, p, [self.team["ae"]], [self.primary, self.shared], "Introduction",
                       core, "intro")
        self._seller_simple_reply(m, self.team["ae"], "Welcome! Shout whenever you need "
                                  "anything.", "ack")

    def _seller_simple_reply(self, parent: Mail, replier: Person, core: str, role: str) -> Mail:
        to, cc = self._reply_recipients(parent, replier)
        return self._mail(self._later(parent.when, replier, 1, 30), replier, to, cc,
                          self._re_subject(parent.subject, replier, replier.client), core, role,
                          parent=parent)

    def _scheduling(self, day: date) -> None:
        r = self.rng
        cust = self.primary if r.random() < 0.5 else r.choice(self.business)
        if cust.joined and cust.joined > day:
            cust = self.primary
        seller = r.choice([self.team["ae"], self.team["csm"], self.local_seller])
        from_customer = r.random() < 0.5
        a, b = (cust, seller) if from_customer else (seller, cust)
        lang = self._short_lang(a, b) if from_customer else (
            self.locale if (a is self.local_seller and b.ui_lang == self.locale
                            and r.random() < 0.5) else "en")
        wd_lang = lang if lang != "en" else "en"
        ctx = self._ctx(wd=r.choice(WEEKDAYS[wd_lang][:5]))
        subject = self._fill(r.choice(SCHED_SUBJECTS), self._ctx())
        core = self._short(a, "sched", ctx, lang)
        m = self._mail(self._at(day, a), a, [b], [self.shared] if r.random() < 0.6 else [],
                       subject, core, "scheduling", lang=lang)
        if r.random() < 0.75:
            to, cc = self._reply_recipients(m, b)
            self._mail(self._later(m.when, b, 0.2, 8), b, to, cc,
                       self._re_subject(subject, b, b.client),
                       self._short(b, "sched_ok", ctx, lang),
                       "scheduling", parent=m, lang=lang)

    def _customer_fyi(self, day: date) -> None:
        r = self.rng
        p = r.choice([self.primary] + self.business)
        if p.joined and p.joined > day:
            p = self.primary
        subj, body = r.choice(CUSTOMER_FYI)
        ctx = self._ctx(name=r.choice(self.business).name)
        when = self._at(day, p)
        if r.random() < 0.4:
            # forward an internal colleague's note: forward grammar is not only a vision signal
            colleague = r.choice([c for c in self.business + self.it_people if c is not p])
            inner_subj, inner = r.choice(INTERNAL_CUSTOMER_NOTES)
            hidden = self._mail(when - timedelta(hours=r.randint(2, 70)), colleague, [p], [],
                                self._fill(inner_subj, ctx), self._fill(inner, ctx),
                                "internal_original", hidden=True)
            note = r.choice(["FYI, see below.", "Sharing this for your information.",
                             "Forwarding as discussed on our call.", "See below from our side."])
            self._mail(when, p, [self.team["ae"]], [self.shared],
                       self._re_subject(hidden.subject, p, p.client, forward=True), note, "fyi",
                       parent=hidden, quote="forward")
            return
        self._mail(when, p, [self.team["ae"]], [self.shared],
                   self._fill(subj, ctx), self._fill(body, ctx), "fyi")

    def _seller_fyi(self, day: date) -> None:
        r = self.rng
        s = r.choice([self.team["csm"], self.team["se"], self.team["sup"]])
        to = [self.primary] + r.sample(self.business, min(3, len(self.business)))
        subj, body = r.choice(SELLER_FYI)
        ctx = self._ctx()
        m = self._mail(self._at(day, s), s, to, [self.shared], self._fill(subj, ctx),
                       self._fill(body, ctx), "fyi")
        self._maybe_ooo(m)

    def _internal(self, day: date) -> None:
        r = self.rng
        a, b = r.sample(list(self.team.values()), 2)
        if a not in self.exporters and b not in self.exporters:
            b = self.exporters[0]
        subj, body = r.choice(INTERNAL)
        ctx = self._ctx(first=self.primary.first)
        cc = [x for x in self.exporters if x is not a and x is not b and r.random() < 0.6]
        m = self._mail(self._at(day, a), a, [b], cc, self._fill(subj, ctx),
                       self._fill(body, ctx), "internal")
        if r.random() < 0.5:
            self._seller_simple_reply(m, b, r.choice(["Agreed.", "On it.", "Let's discuss Monday.",
                                                      "Done, see the CRM."]),
                                      "internal")

    def _newsletter(self, member: Person, day: date) -> None:
        r = self.rng
        name, addr = r.choice(NEWSLETTERS)
        src = Person(key=f"news:{addr}", first=name, last="", email=addr, org="external",
                     client="newsletter", tz="ET")
        items = r.sample(NEWS_ITEMS, 3)
        core = "\n\n".join(f"{i + 1}. {t}\nRead more: https://{addr.split('@')[1]}/a/"
                           f"{r.randint(1000, 9999)}" for i, t in enumerate(items))
        when = self._at(day, src)
        self._mail(when, src, [member], [], f"{name}: {items[0]}", core, "newsletter",
                   client="newsletter", raw_own=core + "\n\nUnsubscribe: https://"
                   f"{addr.split('@')[1]}/u/{r.getrandbits(40):010x}")

    def _maybe_ooo(self, m: Mail) -> None:
        if m.sender.org != "seller" or not self._participants_ok([], [], m.sender):
            return
        for p in m.to:
            for d0, d1 in p.holidays:
                if p.org == "customer" and d0 <= m.when.date() <= d1:
                    lang = p.ui_lang
                    back = d1 + timedelta(days=1)
                    text = (f"I am out of the office until {back:%d/%m/%Y} with limited access to "
                            f"e-mail. For urgent matters please contact {self.primary.name}.")
                    subj = "Automatic reply:"
                    if lang != "en":
                        loc = LOCAL_SHORT[lang]
                        text = loc["ooo"].format(date=f"{back:%d-%m-%Y}",
                                                 backup=self.primary.name) + "\n\n" + text
                        subj = loc["ooo_subj"]
                    self._mail(m.when + timedelta(seconds=self.rng.randint(20, 200)), p,
                               [m.sender], [], f"{subj} {m.subject}", text, "ooo",
                               client="autoreply", lang=lang, raw_own=text,
                               extra_headers=[("Auto-Submitted", "auto-replied"),
                                              ("X-Auto-Response-Suppress", "All")],
                               parent=m, quote="none")
                    return

    def _outage_updates(self) -> None:
        sup = self.team["sup"]
        to = [self.primary] + list(self.it_people[:3])
        t = self._at(self.outage[0], sup)
        for i, text in enumerate(["We are investigating elevated error rates in "
                                  f"{self.products[0]}. Next update in 60 minutes.",
                                  "Mitigation in place; error rates are back to normal.",
                                  "Post-incident report attached. Root cause: a failed "
                                  "configuration change in the EU region."]):
            self._mail(t + timedelta(hours=[0, 3, 50][i]), sup, to, [self.shared],
                       f"Incident update {i + 1}: {self.products[0]} service disruption", text,
                       "incident_update")

    def add_ooo_for_seller_requests(self) -> None:
        for m in list(self.mails):
            if m.role in ("seller_reply",) and not m.hidden:
                self._maybe_ooo(m)

    # ---------------------------------------------------------------- text rendering --------

    def _table_text(self, table: list) -> str:
        widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
        return "\n".join(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip()
                         for row in table)

    def _own_text(self, m: Mail) -> str:
        if m.table and "\x1eTABLE\x1e" in m.own:
            return m.own.replace("\x1eTABLE\x1e", self._table_text(m.table))
        return m.own

    def _addr_line(self, people: list, old: bool) -> str:
        return "; ".join(p.name if old else f"{p.name} <{p.email}>" for p in people)

    def _outlook_date(self, when: datetime, viewer: Person) -> str:
        loc = _to_local(when, viewer.tz)
        lang = viewer.ui_lang
        wd, mon = loc.weekday(), loc.month - 1
        if lang == "en":
            if viewer.tz == "ET":
                h, ap = _h12(loc)
                return (f"{WEEKDAYS['en'][wd]}, {MONTHS['en'][mon]} {loc.day}, {loc.year} "
                        f"{h}:{loc.minute:02d} {ap}")
            return f"{loc.day:02d} {MONTHS['en'][mon]} {loc.year} {loc:%H:%M}"
        if lang == "pt":
            return (f"{WEEKDAYS['pt'][wd]}, {loc.day} de {MONTHS['pt'][mon]} de {loc.year} "
                    f"{loc:%H:%M}")
        return f"{WEEKDAYS[lang][wd]} {loc.day} {MONTHS[lang][mon]} {loc.year} {loc:%H:%M}"

    def _outlook_block(self, viewer: Person, client: str, orig: Mail) -> list[tuple[str, str]]:
        lab = OUTLOOK_LABELS[viewer.ui_lang]
        old = client == "outlook_old"
        rows = [(lab[0], f"{orig.sender.name} [mailto:{orig.sender.email}]" if old
                 else f"{orig.sender.name} <{orig.sender.email}>"),
                (lab[1], self._outlook_date(orig.when, viewer)),
                (lab[2], self._addr_line(orig.to, old))]
        if orig.cc:
            rows.append((lab[3], self._addr_line(orig.cc, old)))
        rows.append((lab[4], orig.subject))
        if orig.attachments:
            rows.append((lab[5], "; ".join(a[0] for a in orig.attachments)))
        return rows

    def _attribution(self, viewer: Person, client: str, orig: Mail) -> str:
        loc = _to_local(orig.when, viewer.tz)
        lang = viewer.ui_lang
        who = f"{orig.sender.name} <{orig.sender.email}>"
        wd, mon = SHORT_WD[lang][loc.weekday()], SHORT_MON[lang][loc.month - 1]
        hm = f"{loc:%H:%M}"
        if client == "gmail":
            line = {"en": f"On {wd}, {loc.day} {mon} {loc.year} at {hm}, {who} wrote:",
                    "nl": f"Op {wd} {loc.day} {mon} {loc.year} om {hm} schreef {who}:",
                    "it": f"Il giorno {wd} {loc.day} {mon} {loc.year} alle ore {hm} {who} ha "
                          "scritto:",
                    "pt": f"Em {wd}, {loc.day} de {mon} de {loc.year} às {hm}, {who} escreveu:"}
            text = line[lang]
            if len(text) > 78:  # Gmail's plain-text part wraps the attribution line
                cut = text.rfind(" ", 0, 78)
                text = text[:cut] + "\n" + text[cut + 1:]
            return text
        if lang == "en" and viewer.tz == "ET":
            h, ap = _h12(loc)
            return f"On {mon} {loc.day}, {loc.year}, at {h}:{loc.minute:02d} {ap}, {who} wrote:"
        return {"en": f"On {loc.day} {mon} {loc.year}, at {hm}, {who} wrote:",
                "nl": f"Op {loc.day} {mon} {loc.year} om {hm} heeft {who} het volgende geschreven:",
                "it": f"Il giorno {loc.day} {mon} {loc.year}, alle ore {hm}, {who} ha scritto:",
                "pt": f"Em {loc.day} de {mon} de {loc.year}, à(s) {hm}, {who} escreveu:"}[lang]

    def _forward_header(self, viewer: Person, client: str, orig: Mail) -> list[str]:
        lang = viewer.ui_lang
        loc = _to_local(orig.when, viewer.tz)
        if client in ("apple", "iphone"):
            lab = APPLE_FWD[lang]
            mon = MONTHS[lang][loc.month - 1]
            abbr = _tz_abbr(viewer.tz, orig.when)
            dstr = {"en": f"{loc.day} {mon} {loc.year} at {loc:%H:%M:%S} {abbr}",
                    "nl": f"{loc.day} {mon} {loc.year} om {loc:%H:%M:%S} {abbr}",
                    "it": f"{loc.day} {mon} {loc.year}, {loc:%H:%M:%S} {abbr}",
                    "pt": f"{loc.day} de {mon} de {loc.year}, {loc:%H:%M:%S} {abbr}"}[lang]
            lines = [lab[0], "", f"{lab[1]}: {orig.sender.name} <{orig.sender.email}>",
                     f"{lab[2]}: {orig.subject}", f"{lab[3]}: {dstr}",
                     f"{lab[4]}: {self._addr_line(orig.to, False)}"]
            if orig.cc:
                lines.append(f"{lab[5]}: {self._addr_line(orig.cc, False)}")
            return lines
        if client == "gmail":
            wd, mon = SHORT_WD["en"][loc.weekday()], SHORT_MON["en"][loc.month - 1]
            lines = [GMAIL_FWD_BANNER[lang], f"From: {orig.sender.name} <{orig.sender.email}>",
                     f"Date: {wd}, {loc.day} {mon} {loc.year} at {loc:%H:%M}",
                     f"Subject: {orig.subject}", f"To: {self._addr_line(orig.to, False)}"]
            if orig.cc:
                lines.append(f"Cc: {self._addr_line(orig.cc, False)}")
            return lines
        rows = self._outlook_block(viewer, client, orig)
        head = ([OUTLOOK_LABELS[lang][6]] if client == "outlook_old" else ["_" * 32])
        return head + [f"{k}: {v}" for k, v in rows]

    def full_text(self, m: Mail, depth: int = 0) -> str:
        key = (m.idx, depth)
        if key in self._full_cache:
            return self._full_cache[key]
        own = self._own_text(m)
        if m.parent is None or m.quote_mode == "none":
            body = own
        else:
            ptxt = (self._own_text(m.parent) if depth >= 1 else self.full_text(m.parent, depth + 1))
            viewer = m.sender
            if m.quote_mode == "forward":
                body = own + "\n\n" + "\n".join(self._forward_header(viewer, m.client, m.parent)) \
                    + "\n\n" + ptxt
            elif m.client.startswith("outlook"):
                rows = self._outlook_block(viewer, m.client, m.parent)
                head = ([OUTLOOK_LABELS[viewer.ui_lang][6]] if m.client == "outlook_old" else
                        ["_" * 32] if m.client == "outlook_mobile" else [])
                block = "\n".join(head + [f"{k}: {v}" for k, v in rows])
                body = own + "\n\n" + block + "\n\n" + ptxt
            else:
                attr = self._attribution(viewer, m.client, m.parent)
                quoted = "\n".join(("> " + ln) if ln and not ln.startswith(">") else (">" + ln)
                                   for ln in ptxt.split("\n"))
                if m.quote_mode == "bottom":
                    body = attr + "\n" + quoted + "\n\n" + own
                elif m.quote_mode == "inline":
                    body = self._inline(m, attr)
                else:
                    body = own + "\n\n" + attr + "\n" + quoted
        if m.sender.org == "customer" and self.disclaimer_bottom and m.role not in ("ooo",):
            body += "\n\n" + DISCLAIMERS[self.locale].format(company=self.customer)
        self._full_cache[key] = body
        return body

    def _inline(self, m: Mail, attr: str) -> str:
        paras = [p for p in m.parent.core.split("\n\n") if p.strip() and "\x1e" not in p][:3]
        answers = [s.strip() + "." for s in m.core.split(". ") if s.strip()]
        out = [attr]
        for i, para in enumerate(paras):
            out.append("\n".join("> " + ln for ln in para.split("\n")))
            if i < len(answers):
                out.append(answers[i].rstrip(".") + ".")
        out.append("\n".join(answers[len(paras):]))
        out.append(self._signature(m.sender, m.client, "en"))
        return "\n\n".join(x for x in out if x)

    # ---------------------------------------------------------------- HTML rendering --------

    def _text_html(self, text: str, table: list | None = None, outlook: bool = False) -> str:
        cls = ' class="MsoNormal"' if outlook else ""
        out = []
        for block in text.split("\n\n"):
            if block.strip() == "\x1eTABLE\x1e" and table:
                rows = "".join("<tr>" + "".join(
                    f'<td style="border:solid windowtext 1.0pt;padding:0 '
                    f'5.4pt">{html.escape(c)}</td>'
                    for c in row) + "</tr>\n" for row in table)
                out.append(f'<table border="1" cellspacing="0" cellpadding="0">\n{rows}</table>')
                continue
            lines = block.split("\n")
            if lines and all(ln.startswith(">") for ln in lines if ln):
                inner = "\n".join(ln[1:].lstrip(" ") if ln.startswith(">") else ln for ln in lines)
                inner_html = self._text_html(inner, None, outlook)
                out.append('<blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;'
                           f'padding-left:1ex">{inner_html}</blockquote>')
                continue
            esc = "<br>\n".join(html.escape(ln) for ln in lines)
            out.append(f"<p{cls}>{esc}</p>")
            if outlook:
                out.append(f"<p{cls}><o:p>&nbsp;</o:p></p>")
        return "\n".join(out)

    def html_body(self, m: Mail) -> str:
        outlook = m.client.startswith("outlook")
        own = self._text_html(m.own, m.table, outlook)
        quoted = ""
        if m.parent is not None and m.quote_mode != "none":
            ptxt = self.full_text(m.parent, 1)
            phtml = self._text_html(ptxt, m.parent.table, outlook)
            viewer = m.sender
            if m.quote_mode == "forward":
                lines = self._forward_header(viewer, m.client, m.parent)
                head = "<br>\n".join(html.escape(x) for x in lines)
                if m.client == "gmail":
                    quoted = (f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{head}'
                              f'</div><br><br>{phtml}</div>')
                elif m.client in ("apple", "iphone"):
                    quoted = f'<div><br><blockquote type="cite"><div>{head}</div><br>{phtml}' \
                             '</blockquote></div>'
                else:
                    quoted = f'<div><p class="MsoNormal">{head}</p></div>{phtml}'
            elif outlook:
                rows = self._outlook_block(viewer, m.client, m.parent)
                head = "<br>\n".join(f"<b>{html.escape(k)}:</b> {html.escape(v)}" for k, v in rows)
                quoted = ('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt '
                          '0cm '
                          f'0cm 0cm"><p class="MsoNormal">{head}</p></div>\n{phtml}')
            elif m.client == "gmail":
                attr = html.escape(self._attribution(viewer, m.client, m.parent).replace("\n", " "))
                quoted = (f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{attr}<br>'
                          '</div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
                          f'border-left:1px solid rgb(204,204,204);padding-left:1ex">{phtml}'
                          '</blockquote></div>')
            else:
                attr = html.escape(self._attribution(viewer, m.client, m.parent))
                quoted = (f'<div><br><blockquote type="cite"><div>{attr}</div><br>{phtml}'
                          '</blockquote></div>')
        body = own + ("\n" + quoted if quoted else "")
        if m.sender.org == "customer" and self.disclaimer_bottom and m.role != "ooo":
            disc = html.escape(DISCLAIMERS[self.locale].format(company=self.customer))
            body += f'\n<p style="font-size:8pt;color:gray">{disc.replace(chr(10), "<br>")}</p>'
        if outlook:
            return ('<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head>\n<meta '
                    'http-equiv="Content-Type" content="text/html; charset={cs}">\n<style><!-- '
                    'p.MsoNormal {margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;}'
                    ' --></style>\n</head>\n<body lang="EN-GB" link="#0563C1">\n<div class='
                    f'"WordSection1">\n{body}\n</div>\n</body>\n</html>\n')
        if m.client == "newsletter":
            return (f'<!DOCTYPE html><html><body><table width="600" align="center"><tr><td>'
                    f'<h1>{html.escape(m.sender.first)}</h1>\n{body}</td></tr></table></body>'
                    '</html>\n')
        if m.client == "gmail":
            return f'<div dir="ltr">{body}</div>\n'
        return f'<html><head><meta http-equiv="content-type" content="text/html; charset={{cs}}">' \
               f'</head><body style="overflow-wrap: break-word;">{body}</body></html>\n'

    # ---------------------------------------------------------------- MIME rendering --------

    def _boundary(self, client: str) -> str:
        r = self.rng
        if client == "gmail":
            return f"000000000000{r.getrandbits(48):012x}"
        if client in ("apple", "iphone"):
            h = f"{r.getrandbits(128):032X}"
            return f"Apple-Mail={h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        if client.startswith("outlook") or client == "autoreply":
            return f"_000_{r.getrandbits(160):040X}_"
        return f"----=_Part_{r.randint(10000, 99999)}_{r.randint(10 ** 8, 10 ** 9)}"

    def _encode_name(self, p: Person, client: str) -> str:
        name = p.name.strip() if p.last else p.first
        if p.key == "shared":
            name = f"{self.customer} Account Team"
        try:
            name.encode("ascii")
            return formataddr((name, p.email))
        except UnicodeEncodeError:
            pass
        if client.startswith("outlook") or client == "autoreply":
            cs = Charset("iso-8859-1")
            try:
                name.encode("iso-8859-1")
            except UnicodeEncodeError:
                cs = Charset("utf-8")
                cs.header_encoding = QP
        else:
            cs = Charset("utf-8")
            if client in ("apple", "iphone"):
                cs.header_encoding = QP
        enc = Header(name, cs).encode(maxlinelen=998)
        return f"{enc} <{p.email}>"

    def _date_header(self, m: Mail) -> str:
        tz = m.sender.tz
        if m.client.startswith("outlook") or m.client in ("autoreply", "newsletter"):
            off = 0
        else:
            off = _offset(tz, m.when)
        loc = m.when + timedelta(minutes=off)
        wd, mon = SHORT_WD["en"][loc.weekday()], SHORT_MON["en"][loc.month - 1]
        day = f"{loc.day:02d}" if m.client in ("outlook_old", "newsletter") else str(loc.day)
        s = f"{wd}, {day} {mon} {loc.year} {loc:%H:%M:%S} {_fmt_offset(off)}"
        return s + (" (UTC)" if m.client == "newsletter" else "")

    def _text_part(self, text: str, subtype: str, charset: str, cte: str) -> Message:
        data = text.encode(charset)
        part = Message()
        part["Content-Type"] = f'text/{subtype}; charset="{charset}"'
        if cte == "base64":
            payload = base64.encodebytes(data).decode("ascii")
        elif cte == "quoted-printable":
            payload = binascii.b2a_qp(data, istext=True).decode("ascii")
        else:
            payload = data.decode("ascii", "surrogateescape")
        part["Content-Transfer-Encoding"] = cte
        part.set_payload(payload)
        return part

    def _charset_for(self, m: Mail, text: str) -> str:
        cs = m.sender.charset if m.client in ("outlook", "outlook_old", "apple") else "utf-8"
        try:
            text.encode(cs)
        except UnicodeEncodeError:
            cs = "utf-8"
        return cs

    def _cte(self, m: Mail, data_ascii: bool, subtype: str) -> str:
        c = m.client
        if c in ("outlook", "outlook_mobile", "autoreply"):
            return "quoted-printable"
        if c == "outlook_old":
            return "base64" if subtype == "html" else "quoted-printable"
        if c == "gmail":
            if subtype == "plain":
                return "7bit" if data_ascii else ("base64" if self.rng.random() < 0.3
                                                  else "quoted-printable")
            return "quoted-printable"
        if c == "iphone":
            return "7bit" if data_ascii else "quoted-printable"
        if c == "apple":
            return "7bit" if data_ascii and self.rng.random() < 0.5 else "quoted-printable"
        if c == "newsletter":
            return "base64"
        return "8bit"

    def render(self, m: Mail) -> bytes:
        r = self.rng
        text = self.full_text(m)
        cs = self._charset_for(m, text)
        ascii_text = all(ord(ch) < 128 for ch in text)
        if m.client == "newsletter":
            structure = "html"
        elif m.client in ("outlook", "outlook_old") and m.sender.html_only:
            structure = "html"
        elif m.client in ("gmail", "outlook", "outlook_old", "outlook_mobile"):
            structure = "alt"
        elif m.client == "apple":
            structure = "alt" if r.random() < 0.5 else "plain"
        else:
            structure = "plain"
        if structure == "plain":
            body = self._text_part(text, "plain", cs, self._cte(m, ascii_text, "plain"))
        else:
            hb = self.html_body(m).replace("{cs}", cs)
            hpart = self._text_part(hb, "html", cs, self._cte(m, ascii_text, "html"))
            if structure == "html":
                body = hpart
            else:
                body = Message()
                bnd = self._boundary(m.client)
                body["Content-Type"] = f'multipart/alternative; boundary="{bnd}"'
                body.attach(self._text_part(text, "plain", cs, self._cte(m, ascii_text, "plain")))
                body.attach(hpart)
        if m.attachments:
            root = Message()
            root["Content-Type"] = f'multipart/mixed; boundary="{self._boundary(m.client)}"'
            root.attach(body)
            for name, ctype, data in m.attachments:
                att = Message()
                att["Content-Type"] = f'{ctype}; name="{name}"'
                att["Content-Description"] = name
                att["Content-Disposition"] = f'attachment; filename="{name}"; size={len(data)}'
                att["Content-Transfer-Encoding"] = "base64"
                att.set_payload(base64.encodebytes(data).decode("ascii"))
                root.attach(att)
        else:
            root = body
        content_headers = [(k, v) for k, v in root.items()]
        for k in list(dict.fromkeys(k for k, _ in content_headers)):
            del root[k]
        for k, v in self._headers(m) + content_headers:
            root[k] = v
        if m.client == "apple":
            root["Mime-Version"] = "1.0 (Mac OS X Mail 16.0 \\(3731.700.6\\))"
            root["X-Mailer"] = "Apple Mail (2.3731.700.6)"
        elif m.client == "iphone":
            root["Mime-Version"] = "1.0 (1.0)"
            root["X-Mailer"] = "iPhone Mail (21D61)"
        else:
            root["MIME-Version"] = "1.0"
        return root.as_bytes(policy=compat32.clone(max_line_length=None))

    def _headers(self, m: Mail) -> list[tuple[str, object]]:
        c = m.client
        frm = self._encode_name(m.sender, c)
        indent = "\t" if c.startswith("outlook") else " "
        to = _fold([self._encode_name(p, c) for p in m.to], ", ", indent, 4)
        cc = _fold([self._encode_name(p, c) for p in m.cc], ", ", indent, 4)
        subj: object = m.subject
        if any(ord(ch) > 127 for ch in m.subject):
            subj = Header(m.subject, "utf-8")
        date_h = m.broken_date or self._date_header(m)
        refs = []
        p = m.parent
        while p is not None and not p.hidden and len(refs) < 6:
            refs.insert(0, p.mid)
            p = p.parent
        irt = m.parent.mid if m.parent is not None and not m.parent.hidden else None
        mid_name = "Message-Id" if c in ("apple", "iphone") else "Message-ID"
        h: list[tuple[str, object]] = []

        def add(k, v):
            if v:
                h.append((k, v))
        if c == "gmail":
            add("References", _fold(refs, " ", indent, 12))
            add("In-Reply-To", irt)
            add("From", frm)
            add("Date", date_h)
            add(mid_name, m.mid)
            add("Subject", subj)
            add("To", to)
            add("Cc", cc)
        elif c in ("apple", "iphone"):
            add("From", frm)
            add("Subject", subj)
            add("Date", date_h)
            add(mid_name, m.mid)
            add("References", _fold(refs, " ", indent, 12))
            add("In-Reply-To", irt)
            add("Cc", cc)
            add("To", to)
        elif c == "crm":
            add("From", frm)
            add("To", to)
            add("Subject", subj)
            add("Date", date_h)
            add("X-Mailer", f"{self.seller_short} CRM Notifier 4.2")
        elif c == "newsletter":
            add("From", f'"{m.sender.first}" <{m.sender.email}>')
            add("To", to)
            add("Subject", subj)
            add("Date", date_h)
            add(mid_name, m.mid)
            add("List-Unsubscribe", f"<mailto:unsubscribe@{m.sender.email.split('@')[1]}>")
            add("Precedence", "bulk")
        else:
            add("From", frm)
            add("To", to)
            add("CC", cc)
            add("Subject", subj)
            add("Thread-Topic", re.sub(r"^((RE|FW|R|I|RES|ENC|Antw|Doorst|Re|Fwd):\s*)+", "",
                                       m.subject) if not any(ord(ch) > 127 for ch in m.subject)
                else None)
            add("Thread-Index", base64.b64encode(m.thread_index).decode() if m.thread_index
                else None)
            add("Date", date_h)
            add(mid_name, m.mid)
            add("References", _fold(refs, " ", indent, 12))
            add("In-Reply-To", irt)
            lang_tag = {"en": "en-GB", "nl": "nl-NL", "it": "it-IT", "pt": "pt-PT"}[
                m.sender.ui_lang]
            if m.sender.tz == "ET":
                lang_tag = "en-US"
            add("Accept-Language", f"{lang_tag}, en-US" if lang_tag != "en-US" else "en-US")
            add("Content-Language", lang_tag)
            add("X-MS-Has-Attach", "yes" if m.attachments else None)
            add("X-MS-TNEF-Correlator", None)
            if c == "outlook_old":
                add("X-Mailer", "Microsoft Outlook 16.0")
        for k, v in m.extra_headers:
            add(k, v)
        if m.mid is None:
            h = [(k, v) for k, v in h if k.lower() != "message-id"]
        return h

    # ---------------------------------------------------------------- broken items ----------

    def choose_broken(self) -> None:
        r = self.rng
        exp0 = self.exporters[0]
        crm = Person(key="crm", first=f"{self.seller_short} CRM",
                     last="", email=f"noreply-crm@{self.sdomain}", org="seller", client="crm",
                     tz="UK")
        day = self._rand_day(self.start, self.end)
        m = self._mail(self._at(day, crm), crm, [exp0], [],
                       f"Activity logged: call with {self.primary.name}",
                       f"A call with {self.primary.name} ({self.customer}) was logged by "
                       f"{exp0.name}.\n\nFrom the notes: discussed renewal timing and training.",
                       "crm_notification", client="crm",
                       raw_own=f"A call with {self.primary.name} ({self.customer}) was logged by "
                       f"{exp0.name}.\n\nFrom the notes: discussed renewal timing and training.")
        self.mids.discard(m.mid)
        m.mid = None
        m.broken = "no Message-ID"
        cands = [x for x in self.mails if x.role in ("scheduling", "fyi", "ack") and not x.hidden
                 and x.sender.org == "customer" and x.mid]
        bd = r.choice(cands)
        loc = _to_local(bd.when, bd.sender.tz)
        lang = bd.sender.ui_lang
        bd.broken_date = (f"{WEEKDAYS[lang][loc.weekday()]} {loc.day} "
                          f"{MONTHS[lang][loc.month - 1]} "
                          f"{loc.year} {loc:%H:%M}" if lang != "en" else f"{loc:%d/%m/%Y %H:%M:%S}")
        bd.broken = "unparseable Date"
        self.broken_date_mail = bd

    # ---------------------------------------------------------------- exports ---------------

    def _files_for(self, m: Mail) -> list[str]:
        files = []
        everyone = [m.sender] + m.to + m.cc
        for ex in self.exporters:
            if ex in everyone:
                files.append(self.mbox_name[ex.key])
        if self.shared in everyone:
            files.append("exports/shared_inbox")
        return files

    def write_exports(self, out: Path) -> dict:
        r = self.rng
        self.mbox_name = {ex.key: f"exports/{ex.email.split('@')[0]}.mbox" for ex in self.exporters}
        visible = sorted((m for m in self.mails if not m.hidden), key=lambda m: (m.when, m.idx))
        rendered = {m.idx: self.render(m) for m in visible}
        locations: dict[int, list[str]] = {}
        if self.broken_date_mail is not None:
            bd = self.broken_date_mail
            if self.shared not in [bd.sender] + bd.to + bd.cc:
                bd.cc.append(self.shared)
                rendered[bd.idx] = self.render(bd)
        (out / "exports" / "shared_inbox").mkdir(parents=True, exist_ok=True)
        for ex in self.exporters:
            inbox = [m for m in visible if m.sender is not ex and ex in m.to + m.cc]
            sent = [m for m in visible if m.sender is ex]
            if m_broken := [m for m in visible if m.mid is None and ex is self.exporters[0]]:
                inbox = [m for m in inbox if m not in m_broken]
            chunks = []
            for m in inbox + sent:
                if m.broken == "unparseable Date":
                    continue
                if m.mid is None and ex is not self.exporters[0]:
                    continue
                sep = _mbox_separator(m.when)
                status = "0001" if m.sender is not ex else "0003"
                moz = (f"X-Mozilla-Status: {status}\nX-Mozilla-Status2: 00000000\n"
                       "X-Mozilla-Keys:" + " " * 80 + "\n").encode()
                raw = rendered[m.idx].replace(b"\r\n", b"\n")
                raw = re.sub(rb"(?m)^From ", b">From ", raw)
                chunks.append(sep.encode() + moz + raw.rstrip(b"\n") + b"\n\n")
                locations.setdefault(m.idx, []).append(self.mbox_name[ex.key])
            if m_broken:
                for m in m_broken:
                    sep = _mbox_separator(m.when)
                    raw = re.sub(rb"(?m)^From ", b">From ", rendered[m.idx])
                    pos = r.randint(0, len(chunks))
                    chunks.insert(pos, sep.encode() + raw.rstrip(b"\n") + b"\n\n")
                    locations.setdefault(m.idx, []).append(self.mbox_name[ex.key])
                    self.broken.append({"file": self.mbox_name[ex.key], "what": "message without "
                                        "Message-ID header", "subject": m.subject})
            (out / self.mbox_name[ex.key]).write_bytes(b"".join(chunks))
        used: set[str] = set()
        shared_msgs = [m for m in visible if self.shared in [m.sender] + m.to + m.cc
                       and m.mid is not None]
        eml_of: dict[int, str] = {}
        for m in shared_msgs:
            name = self._eml_name(m.subject, used)
            data = rendered[m.idx].replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            (out / "exports" / "shared_inbox" / name).write_bytes(data)
            eml_of[m.idx] = name
            locations.setdefault(m.idx, []).append(f"exports/shared_inbox/{name}")
        bd = self.broken_date_mail
        self.broken.append({"file": f"exports/shared_inbox/{eml_of[bd.idx]}",
                            "what": "unparseable Date header", "date_header": bd.broken_date,
                            "message_id": bd.mid})
        roles = ("seller_reply", "fyi", "scheduling", "internal", "incident_update")
        cands = [m for m in shared_msgs if m.role in roles
                 and len(locations.get(m.idx, [])) >= 2 and m is not bd]
        tr = r.choice(cands)
        path = out / "exports" / "shared_inbox" / eml_of[tr.idx]
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * r.uniform(0.45, 0.7))])
        self.broken.append({"file": f"exports/shared_inbox/{eml_of[tr.idx]}",
                            "what": "truncated file (cut mid-message)", "message_id": tr.mid})
        (out / "exports" / "shared_inbox" / "image001.png").write_bytes(_tiny_png(r))
        self.broken.append({"file": "exports/shared_inbox/image001.png",
                            "what": "non-mail file (PNG image) in the .eml folder"})
        ics_day = self._rand_day(self.start, self.end)
        ics = ("BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
               "VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
               f"DTSTART:{ics_day:%Y%m%d}T090000Z\r\nDTEND:{ics_day:%Y%m%d}T100000Z\r\n"
               f"SUMMARY:{self.customer} QBR\r\nORGANIZER:mailto:{self.team['ae'].email}\r\n"
               f"UID:{r.getrandbits(128):032x}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        (out / "exports" / "shared_inbox" / "QBR invite.ics").write_bytes(ics.encode())
        self.broken.append({"file": "exports/shared_inbox/QBR invite.ics",
                            "what": "non-mail file (calendar .ics) in the .eml folder"})
        self.duplicates = []
        for m in r.sample([x for x in shared_msgs if x is not tr and x is not bd], 2):
            stem = eml_of[m.idx][:-4]
            name = f"{stem} (1).eml"
            (out / "exports" / "shared_inbox" / name).write_bytes(
                (out / "exports" / "shared_inbox" / eml_of[m.idx]).read_bytes())
            locations[m.idx].append(f"exports/shared_inbox/{name}")
            self.duplicates.append({"file": f"exports/shared_inbox/{name}", "message_id": m.mid})
        return locations

    def _eml_name(self, subject: str, used: set) -> str:
        base = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", subject).strip() or "(no subject)"
        base = base[:70].rstrip(". ")
        name = f"{base}.eml"
        k = 2
        while name.lower() in used:
            name = f"{base} ({k}).eml"
            k += 1
        used.add(name.lower())
        return name

    # ---------------------------------------------------------------- request log ----------

    def write_log(self, out: Path) -> tuple[str, list[dict]]:
        r = self.rng
        rows = []
        for q in self.requests:
            if q.channel == "email":
                p_copy = 0.8 if q.topic == "incident" else 0.5
                if r.random() > p_copy or q.mail is None:
                    continue
                when = self._later(q.mail.when, self.local_seller, 0.5,
                                   r.choice([3, 24, 72, 168]))
                if when - q.mail.when > timedelta(days=7):
                    when = q.mail.when + timedelta(days=6, hours=r.randint(0, 20))
                copies = q.mail.mid
            else:
                when, copies = q.when, None
            rows.append((when, q, copies))
        rows.sort(key=lambda x: (x[0], x[1].rid))
        self.log_format = "jira" if r.random() < 0.5 else "salesforce"
        (out / "requests").mkdir(parents=True, exist_ok=True)
        truth = []
        if self.log_format == "jira":
            path = "requests/jira_export.csv"
            key = "".join(w[0] for w in re.findall(r"[A-Za-z]+", _ascii_fold(self.customer)))[:3]
            key = (key.upper() + "X")[:3] + "AM"
            n0 = r.randint(100, 400)
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(["Issue key", "Issue id", "Summary", "Reporter", "Created", "Updated",
                        "Status", "Priority", "Labels", "Time Spent", "Description"])
            use_user = r.random() < 0.35
            for i, (when, q, copies) in enumerate(rows):
                case = f"{key}-{n0 + i}"
                loc = _to_local(when, self.local_seller.tz)
                upd = _to_local(when + timedelta(hours=r.randint(2, 400)), self.local_seller.tz)
                rep = (q.requester.username if (use_user or r.random() < 0.2)
                       else q.requester.display_last_first)
                labels = [q.topic, "email" if copies else q.channel]
                if q.topic == "incident":
                    labels.append("outage")
                if q.vision and self.difficulty == "easy" and r.random() < 0.4:
                    labels.append(re.sub(r"\W+", "-", self._source_tag().lower()))
                status = r.choice(["Open", "In Progress", "Waiting for customer", "Resolved",
                                   "Closed", "Closed"])
                spent = "" if r.random() < 0.25 else str(r.choice([900, 1800, 2700, 3600, 5400,
                                                                    7200, 14400]))
                desc = self._log_description(q, copies, jira=True)
                w.writerow([case, str(10000 + n0 + i), q.summary, rep, _jira_date(loc),
                            _jira_date(upd), status, r.choice(["Minor", "Major", "Medium"]),
                            " ".join(labels), spent, desc])
                truth.append(self._log_truth(case, q, copies, when))
            (out / path).write_bytes(buf.getvalue().encode("utf-8"))
        else:
            path = "requests/case_report.xlsx"
            self._write_xlsx(out / path, rows, truth)
        return path, truth

    def _log_truth(self, case, q, copies, when) -> dict:
        return {"case": case, "vision": q.vision, "copies_message_id": copies,
                "request_id": q.rid, "date": when.isoformat(), "requester": q.requester.email,
                "channel": "email" if copies else q.channel, "topic": q.topic,
                "phrases": list(q.phrases)}

    def _log_description(self, q: Request, copies: str | None, jira: bool) -> str:
        r = self.rng
        text = q.text
        if q.vision and q.relay_mode in ("mention",) or (q.vision and self.difficulty == "easy"
                                                        and r.random() < 0.3):
            text = self._mention_line(q) + " " + text
        if copies:
            lead = r.choice(["Customer e-mail:", "Raised by e-mail.", "From mail thread:"])
        else:
            lead = r.choice([f"Raised on a call with {q.requester.first}.", "Phone request:"]
                            if q.channel == "phone" else
                            ["Came up in the weekly meeting.", "Meeting action:"])
        if jira:
            return f"h3. Request\n{lead}\n{{quote}}{text}{{quote}}\n\n*Requested by:* " \
                   f"[~{q.requester.username}]"
        return f"{lead}\n{text}"

    def _write_xlsx(self, path: Path, rows, truth: list) -> None:
        import openpyxl
        from openpyxl.styles import Font

        r = self.rng
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Cases"
        ws["A1"] = f"Case report: {self.customer}, account team requests"
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"] = (f"Generated by {self.team['ae'].name}; filtered by Account Name equals "
                    f"{self.customer}")
        headers = ["Case Number", "Subject", "Contact Name", "Contact Email", "Date/Time Opened",
                   "Status", "Case Origin", "Type", "Description", "Case Owner"]
        ws.append([])
        ws.append(headers)
        for c in ws[4]:
            c.font = Font(bold=True)
        cur = r.randint(31000, 68000)
        for when, q, copies in rows:
            cur += r.randint(1, 3)
            case = f"{cur:08d}"
            loc = _to_local(when, self.local_seller.tz).replace(microsecond=0)
            origin = "Email" if copies else {"phone": "Phone", "meeting": "Meeting"}[q.channel]
            ws.append([case, q.summary, q.requester.name, q.requester.email, loc,
                       r.choice(["New", "Working", "Escalated", "Closed", "Closed"]), origin,
                       q.topic.capitalize(), self._log_description(q, copies, jira=False),
                       self._seller_owner(q.topic).name])
            ws.cell(row=ws.max_row, column=5).number_format = "dd/mm/yyyy hh:mm"
            truth.append(self._log_truth(case, q, copies, when))
        ws.append([])
        ws.append([f"Grand Totals ({len(rows)} records)"])
        fixed = datetime(2025, 1, 1)
        wb.properties.created = fixed
        wb.properties.modified = fixed
        wb.properties.creator = self.team["ae"].name
        buf = io.BytesIO()
        wb.save(buf)
        path.write_bytes(_normalise_zip(buf.getvalue()))

    # ---------------------------------------------------------------- org chart -------------

    def write_org_chart(self, out: Path) -> dict:
        r = self.rng
        variants = [["Name", "E-mail", "Job title", "Department", "Manager"],
                    ["Employee", "Email Address", "Title", "Business Unit", "Reports To (email)"],
                    ["Full Name", "Mail", "Position", "Division", "Line Manager"]]
        v = r.randrange(3)
        cols = variants[v]
        by_key = {p.key: p for p in self.people}
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(cols)
        people = sorted(self.customer_people, key=lambda p: (p.dept, p.last, p.first))
        for p in people:
            mgr = by_key.get(p.manager) if p.manager else None
            mval = "" if mgr is None else (mgr.email if v == 1 else mgr.name)
            w.writerow([p.name, p.email, p.title, p.dept, mval])
        enc = "utf-8-sig" if r.random() < 0.4 else "utf-8"
        (out / "org_chart.csv").write_bytes(buf.getvalue().encode(enc))
        return {"columns": cols, "encoding": enc}

    # ---------------------------------------------------------------- driver ----------------

    def generate(self, out_dir) -> dict:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        for sub in ("exports", "requests"):
            if (out / sub).exists():
                shutil.rmtree(out / sub)
        self.broken_date_mail = None
        self.build_world()
        self.plan_requests()
        self.build_request_threads()
        self.build_other_traffic()
        self.add_ooo_for_seller_requests()
        self.choose_broken()
        locations = self.write_exports(out)
        log_path, log_truth = self.write_log(out)
        org_info = self.write_org_chart(out)
        answer = self._answer_key(log_path)
        truth = self._truth(locations, log_path, log_truth, org_info)
        (out / "answer_key.json").write_text(
            json.dumps(answer, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (out / "truth_details.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False)
                                                + "\n", encoding="utf-8")
        return answer

    def _answer_key(self, log_path: str) -> dict:
        if self.kind == "null":
            source = None
        elif self.kind == "new_exec":
            source = {"name": self.exec.name, "email": self.exec.email,
                      "department": self.exec.dept}
        elif self.kind == "it_dept":
            source = {"name": f"IT department ({self.it_dept})", "email": None,
                      "department": self.it_dept}
        else:
            source = {"name": self.comp["name"], "email": None, "domain": self.comp["domain"],
                      "department": None}
        vision_ids = [m.mid for m in sorted(self.mails, key=lambda m: (m.when, m.idx))
                      if m.role == "vision" and not m.hidden]
        return {"kind": self.kind, "seller_domain": self.sdomain, "source": source,
                "onset": self.onset.isoformat() if self.onset else None,
                "vision_phrases": list(self.phrases), "vision_message_ids": vision_ids,
                "products": list(self.comp["products"]) if self.kind == "competitor" else [],
                "inputs": sorted(self.mbox_name.values()) + ["exports/shared_inbox",
                                                                   log_path],
                "org_chart": "org_chart.csv"}

    def _person_dict(self, p: Person) -> dict:
        return {"name": p.name, "email": p.email, "title": p.title, "department": p.dept,
                "org": p.org, "client": p.client, "ui_lang": p.ui_lang,
                "joined": p.joined.isoformat() if p.joined else None, "tics": p.tics}

    def _truth(self, locations, log_path, log_truth, org_info) -> dict:
        msgs = []
        for m in sorted((m for m in self.mails if not m.hidden), key=lambda m: (m.when, m.idx)):
            msgs.append({
                "message_id": m.mid, "date": m.when.isoformat(), "sender": m.sender.email,
                "sender_name": m.sender.name.strip(), "to": [p.email for p in m.to],
                "cc": [p.email for p in m.cc], "subject": m.subject, "role": m.role,
                "relay_mode": m.relay_mode if m.role == "vision" else None,
                "files": locations.get(m.idx, []), "client": m.client, "lang": m.lang,
                "topic": m.topic, "request_id": m.request_id, "phrases": m.phrases,
                "in_reply_to": m.parent.mid if m.parent is not None and not m.parent.hidden
                else None,
                "forwards_hidden": m.parent.mid if m.parent is not None and m.parent.hidden
                else None,
                "quote_style": m.quote_mode if m.parent is not None else None,
                "attachments": [a[0] for a in m.attachments], "broken": m.broken})
        relays = [{"message_id": m.mid, "mode": m.relay_mode, "messenger": m.sender.email,
                   "request_id": m.request_id}
                  for m in self.mails if m.role == "vision" and not m.hidden]
        reqs = [{"request_id": q.rid, "date": q.when.isoformat(), "topic": q.topic,
                 "requester": q.requester.email, "vision": q.vision, "channel": q.channel,
                 "relay_mode": q.relay_mode, "phrases": q.phrases, "cohort": q.cohort,
                 "message_id": q.mail.mid if q.mail else None,
                 "source_person": q.source_person.email if q.source_person else None}
                for q in self.requests]
        n_vision = sum(q.vision for q in self.requests)
        truth = {
            "kind": self.kind, "seed": self.seed, "difficulty": self.difficulty,
            "seller": {"name": self.seller, "domain": self.sdomain, "products": self.products,
                       "team": [self._person_dict(p) for p in self.team.values()],
                       "shared_mailbox": self.shared.email,
                       "exporters": [p.email for p in self.exporters]},
            "customer": {"name": self.customer, "domain": self.cdomain, "locale": self.locale,
                         "it_department": self.it_dept, "primary_contact": self.primary.email},
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat(),
                       "months": self.months},
            "onset": self.onset.isoformat() if self.onset else None,
            "source_members": [{"name": p.name, "email": p.email, "title": p.title}
                               for p in self.source_members],
            "messengers": [p.email for p in self.messengers],
            "exec": (None if self.exec is None else
                     dict(self._person_dict(self.exec), previous_employer=self.exec_prev)),
            "competitor": (dict(self.comp, reps=[self._person_dict(p) for p in self.reps])
                           if self.kind == "competitor" else None),
            "board": self.board if self.kind == "it_dept" else None,
            "relay_mix": RELAY_MIX.get(self.kind, {}).get(self.difficulty),
            "relays": relays,
            "hidden_source_messages": self.source_texts,
            "confounders": {
                "new_hire": self._person_dict(self.new_hire) if self.new_hire else None,
                "season": {"kind": self.season_kind, "start": self.season[0].isoformat(),
                           "end": self.season[1].isoformat()},
                "jargon": {"word": self.jargon, "from": self.jargon_start.isoformat()},
                "outage": {"start": self.outage[0].isoformat(), "end": self.outage[1].isoformat()},
                "writing_tics": self.tic_person.email},
            "people": [self._person_dict(p) for p in self.customer_people],
            "messages": msgs, "requests": reqs, "request_log": log_truth,
            "request_log_file": log_path, "request_log_format": self.log_format,
            "org_chart": org_info, "broken": self.broken,
            "duplicate_saves": self.duplicates,
            "counts": {"messages": len(msgs), "requests": len(self.requests),
                       "vision_requests": n_vision,
                       "email_requests": sum(q.channel == "email" for q in self.requests),
                       "log_rows": len(log_truth)},
        }
        return truth


# --------------------------------------------------------------------------------------------
# Small file-format helpers
# --------------------------------------------------------------------------------------------


def _fold(items: list[str], sep: str, indent: str, first_len: int) -> str:
    """Join header items, folding lines at roughly 78 characters as mail clients do."""
    out, line = "", first_len
    for i, item in enumerate(items):
        piece = (sep.rstrip() if i else "")
        if i and line + len(sep) + len(item) > 78:
            out += piece + "\n" + indent + item
            line = len(indent) + len(item)
        else:
            out += (sep if i else "") + item
            line += (len(sep) if i else 0) + len(item)
    return out


def _mbox_separator(when: datetime) -> str:
    """Thunderbird's ``From - Tue Mar 03 10:02:00 2025`` separator line."""
    loc = _to_local(when, "UK")
    wd, mon = SHORT_WD["en"][loc.weekday()], SHORT_MON["en"][loc.month - 1]
    return f"From - {wd} {mon} {loc.day:02d} {loc:%H:%M:%S} {loc.year}\n"


def _jira_date(dt: datetime) -> str:
    h, ap = _h12(dt)
    mon = SHORT_MON["en"][dt.month - 1]
    return f"{dt.day:02d}/{mon}/{dt.year % 100:02d} {h}:{dt.minute:02d} {ap}"


def _tiny_png(rng: random.Random) -> bytes:
    w, h = 4, 4
    raw = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(w * 3)) for _ in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(
            ">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite an xlsx zip with fixed timestamps so the file is byte-identical across runs."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                                 rb"\g<1>2025-01-01T00:00:00Z\g<2>", content)
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, content)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def generate_account(kind: str, seed: int, out_dir, difficulty: str = "medium") -> dict:
    """Write one simulated account under ``out_dir`` and return its answer key."""
    return Account(kind, seed, difficulty).generate(out_dir)


def _check() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="fourth_check_"))
    timings = []
    try:
        for kind in KINDS:
            for diff in DIFFICULTIES:
                for seed in (1, 2):
                    a_dir = tmp / f"{kind}_{diff}_{seed}"
                    t0 = time.perf_counter()
                    key = generate_account(kind, seed, a_dir, diff)
                    timings.append(time.perf_counter() - t0)
                    if seed == 1:
                        b_dir = tmp / f"{kind}_{diff}_{seed}_again"
                        generate_account(kind, seed, b_dir, diff)
                        _assert_same(a_dir, b_dir)
                    n = _check_account(a_dir, key)
                    print(f"ok {kind:10s} {diff:6s} seed={seed} {n}")
        print(f"all checks passed; {len(timings)} accounts, mean {sum(timings) / len(timings):.2f}"
              f" s, max {max(timings):.2f} s per account")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _assert_same(a: Path, b: Path) -> None:
    fa = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    fb = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert fa == fb, "file lists differ between runs"
    for rel in fa:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"not deterministic: {rel}"


def _check_account(d: Path, key: dict) -> str:
    truth = json.loads((d / "truth_details.json").read_text(encoding="utf-8"))
    broken_files = {b["file"] for b in truth["broken"]}
    blobs = []
    n_mbox = n_eml = 0
    for rel in key["inputs"]:
        p = d / rel
        assert p.exists(), f"missing input {rel}"
        if rel.endswith(".mbox"):
            box = mailbox.mbox(str(p))
            msgs = list(box)
            assert msgs, f"empty mbox {rel}"
            for msg in msgs:
                assert msg["From"], f"unparsed message in {rel}"
            n_mbox += len(msgs)
            box.close()
            blobs.append(p.read_bytes())
        elif p.is_dir():
            for f in sorted(p.iterdir()):
                rf = f"{rel}/{f.name}"
                data = f.read_bytes()
                blobs.append(data)
                if rf in broken_files:
                    continue
                assert f.suffix == ".eml", f"unexpected non-eml file {rf}"
                msg = message_from_bytes(data)
                assert msg["From"] and msg["Message-ID"], f"bad eml {rf}"
                n_eml += 1
        elif rel.endswith(".xlsx"):
            import openpyxl
            wb = openpyxl.load_workbook(p)
            assert wb.active.max_row > 10
        else:
            with open(p, newline="", encoding="utf-8") as fh:
                assert len(list(csv.reader(fh))) > 10
    everything = b"\n".join(blobs)
    vids = key["vision_message_ids"]
    for mid in vids:
        assert mid.encode() in everything, f"vision id not exported: {mid}"
    if key["kind"] == "null":
        assert not vids and key["source"] is None and key["onset"] is None
    else:
        assert len(vids) >= 8, "too few vision messages"
        onset = date.fromisoformat(key["onset"])
        by_id = {m["message_id"]: m for m in truth["messages"]}
        for mid in vids:
            assert date.fromisoformat(by_id[mid]["date"][:10]) >= onset, "vision mail before onset"
        assert 8 <= len(key["vision_phrases"]) <= 14
    by_id = {m["message_id"]: m for m in truth["messages"]}
    phrases = [p.lower() for p in key["vision_phrases"]]
    for mid in vids:
        text = _message_text(d, by_id[mid]["files"], mid)
        assert any(p in text for p in phrases), f"vision mail without vision phrase: {mid}"
    kinds = {b["what"].split(" ")[0] for b in truth["broken"]}
    assert {"message", "unparseable", "truncated", "non-mail"} <= kinds, kinds
    ids = [m["message_id"] for m in truth["messages"] if m["message_id"]]
    assert len(ids) == len(set(ids)), "duplicate Message-IDs"
    c = truth["counts"]
    share = c["vision_requests"] / c["requests"]
    return (f"msgs={c['messages']} mbox={n_mbox} eml={n_eml} requests={c['requests']} "
            f"vision={c['vision_requests']} ({share:.0%}) vision_mails={len(vids)} "
            f"log={c['log_rows']} ({truth['request_log_format']})")


def _message_text(d: Path, files: list[str], mid: str) -> str:
    """Decoded, tag-stripped, lower-cased text of one exported message (for the self-check)."""
    for rel in files:
        if rel.endswith(".eml"):
            msg = message_from_bytes((d / rel).read_bytes())
        elif rel.endswith(".mbox"):
            box = mailbox.mbox(str(d / rel))
            msg = next((m for m in box if m["Message-ID"] == mid or m["Message-Id"] == mid), None)
            box.close()
        else:
            continue
        if msg is None:
            continue
        parts = []
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                raw = part.get_payload(decode=True) or b""
                parts.append(raw.decode(part.get_content_charset() or "utf-8", "replace"))
        text = html.unescape(re.sub(r"<[^>]+>", " ", "\n".join(parts)))
        return re.sub(r"\s+", " ", text).lower()
    return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", help="output folder")
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    ap.add_argument("--seeds", nargs="+", type=int, default=[1])
    ap.add_argument("--difficulty", nargs="+", default=["medium"], choices=DIFFICULTIES)
    ap.add_argument("--check", action="store_true", help="run self-checks and exit")
    args = ap.parse_args(argv)
    if args.check:
        return _check()
    if not args.out:
        ap.error("OUT is required unless --check is given")
    for kind in args.kinds:
        for diff in args.difficulty:
            for seed in args.seeds:
                d = Path(args.out) / f"{kind}_{diff}_{seed}"
                key = generate_account(kind, seed, d, diff)
                print(f"{d}: {len(key['vision_message_ids'])} vision mails")
    return 0


if __name__ == "__main__":
    sys.exit(main())

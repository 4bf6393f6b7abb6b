#!/usr/bin/env python3
"""Independent ("other hands") synthetic account generator for the vision-analytics tool.

Simulates the mail export of a seller's account team for one big customer over 9-15 months,
with (unless kind == "null") a hidden source that starts shaping a "vision" at an onset date.
The export is deliberately hostile in format: a Maildir (with Maildir++ sub-folder for some
seeds) plus per-mailbox folders of .eml files, mixed mail-client grammars (Outlook, Gmail,
Apple Mail, Thunderbird, Lotus Notes) in English/German/French/Spanish, mixed charsets and
transfer encodings, RFC 2047 / RFC 2231 encoded names, an .xlsx request log (and a ';' CSV for
some seeds), an org chart, and a few broken items.

    generate_account(kind, seed, out_dir, difficulty="medium") -> answer key dict

CLI:
    python other_hands_accounts.py OUT --kinds new_exec it_dept --seeds 1 2 --difficulty hard
    python other_hands_accounts.py --check

Standard library only (plus openpyxl for the .xlsx).  Deterministic: one random.Random seeded
from kind+seed (the world is identical across difficulties; the difficulty changes the story).
"""
from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import html
import io
import json
import pathlib
import quopri
import random
import re
import shutil
import struct
import sys
import textwrap
import time
import unicodedata
import zipfile
import zlib

KINDS = ("new_exec", "it_dept", "competitor", "null")
DIFFICULTIES = ("easy", "medium", "hard")
UTC = dt.UTC

# --------------------------------------------------------------------------------------------
# Word pools
# --------------------------------------------------------------------------------------------
NAMES = {
    "en": (["James", "Olivia", "Michael", "Emma", "Daniel", "Sophie", "Ryan", "Hannah", "Thomas",
            "Grace", "Mark", "Chloe", "Priya", "Arjun", "Nadia", "Samuel", "Fiona", "Owen", "Leah"],
           ["Walker", "Bennett", "Hughes", "Fletcher", "Shah", "Okafor", "Reid", "Doyle", "Patel",
            "Morgan", "Ellis", "Carter", "O'Neill", "Lambert", "Harper", "Quinn"]),
    "de": (["Jürgen", "Anna", "Klaus", "Sabine", "Stefan", "Katrin", "Matthias", "Jörg", "Birgit",
            "Lukas", "Annika", "Uwe", "Tobias", "Ute", "Björn", "Dörte", "Hans-Peter"],
           ["Müller", "Schäfer", "Weber", "Hoffmann", "Krüger", "Becker", "Wagner", "Schröder",
            "Köhler", "Neumann", "Lehmann", "Groß", "von Allwörden", "Baumgärtner", "Zimmermann", "Fuchs",
            "Brandt", "Vogel", "Hartmann", "Jäger", "Seidel", "Möller", "Krause", "Lorenz"]),
    "fr": (["François", "Hélène", "Étienne", "Céline", "Jérôme", "Amélie", "Stéphane", "Chloé",
            "Loïc", "Margaux", "Benoît", "Inès", "Anne-Sophie", "Gaëlle", "Aurélien", "Noémie", "Thibault",
            "Élodie", "Grégoire", "Maëlle"],
           ["Lefèvre", "Dubois", "Moreau", "Girard", "Rousseau", "Bérard", "Fontaine", "Chevalier",
            "Gauthier", "Mercier", "de la Tour", "Lemaître", "Perrin", "Roux", "Faure", "Blanchard",
            "Garnier", "Lacroix", "Barbier", "Aubert", "Marchand", "Caron"]),
    "es": (["José", "María", "Sofía", "Álvaro", "Lucía", "Iñigo", "Begoña", "Raúl", "Elena",
            "Andrés", "Nuria", "Jesús", "María José", "Ángel", "Rocío", "Sergio", "Marta", "Íñigo",
            "Carmen", "Javier"],
           ["Peña", "García", "Martínez", "Núñez", "Ibáñez", "López", "Fernández", "Gómez", "Muñoz",
            "Ortega", "de la Fuente", "Sánchez Ruiz", "Romero", "Navarro", "Torres", "Domínguez", "Vázquez",
            "Ramos", "Gil", "Serrano", "Blanco", "Molina", "Castro"]),
}

INDUSTRIES = {
    "logistics": dict(names=["Hanseatic Freight", "TransAlpine Logistics", "Nordkap Cargo", "Meridian Haulage"],
                      nouns=["fleet", "freight", "carrier", "depot", "route", "shipment", "partner", "yard"],
                      measures=["risk", "capacity", "emissions", "dwell time", "spend"]),
    "insurance": dict(names=["Rheinische Assekuranz", "Mutuelle Atlantique", "Iberia Seguros", "Northgate Insurance"],
                      nouns=["claims", "policy", "underwriting", "broker", "premium", "policyholder", "loss"],
                      measures=["exposure", "leakage", "fraud risk", "loss ratio", "churn"]),
    "retail": dict(names=["Kaufhaus Lindner", "Maison Verdier", "Almacenes Sol", "Brightwell Stores"],
                   nouns=["store", "basket", "shelf", "loyalty", "supplier", "assortment", "checkout"],
                   measures=["availability", "margin", "shrinkage", "footfall", "waste"]),
    "manufacturing": dict(names=["Schwarzwald Präzision", "Ateliers Mécaniques Rhône", "Talleres Ebro", "Midlands Castings"],
                          nouns=["plant", "line", "machine", "quality", "spare-parts", "tooling", "batch"],
                          measures=["downtime", "scrap", "OEE", "energy use", "yield"]),
    "healthcare": dict(names=["Klinikverbund Nord", "Groupe Santé Loire", "Red Sanitaria Castilla", "Pennine Care Group"],
                       nouns=["patient", "ward", "clinical", "care-pathway", "pharmacy", "bed", "referral"],
                       measures=["readmissions", "waiting time", "occupancy", "safety", "cost"]),
    "energy": dict(names=["Stadtwerke Elbtal", "Énergies du Littoral", "Eléctrica Levante", "Severn Grid"],
                   nouns=["grid", "meter", "asset", "outage", "tariff", "substation", "prosumer"],
                   measures=["load", "losses", "asset health", "flexibility", "curtailment"]),
}
ADJS = ["zero-latency", "self-healing", "predictive", "frictionless", "always-on", "closed-loop",
        "autonomous", "single-source", "event-driven", "borderless", "elastic", "composable",
        "explainable", "adaptive", "continuous", "touchless", "intent-based", "federated"]
THINGS = ["ledger", "cockpit", "backbone", "fabric", "twin", "mesh", "exchange", "control tower",
          "nerve centre", "command layer", "operating model", "knowledge graph", "flywheel", "lakehouse"]
PATTERNS = ["{adj} {noun} {thing}", "one pane for {noun} {measure}", "{noun}-first {thing}",
            "{adj} {thing} for every {noun}", "{noun} {thing} as a service", "{adj} {measure} loop",
            "{adj} {noun} {thing}", "{noun} {measure} {thing}"]

SELLERS = [("Brightline Software", "brightline-software.com", "Brightline Ledger"),
           ("Quantive Systems", "quantive.io", "Quantive Flow"),
           ("Tessaro Labs", "tessarolabs.com", "Tessaro Suite"),
           ("Kelvara Software", "kelvara.com", "Kelvara One"),
           ("Lumenfield", "lumenfield.net", "Lumenfield Cloud"),
           ("Orbitwise Solutions", "orbitwise.co.uk", "Orbitwise CX")]
COMPETITORS = [("Altiqa Software", "altiqa.io"), ("Veridane Systems", "veridane.com"),
               ("Corvanto GmbH", "corvanto.de"), ("Nexvale Technologies", "nexvale.tech"),
               ("Sylvanix", "sylvanix.eu")]
PRODUCT_A = ["Helix", "Pulse", "Atlas", "Vantage", "Orbit", "Prism", "Summit", "Beacon"]
PRODUCT_B = ["Grid", "Sense", "Core", "Stream", "360", "Hub", "Studio", "Cloud"]

IT_DEPT_NAMES = ["IT", "Group IT", "IT Services", "Information Technology", "Corporate IT", "Digital & IT"]
IT_TITLES = ["Enterprise Architect", "Head of Infrastructure", "Lead Solution Architect",
             "Head of Integration", "IT Security Officer", "Senior Enterprise Architect", "Data Platform Lead"]
IT_OTHER_TITLES = ["Service Desk Analyst", "System Administrator", "IT Support Specialist"]
EXEC_ROLES = [("Chief Digital Officer", "CDO", "Digital Office"),
              ("Chief Operating Officer", "COO", "Executive Board"),
              ("VP Strategy & Transformation", "VP Strategy", "Strategy & Transformation"),
              ("Chief Data Officer", "CDO", "Data Office"),
              ("SVP Operations", "SVP Operations", "Operations Management")]
CUST_DEPTS = {
    "Procurement": ["Head of Procurement", "Strategic Buyer", "Vendor Manager", "Category Manager"],
    "Finance": ["Finance Manager", "Accounts Payable Clerk", "Controller", "Head of Controlling"],
    "Operations": ["Operations Manager", "Team Lead Operations", "Process Manager"],
    "HR": ["HR Business Partner", "Learning & Development Manager"],
    "Legal": ["Legal Counsel", "Contract Manager"],
    "Customer Service": ["Head of Customer Service", "Service Team Lead"],
    "Marketing": ["Marketing Manager", "CRM Manager"],
}
SELLER_ROLES = [("am", "Key Account Manager", "Sales"), ("csm", "Customer Success Manager", "Customer Success"),
                ("se", "Senior Support Engineer", "Support"), ("bill", "Billing Specialist", "Finance"),
                ("sa", "Solutions Architect", "Presales")]

DAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]}
DAYS_SHORT = {"en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
              "de": ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
              "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
              "es": ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"]}
MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
          "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                 "Oktober", "November", "Dezember"],
          "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                 "octobre", "novembre", "décembre"],
          "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                 "octubre", "noviembre", "diciembre"]}

GREET = {"en": ["Hi {first},", "Hello {first},", "Dear {first},", "Hi {first}"],
         "de": ["Hallo {first},", "Guten Tag {first} {last},", "Hallo zusammen,", "Hallo Herr/Frau {last},"],
         "fr": ["Bonjour {first},", "Bonjour,", "Bonjour {first} {last},"],
         "es": ["Hola {first}:", "Buenos días,", "Hola {first},"]}
CLOSE = {"en": ["Thanks,", "Best regards,", "Kind regards,", "Many thanks,", "Cheers,", "Thanks in advance,"],
         "de": ["Viele Grüße", "Mit freundlichen Grüßen", "Beste Grüße", "VG"],
         "fr": ["Cordialement,", "Bien à vous,", "Merci d'avance,", "Bien cordialement,"],
         "es": ["Saludos,", "Un saludo,", "Gracias,", "Atentamente,"]}
IPHONE = {"en": "Sent from my iPhone", "de": "Von meinem iPhone gesendet", "fr": "Envoyé de mon iPhone",
          "es": "Enviado desde mi iPhone"}
DISCLAIMER = {
    "en": "DISCLAIMER: This e-mail and any attachments are confidential and may be privileged. If you are not "
          "the intended recipient, please notify the sender immediately and delete this e-mail. {company} "
          "accepts no liability for any damage caused by viruses.",
    "de": "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der "
          "richtige Adressat sind oder diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort "
          "den Absender und vernichten Sie diese Mail. {company} – Sitz der Gesellschaft: Hamburg, "
          "Registergericht Hamburg HRB 12345.",
    "fr": "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de "
          "ses destinataires. Toute utilisation non conforme à sa destination est interdite. Si vous avez "
          "reçu ce message par erreur, merci d'en avertir immédiatement l'expéditeur. {company}",
    "es": "Este mensaje y sus archivos adjuntos son confidenciales y están dirigidos exclusivamente a sus "
          "destinatarios. Si ha recibido este mensaje por error, le rogamos que lo comunique al remitente y "
          "lo elimine. {company} no se responsabiliza de los daños causados por virus.",
}

# ---- ordinary request templates: category -> dict ----
ORD = {
    "invoice": dict(to="bill", depts=["Finance", "Procurement"],
        subj={"en": ["Invoice {inv} – question", "Query on invoice {inv}", "Invoice {inv} does not match PO {po}"],
              "de": ["Rechnung {inv} – Rückfrage"], "fr": ["Facture {inv} – question"], "es": ["Factura {inv} – consulta"]},
        body={"en": ["we received invoice {inv} dated {date} but the amount ({amt}) does not match our purchase order {po}. Could you please check and send a corrected invoice?",
                     "could you resend invoice {inv}? Our AP team cannot find it in the portal and your reminder says it is overdue."],
              "de": ["wir haben die Rechnung {inv} vom {date} erhalten, aber der Betrag ({amt}) stimmt nicht mit unserer Bestellung {po} überein. Können Sie das bitte prüfen und eine korrigierte Rechnung schicken?"],
              "fr": ["nous avons reçu la facture {inv} du {date}, mais le montant ({amt}) ne correspond pas à notre bon de commande {po}. Pourriez-vous vérifier et nous envoyer une facture corrigée ?"],
              "es": ["hemos recibido la factura {inv} del {date}, pero el importe ({amt}) no coincide con nuestro pedido {po}. ¿Podrían revisarlo y enviarnos una factura corregida?"]},
        reply=["I checked invoice {inv} with our billing team. The difference comes from the pro-rata licence adjustment in {month}; a corrected invoice will follow within two business days.",
               "thanks for flagging. Invoice {inv} was issued against the old PO; I have re-issued it against {po} and attached the PDF."]),
    "support": dict(to="se", depts=["Operations", "Customer Service", "IT"], case=True,
        subj={"en": ["Error when exporting reports", "Dashboard not loading since this morning", "Sync job fails with timeout"],
              "de": ["Fehler beim Export von Berichten", "Dashboard lädt nicht"], "fr": ["Erreur lors de l'export des rapports"],
              "es": ["Error al exportar informes"]},
        body={"en": ["since {date} our users get an error \"{err}\" when they export reports. It affects about {n} users in {dept}. Can you please look into this urgently?",
                     "the nightly sync job failed again last night with a timeout after 30 minutes. Log excerpt: {err}. Is this a known issue?"],
              "de": ["seit dem {date} erhalten unsere Anwender beim Export von Berichten die Fehlermeldung \"{err}\". Betroffen sind ca. {n} Nutzer. Können Sie sich das bitte dringend ansehen?"],
              "fr": ["depuis le {date}, nos utilisateurs obtiennent l'erreur « {err} » lors de l'export des rapports. Environ {n} utilisateurs sont concernés. Pouvez-vous regarder en urgence ?"],
              "es": ["desde el {date} nuestros usuarios reciben el error \"{err}\" al exportar informes. Afecta a unos {n} usuarios. ¿Pueden revisarlo con urgencia?"]},
        reply=["we could reproduce the error. It is caused by a malformed date filter in the export template; a hotfix is scheduled for {date2}. As a workaround, please remove the date filter before exporting.",
               "thank you for the log excerpt. Our engineers increased the timeout on your tenant and the job completed successfully this morning. We will monitor it for the rest of the week."]),
    "licence": dict(to="csm", depts=["Procurement", "HR", "Operations"],
        subj={"en": ["Additional licences for {dept}", "Licence change – {n} named users", "Reduce licences from {month}"],
              "de": ["Lizenzänderung – {n} zusätzliche Nutzer"], "fr": ["Modification des licences – {n} utilisateurs"],
              "es": ["Cambio de licencias – {n} usuarios"]},
        body={"en": ["we need {n} additional named-user licences for the {dept} team from {month}. Can you confirm the price per seat and whether this can be added to the current order form?",
                     "after the reorganisation we would like to reduce our licences by {n} seats from {month}. What is the process and is there a notice period?"],
              "de": ["wir benötigen ab {month} {n} zusätzliche Named-User-Lizenzen für das Team {dept}. Können Sie uns den Preis pro Lizenz bestätigen?"],
              "fr": ["nous avons besoin de {n} licences supplémentaires pour l'équipe {dept} à partir de {month}. Pouvez-vous nous confirmer le prix par utilisateur ?"],
              "es": ["necesitamos {n} licencias adicionales para el equipo de {dept} a partir de {month}. ¿Pueden confirmarnos el precio por usuario?"]},
        reply=["happy to help. Additional seats are billed at the contracted rate of {amt} per year, pro rata until renewal. I will send an updated order form for signature.",
               "licence reductions take effect at the next anniversary date. I have noted {n} seats and will confirm the new total in writing."]),
    "training": dict(to="csm", depts=["HR", "Operations", "Customer Service"],
        subj={"en": ["Training for new team members", "Admin training in {month}?", "Onboarding session request"],
              "de": ["Schulung für neue Kollegen"], "fr": ["Formation pour les nouveaux collaborateurs"], "es": ["Formación para nuevos usuarios"]},
        body={"en": ["we have {n} new colleagues starting in {month}. Could you offer a two-hour onboarding session, ideally remote? Please propose a few dates.",
                     "can you run the admin training again? Two of our key users left and the new ones need the configuration basics."],
              "de": ["im {month} fangen {n} neue Kolleginnen und Kollegen an. Könnten Sie eine zweistündige Einführungsschulung (gerne remote) anbieten?"],
              "fr": ["{n} nouveaux collaborateurs arrivent en {month}. Pourriez-vous organiser une session de formation de deux heures, à distance si possible ?"],
              "es": ["en {month} se incorporan {n} nuevos compañeros. ¿Podrían ofrecer una sesión de formación de dos horas, idealmente en remoto?"]},
        reply=["of course. I can offer {date2} 10:00-12:00 or the following Thursday afternoon. I will send an invitation once you confirm the date.",
               "yes, we can do that. I have asked our training team to reserve a slot and will come back with the invitation."]),
    "contract": dict(to="am", depts=["Legal", "Procurement"],
        subj={"en": ["Question on contract clause 7.3", "Notice period for the master agreement", "DPA update"],
              "de": ["Frage zu Vertragsklausel 7.3"], "fr": ["Question sur la clause 7.3 du contrat"], "es": ["Consulta sobre la cláusula 7.3"]},
        body={"en": ["our legal team has a question on clause 7.3 (liability cap) of the master agreement. Is the cap per contract year or aggregate? Could you confirm in writing?",
                     "could you send us the current version of the data processing agreement including the list of sub-processors? Our auditors asked for it."],
              "de": ["unsere Rechtsabteilung hat eine Frage zu Klausel 7.3 (Haftungsbegrenzung). Gilt die Obergrenze pro Vertragsjahr oder insgesamt?"],
              "fr": ["notre service juridique a une question sur la clause 7.3 (plafond de responsabilité). Le plafond s'applique-t-il par année contractuelle ?"],
              "es": ["nuestro departamento legal tiene una duda sobre la cláusula 7.3 (límite de responsabilidad). ¿El límite es por año de contrato?"]},
        reply=["the liability cap in clause 7.3 applies per contract year. I have asked our legal team for a short written confirmation, which I will forward.",
               "please find the current DPA and sub-processor list attached. The last change was the addition of our EU backup location in {month}."]),
    "quote": dict(to="am", depts=["Procurement", "Operations", "Marketing"],
        subj={"en": ["Quote request – {n} additional users", "Request for quotation: API add-on", "Offer for premium support"],
              "de": ["Angebotsanfrage – API-Modul"], "fr": ["Demande de devis – module API"], "es": ["Solicitud de presupuesto – módulo API"]},
        body={"en": ["could you send us a quote for {n} additional users and the API add-on? We need it for our budget round by {date2}.",
                     "please send us an offer for premium support (24/7) for the remaining contract term. Our operations team wants to compare it with the current SLA."],
              "de": ["könnten Sie uns bitte ein Angebot für das API-Modul und {n} weitere Nutzer schicken? Wir brauchen es bis {date2} für die Budgetrunde."],
              "fr": ["pourriez-vous nous envoyer un devis pour le module API et {n} utilisateurs supplémentaires ? Nous en avons besoin avant le {date2}."],
              "es": ["¿podrían enviarnos un presupuesto para el módulo API y {n} usuarios adicionales? Lo necesitamos antes del {date2}."]},
        reply=["please find attached our quote {inv} for {n} additional users and the API add-on, valid for 60 days.",
               "I have prepared the offer for premium support; it adds {amt} per year. Happy to walk you through the SLA differences."]),
    "access": dict(to="se", depts=["Operations", "Finance", "IT", "Customer Service"], case=True,
        subj={"en": ["Cannot log in – account locked", "SSO login fails for new users", "Access for new colleague"],
              "de": ["Zugang gesperrt"], "fr": ["Impossible de se connecter"], "es": ["No puedo acceder a la plataforma"]},
        body={"en": ["my account has been locked after the password change and the reset link does not arrive. Can you unlock it please? User: {user}",
                     "new users created in our directory since {date} cannot log in via SSO. They get \"{err}\". Existing users are fine."],
              "de": ["mein Konto wurde nach der Passwortänderung gesperrt und der Link zum Zurücksetzen kommt nicht an. Können Sie es bitte entsperren? Benutzer: {user}"],
              "fr": ["mon compte est bloqué après le changement de mot de passe et le lien de réinitialisation n'arrive pas. Pouvez-vous le débloquer ? Utilisateur : {user}"],
              "es": ["mi cuenta se ha bloqueado tras cambiar la contraseña y no me llega el enlace para restablecerla. ¿Pueden desbloquearla? Usuario: {user}"]},
        reply=["I have unlocked the account {user}. The reset mails were blocked by your mail gateway; please ask your IT team to allow our sending domain.",
               "the SSO issue was caused by a missing group claim for new users. Please add the attribute mapping as described in the attached guide and try again."]),
    "export": dict(to="se", depts=["Finance", "Legal", "IT"], case=True,
        subj={"en": ["Data export for audit", "Full export of {year} records", "GDPR data request"],
              "de": ["Datenexport für die Prüfung"], "fr": ["Export des données pour l'audit"], "es": ["Exportación de datos para auditoría"]},
        body={"en": ["our auditors need a full export of all transactions from {year} in CSV. Can you provide this by {date2}?",
                     "we received a data subject request. Could you export all records linked to customer number {n}?"],
              "de": ["unsere Wirtschaftsprüfer benötigen einen vollständigen Export aller Buchungen aus {year} als CSV. Ist das bis {date2} möglich?"],
              "fr": ["nos auditeurs ont besoin d'un export complet des transactions de {year} au format CSV. Est-ce possible d'ici le {date2} ?"],
              "es": ["nuestros auditores necesitan una exportación completa de las transacciones de {year} en CSV. ¿Es posible para el {date2}?"]},
        reply=["the export has been generated and is available in the secure download area for 7 days. The password follows in a separate mail.",
               "we can provide the export by {date2}. Please confirm the date range and whether archived records should be included."]),
    "renewal": dict(to="am", depts=["Procurement", "Finance"],
        subj={"en": ["Renewal {year}", "Price increase on renewal?", "Renewal paperwork"],
              "de": ["Vertragsverlängerung {year}"], "fr": ["Renouvellement {year}"], "es": ["Renovación {year}"]},
        body={"en": ["our contract renews in {month}. Could you share the renewal quote and confirm whether the price increase is capped at CPI as agreed?",
                     "what paperwork do you need from us for the renewal? Our procurement system requires a new supplier form this year."],
              "de": ["unser Vertrag verlängert sich im {month}. Können Sie uns das Verlängerungsangebot schicken und bestätigen, dass die Preiserhöhung wie vereinbart begrenzt ist?"],
              "fr": ["notre contrat se renouvelle en {month}. Pouvez-vous nous envoyer le devis de renouvellement ?"],
              "es": ["nuestro contrato se renueva en {month}. ¿Pueden enviarnos la oferta de renovación?"]},
        reply=["the renewal quote is attached; the uplift is capped at CPI as per the agreement.",
               "we only need the signed order form; I will also fill in your supplier form if you send it over."]),
    "report": dict(to="csm", depts=["Operations", "Marketing", "Finance", "Customer Service"],
        subj={"en": ["Custom report for monthly KPIs", "Can we add a field to the standard report?", "Scheduling reports by e-mail"],
              "de": ["Individueller Monatsbericht"], "fr": ["Rapport personnalisé mensuel"], "es": ["Informe mensual personalizado"]},
        body={"en": ["could you help us build a monthly report with the {n} KPIs from the attached list? Our management wants it from {month}.",
                     "is it possible to schedule the weekly report to be e-mailed to a distribution list automatically?"],
              "de": ["können Sie uns helfen, einen Monatsbericht mit den {n} Kennzahlen aus der Liste zu erstellen? Die Geschäftsleitung möchte ihn ab {month}."],
              "fr": ["pourriez-vous nous aider à créer un rapport mensuel avec les {n} indicateurs de la liste jointe ?"],
              "es": ["¿podrían ayudarnos a crear un informe mensual con los {n} indicadores de la lista adjunta?"]},
        reply=["yes, that is possible with the report builder. I will set up a first version and share it with you by {date2}.",
               "scheduled delivery is available under Settings > Reports > Subscriptions. I have enabled it for your tenant."]),
    "outage": dict(to="se", depts=["Operations", "Customer Service", "IT"], case=True,
        subj={"en": ["Platform down?", "Very slow response times", "Service unavailable (503)"],
              "de": ["Plattform nicht erreichbar"], "fr": ["Plateforme indisponible ?"], "es": ["¿Plataforma caída?"]},
        body={"en": ["the platform has been unreachable for our users since {time}. Is there an incident on your side?",
                     "response times have been very slow all morning (30s+ per page). Our service desk has {n} tickets already."],
              "de": ["seit {time} ist die Plattform für unsere Nutzer nicht erreichbar. Gibt es eine Störung bei Ihnen?"],
              "fr": ["la plateforme est inaccessible pour nos utilisateurs depuis {time}. Y a-t-il un incident chez vous ?"],
              "es": ["la plataforma no está disponible para nuestros usuarios desde las {time}. ¿Hay alguna incidencia?"]},
        reply=["we had a partial outage in the EU region between {time} and 11:40 caused by a failed load balancer. Service is restored; a post-incident report will follow.",
               "we see elevated latency on one database cluster and are failing over. I will update you within the hour."]),
}
ORD_WEIGHTS = {"invoice": 3, "support": 5, "licence": 2, "training": 2, "contract": 1, "quote": 2,
               "access": 3, "export": 1, "renewal": 1, "report": 2, "outage": 1}
ERRORS = ["ERR_EXPORT_0x80041", "java.lang.NullPointerException at ReportWriter.java:212",
          "AADSTS50105: user not assigned to a role", "HTTP 504 Gateway Timeout", "Invalid token (code 401)"]

FOLLOWUP = {"en": ["Any update on this?", "Just checking in on this – any news?", "Thanks. One more question: does this also apply to our second entity?",
                   "Sorry to chase, but this is becoming urgent on our side."],
            "de": ["Gibt es hierzu schon Neuigkeiten?", "Kurze Nachfrage: wie ist der Stand?", "Danke! Gilt das auch für unsere zweite Gesellschaft?"],
            "fr": ["Avez-vous du nouveau à ce sujet ?", "Petite relance : où en est-on ?"],
            "es": ["¿Hay alguna novedad?", "Perdón por insistir, ¿cómo va esto?"]}
THANKS = {"en": ["Thanks, that works for us.", "Perfect, thank you!", "Great, many thanks.", "Thanks – all good now."],
          "de": ["Danke, passt so.", "Super, vielen Dank!"], "fr": ["Parfait, merci beaucoup !", "Merci, c'est bon pour nous."],
          "es": ["Perfecto, ¡muchas gracias!", "Gracias, así nos sirve."]}
SELLER_FU = ["just following up on the above – we are still working on it and expect an answer by {date2}.",
             "thanks for the additional details. I have passed them on and will get back to you shortly.",
             "yes, the same applies. Let me know if anything else is needed."]

# strategic-sounding decoys (no shared vocabulary with each other or with the vision phrases)
STRATEGIC_DECOYS = [
    ("AI features on your roadmap?", "do you have a public roadmap for generative AI features? Our board asked all software suppliers for a one-page statement on AI governance."),
    ("Sovereign cloud hosting", "what is your position on sovereign cloud hosting? Some of our public-sector clients ask whether data can stay in a national data centre."),
    ("Three-year price outlook", "for our budget planning, could you give us an indicative three-year price outlook given the current inflation indexation clause?"),
    ("ISO 27701 certification", "are you planning to get ISO 27701 certified? Our information security team is updating the supplier risk register."),
    ("Sustainability reporting", "our sustainability team is collecting CO2 data from suppliers for the CSRD report. Can you provide the emissions attributable to our tenant?"),
    ("M&A – licence transfer", "we are acquiring a smaller company next year. Could their users be added to our contract, and what would the licence transfer look like?"),
    ("Exit strategy / data portability", "for our outsourcing policy we need a documented exit plan: in which formats could we retrieve all our data if we terminated?"),
    ("Accessibility compliance", "does your user interface comply with WCAG 2.1 AA? This becomes a requirement for all our tools next year."),
    ("Multi-region failover", "is multi-region failover available for EU customers, and what RPO/RTO do you commit to?"),
    ("Quantum-safe encryption?", "our CISO asked whether you have plans regarding post-quantum cryptography. Just a short statement is enough."),
    ("Low-code extensions", "do you plan to offer low-code extensions so that our business users can build small apps on top of your platform?"),
    ("Partner ecosystem", "which implementation partners do you work with in our region? We may need additional capacity next year."),
]
NEWSLETTERS = [("TechBrief Weekly", "newsletter@techbrief-weekly.com", ["Why every CIO is talking about platform consolidation",
                                                                           "Five trends reshaping enterprise software buying"]),
               ("SaaS Insider", "digest@saasinsider.news", ["Pricing models in 2025: usage vs. seats",
                                                              "The quiet rise of vertical SaaS"]),
               ("Gartnerish Research Digest", "research@digest-mailer.net", ["Hype cycle notes: digital twins and composable ERP",
                                                                              "Vendor landscape: customer success platforms"])]

# ---- vision request templates ----
VISION_CATS = ["what_if", "roadmap", "architecture", "rfp", "integration"]
VSUBJ = {
    "what_if": ["What-if pricing scenario", "Pricing model if we move to {P1}", "Pricing question – {p1}"],
    "roadmap": ["Five-year roadmap question", "Your roadmap vs. {p1}", "Roadmap 2026-2030"],
    "architecture": ["Target architecture – where does {product} fit?", "Architecture proposal: {P1}", "Architecture review input"],
    "rfp": ["Vendor questionnaire – strategic capabilities", "RFI: {p1} readiness", "Supplier questionnaire (please reply by {date2})"],
    "integration": ["Integration question – {p1}", "API / connector question", "Integration with {p2}"],
}
VBODY = {
    "what_if": {"en": "could you put together a what-if pricing scenario for us? Assume we move to {p1} across all business units by {year2} and want {p2} included. We would need a 3-year and a 5-year view, with and without the current discount.",
                "de": "könnten Sie uns ein What-if-Preisszenario erstellen? Annahme: Wir stellen bis {year2} konzernweit auf {p1} um und möchten {p2} mit abdecken. Wir bräuchten eine 3- und eine 5-Jahres-Sicht.",
                "fr": "pourriez-vous nous préparer un scénario de prix « what-if » ? Hypothèse : nous passons à {p1} dans toutes les entités d'ici {year2}, avec {p2} inclus. Il nous faudrait une vue à 3 et à 5 ans.",
                "es": "¿podrían prepararnos un escenario de precios «what-if»? Supongamos que pasamos a {p1} en todas las unidades antes de {year2} e incluimos {p2}. Necesitaríamos una visión a 3 y a 5 años."},
    "roadmap": {"en": "we are preparing our five-year plan and need to understand your product roadmap. Specifically: when will you support {p1}, and is {p2} on your radar? A short written statement would help.",
                "de": "wir erstellen gerade unsere Fünfjahresplanung und müssen Ihre Produkt-Roadmap verstehen. Konkret: Wann unterstützen Sie {p1}, und ist {p2} bei Ihnen ein Thema?",
                "fr": "nous préparons notre plan à cinq ans et devons comprendre votre feuille de route. Concrètement : quand supporterez-vous {p1}, et {p2} est-il prévu ?",
                "es": "estamos preparando nuestro plan a cinco años y necesitamos entender su hoja de ruta. En concreto: ¿cuándo soportarán {p1}? ¿Está {p2} en sus planes?"},
    "architecture": {"en": "we are drafting our target architecture. The guiding idea is {p1}, with {p2} as the integration layer. Could your solution architect comment on where {product} fits and what would have to change on your side?",
                     "de": "wir entwerfen gerade unsere Zielarchitektur. Leitgedanke ist {p1}, mit {p2} als Integrationsschicht. Könnte Ihr Solution Architect einschätzen, wo {product} dort hineinpasst?",
                     "fr": "nous rédigeons notre architecture cible. L'idée directrice est {p1}, avec {p2} comme couche d'intégration. Votre architecte pourrait-il nous dire où se situe {product} ?",
                     "es": "estamos definiendo nuestra arquitectura objetivo. La idea central es {p1}, con {p2} como capa de integración. ¿Podría su arquitecto indicarnos dónde encaja {product}?"},
    "rfp": {"en": "as part of our vendor review, please answer the questions below by {date2}:\n\n1. Does your platform support {p1}? (yes / no / partially – please explain)\n2. How would you deliver {p2}?\n3. Reference customers for {p3}?\n4. Pricing implications of the above.",
            "de": "im Rahmen unserer Lieferantenbewertung bitten wir Sie, folgende Fragen bis {date2} zu beantworten:\n\n1. Unterstützt Ihre Plattform {p1}? (ja / nein / teilweise)\n2. Wie würden Sie {p2} umsetzen?\n3. Referenzkunden für {p3}?\n4. Auswirkungen auf die Preise.",
            "fr": "dans le cadre de notre revue fournisseurs, merci de répondre aux questions suivantes avant le {date2} :\n\n1. Votre plateforme supporte-t-elle {p1} ?\n2. Comment livreriez-vous {p2} ?\n3. Références clients pour {p3} ?\n4. Impact sur les prix.",
            "es": "como parte de nuestra evaluación de proveedores, les rogamos respondan antes del {date2}:\n\n1. ¿Soporta su plataforma {p1}?\n2. ¿Cómo implementarían {p2}?\n3. ¿Clientes de referencia para {p3}?\n4. Impacto en precios."},
    "integration": {"en": "we are looking into connecting your platform to {p1}. Do you have standard connectors or an event API for that? We would also like {p2} to read your data in near real time.",
                    "de": "wir prüfen, wie wir Ihre Plattform an {p1} anbinden können. Gibt es Standard-Konnektoren oder eine Event-API? Außerdem soll {p2} Ihre Daten nahezu in Echtzeit lesen.",
                    "fr": "nous étudions la connexion de votre plateforme à {p1}. Avez-vous des connecteurs standard ou une API événementielle ? Nous voudrions aussi que {p2} lise vos données en quasi temps réel.",
                    "es": "estamos estudiando cómo conectar su plataforma con {p1}. ¿Tienen conectores estándar o una API de eventos? También queremos que {p2} lea sus datos casi en tiempo real."},
}
SELLER_VREPLY = ["thanks for the detailed questions. Our solutions architect will prepare a written answer on {p1}; realistically by {date2}.",
                 "good question. {product} already covers parts of {p1} through the event API. I suggest a short call to go through the details – would {date2} work?",
                 "we are happy to support this. Let me align internally on pricing and roadmap and come back to you."]
NAMED_INTRO = {
    "new_exec": {"en": ["our new {short} {first} {last} asked me to reach out about this. ", "{first} {last}, who joined us as {title} recently, would like to understand the following. ",
                        "following a discussion with our new {short} ({first}), "],
                 "de": ["unser neuer {short} {first} {last} hat mich gebeten, Folgendes zu klären: ", "auf Wunsch von {first} {last} ({title}) "],
                 "fr": ["notre nouveau {short}, {first} {last}, m'a demandé de vous contacter. ", "à la demande de {first} {last} ({title}), "],
                 "es": ["nuestro nuevo {short}, {first} {last}, me ha pedido que les consulte lo siguiente. ", "a petición de {first} {last} ({title}), "]},
    "it_dept": {"en": ["our colleagues in {dept} ({first} {last}) asked me to check this with you. ", "the architecture team in {dept} has asked for your input. ",
                       "{first} from {dept} asked me to forward this question. "],
                "de": ["unsere Kollegen aus der {dept} ({first} {last}) haben mich gebeten, das mit Ihnen zu klären. ", "das Architekturteam der {dept} bittet um Ihre Einschätzung. "],
                "fr": ["nos collègues de la {dept} ({first} {last}) m'ont demandé de vérifier ce point. "],
                "es": ["nuestros compañeros de {dept} ({first} {last}) me han pedido consultarles esto. "]},
    "competitor": {"en": ["{comp} presented {product} to us last week and claims it offers {p1} out of the box. ", "we had a demo from {comp}; their {product} promises {p1}. ",
                          "{comp} told us that {product} already delivers {p1}. "],
                   "de": ["{comp} hat uns letzte Woche {product} vorgestellt und behauptet, es biete {p1} out of the box. "],
                   "fr": ["{comp} nous a présenté {product} la semaine dernière et affirme qu'il offre {p1} en standard. "],
                   "es": ["{comp} nos presentó {product} la semana pasada y asegura que ofrece {p1} de serie. "]},
}
FWD_NOTE = {"en": ["please see below – could you respond to these points? ", "FYI, see the mail below. ", "forwarding this as discussed. "],
            "de": ["siehe unten – können Sie zu diesen Punkten Stellung nehmen? ", "zur Info, siehe unten. "],
            "fr": ["voir ci-dessous – pouvez-vous répondre à ces points ? ", "pour info, voir ci-dessous. "],
            "es": ["ver abajo – ¿pueden responder a estos puntos? ", "para su información, ver abajo. "]}
PASTE_INTRO = {"en": ["Background, copied from our internal notes:", "For context, here is what was circulated internally:", "Some background:"],
               "de": ["Zum Hintergrund, aus unseren internen Notizen:", "Hintergrund:"],
               "fr": ["Pour le contexte, extrait de nos notes internes :", "Contexte :"],
               "es": ["Como contexto, copio nuestras notas internas:", "Contexto:"]}
ORIGINALS = {
    "new_exec": [("Supplier strategy – first thoughts",
                  "Team,\n\nafter my first weeks here I am convinced we need to move towards {p1}. Everything we buy from now on should support {p2}, and I want {p3} to become the yardstick for our suppliers.\n\nPlease check with our key vendors what they can offer and what it would cost."),
                 ("Where we go from here",
                  "All,\n\nthe board agreed on the direction: {p1} is our north star for the next five years. Practically that means {p2} in every business unit, and a clear path to {p3}.\n\nI would like each of you to get vendor input on this before the next steering committee."),
                 ("Follow-up from the leadership offsite",
                  "Hi both,\n\nas discussed at the offsite: we commit to {p1}. I want to see {p2} by the end of next year. Please ask our main suppliers how they would get us to {p3}.")],
    "it_dept": [("Target architecture 2027 – vendor input needed",
                 "Hi all,\n\nfor the target architecture 2027 we propose {p1} as the guiding principle. Concretely: {p2} as the integration pattern and {p3} for reporting. Please ask your vendors for their position before the architecture board on {date2}."),
                ("Architecture principles (draft v0.3)",
                 "Hello,\n\nattached the draft principles. Key points: (1) {p1}; (2) {p2} everywhere data crosses a domain boundary; (3) {p3} as the default for new tools. Business owners: please check with your suppliers."),
                ("IT strategy – questions for suppliers",
                 "Dear colleagues,\n\nthe IT leadership team decided that all major applications must support {p1} and {p2}. We also want a plan for {p3}. Please collect statements from your vendors.")],
    "competitor": [("Summary of our workshop",
                    "Dear {cfirst},\n\nthank you for the time you and your team gave us last week. As promised, here is the summary: {product} is the only platform that delivers {p1} out of the box, and with {product2} you get {p2} without custom integration. Customers typically reach {p3} within six months.\n\nHappy to arrange a reference call."),
                   ("{product} – the next step",
                    "Hello {cfirst},\n\nfollowing our demo: {product} gives you {p1} from day one. Unlike legacy suites, {product2} was built for {p2}, and our roadmap commits to {p3} next year.\n\nWe can offer a free proof of concept."),
                   ("Your questions from the demo",
                    "Hi {cfirst},\n\nto answer your questions: yes, {p1} is standard in {product}; {p2} is included in the enterprise tier; and {p3} is where most of our customers see the fastest payback.")],
}
RETOLD = {"en": ["we are rethinking how we work and {p1} is becoming our guiding idea. ", "internally we are moving towards {p1}. "],
          "de": ["wir stellen gerade vieles auf den Prüfstand, und {p1} wird unser Leitbild. "],
          "fr": ["nous repensons notre organisation et {p1} devient notre idée directrice. "],
          "es": ["estamos replanteando nuestra forma de trabajar y {p1} se está convirtiendo en nuestra idea guía. "]}


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------
def fold_ascii(s: str) -> str:
    for a, b in (("ß", "ss"), ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        s = s.replace(a, b)
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold_ascii(s).lower())


def last_sunday(year, month):
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1) if month < 12 else dt.date(year, 12, 31)
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


def nth_sunday(year, month, n):
    d = dt.date(year, month, 1)
    d += dt.timedelta(days=(6 - d.weekday()) % 7)
    return d + dt.timedelta(days=7 * (n - 1))


TZ = {"CET": (60, "eu"), "UK": (0, "eu"), "USE": (-300, "us"), "IST": (330, None)}
TZ_ABBR = {"CET": ("CET", "CEST"), "UK": ("GMT", "BST"), "USE": ("EST", "EDT"), "IST": ("IST", "IST")}


def tz_off(tz: str, when: dt.datetime) -> dt.timedelta:
    base, rule = TZ[tz]
    d = when.date()
    dst = False
    if rule == "eu":
        dst = last_sunday(d.year, 3) <= d < last_sunday(d.year, 10)
    elif rule == "us":
        dst = nth_sunday(d.year, 3, 2) <= d < nth_sunday(d.year, 11, 1)
    return dt.timedelta(minutes=base + (60 if dst else 0))


def local(when: dt.datetime, tz: str) -> dt.datetime:
    return when.astimezone(dt.timezone(tz_off(tz, when)))


def tz_abbr(when, tz, lang="en"):
    summer = tz_off(tz, when) != dt.timedelta(minutes=TZ[tz][0])
    a = TZ_ABBR[tz][1 if summer else 0]
    if lang == "de" and tz == "CET":
        a = "MESZ" if summer else "MEZ"
    return a


def h12(d):
    h = d.hour % 12 or 12
    return f"{h}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def outlook_date(d, lang):
    wd, m = d.weekday(), d.month - 1
    if lang == "de":
        return f"{DAYS['de'][wd]}, {d.day}. {MONTHS['de'][m]} {d.year} {d:%H:%M}"
    if lang == "fr":
        return f"{DAYS['fr'][wd]} {d.day} {MONTHS['fr'][m]} {d.year} {d:%H:%M}"
    if lang == "es":
        return f"{DAYS['es'][wd]}, {d.day} de {MONTHS['es'][m]} de {d.year} {d:%H:%M}"
    return f"{DAYS['en'][wd]}, {MONTHS['en'][m]} {d.day}, {d.year} {h12(d)}"


def gmail_date(d, lang):
    wd, m = d.weekday(), d.month - 1
    if lang == "de":
        return f"{DAYS_SHORT['de'][wd]}, {d.day}. {MONTHS['de'][m]} {d.year} um {d:%H:%M} Uhr"
    if lang == "fr":
        return f"{DAYS_SHORT['fr'][wd]} {d.day} {MONTHS['fr'][m]} {d.year} à {d:%H:%M}"
    if lang == "es":
        return f"{DAYS_SHORT['es'][wd]}, {d.day} {MONTHS['es'][m][:3]} {d.year} a las {d:%H:%M}"
    return f"{DAYS_SHORT['en'][wd]}, {MONTHS['en'][m][:3]} {d.day}, {d.year} at {h12(d)}"


def rfc_date(d, style=0):
    wd = DAYS_SHORT["en"][d.weekday()]
    mon = MONTHS["en"][d.month - 1][:3]
    off = d.utcoffset()
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    z = f"{sign}{abs(mins) // 60:02d}{abs(mins) % 60:02d}"
    if style == 1:   # no zero padding (Lotus / Apple)
        return f"{wd}, {d.day} {mon} {d.year} {d:%H:%M:%S} {z}"
    if style == 2:   # no weekday, with comment
        return f"{d.day:02d} {mon} {d.year} {d:%H:%M:%S} {z} ({'CEST' if mins == 120 else 'CET' if mins == 60 else 'UTC' if mins == 0 else 'EDT' if mins == -240 else 'EST' if mins == -300 else 'IST'})"
    return f"{wd}, {d.day:02d} {mon} {d.year} {d:%H:%M:%S} {z}"


def encode_word(text: str, charset: str, mode: str) -> str:
    """RFC 2047 encoded words (split so each word <= 75 chars), joined by folding whitespace."""
    def one(t):
        b = t.encode(charset)
        if mode == "B":
            return f"=?{charset}?B?{base64.b64encode(b).decode()}?="
        q = "".join(chr(c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or chr(c) in "!*+-/") else
                    ("_" if c == 32 else f"={c:02X}") for c in b)
        return f"=?{charset}?Q?{q}?="
    words, chunk = [], ""
    for ch in text:
        if chunk and len(one(chunk + ch)) > 75:
            words.append(one(chunk))
            chunk = ch
        else:
            chunk += ch
    if chunk:
        words.append(one(chunk))
    return "\n ".join(words)


def can_encode(s, cs):
    try:
        s.encode(cs)
        return True
    except UnicodeEncodeError:
        return False


PY_CS = {"utf-8": "utf-8", "iso-8859-1": "latin-1", "windows-1252": "cp1252", "us-ascii": "ascii"}


def tiny_png(rgb=(200, 30, 30)) -> bytes:
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"".join(b"\x00" + bytes(rgb) * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def fake_pdf(title: str) -> bytes:
    t = fold_ascii(title).replace("(", "[").replace(")", "]")
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"% " + t.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")


# --------------------------------------------------------------------------------------------
# data classes
# --------------------------------------------------------------------------------------------
class Person:
    def __init__(self, first, last, email, title, dept, org, lang, client, tz, company):
        self.first, self.last, self.email, self.title, self.dept = first, last, email, title, dept
        self.org, self.lang, self.client, self.tz, self.company = org, lang, client, tz, company
        self.sig_style = "multi"
        self.display = self.name
        self.notes = ""
        self.role = ""
        self.writes_native = 0.0
        self.phone = ""
        self.tags_iphone = False
        self.short = ""

    @property
    def name(self):
        return f"{self.first} {self.last}"


class Mail:
    def __init__(self, **kw):
        self.parent = None
        self.cc = []
        self.blocks = []
        self.tags = {}
        self.attachments = []
        self.calendar = None
        self.exported = True
        self.msgid = None
        self.in_reply_to = None
        self.references = []
        self.extra_headers = []
        self.no_msgid = False
        self.bad_date = None
        self.html_only = None
        self.lang = "en"
        self.client = "outlook"
        self.__dict__.update(kw)


# --------------------------------------------------------------------------------------------
# generator
# --------------------------------------------------------------------------------------------
class Generator:
    def __init__(self, kind: str, seed: int, difficulty: str):
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {DIFFICULTIES}")
        self.kind, self.seed, self.difficulty = kind, int(seed), difficulty
        h = hashlib.sha256(f"other-hands|{kind}|{int(seed)}".encode()).digest()
        self.rng = random.Random(int.from_bytes(h[:8], "big"))
        self.mails: list[Mail] = []
        self.ids: set[str] = set()
        self.log_extra = []       # phone / meeting rows
        self.truth_msgs = []

    # ---------------------------------------------------------------- world
    def pick_name(self, lang, used, unique_first=False):
        r = self.rng
        for _ in range(200):
            first, last = r.choice(NAMES[lang][0]), r.choice(NAMES[lang][1])
            if unique_first and first in {u[0] for u in used}:
                continue
            if (first, last) not in used and last not in {u[1] for u in used}:
                used.add((first, last))
                return first, last
        firsts = [f for f in NAMES[lang][0] + NAMES["en"][0] if not unique_first or f not in {u[0] for u in used}]
        first, last = r.choice(firsts), r.choice(NAMES[lang][1]) + "-" + r.choice(NAMES[lang][1])
        used.add((first, last))
        return first, last

    def make_email(self, first, last, domain, style):
        f, l = slug(first), slug(last)
        return {0: f"{f}.{l}", 1: f"{f[0]}.{l}", 2: f"{f}{l[0]}", 3: f"{l}.{f}"}[style] + "@" + domain

    def build_world(self):
        r = self.rng
        used = set()
        # seller
        sname, sdom, sprod = r.choice(SELLERS)
        self.seller = dict(name=sname, domain=sdom, product=sprod, tz=r.choice(["UK", "USE", "CET"]),
                           client=r.choice(["gmail", "outlook"]), helpdesk=f"helpdesk.{sdom}",
                           case_base=r.randint(10000, 60000))
        self.sellers = {}
        for role, title, dept in SELLER_ROLES:
            lang = r.choice(["en", "en", "en", "de", "fr"])
            first, last = self.pick_name(lang, used)
            p = Person(first, last, self.make_email(first, last, sdom, 0), title, dept, "seller", "en",
                       self.seller["client"], self.seller["tz"], sname)
            p.role = role
            p.sig_style = r.choice(["multi", "oneline", "dashdash"])
            p.phone = f"+44 20 {r.randint(1000, 9999)} {r.randint(1000, 9999)}"
            self.sellers[role] = p
        if r.random() < 0.5:
            self.sellers["se"].tz = "IST"
        self.am = self.sellers["am"]
        # customer
        self.industry = r.choice(sorted(INDUSTRIES))
        ind = INDUSTRIES[self.industry]
        self.locale = r.choice(["de", "de", "fr", "es", "en"])
        cname = ind["names"][{"de": 0, "fr": 1, "es": 2, "en": 3}[self.locale]]
        tld = {"de": ".de", "fr": ".fr", "es": ".es", "en": ".co.uk"}[self.locale]
        cdom = slug(cname.split()[0])[:12] + r.choice(["", "-group", "-ag" if self.locale == "de" else "-sa"]) + tld
        corp_client = r.choice(["outlook", "outlook", "lotus", "gmail"])
        self.cust = dict(name=cname, domain=cdom, tz="UK" if self.locale == "en" else "CET",
                         client=corp_client, lastfirst=r.random() < 0.5, disclaimer=r.random() < 0.5,
                         email_style=r.randint(0, 3), notes_org=slug(cname.split()[0]).upper()[:8])
        self.it_dept = r.choice(IT_DEPT_NAMES)
        self.customers: list[Person] = []

        def cust(dept, title, lang=None, client=None):
            lang = lang or (self.locale if r.random() < 0.8 else "en")
            first, last = self.pick_name(lang, used)
            p = Person(first, last, self.make_email(first, last, cdom, self.cust["email_style"]), title, dept,
                       "customer", self.locale if self.locale != "en" else "en", client or corp_client,
                       self.cust["tz"], cname)
            p.writes_native = 0.0 if self.locale == "en" else r.choice([0.0, 0.2, 0.35, 0.6])
            p.sig_style = r.choice(["multi", "multi", "oneline", "dashdash", "minimal"])
            p.phone = self.phone_no()
            if self.cust["lastfirst"]:
                p.display = f"{last}, {first}"
            p.notes = f"{first} {last}/{self.locale.upper()}/{self.cust['notes_org']}"
            self.customers.append(p)
            return p

        self.primary = cust(r.choice(["Procurement", "Operations"]), r.choice(["Vendor Manager", "Head of Procurement", "Operations Manager"]))
        self.primary.sig_style = "multi"
        for dept in ["Finance", "Finance", "Procurement", "Operations", "Operations", "HR", "Legal",
                     "Customer Service", "Marketing"]:
            if r.random() < 0.85:
                cust(dept, r.choice(CUST_DEPTS[dept]))
        # IT department
        self.it_people = []
        n_it = r.randint(3, 6)
        titles = r.sample(IT_TITLES, min(n_it, len(IT_TITLES)))
        for i in range(n_it):
            title = titles[i] if i < len(titles) else r.choice(IT_OTHER_TITLES)
            p = cust(self.it_dept, title, client=r.choice(["thunderbird", corp_client, corp_client]))
            p.sig_style = r.choice(["multi", "oneline", "dashdash"])
            self.it_people.append(p)
        self.it_people.append(cust(self.it_dept, r.choice(IT_OTHER_TITLES)))
        self.noisy = r.choice([c for c in self.customers if c.dept not in (self.it_dept,) and c is not self.primary])
        # vision phrases
        self.phrases = self.make_phrases(ind)
        # source
        self.source = None
        self.exec = None
        self.source_members = []
        self.comp = None
        if self.kind == "new_exec":
            title, short, dept = r.choice(EXEC_ROLES)
            lang = r.choice(["en", self.locale])
            first, last = self.pick_name(lang, used, unique_first=True)
            p = Person(first, last, self.make_email(first, last, cdom, self.cust["email_style"]), title, dept,
                       "customer", self.locale, r.choice(["apple", corp_client]), self.cust["tz"], cname)
            p.sig_style = r.choice(["multi", "oneline"])
            p.short = short
            p.phone = self.phone_no()
            if self.cust["lastfirst"]:
                p.display = f"{last}, {first}"
            p.notes = f"{first} {last}/{self.locale.upper()}/{self.cust['notes_org']}"
            self.exec = p
            self.customers.append(p)
        elif self.kind == "it_dept":
            k = r.randint(2, min(5, len(self.it_people) - 1))
            self.source_members = self.it_people[:k]
        elif self.kind == "competitor":
            cname2, cdom2 = r.choice(COMPETITORS)
            n_prod = r.randint(1, 3)
            prods = []
            for a, b in zip(r.sample(PRODUCT_A, n_prod), r.sample(PRODUCT_B, n_prod)):
                prods.append(f"{a}{b}" if r.random() < 0.5 else f"{a} {b}")
            reps = []
            for i in range(r.randint(1, 3)):
                lang = r.choice(["en", "en", self.locale])
                first, last = self.pick_name(lang, used)
                p = Person(first, last, self.make_email(first, last, cdom2, 0),
                           r.choice(["Account Executive", "Senior Sales Director", "Solution Consultant"]),
                           "Sales", "competitor", "en", r.choice(["gmail", "outlook"]), "UK", cname2)
                p.sig_style = "multi"
                p.phone = f"+44 7700 {r.randint(100000, 999999)}"
                reps.append(p)
            self.comp = dict(name=cname2, domain=cdom2, products=prods, reps=reps)
        # relays
        pool = [c for c in self.customers if c.dept != self.it_dept and c is not self.primary
                and c is not self.exec and c is not self.noisy]
        self.relays = [self.primary] + r.sample(pool, min(len(pool), r.randint(1, 3)))
        for p in self.relays:
            if p.sig_style == "minimal" and r.random() < 0.5:
                p.sig_style = "multi"

    def phone_no(self):
        r = self.rng
        cc = {"de": "+49 40", "fr": "+33 1", "es": "+34 91", "en": "+44 161"}[self.locale]
        return f"{cc} {r.randint(100, 999)} {r.randint(1000, 9999)}" + (f"-{r.randint(10, 99)}" if r.random() < 0.3 else "")

    def make_phrases(self, ind):
        r = self.rng
        n = r.randint(6, 10)
        out, used_words = [], set()
        tries = 0
        while len(out) < n and tries < 500:
            tries += 1
            pat = r.choice(PATTERNS)
            ph = pat.format(adj=r.choice(ADJS), noun=r.choice(ind["nouns"]), thing=r.choice(THINGS),
                            measure=r.choice(ind["measures"]))
            key = set(re.findall(r"[a-z]+", ph)) - {"for", "every", "as", "a", "one", "pane", "service", "first"}
            if ph in out or (key & used_words and tries < 300):
                continue
            out.append(ph)
            used_words |= key
        return out

    # ---------------------------------------------------------------- time helpers
    def biz_time(self, day: dt.date, tz: str, early=8, late=18) -> dt.datetime:
        r = self.rng
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        lt = dt.datetime(day.year, day.month, day.day, r.randint(early, late - 1), r.randint(0, 59), r.randint(0, 59))
        off = tz_off(tz, dt.datetime(day.year, day.month, day.day, 12, tzinfo=UTC))
        return (lt - off).replace(tzinfo=UTC)

    def after(self, t: dt.datetime, tz: str, lo_min=12, hi_h=40) -> dt.datetime:
        r = self.rng
        c = t + dt.timedelta(minutes=r.randint(lo_min, max(lo_min + 1, hi_h * 60)))
        lc = local(c, tz)
        if lc.weekday() >= 5 or lc.hour >= 19 or lc.hour < 7:
            day = lc.date() + dt.timedelta(days=1 if lc.hour >= 19 else 0)
            c2 = self.biz_time(day, tz, 8, 11)
            c = max(c2, t + dt.timedelta(minutes=lo_min))
        return c

    def rand_day(self, a: dt.date, b: dt.date) -> dt.date:
        return a + dt.timedelta(days=self.rng.randint(0, max(0, (b - a).days)))

    # ---------------------------------------------------------------- message ids
    def new_msgid(self, sender: Person, client: str) -> str:
        r = self.rng
        dom = sender.email.split("@")[1]
        hx = lambda n: "".join(r.choice("0123456789ABCDEF") for _ in range(n))
        while True:
            if client == "outlook":
                srv = f"{r.choice(['AM', 'DB', 'VI', 'PA', 'FR'])}{r.randint(0, 9)}PR{r.randint(10, 99):02d}MB{r.randint(1000, 9999)}"
                mid = f"<{srv}{hx(24)}@{srv}.eurprd{r.randint(1, 9):02d}.prod.outlook.com>"
            elif client == "gmail":
                al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+_-="
                mid = "<CA" + "".join(r.choice(al) for _ in range(r.randint(40, 52))) + "@mail.gmail.com>"
            elif client == "apple":
                mid = f"<{hx(8)}-{hx(4)}-{hx(4)}-{hx(4)}-{hx(12)}@{dom}>"
            elif client == "thunderbird":
                mid = f"<{hx(8).lower()}-{hx(4).lower()}-{hx(4).lower()}-{hx(4).lower()}-{hx(12).lower()}@{dom}>"
            elif client == "lotus":
                mid = f"<OF{hx(8)}.{hx(8)}-ON{hx(8)}.{hx(8)}-{hx(8)}.{hx(8)}@{dom}>"
            else:
                mid = f"<{r.randint(10 ** 11, 10 ** 12)}.{hx(10).lower()}@{client}>"
            if mid not in self.ids:
                self.ids.add(mid)
                return mid

    # ---------------------------------------------------------------- text helpers
    def fill(self, s, **kw):
        r = self.rng
        base = dict(inv=f"INV-{r.randint(2022, 2025)}-{r.randint(1000, 9999)}", po=f"PO {r.randint(4500000000, 4509999999)}",
                    amt=f"EUR {r.randint(1, 90)}.{r.randint(100, 999)},{r.randint(10, 99)}",
                    n=r.randint(3, 40), month=r.choice(MONTHS["en"]), year=r.randint(2021, 2024),
                    date=f"{r.randint(1, 28):02d}.{r.randint(1, 12):02d}.", date2=self.later(),
                    err=r.choice(ERRORS), user=f"u{r.randint(10000, 99999)}", time=f"{r.randint(7, 10)}:{r.randint(0, 5)}0",
                    dept="Operations", year2=r.choice([2026, 2027, 2028]), product=self.seller["product"])
        base.update(kw)
        return s.format(**base)

    def later(self):
        now = getattr(self, "_now", None)
        if now is None:
            return f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS['en'])}"
        d = now + dt.timedelta(days=self.rng.randint(5, 21))
        return f"{d.day} {MONTHS['en'][d.month - 1]}"

    def greeting(self, lang, to: Person | None):
        g = self.rng.choice(GREET[lang])
        if to is None:
            g = {"en": "Hi all,", "de": "Hallo zusammen,", "fr": "Bonjour à tous,", "es": "Hola a todos:"}[lang]
        else:
            g = g.format(first=to.first, last=to.last)
        return g

    def signature(self, p: Person, client: str) -> str:
        if client == "apple" and p.org == "customer" and p.tags_iphone:
            return IPHONE[p.lang if p.lang in IPHONE else "en"]
        st = p.sig_style
        comp = p.company
        if st == "oneline":
            return f"{p.name} | {p.title} | {p.dept}"
        if st == "dashdash":
            return f"-- \n{p.name}\n{p.title}, {p.dept}\n{comp}"
        if st == "minimal":
            return p.first
        lines = [p.name, p.title, p.dept if p.org != "competitor" else "", comp]
        if p.phone:
            lines.append(("Tel. " if p.lang == "de" else "Tél. " if p.lang == "fr" else "Tel: ") + p.phone)
        lines.append(p.email)
        return "\n".join(x for x in lines if x)

    def compose(self, sender: Person, to: Person | None, text: str, lang: str, client: str, closing=True):
        r = self.rng
        text = re.sub(r"([.?!] )([a-zà-ÿ])", lambda mm: mm.group(1) + mm.group(2).upper(), text)
        body = self.greeting(lang, to) + "\n\n" + text[0].upper() + text[1:] if text else self.greeting(lang, to)
        if closing:
            body += "\n\n" + r.choice(CLOSE[lang])
        blocks = [("p", body)]
        sender.tags_iphone = client == "apple" and sender.org == "customer" and r.random() < 0.5
        sig = self.signature(sender, client)
        blocks.append(("sig", sig))
        if sender.org == "customer" and self.cust["disclaimer"] and client in ("outlook", "lotus", "thunderbird"):
            blocks.append(("disc", DISCLAIMER[sender.lang if sender.lang in DISCLAIMER else "en"].format(company=sender.company)))
        return blocks

    def pick_client(self, p: Person) -> str:
        r = self.rng
        if p.org == "customer" and r.random() < 0.1:
            return "apple"
        return p.client

    def pick_lang(self, p: Person, allowed=("en", "de", "fr", "es")) -> str:
        if p.org == "customer" and p.lang != "en" and p.lang in allowed and self.rng.random() < p.writes_native:
            return p.lang
        return "en"

    def ui_lang(self, p: Person) -> str:
        return p.lang if p.org == "customer" else "en"

    # ---------------------------------------------------------------- subjects
    def reply_subject(self, subj, client, lang, fwd=False):
        if fwd:
            pre = {"outlook": {"en": "FW: ", "de": "WG: ", "fr": "TR : ", "es": "RV: "}.get(lang, "FW: "),
                   "lotus": "Fw: "}.get(client, "Fwd: ")
        else:
            pre = {"outlook": {"en": "RE: ", "de": "AW: ", "fr": "RE : ", "es": "RE: "}.get(lang, "RE: "),
                   "lotus": "Re: "}.get(client, "Re: ")
        if subj.lower().startswith(pre.strip().lower()):
            return subj
        if client == "gmail" and not fwd and re.match(r"(?i)re:\s", subj):
            return subj
        return pre + subj

    # ---------------------------------------------------------------- mail factory
    def add(self, sender, to, cc, subject, when, blocks, client, lang, parent=None, exported=True, **kw):
        m = Mail(sender=sender, to=list(to), cc=list(cc), subject=subject, when=when, blocks=blocks,
                 client=client, lang=lang, parent=parent, exported=exported, **kw)
        m.msgid = self.new_msgid(sender, client if client != "system" else sender.email.split("@")[1])
        if parent is not None and kw.get("threaded", True):
            m.in_reply_to = parent.msgid
            refs = parent.references + [parent.msgid]
            if client == "outlook" and len(refs) > 3:
                refs = refs[:1] + refs[-2:]
            m.references = [] if client == "lotus" else refs
        if exported:
            self.mails.append(m)
        return m

    def reply(self, parent: Mail, sender: Person, text: str, when, lang=None, to=None, cc=None,
              reply_all=True, style=None, **kw):
        r = self.rng
        client = self.pick_client(sender)
        lang = lang or self.pick_lang(sender)
        to = to if to is not None else [parent.sender]
        if cc is None:
            cc = [p for p in (parent.to + parent.cc) if p is not sender and p not in to] if reply_all else []
        greet_to = to[0] if len(to) == 1 else None
        blocks = self.compose(sender, greet_to, text, lang, client)
        if style is None:
            style = "bottom" if client == "thunderbird" and r.random() < 0.6 else "top"
        q = ("quote", "reply", parent)
        if style == "bottom":
            blocks = [q] + blocks
        elif style == "inline":
            blocks = [("inline", parent, text)] + blocks[1:]
        else:
            blocks = blocks + [q]
        subj = self.reply_subject(parent.subject, client, self.ui_lang(sender))
        return self.add(sender, to, cc, subj, when, blocks, client, lang, parent=parent, **kw)

    # ---------------------------------------------------------------- story
    def build_story(self):
        r = self.rng
        y = r.choice([2022, 2023, 2024])
        mo = r.randint(1, 12)
        self.start = dt.date(y, mo, r.randint(1, 20))
        self.months = r.randint(9, 15)
        self.end = self.start + dt.timedelta(days=int(self.months * 30.4))
        frac = r.uniform(0.30, 0.55)
        self.onset = self.start + dt.timedelta(days=int((self.end - self.start).days * frac))
        while self.onset.weekday() >= 5:
            self.onset += dt.timedelta(days=1)
        # ordinary traffic
        weeks = (self.end - self.start).days // 7
        extra = 1 if self.kind == "null" else 0
        self.case_no = self.seller["case_base"]
        self.ordinary_heads = []
        for w in range(weeks):
            for _ in range(r.randint(1, 3) + extra):
                day = self.start + dt.timedelta(days=7 * w + r.randint(0, 4))
                if day < self.end - dt.timedelta(days=3):
                    self.ordinary_thread(day)
        # decoys
        n_dec = r.randint(8, 12) if self.kind == "null" else r.randint(2, 5)
        for topic in r.sample(STRATEGIC_DECOYS, n_dec):
            self.decoy_thread(self.rand_day(self.start, self.end - dt.timedelta(days=5)), topic)
        for _ in range(r.randint(6, 12)):
            self.newsletter(self.rand_day(self.start, self.end))
        for _ in range(r.randint(4, 8)):
            self.invite(self.rand_day(self.start, self.end - dt.timedelta(days=10)))
        for _ in range(r.randint(5, 12)):
            self.noisy_mail(self.rand_day(self.start, self.end))
        # vision
        self.vision_ids = []
        if self.kind != "null":
            self.vision_story()

    def ordinary_thread(self, day, cat=None):
        r = self.rng
        cat = cat or r.choices(list(ORD_WEIGHTS), weights=list(ORD_WEIGHTS.values()))[0]
        spec = ORD[cat]
        depts = spec["depts"]
        cands = [c for c in self.customers if (c.dept in depts or (c.dept == self.it_dept and "IT" in depts))
                 and c is not self.exec]
        if not cands or r.random() < 0.3:
            cands = [self.primary, self.noisy] + [c for c in self.customers if c is not self.exec][:6]
        req = r.choice(cands)
        lang = self.pick_lang(req)
        if lang not in spec["body"]:
            lang = "en"
        client = self.pick_client(req)
        to_s = self.sellers[spec["to"]]
        kw = dict(dept=req.dept)
        subj = self.fill(r.choice(spec["subj"].get(lang, spec["subj"]["en"])), **kw)
        text = self.fill(r.choice(spec["body"][lang]), **kw)
        case = None
        if spec.get("case") and r.random() < 0.8:
            self.case_no += r.randint(3, 90)
            case = f"CASE-{self.case_no}"
        cc = []
        if r.random() < 0.35 and req is not self.primary:
            cc.append(self.primary)
        if to_s is not self.am and r.random() < 0.3:
            cc.append(self.am)
        if r.random() < 0.15:
            cc.append(r.choice(self.customers[:-1]))
        cc = [c for i, c in enumerate(cc) if c is not req and c not in cc[:i]]
        t0 = self.biz_time(day, req.tz)
        self._now = day
        blocks = self.compose(req, to_s, text, lang, client)
        m0 = self.add(req, [to_s], cc, subj, t0, blocks, client, lang)
        m0.tags = dict(role="ordinary", category=cat, case=case, log=True)
        self.ordinary_heads.append(m0)
        t = t0
        if case:
            t = t + dt.timedelta(minutes=r.randint(1, 4))
            self.helpdesk(m0, case, t, "created")
        # seller reply
        t = self.after(t, to_s.tz, 20, 30)
        rtext = self.fill(r.choice(spec["reply"]), **kw)
        subj_parent = m0
        if case and r.random() < 0.9:
            m0.case_subject = f"[{case}] {subj}"
        style = "inline" if (r.random() < 0.12 and self.seller["client"] == "gmail") else None
        m1 = self.reply(m0, to_s, rtext, t, style=style)
        if case:
            m1.subject = self.reply_subject(f"[{case}] {subj}", m1.client, "en")
        m1.tags = dict(role="seller_reply", category=cat)
        if r.random() < 0.06:
            self.ooo(m1)
        last = m1
        rounds = 0
        while r.random() < 0.45 and rounds < 3:
            rounds += 1
            t = self.after(last.when, req.tz, 30, 60)
            fu_lang = self.pick_lang(req)
            mt = r.choice(FOLLOWUP.get(fu_lang, FOLLOWUP["en"]))
            fu = self.reply(last, req, mt, t, lang=fu_lang)
            fu.tags = dict(role="followup", category=cat)
            t = self.after(t, to_s.tz, 30, 40)
            sr = self.reply(fu, to_s, self.fill(r.choice(SELLER_FU)), t)
            sr.tags = dict(role="seller_reply", category=cat)
            last = sr
        if r.random() < 0.2:
            t = self.after(last.when, req.tz, 30, 30)
            th = self.reply(last, req, r.choice(THANKS.get(lang, THANKS["en"])), t, lang=lang)
            th.tags = dict(role="thanks")
            last = th
        if r.random() < 0.07 and to_s is not self.am:
            self.escalation(req, last, lang)
        if case and r.random() < 0.7:
            self.helpdesk(m0, case, self.after(last.when, "UK", 60, 48), "resolved")
        return m0

    def escalation(self, req, last, lang):
        r = self.rng
        client = self.pick_client(req)
        note = {"en": "forwarding the thread below – this is still not resolved on our side. Can you please escalate?",
                "de": "ich leite Ihnen den Verlauf weiter – das Thema ist bei uns noch nicht gelöst. Können Sie bitte eskalieren?",
                "fr": "je vous transfère l'échange ci-dessous – le sujet n'est toujours pas résolu chez nous. Pouvez-vous escalader ?",
                "es": "les reenvío el hilo – el tema sigue sin resolverse. ¿Pueden escalarlo, por favor?"}[lang]
        blocks = self.compose(req, self.am, note, lang, client) + [("quote", "forward", last)]
        m = self.add(req, [self.am], [], self.reply_subject(last.subject, client, self.ui_lang(req), fwd=True),
                     self.after(last.when, req.tz, 60 * 24, 24 * 5), blocks, client, lang)
        m.tags = dict(role="escalation_forward")

    def helpdesk(self, m0, case, when, what):
        r = self.rng
        sysp = Person("Support", "", f"noreply@{self.seller['helpdesk']}", "", "", "system", "en", "system", "UK",
                      self.seller["name"])
        sysp.display = f"{self.seller['name']} Support"
        se = self.sellers["se"]
        if what == "created":
            text = (f"Dear {m0.sender.first},\n\nthank you for contacting {self.seller['name']} Support. Your request has been "
                    f"logged as case {case} with priority P{r.randint(2, 4)}.\n\nSubject: {m0.subject}\n\nYou can follow the "
                    f"status at https://{self.seller['helpdesk']}/cases/{case.split('-')[1]}\n\nPlease do not reply to this "
                    f"message; reply above this line to add a comment.\n\n## Case {case} ##")
            subj = f"[{case}] Case created: {m0.subject}"
        else:
            text = (f"Dear {m0.sender.first},\n\ncase {case} has been marked as resolved by {se.name}. If the issue "
                    f"persists, simply reply to this e-mail within 14 days to reopen it.\n\nHow did we do? Rate us: "
                    f"https://{self.seller['helpdesk']}/csat/{case.split('-')[1]}\n\n## Case {case} ##")
            subj = f"[{case}] Case resolved: {m0.subject}"
        m = self.add(sysp, [m0.sender], [se], subj, when, [("p", text)], "system", "en", parent=m0, threaded=False)
        m.extra_headers = [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"),
                           ("X-Ticket-ID", case), ("Precedence", "bulk")]
        m.tags = dict(role="helpdesk", case=case)
        m.html_only = r.random() < 0.5
        return m

    def ooo(self, m_to_customer):
        r = self.rng
        who = m_to_customer.to[0]
        if who.org != "customer":
            return
        lang = who.lang if who.lang in ("de", "fr", "es") and r.random() < 0.7 else "en"
        until = m_to_customer.when.date() + dt.timedelta(days=r.randint(3, 14))
        txt = {"en": f"Thank you for your message. I am out of the office until {until:%d %B %Y} with limited access to e-mail. For urgent matters please contact {self.primary.email}.",
               "de": f"Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich {until:%d.%m.%Y} nicht im Büro. In dringenden Fällen wenden Sie sich bitte an {self.primary.email}.",
               "fr": f"Merci pour votre message. Je suis absent(e) jusqu'au {until:%d/%m/%Y}. Pour toute urgence, merci de contacter {self.primary.email}.",
               "es": f"Gracias por su mensaje. Estaré fuera de la oficina hasta el {until:%d/%m/%Y}. Para asuntos urgentes, contacte con {self.primary.email}."}[lang]
        pre = {"en": "Automatic reply: ", "de": "Automatische Antwort: ", "fr": "Réponse automatique : ",
               "es": "Respuesta automática: "}[lang]
        if who.client == "lotus":
            pre = {"en": "Out of Office: ", "de": "Abwesenheitsnotiz: ", "fr": "Absent(e) : ", "es": "Fuera de la oficina: "}[lang]
        m = self.add(who, [m_to_customer.sender], [], pre + m_to_customer.subject,
                     m_to_customer.when + dt.timedelta(seconds=r.randint(5, 90)), [("p", txt)], who.client, lang,
                     parent=m_to_customer)
        m.extra_headers = [("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")]
        m.tags = dict(role="ooo")

    def decoy_thread(self, day, topic):
        r = self.rng
        subj, text = topic
        req = r.choice([self.primary, self.noisy] + [c for c in self.customers if c is not self.exec])
        client = self.pick_client(req)
        to_s = r.choice([self.am, self.sellers["csm"], self.sellers["sa"]])
        t0 = self.biz_time(day, req.tz)
        m0 = self.add(req, [to_s], [], subj, t0, self.compose(req, to_s, text, "en", client), client, "en")
        m0.tags = dict(role="strategic_decoy", log=True)
        t = self.after(t0, to_s.tz, 60, 48)
        m1 = self.reply(m0, to_s, "thanks for the question. I will come back with a short written statement from our product team.", t)
        m1.tags = dict(role="seller_reply")

    def newsletter(self, day):
        r = self.rng
        nname, naddr, titles = r.choice(NEWSLETTERS)
        sysp = Person(nname, "", naddr, "", "", "external", "en", "system", "USE", nname)
        sysp.display = nname
        rcpt = r.choice(list(self.sellers.values()))
        title = r.choice(titles)
        text = (f"{title}\n\nThis week: analysts say buyers want fewer, broader platforms; pricing is shifting from seats "
                f"to usage; and 'digital twin' is the most searched term of the quarter.\n\nRead more: "
                f"https://{naddr.split('@')[1]}/issue/{r.randint(100, 999)}\n\nYou receive this newsletter because you "
                f"subscribed at {naddr.split('@')[1]}. Unsubscribe: https://{naddr.split('@')[1]}/u?id={r.randint(10 ** 6, 10 ** 7)}")
        m = self.add(sysp, [rcpt], [], f"{nname}: {title}", self.biz_time(day, "USE", 5, 8), [("p", text)], "system", "en")
        m.extra_headers = [("List-Unsubscribe", f"<https://{naddr.split('@')[1]}/u>, <mailto:unsubscribe@{naddr.split('@')[1]}>"),
                           ("List-Id", f"{nname} <news.{naddr.split('@')[1]}>"), ("Precedence", "bulk")]
        m.html_only = True
        m.tags = dict(role="newsletter")

    def invite(self, day):
        r = self.rng
        org = r.choice([self.am, self.sellers["csm"]])
        att = [self.primary] + r.sample(self.customers[1:6], 2)
        title = r.choice(["Quarterly business review", "Admin training session", "Roadmap webinar", "Service review"])
        t0 = self.biz_time(day, org.tz)
        start = self.biz_time(day + dt.timedelta(days=r.randint(5, 20)), org.tz, 9, 16)
        uid = hashlib.md5(f"{self.seed}{t0}{title}".encode()).hexdigest()
        ics = ("BEGIN:VCALENDAR\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\nVERSION:2.0\nMETHOD:REQUEST\n"
               f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:{t0:%Y%m%dT%H%M%SZ}\nDTSTART:{start:%Y%m%dT%H%M%SZ}\n"
               f"DTEND:{start + dt.timedelta(hours=1):%Y%m%dT%H%M%SZ}\nSUMMARY:{title}\n"
               f"ORGANIZER;CN=\"{org.name}\":mailto:{org.email}\n" +
               "".join(f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE;CN=\"{fold_ascii(a.name)}\":mailto:{a.email}\n" for a in att) +
               "LOCATION:Microsoft Teams Meeting\nEND:VEVENT\nEND:VCALENDAR\n")
        text = (f"{title}\n\nWhen: {outlook_date(local(start, org.tz), 'en')} ({tz_abbr(start, org.tz)})\nWhere: Microsoft Teams Meeting\n\n"
                f"________________________________________________________________________________\nJoin on your computer or mobile app\n"
                f"Click here to join the meeting <https://teams.microsoft.com/l/meetup-join/{uid}>\n"
                "________________________________________________________________________________")
        m = self.add(org, att, [], title, t0, [("p", text)], "outlook", "en", calendar=ics)
        m.tags = dict(role="invite")
        a = att[0]
        lang = a.lang if a.lang in ("de", "fr", "es") and r.random() < 0.6 else "en"
        pre = {"en": "Accepted: ", "de": "Angenommen: ", "fr": "Accepté : ", "es": "Aceptado: "}[lang]
        acc_ics = ics.replace("METHOD:REQUEST", "METHOD:REPLY").replace("RSVP=TRUE", "PARTSTAT=ACCEPTED")
        m2 = self.add(a, [org], [], pre + title, self.after(t0, a.tz, 10, 20), [("p", "")], "outlook", lang,
                      parent=m, calendar=acc_ics)
        m2.tags = dict(role="invite_reply")

    def noisy_mail(self, day):
        r = self.rng
        n = self.noisy
        cands = [h for h in self.ordinary_heads if abs((h.when.date() - day).days) < 20]
        texts = ["Thanks!", "+1, same here.", "Adding my colleague in cc.", "Did anyone look at this yet??",
                 "Quick one – can we discuss this in our call on Thursday?", "Ok :)"]
        if cands:
            h = r.choice(cands)
            m = self.reply(h, n, r.choice(texts), self.after(h.when, n.tz, 30, 24),
                           to=[self.am], cc=[p for p in h.cc if p is not n])
        else:
            m = self.add(n, [self.am], [], "Quick question", self.biz_time(day, n.tz),
                         self.compose(n, self.am, "Are you in the office next week? Would like to grab a coffee.",
                                      "en", n.client), n.client, "en")
        m.tags = dict(role="noise")

    # ---------------------------------------------------------------- vision story
    def vision_story(self):
        r = self.rng
        k, diff = self.kind, self.difficulty
        phrases = self.phrases
        usage = dict.fromkeys(phrases, 0)

        def pick_phr(n):
            order = sorted(phrases, key=lambda p: (usage[p], r.random()))
            ch = order[:n]
            for p in ch:
                usage[p] += 1
            r.shuffle(ch)
            return ch

        cfirst = self.primary.first
        # originals (source mails to customer staff, not exported unless direct)
        origs = []
        n_orig = r.randint(3, 5)
        t = self.biz_time(self.onset, self.cust["tz"], 9, 12)
        for i in range(n_orig):
            if k == "new_exec":
                src = self.exec
            elif k == "it_dept":
                src = self.source_members[i % len(self.source_members)]
            else:
                src = self.comp["reps"][i % len(self.comp["reps"])]
            subj_t, body_t = ORIGINALS[k][i % len(ORIGINALS[k])]
            p1, p2, p3 = pick_phr(3)
            prods = self.comp["products"] if self.comp else [self.seller["product"]]
            self._now = t.date()
            fill = dict(p1=p1, p2=p2, p3=p3, cfirst=cfirst, product=prods[i % len(prods)],
                        product2=prods[(i + 1) % len(prods)] if len(prods) > 1 else f"the {prods[0]} platform",
                        date2=self.later())
            core = body_t.format(**fill)
            subj = subj_t.format(**fill)
            tos = [self.primary] + [x for x in self.relays[1:] if r.random() < 0.5]
            client = self.pick_client(src)
            close = r.choice(CLOSE["en"])
            blocks = [("p", core + "\n\n" + close), ("sig", self.signature(src, client))]
            o = self.add(src, tos, [], subj, t, blocks, client, "en", exported=False)
            o.core = core
            o.phr = [p1, p2, p3]
            o.tags = dict(role="source_original")
            origs.append(o)
            span = max(10, int((self.end - self.onset).days * 0.6))
            t = self.biz_time(self.rand_day(self.onset + dt.timedelta(days=3 + i * span // n_orig),
                                            self.onset + dt.timedelta(days=(i + 1) * span // n_orig)), self.cust["tz"])
        self.origs = origs
        self.first_vision_date = origs[0].when
        # new_exec intro shortly before onset
        if k == "new_exec":
            ex = self.exec
            d = self.onset - dt.timedelta(days=r.randint(0, 10))
            ti = self.biz_time(d, ex.tz, 8, 10)
            if ti > origs[0].when:
                ti = origs[0].when - dt.timedelta(hours=1)
            text = (f"let me introduce myself: I joined {self.cust['name']} as {ex.title} this month. I look forward to "
                    f"working with you and would appreciate a short introductory call in the coming weeks.")
            mi = self.add(ex, [self.am], [self.primary], "Introduction", ti,
                          self.compose(ex, self.am, text, "en", self.pick_client(ex)), self.pick_client(ex), "en")
            mi.tags = dict(role="source_intro")
            mr = self.reply(mi, self.am, f"welcome to {self.cust['name']}! I would be delighted to set up a call – how about next Tuesday?",
                            self.after(ti, self.am.tz, 60, 24))
            mr.tags = dict(role="seller_reply")
        # relay stream
        n_rel = r.randint(14, 24)
        modes_by_diff = {"easy": (["forward", "named", "pasted", "retold"], [0.5, 0.4, 0.05, 0.05]),
                         "medium": (["forward", "named", "pasted", "retold"], [0.25, 0.2, 0.25, 0.3]),
                         "hard": (["forward", "named", "pasted", "retold"], [0, 0, 0.45, 0.55])}[diff]
        n_cc_source = 0
        days = sorted([self.rand_day(self.onset + dt.timedelta(days=1), self.onset + dt.timedelta(days=5))] +
                      [self.rand_day(self.onset + dt.timedelta(days=2), self.end - dt.timedelta(days=3)) for _ in range(n_rel - 1)])
        for i, day in enumerate(days):
            relay = self.primary if r.random() < 0.55 else r.choice(self.relays)
            rt = self.biz_time(day, relay.tz)
            avail = [o for o in origs if o.when < rt - dt.timedelta(hours=2)]
            if not avail:
                avail = origs[:1]
                rt = self.after(origs[0].when, relay.tz, 120, 30)
            # mostly the most recent originals, sometimes an older one
            o = avail[-1] if r.random() < 0.5 else r.choice(avail)
            mode = r.choices(*modes_by_diff)[0]
            if mode == "pasted" and k != "competitor" and r.random() < 0.2 and diff != "hard":
                mode = "retold"
            cat = r.choice(VISION_CATS)
            self.relay_mail(relay, o, mode, cat, rt, pick_phr)
        # direct source mails (non-hard); cameo appearances (hard)
        if diff != "hard":
            n_direct = r.randint(2, 4) if diff == "easy" else r.randint(1, 3)
            for i in range(n_direct):
                o = origs[i % len(origs)]
                self.direct_source_mail(o, pick_phr, i)
        else:
            self.hard_cameos()
        # vision phone rows in the log
        for _ in range(r.randint(2, 4)):
            relay = r.choice(self.relays)
            ph = r.choice(phrases)
            d = self.rand_day(self.onset + dt.timedelta(days=3), self.end)
            self.log_extra.append(dict(date=d, who=relay, channel=r.choice(["Phone", "Teams", "Meeting"]),
                                       summary=r.choice([f"Call: questions on {ph}", f"Asked for a view on {ph} (pricing + roadmap)",
                                                         f"Meeting – {ph}, follow-up needed"]), vision=True, phrase=ph))

    def source_name_fill(self, o):
        src = o.sender
        if self.kind == "new_exec":
            return dict(short=self.exec.short, first=src.first, last=src.last, title=src.title)
        if self.kind == "it_dept":
            return dict(dept=self.it_dept, first=src.first, last=src.last)
        return dict(comp=self.comp["name"], product=self.rng.choice(self.comp["products"]))

    def relay_mail(self, relay, o, mode, cat, when, pick_phr):
        r = self.rng
        self._now = when.date()
        lang = self.pick_lang(relay)
        client = self.pick_client(relay)
        to_s = r.choice([self.am, self.am, self.sellers["sa"], self.sellers["csm"]])
        phr = list(o.phr)
        r.shuffle(phr)
        extra = pick_phr(1)[0]
        if extra not in phr:
            phr.insert(r.randint(0, 1), extra)
        prods = self.comp["products"] if self.comp else []
        fill = dict(p1=phr[0], p2=phr[1], p3=phr[2], P1=phr[0][0].upper() + phr[0][1:], product=self.seller["product"])
        ask = self.fill(VBODY[cat][lang], **fill)
        subj = self.fill(r.choice(VSUBJ[cat]), **fill)
        cc = []
        if relay is not self.primary and r.random() < 0.5:
            cc.append(self.primary)
        used_phr = [p for p in phr if p in ask]
        src_fill = self.source_name_fill(o)
        if mode == "forward":
            note = r.choice(FWD_NOTE[lang])
            text = note + ask
            blocks = self.compose(relay, to_s, text, lang, client) + [("quote", "forward", o)]
            subj = self.reply_subject(o.subject, client, self.ui_lang(relay), fwd=True)
            used_phr = sorted(set(used_phr) | set(o.phr), key=phr.index)
        elif mode == "named":
            intro = r.choice(NAMED_INTRO[self.kind].get(lang, NAMED_INTRO[self.kind]["en"]))
            intro = intro.format(p1=phr[0], **src_fill)
            text = intro + ask if not intro.endswith(", ") else intro + ask
            blocks = self.compose(relay, to_s, text, lang, client)
        elif mode == "pasted":
            core = o.core
            # strip greeting line and keep the idea paragraphs (no header, no name)
            paras = [p for p in core.split("\n\n")[1:] if p.strip()]
            if self.kind == "competitor":
                paras = [p.replace(self.comp["name"], "they") for p in paras]
            pasted = "\n\n".join(paras)
            style = r.choice(["gt", "plain", "quotes"])
            blocks = self.compose(relay, to_s, ask + "\n\n" + r.choice(PASTE_INTRO[lang]), lang, client, closing=False)
            closing = ("p", r.choice(CLOSE[lang]))
            blocks = [blocks[0], ("paste", pasted, style), closing] + blocks[1:]
            used_phr = sorted(set(used_phr) | set(o.phr), key=phr.index)
        else:  # retold
            lead = r.choice(RETOLD[lang]).format(p1=phr[2])
            if self.kind == "competitor" and prods and r.random() < 0.5:
                lead += {"en": f"One vendor showed us {r.choice(prods)} in this context. ",
                         "de": f"Ein Anbieter hat uns dazu {r.choice(prods)} gezeigt. ",
                         "fr": f"Un éditeur nous a montré {r.choice(prods)} dans ce contexte. ",
                         "es": f"Un proveedor nos mostró {r.choice(prods)} en este contexto. "}[lang]
            text = lead + ask[0].lower() + ask[1:] if lang == "en" else lead + ask
            blocks = self.compose(relay, to_s, text, lang, client)
            used_phr = [p for p in phr if p in text]
        m = self.add(relay, [to_s], cc, subj, when, blocks, client, lang)
        if cat == "rfp" and r.random() < 0.6:
            m.attachments.append((r.choice(["Questionnaire_vendor_review.xlsx", "Fragebogen Lieferantenprüfung (Entwurf).xlsx",
                                            "Questionnaire évaluation fournisseurs.xlsx", "Cuestionario_evaluación_proveedores.xlsx"]),
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04" + bytes(r.randrange(256) for _ in range(64))))
        m.tags = dict(role="vision", mode=mode, category=cat, original=o.msgid, phrases=used_phr, log=True)
        self.vision_ids.append(m)
        # seller reply + optional follow-up
        t = self.after(when, to_s.tz, 60, 48)
        if to_s is self.am and r.random() < 0.3:
            sa = self.sellers["sa"]
            blocks = self.compose(self.am, sa, r.choice(["can you take this one? Customer wants a written answer.",
                                                           "FYI – strategic question from the customer, let's discuss tomorrow.",
                                                           "could you draft a reply? I'll review before it goes out."]), "en",
                                  self.am.client) + [("quote", "forward", m)]
            fw = self.add(self.am, [sa], [], self.reply_subject(m.subject, self.am.client, "en", fwd=True),
                          self.after(when, self.am.tz, 15, 6), blocks, self.am.client, "en")
            fw.tags = dict(role="seller_internal_forward")
        sr = self.reply(m, to_s, self.fill(r.choice(SELLER_VREPLY), p1=phr[0]), t)
        sr.tags = dict(role="seller_vision_reply")
        if r.random() < 0.3:
            fu = self.reply(sr, relay, r.choice(FOLLOWUP["en"][:2]), self.after(t, relay.tz, 60 * 24, 24 * 6), lang="en")
            fu.tags = dict(role="vision_followup")
        return m

    def direct_source_mail(self, o, pick_phr, i):
        r = self.rng
        k = self.kind
        when = self.after(o.when, self.cust["tz"], 60 * 3, 24 * 6)
        if k in ("new_exec", "it_dept"):
            src = o.sender
            cat = r.choice(["roadmap", "architecture", "what_if"])
            phr = list(o.phr)
            fill = dict(p1=phr[0], p2=phr[1], p3=phr[2], P1=phr[0][0].upper() + phr[0][1:], product=self.seller["product"])
            client = self.pick_client(src)
            to_s = r.choice([self.am, self.sellers["sa"]])
            blocks = self.compose(src, to_s, self.fill(VBODY[cat]["en"], **fill), "en", client)
            m = self.add(src, [to_s], [self.primary], self.fill(r.choice(VSUBJ[cat]), **fill), when, blocks, client, "en")
            m.tags = dict(role="vision", mode="direct_source", category=cat, original=o.msgid,
                          phrases=[p for p in phr if p in self.fill(VBODY[cat]["en"], **fill)], log=True)
            self.vision_ids.append(m)
            sr = self.reply(m, to_s, self.fill(r.choice(SELLER_VREPLY), p1=phr[0]), self.after(when, to_s.tz, 60, 30))
            sr.tags = dict(role="seller_vision_reply")
        else:
            # competitor replies-all in a joint integration-workshop thread that includes the seller
            rep = o.sender
            if not hasattr(self, "workshop"):
                self.workshop = self.workshop_thread(when - dt.timedelta(days=2))
            parent = self.workshop
            client = self.pick_client(rep)
            blocks = [("p", o.core + "\n\n" + r.choice(CLOSE["en"])), ("sig", self.signature(rep, client)),
                      ("quote", "reply", parent)]
            m = self.add(rep, [self.primary], [self.am] + [c for c in parent.cc if c is not self.am],
                         self.reply_subject(parent.subject, client, "en"), when, blocks, client, "en", parent=parent)
            m.tags = dict(role="source_direct", phrases=list(o.phr))

    def workshop_thread(self, when):
        r = self.rng
        rep = self.comp["reps"][0]
        when = self.biz_time(when.date(), self.cust["tz"])
        text = (f"as announced, we are organising a joint integration workshop with our software vendors on "
                f"{r.randint(1, 28)} {r.choice(MONTHS['en'])}. Agenda and dial-in to follow. Please confirm who will attend from your side.")
        client = self.pick_client(self.primary)
        m = self.add(self.primary, [self.am, rep], [self.sellers["sa"]], "Joint integration workshop", when,
                     self.compose(self.primary, None, text, "en", client), client, "en")
        m.tags = dict(role="workshop_invite")
        return m

    def hard_cameos(self):
        r = self.rng
        k = self.kind
        vis = [m for m in self.vision_ids]
        if k in ("new_exec", "it_dept"):
            srcs = [self.exec] if k == "new_exec" else self.source_members
            for m in r.sample(vis, min(len(vis), r.randint(1, 2))):
                s = r.choice(srcs)
                if s not in m.cc and s is not m.sender:
                    m.cc.append(s)
                    m.tags["source_cc"] = s.email
            if k == "new_exec":
                ex = self.exec
                d = self.rand_day(self.onset + dt.timedelta(days=20), self.end - dt.timedelta(days=5))
                client = self.pick_client(ex)
                m = self.add(ex, [self.am], [], "Dinner invitation – thank you", self.biz_time(d, ex.tz),
                             self.compose(ex, self.am, "thank you for the dinner invitation, unfortunately I am travelling that week. Let's find another date.", "en", client), client, "en")
                m.tags = dict(role="source_unrelated")
        else:
            ws = self.workshop_thread(dt.datetime.combine(self.rand_day(self.onset, self.end - dt.timedelta(days=15)), dt.time(10), UTC))
            rep = self.comp["reps"][0]
            client = self.pick_client(rep)
            blocks = [("p", f"Hi {self.primary.first},\n\nthanks – I will attend in person, together with a colleague from our integration team.\n\n{r.choice(CLOSE['en'])}"),
                      ("sig", self.signature(rep, client)), ("quote", "reply", ws)]
            m = self.add(rep, [self.primary], [self.am, self.sellers["sa"]], self.reply_subject(ws.subject, client, "en"),
                         self.after(ws.when, rep.tz, 60, 30), blocks, client, "en", parent=ws)
            m.tags = dict(role="source_unrelated")

    # ================================================================= rendering
    def addr(self, p: Person, cs_mode=None) -> str:
        r = self.rng
        name = p.display
        if not name:
            return p.email
        if all(ord(c) < 128 for c in name):
            if re.search(r'[,.()<>@;:"\[\]]', name):
                return '"' + name.replace('"', '\\"') + '" <' + p.email + ">"
            return f"{name} <{p.email}>"
        cs, mode = cs_mode or (r.choice(["utf-8", "UTF-8", "iso-8859-1"]), r.choice(["Q", "B"]))
        if not can_encode(name, PY_CS.get(cs.lower(), "utf-8")):
            cs = "utf-8"
        return encode_word(name, cs, mode) + " <" + p.email + ">"

    def addr_list(self, ps) -> str:
        parts = [self.addr(p) for p in ps]
        out, line = [], 0
        for i, a in enumerate(parts):
            out.append(a)
        return ",\n ".join(out) if sum(len(a) for a in parts) > 70 else ", ".join(out)

    def enc_subject(self, s, client):
        r = self.rng
        if all(ord(c) < 128 for c in s):
            if len(s) > 70 and " " in s[40:]:
                cut = s.index(" ", 40)
                return s[:cut] + "\n" + s[cut:]
            return s
        cs = {"outlook": "utf-8", "gmail": "UTF-8", "thunderbird": "UTF-8", "lotus": "iso-8859-1"}.get(client, "utf-8")
        if client == "outlook" and r.random() < 0.4:
            cs = "iso-8859-1"
        if not can_encode(s, PY_CS.get(cs.lower(), "utf-8")):
            cs = "utf-8"
        mode = "B" if client in ("outlook", "gmail") else "Q"
        return encode_word(s, cs, mode)

    # ---- quote headers
    def quote_header(self, m: Mail, mode: str, q: Mail):
        """Return (lines, gt) for quoting q inside m according to m's client / UI language."""
        r = self.rng
        client = m.client
        lang = self.ui_lang(m.sender) if m.sender.org == "customer" else "en"
        qd = local(q.when, m.sender.tz if m.sender.tz in TZ else "UK")
        s = q.sender
        to_names = lambda ps: "; ".join(f"{p.display} <{p.email}>" if r.random() < 0.5 else p.display for p in ps)
        if client in ("outlook", "system"):
            lab = {"en": ("From:", "Sent:", "To:", "Cc:", "Subject:"), "de": ("Von:", "Gesendet:", "An:", "Cc:", "Betreff:"),
                   "fr": ("De :", "Envoyé :", "À :", "Cc :", "Objet :"), "es": ("De:", "Enviado el:", "Para:", "CC:", "Asunto:")}[lang]
            v = r.random()
            if v < 0.5:
                frm = f"{s.display} <{s.email}>"
            elif v < 0.7:
                frm = f"{s.display} [mailto:{s.email}]"
            elif v < 0.85 or self.difficulty == "easy":
                frm = f"{s.name} <{s.email}>"
            else:
                frm = s.display
            lines = []
            if lang == "en" and r.random() < 0.3:
                lines.append("-----Original Message-----")
            else:
                lines.append("_" * 32)
            lines += [f"{lab[0]} {frm}", f"{lab[1]} {outlook_date(qd, lang)}", f"{lab[2]} {to_names(q.to)}"]
            if q.cc:
                lines.append(f"{lab[3]} {to_names(q.cc)}")
            lines.append(f"{lab[4]} {q.subject}")
            return lines, False
        if client == "gmail":
            if mode == "reply":
                a = {"en": "On {d} {n} <{e}> wrote:", "de": "Am {d} schrieb {n} <{e}>:", "fr": "Le {d}, {n} <{e}> a écrit :",
                     "es": "El {d}, {n} (<{e}>) escribió:"}[lang].format(d=gmail_date(qd, lang), n=s.name, e=s.email)
                return [a], True
            lab = {"en": ("From:", "Date:", "Subject:", "To:"), "de": ("Von:", "Date:", "Subject:", "To:"),
                   "fr": ("De :", "Date:", "Subject:", "To:"), "es": ("De:", "Date:", "Subject:", "To:")}[lang]
            hdr = {"en": "---------- Forwarded message ---------", "de": "---------- Weitergeleitete Nachricht ---------",
                   "fr": "---------- Forwarded message ---------", "es": "---------- Forwarded message ---------"}[lang]
            return [hdr, f"{lab[0]} {s.name} <{s.email}>", f"{lab[1]} {gmail_date(qd, lang)}", f"{lab[2]} {q.subject}",
                    f"{lab[3]} " + ", ".join(f"{p.name} <{p.email}>" for p in q.to)], False
        if client == "apple":
            if mode == "reply":
                a = {"en": f"On {qd.day} {MONTHS['en'][qd.month - 1][:3]} {qd.year}, at {qd:%H:%M}, {s.name} <{s.email}> wrote:",
                     "de": f"Am {qd:%d.%m.%Y} um {qd:%H:%M} schrieb {s.name} <{s.email}>:",
                     "fr": f"Le {qd.day} {MONTHS['fr'][qd.month - 1]} {qd.year} à {qd:%H:%M}, {s.name} <{s.email}> a écrit :",
                     "es": f"El {qd.day} {MONTHS['es'][qd.month - 1][:3]} {qd.year}, a las {qd:%H:%M}, {s.name} <{s.email}> escribió:"}[lang]
                return [a], True
            tzn = tz_abbr(q.when, m.sender.tz, lang)
            hd = {"en": ("Begin forwarded message:", "From:", "Subject:", "Date:", "To:",
                         f"{qd.day} {MONTHS['en'][qd.month - 1]} {qd.year} at {qd:%H:%M:%S} {tzn}"),
                  "de": ("Anfang der weitergeleiteten Nachricht:", "Von:", "Betreff:", "Datum:", "An:",
                         f"{qd.day}. {MONTHS['de'][qd.month - 1]} {qd.year} um {qd:%H:%M:%S} {tzn}"),
                  "fr": ("Début du message réexpédié :", "De:", "Objet:", "Date:", "À:",
                         f"{qd.day} {MONTHS['fr'][qd.month - 1]} {qd.year} à {qd:%H:%M:%S} UTC{qd:%z}"),
                  "es": ("Inicio del mensaje reenviado:", "De:", "Asunto:", "Fecha:", "Para:",
                         f"{qd.day} de {MONTHS['es'][qd.month - 1]} de {qd.year}, {qd:%H:%M:%S} {tzn}")}[lang]
            return [hd[0], "", f"{hd[1]} {s.name} <{s.email}>", f"{hd[2]} {q.subject}", f"{hd[3]} {hd[5]}",
                    f"{hd[4]} " + ", ".join(f"{p.name} <{p.email}>" for p in q.to)], True
        if client == "thunderbird":
            if mode == "reply":
                a = {"en": f"On {qd:%d/%m/%Y %H:%M}, {s.name} wrote:", "de": f"Am {qd:%d.%m.%y} um {qd:%H:%M} schrieb {s.name}:",
                     "fr": f"Le {qd:%d/%m/%Y} à {qd:%H:%M}, {s.name} a écrit :", "es": f"El {qd.day}/{qd.month}/{qd:%y} a las {qd:%H:%M}, {s.name} escribió:"}[lang]
                return [a], True
            hd = {"en": ("-------- Forwarded Message --------", "Subject:", "Date:", "From:", "To:"),
                  "de": ("-------- Weitergeleitete Nachricht --------", "Betreff:", "Datum:", "Von:", "An:"),
                  "fr": ("-------- Message transféré --------", "Sujet :", "Date :", "De :", "Pour :"),
                  "es": ("-------- Mensaje reenviado --------", "Asunto:", "Fecha:", "De:", "Para:")}[lang]
            return [hd[0], f"{hd[1]} \t{q.subject}", f"{hd[2]} \t{rfc_date(local(q.when, q.sender.tz if q.sender.tz in TZ else 'UK'))}",
                    f"{hd[3]} \t{s.name} <{s.email}>", f"{hd[4]} \t" + ", ".join(f"{p.name} <{p.email}>" for p in q.to)], False
        # lotus
        notes = lambda p: p.notes if (p.org == "customer" and p.notes) else f'"{p.name}" <{p.email}>'
        nd = f"{qd:%d.%m.%Y %H:%M}" if lang != "en" else f"{qd:%m/%d/%Y %I:%M %p}"
        if mode == "reply":
            return [f"{notes(s)} wrote on {nd}:", "", f"From:\t{notes(s)}", "To:\t" + ", ".join(notes(p) for p in q.to),
                    f"Date:\t{nd}", f"Subject:\t{q.subject}"], True
        md = local(m.when, m.sender.tz)
        return [f"----- Forwarded by {notes(m.sender)} on {md:%d.%m.%Y %H:%M} -----", "", f"From:\t{notes(s)}",
                "To:\t" + ", ".join(notes(p) for p in q.to), f"Date:\t{nd}", f"Subject:\t{q.subject}"], False

    # ---- plain text rendering
    def render_plain(self, m: Mail, depth=0) -> str:
        out = []
        for b in m.blocks:
            if b[0] in ("p", "disc"):
                if b[1]:
                    out.append(b[1])
            elif b[0] == "sig":
                out.append(b[1])
            elif b[0] == "paste":
                txt, style = b[1], b[2]
                if style == "gt":
                    txt = "\n".join("> " + l if l else ">" for l in txt.split("\n"))
                elif style == "quotes":
                    txt = "\u201c" + txt + "\u201d"
                out.append(txt)
            elif b[0] == "quote":
                if depth >= 3:
                    continue
                lines, gt = self.qcache(m, b)
                inner = self.render_plain(b[2], depth + 1)
                if gt:
                    inner = "\n".join((">" + l if l.startswith(">") else "> " + l) if l else ">" for l in inner.split("\n"))
                out.append("\n".join(lines) + "\n\n" + inner)
            elif b[0] == "inline":
                out.append(self.render_inline(m, b))
        return "\n\n".join(out)

    def render_inline(self, m, b):
        q, ans = b[1], b[2]
        lines, _ = self.qcache(m, ("quote", "reply", q))
        segs = [lines[0]] if len(lines) == 1 else [f"On {local(q.when, 'UK'):%d/%m/%Y %H:%M}, {q.sender.name} wrote:"]
        qtext = next((x[1] for x in q.blocks if x[0] == "p"), "")
        paras = [p for p in qtext.split("\n\n") if p.strip()]
        done = False
        for j, p in enumerate(paras):
            segs.append("\n".join("> " + l for l in p.split("\n")))
            if j == 1:
                segs.append(ans[0].upper() + ans[1:])
                done = True
        if not done:
            segs.append(ans[0].upper() + ans[1:])
        return "\n\n".join(segs)

    def qcache(self, m, b):
        key = (m.msgid, b[2].msgid, b[1])
        if key not in self._qc:
            self._qc[key] = self.quote_header(m, b[1], b[2])
        return self._qc[key]

    # ---- html rendering
    def render_html_inner(self, m: Mail, style: str, depth=0) -> str:
        e = lambda s: html.escape(s, quote=False)
        out = []

        def para(text, cls=""):
            lines = text.split("\n")
            if style == "outlook":
                return "".join(f"<p class=MsoNormal{cls}>{e(l).replace('  ', ' &nbsp;') if l else '&nbsp;'}<o:p></o:p></p>\n" for l in lines)
            if style == "gmail":
                return '<div dir="ltr">' + "<br>".join(e(l) for l in lines) + "</div>\n"
            if style == "apple":
                return "".join(f"<div>{e(l) if l else '<br>'}</div>" for l in lines) + "\n"
            return '<font size=2 face="sans-serif">' + "<br>".join(e(l) for l in lines) + "</font><br>\n"

        for b in m.blocks:
            if b[0] == "p" and b[1]:
                out.append(para(b[1]))
            elif b[0] == "sig":
                if style == "gmail":
                    out.append('<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br>'
                               '<div dir="ltr" class="gmail_signature">' + "<br>".join(e(l) for l in b[1].split("\n") if l != "-- ") + "</div>\n")
                elif style == "outlook":
                    out.append("<p class=MsoNormal><span style='font-size:9.0pt;color:#1F3864'>" +
                               "<br>\n".join(e(l) for l in b[1].split("\n")) + "<o:p></o:p></span></p>\n")
                else:
                    out.append(para(b[1]))
            elif b[0] == "disc":
                out.append(f"<p style='font-size:7.5pt;color:gray'>{e(b[1])}</p>\n")
            elif b[0] == "paste":
                txt, st = b[1], b[2]
                inner = para(txt)
                if st == "gt":
                    out.append(f'<blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">{inner}</blockquote>\n')
                elif st == "quotes":
                    out.append(para("\u201c" + txt + "\u201d"))
                else:
                    out.append(inner)
            elif b[0] == "inline":
                out.append(para(self.render_inline(m, b)))
            elif b[0] == "quote" and depth < 3:
                lines, gt = self.qcache(m, b)
                inner = self.render_html_inner(b[2], style, depth + 1)
                if style == "outlook":
                    hl = [l for l in lines if not l.startswith("_") and not l.startswith("-----")]
                    hdr = "<br>\n".join(("<b>" + e(l.split(" ", 1)[0]) + "</b> " + e(l.split(" ", 1)[1]) if " " in l else e(l)) for l in hl)
                    hdr = re.sub(r"<b>(\w+)</b> :", r"<b>\1 :</b>", hdr)
                    out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;"
                               f"padding:3.0pt 0cm 0cm 0cm'>\n<p class=MsoNormal>{hdr}<o:p></o:p></p>\n</div></div>\n"
                               f"<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n{inner}")
                elif style == "gmail":
                    if gt:
                        out.append(f'<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">{e(lines[0])}<br></div>'
                                   f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
                                   f'rgb(204,204,204);padding-left:1ex">\n{inner}</blockquote></div>\n')
                    else:
                        out.append('<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">' +
                                   "<br>".join(e(l) for l in lines) + f"<br></div><br><br>\n{inner}</div>\n")
                elif style == "apple":
                    out.append('<div><br><blockquote type="cite"><div>' + "<br>".join(e(l) for l in lines) +
                               f'</div><br class="Apple-interchange-newline">\n{inner}</blockquote></div>\n')
                else:
                    out.append('<br><font size=1 color=#5f5f5f face="sans-serif">' + "<br>".join(e(l) for l in lines) +
                               f"</font><br><br>\n{inner}")
        return "".join(out)

    def render_html(self, m: Mail, charset: str) -> str:
        style = {"outlook": "outlook", "gmail": "gmail", "apple": "apple", "lotus": "lotus", "system": "gmail"}.get(m.client, "gmail")
        inner = self.render_html_inner(m, style)
        if style == "outlook":
            lang = {"de": "DE", "fr": "FR", "es": "ES"}.get(self.ui_lang(m.sender), "EN-US")
            return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                    'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
                    'xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n'
                    f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
                    '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n<style><!--\n'
                    '/* Font Definitions */\n@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}\n'
                    'p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}\n'
                    '@page WordSection1 {size:612.0pt 792.0pt; margin:70.85pt 70.85pt 2.0cm 70.85pt;}\n'
                    'div.WordSection1 {page:WordSection1;}\n--></style><!--[if gte mso 9]><xml>\n<o:shapedefaults v:ext="edit" spidmax="1026" />\n'
                    f'</xml><![endif]-->\n</head>\n<body lang={lang} link="#0563C1" vlink="#954F72" style=\'word-wrap:break-word\'>\n'
                    f'<div class=WordSection1>\n{inner}</div>\n</body>\n</html>\n')
        if style == "gmail":
            return inner
        if style == "apple":
            return (f'<html><head><meta http-equiv="content-type" content="text/html; charset={charset}"></head>'
                    f'<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">\n{inner}</body></html>\n')
        return f"<html><body>\n{inner}</body></html>\n"

    # ---- MIME building
    def text_part(self, ctype, text, charset, cte, params=""):
        pycs = PY_CS.get(charset.lower(), "utf-8")
        if not can_encode(text, pycs):
            charset, pycs = ("UTF-8" if charset.isupper() else "utf-8"), "utf-8"
        raw = text.encode(pycs)
        if all(c < 128 for c in raw) and cte in ("8bit",):
            cte = "7bit"
        if cte == "quoted-printable":
            body = quopri.encodestring(raw).decode("ascii")
        elif cte == "base64":
            body = base64.encodebytes(raw).decode("ascii")
        else:
            body = raw.decode(pycs)
            if cte == "7bit" and any(c >= 128 for c in raw):
                cte = "8bit"
        cs_q = f'"{charset}"' if self.rng.random() < 0.5 else charset
        hdrs = [("Content-Type", f"{ctype}; charset={cs_q}{params}"), ("Content-Transfer-Encoding", cte)]
        return hdrs, body, pycs

    def boundary(self, client):
        r = self.rng
        hx = lambda n: "".join(r.choice("0123456789abcdef") for _ in range(n))
        if client == "outlook":
            return f"_000_{hx(8).upper()}{hx(16).upper()}_"
        if client == "gmail":
            return f"000000000000{hx(12)}"
        if client == "apple":
            return f"Apple-Mail={hx(8).upper()}-{hx(4).upper()}-{hx(4).upper()}-{hx(4).upper()}-{hx(12).upper()}"
        if client == "lotus":
            return f"=_alternative {hx(16).upper()}_="
        return f"------------{''.join(r.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') for _ in range(24))}"

    def body_structure(self, m: Mail):
        """Return (top-level content headers, body string) and the (possibly downgraded) encoding notes."""
        r = self.rng
        c = m.client
        plain = self.render_plain(m)
        if c == "thunderbird":
            cs = r.choice(["UTF-8", "iso-8859-1", "ISO-8859-1"])
            cte = r.choice(["8bit", "quoted-printable", "8bit"])
            flowed = []
            for line in plain.split("\n"):
                if len(line) <= 76 or line.startswith(">"):
                    flowed.append(line)
                    continue
                parts = textwrap.wrap(line, 72, break_long_words=False, drop_whitespace=False)
                parts = [p.rstrip() + " " for p in parts[:-1]] + [parts[-1]]
                flowed.extend(parts)
            plain = "\n".join(flowed)
            parts = [self.text_part("text/plain", plain, cs, cte, "; format=flowed")]
            kind = "plain"
        elif c == "system":
            if m.html_only:
                parts = [self.text_part("text/html", self.render_html(m, "utf-8"), "utf-8", r.choice(["quoted-printable", "base64"]))]
                kind = "html"
            else:
                parts = [self.text_part("text/plain", plain, "utf-8", "quoted-printable")]
                kind = "plain"
        else:
            if c == "outlook":
                cs = "windows-1252" if r.random() < 0.55 else ("iso-8859-1" if r.random() < 0.3 else "utf-8")
                cte = "quoted-printable" if r.random() < 0.8 else "base64"
                html_only = m.html_only if m.html_only is not None else r.random() < 0.2
            elif c == "gmail":
                cs, cte, html_only = "UTF-8", r.choice(["quoted-printable", "base64", "quoted-printable"]), False
            elif c == "apple":
                cs, cte = r.choice(["utf-8", "us-ascii" if all(ord(ch) < 128 for ch in plain) else "utf-8"]), "quoted-printable"
                html_only = False
            else:  # lotus
                cs, cte = r.choice(["ISO-8859-1", "US-ASCII" if all(ord(ch) < 128 for ch in plain) else "ISO-8859-1"]), r.choice(["quoted-printable", "base64"])
                html_only = r.random() < 0.4
            if not can_encode(plain, PY_CS.get(cs.lower(), "utf-8")):
                cs = "UTF-8" if cs.isupper() else "utf-8"
            if c == "apple" and r.random() < 0.65 and not m.calendar:
                parts = [self.text_part("text/plain", plain, cs, cte)]
                kind = "plain"
            elif html_only and not m.calendar:
                parts = [self.text_part("text/html", self.render_html(m, cs), cs, cte)]
                kind = "html"
            else:
                parts = [self.text_part("text/plain", plain, cs, cte), self.text_part("text/html", self.render_html(m, cs), cs, cte)]
                kind = "alternative"
        if m.calendar:
            meth = "REPLY" if "METHOD:REPLY" in m.calendar else "REQUEST"
            parts.append(self.text_part("text/calendar", m.calendar, "utf-8", "base64", f'; method={meth}'))
            kind = "alternative"
        return parts, kind

    def serialize(self, m: Mail) -> bytes:
        r = self.rng
        c = m.client
        s = m.sender
        parts, kind = self.body_structure(m)
        nl = "\n"

        def render_part(p):
            hdrs, body, _ = p
            return "".join(f"{k}: {v}{nl}" for k, v in hdrs) + nl + body.rstrip("\n") + nl

        if len(parts) == 1:
            content_hdrs, body = parts[0][0], parts[0][1]
        else:
            b = self.boundary(c)
            content_hdrs = [("Content-Type", f'multipart/alternative; boundary="{b}"')]
            body = "".join(f"--{b}{nl}" + render_part(p) + nl for p in parts) + f"--{b}--{nl}"
        logo = c == "outlook" and kind in ("alternative", "html") and r.random() < 0.2 and not m.calendar
        if logo:
            b2 = self.boundary(c) + "rel"
            img = base64.encodebytes(tiny_png((r.randrange(256), 80, 160))).decode()
            inner = "".join(f"{k}: {v}{nl}" for k, v in content_hdrs) + nl + body
            body = (f"--{b2}{nl}{inner}{nl}--{b2}{nl}Content-Type: image/png; name=\"image001.png\"{nl}"
                    f"Content-Description: image001.png{nl}Content-Disposition: inline; filename=\"image001.png\"{nl}"
                    f"Content-ID: <image001.png@01DA{r.randint(1000, 9999)}.{r.randint(10 ** 7, 10 ** 8)}>{nl}"
                    f"Content-Transfer-Encoding: base64{nl}{nl}{img}{nl}--{b2}--{nl}")
            content_hdrs = [("Content-Type", f'multipart/related; boundary="{b2}"; type="multipart/alternative"')]
        atts = list(m.attachments)
        if not atts and m.tags.get("role") == "seller_reply" and r.random() < 0.08:
            atts.append((r.choice(["Invoice_corrected.pdf", "Angebot_Quote.pdf", "SSO setup guide.pdf"]), "application/pdf",
                         fake_pdf(m.subject)))
        if atts:
            b3 = self.boundary(c) + "mix"
            inner = "".join(f"{k}: {v}{nl}" for k, v in content_hdrs) + nl + body
            body = f"--{b3}{nl}{inner}{nl}"
            for fn, ctype, data in atts:
                if all(ord(ch) < 128 for ch in fn):
                    disp = f'attachment; filename="{fn}"'
                    ct = f'{ctype}; name="{fn}"'
                else:
                    q = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "._-" else "".join(f"%{x:02X}" for x in ch.encode()) for ch in fn)
                    disp = f"attachment;\n filename*=utf-8''{q}"
                    ct = f'{ctype};\n name="{encode_word(fn, "utf-8", "B")}"'
                body += (f"--{b3}{nl}Content-Type: {ct}{nl}Content-Disposition: {disp}{nl}Content-Transfer-Encoding: base64{nl}{nl}"
                         f"{base64.encodebytes(data).decode()}{nl}")
            body += f"--{b3}--{nl}"
            content_hdrs = [("Content-Type", f'multipart/mixed; boundary="{b3}"')]
        # headers
        ld = local(m.when, s.tz if s.tz in TZ else "UK")
        date = m.bad_date or rfc_date(ld, {"lotus": 1, "apple": 1, "thunderbird": 0}.get(c, 2 if r.random() < 0.1 else 0))
        subj = self.enc_subject(m.subject, c)
        H = []
        frm = self.addr(s)
        to = self.addr_list(m.to)
        cc = self.addr_list(m.cc) if m.cc else None
        refs = " ".join(m.references) if m.references else None
        if refs and len(refs) > 76:
            refs = "\n ".join(m.references)
        mid = None if m.no_msgid else m.msgid
        if c == "outlook":
            H += [("From", frm), ("To", to)] + ([("CC", cc)] if cc else []) + [("Subject", subj)]
            H += [("Thread-Topic", re.sub(r"^((RE|AW|WG|FW|TR|RV) ?: ?)+", "", m.subject) if all(ord(ch) < 128 for ch in m.subject) else subj),
                  ("Thread-Index", base64.b64encode(bytes(r.randrange(256) for _ in range(22))).decode()), ("Date", date)]
            H += ([("Message-ID", mid)] if mid else []) + ([("References", refs)] if refs else []) + \
                 ([("In-Reply-To", m.in_reply_to)] if m.in_reply_to else [])
            lang = {"de": "de-DE", "fr": "fr-FR", "es": "es-ES"}.get(m.lang, "en-US")
            ui = {"de": "de-DE", "fr": "fr-FR", "es": "es-ES"}.get(self.ui_lang(s), "en-GB" if s.tz == "UK" else "en-US")
            H += [("Accept-Language", ui if ui == "en-US" else f"{ui}, en-US"), ("Content-Language", lang), ("X-MS-Has-Attach", "yes" if atts else ""),
                  ("X-MS-TNEF-Correlator", ""), ("X-Mailer", "Microsoft Outlook 16.0")]
            H += content_hdrs[:1] + [("MIME-Version", "1.0")] + content_hdrs[1:]
        elif c == "gmail":
            H += [("MIME-Version", "1.0")] + ([("References", refs)] if refs else []) + \
                 ([("In-Reply-To", m.in_reply_to)] if m.in_reply_to else []) + [("From", frm), ("Date", date)]
            H += ([("Message-ID", mid)] if mid else []) + [("Subject", subj), ("To", to)] + ([("Cc", cc)] if cc else [])
            H += content_hdrs
        elif c == "apple":
            H += [("From", frm)] + content_hdrs[:1] + [("Mime-Version", "1.0 (1.0)"), ("Subject", subj)]
            H += ([("Message-Id", mid)] if mid else []) + [("Date", date)] + ([("Cc", cc)] if cc else []) + [("To", to)]
            H += ([("References", refs)] if refs else []) + ([("In-Reply-To", m.in_reply_to)] if m.in_reply_to else [])
            H += [("X-Mailer", r.choice(["iPhone Mail (21D61)", "Apple Mail (2.3731.700.6)"]))] + content_hdrs[1:]
        elif c == "thunderbird":
            H += ([("Message-ID", mid)] if mid else []) + [("Date", date), ("MIME-Version", "1.0"),
                  ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0"),
                  ("Subject", subj), ("Content-Language", {"de": "de-DE", "fr": "fr", "es": "es-ES"}.get(m.lang, "en-GB")),
                  ("To", to)] + ([("Cc", cc)] if cc else [])
            H += ([("References", refs)] if refs else []) + [("From", frm)] + \
                 ([("In-Reply-To", m.in_reply_to)] if m.in_reply_to else []) + content_hdrs
        elif c == "lotus":
            H += [("To", to)] + ([("Cc", cc)] if cc else []) + [("MIME-Version", "1.0"), ("Subject", subj),
                  ("X-Mailer", "Lotus Notes Release 9.0.1FP10 SHF383 November 21, 2018")]
            H += ([("Message-ID", mid)] if mid else []) + ([("In-Reply-To", m.in_reply_to)] if m.in_reply_to else [])
            H += [("From", frm), ("Date", date),
                  ("X-MIMETrack", f"Serialize by Router on SMTP01/{self.cust['notes_org']}(Release 9.0.1FP10|November 21, 2018) at\n {ld:%d.%m.%Y %H:%M:%S}")]
            H += content_hdrs
        else:  # system
            H += [("From", frm), ("To", to)] + ([("Cc", cc)] if cc else []) + [("Subject", subj), ("Date", date)]
            H += ([("Message-ID", mid)] if mid else []) + [("MIME-Version", "1.0")] + content_hdrs
        H += m.extra_headers
        head = "".join(f"{k}: {v}{nl}" for k, v in H)
        return self.to_bytes(head + nl, body, parts)

    def to_bytes(self, head, body, parts):
        # bodies of 8bit parts carry their own charset; everything else is ASCII
        try:
            return (head + body).encode("ascii")
        except UnicodeEncodeError:
            pass
        out = head.encode("utf-8")
        # find 8bit part texts and encode them with their charset
        for hdrs, text, pycs in parts:
            if dict(hdrs).get("Content-Transfer-Encoding") == "8bit" and text in body:
                i = body.index(text)
                out += body[:i].encode("ascii") + text.encode(pycs)
                body = body[i + len(text):]
        return out + body.encode("ascii")

    # ================================================================= output
    def received(self, m: Mail, when) -> list:
        r = self.rng
        sd = m.sender.email.split("@")[1]
        return [("Received", f"from mx{r.randint(1, 4)}.{self.seller['domain']} (localhost [127.0.0.1])\n\tby imap.{self.seller['domain']} "
                             f"(Dovecot) with LMTP id {''.join(r.choice('abcdefghijklmnopqrstuvwxyz0123456789') for _ in range(22))}\n\t"
                             f"for <{self.am.email}>; {rfc_date(local(when, self.seller['tz']))}"),
                ("Received", f"from mail.{sd} (mail.{sd} [192.0.2.{r.randint(2, 250)}])\n\tby mx1.{self.seller['domain']} "
                             f"with ESMTPS id {r.randint(10 ** 8, 10 ** 9):x}; {rfc_date(local(when, self.seller['tz']))}")]

    def write(self, out_dir: pathlib.Path):
        r = self.rng
        self._qc = {}
        exp = out_dir / "export"
        if exp.exists():
            shutil.rmtree(exp)
        for f in ("answer_key.json", "truth_details.json", "org_chart.csv"):
            if (out_dir / f).exists():
                (out_dir / f).unlink()
        md = exp / "maildir"
        for sub in ("cur", "new", "tmp"):
            (md / sub).mkdir(parents=True, exist_ok=True)
        plus = r.random() < 0.5
        if plus:
            for sub in ("cur", "new", "tmp"):
                (md / ".Sent" / sub).mkdir(parents=True, exist_ok=True)
        emldir = exp / "eml"
        emldir.mkdir(parents=True, exist_ok=True)
        mails = sorted(self.mails, key=lambda m: (m.when, m.msgid))
        # broken: malformed date, missing message-id (choose from harmless ordinary mails)
        harmless = [m for m in mails if m.tags.get("role") in ("thanks", "noise", "seller_reply") and not m.calendar]
        bad_date_m = r.choice([m for m in harmless if m.sender.org == "customer"] or harmless)
        bl = local(bad_date_m.when, bad_date_m.sender.tz if bad_date_m.sender.tz in TZ else "UK")
        bad_date_m.bad_date = r.choice([f"{DAYS['de'][bl.weekday()]}, {bl.day}. {MONTHS['de'][bl.month - 1]} {bl.year} {bl:%H:%M:%S}",
                                        f"{DAYS_SHORT['en'][bl.weekday()]}, 31 Feb {bl.year} 25:61:00 +0100",
                                        f"{bl:%Y-%m-%d %H:%M}", f"{DAYS_SHORT['en'][bl.weekday()]}, {bl.day} {MONTHS['en'][bl.month - 1][:3]} {bl.year} {bl:%H:%M:%S} CET+1"])
        noid = r.choice([m for m in harmless if m is not bad_date_m and not any(x.parent is m for x in mails)]
                        or [m for m in harmless if m is not bad_date_m])
        noid.no_msgid = True
        # mailbox assignment
        am = self.am
        staff = [p for p in self.sellers.values() if p is not am]
        eml_style = {p.email: r.choice(["outlook", "tb", "date"]) for p in staff}
        folder_name = {p.email: (p.name if r.random() < 0.5 else slug(p.first[0] + p.last)) for p in staff}
        crlf = {p.email: eml_style[p.email] == "outlook" for p in staff}
        placements = []  # (mail, kind, owner)
        dup_budget = r.randint(3, 6)
        for m in mails:
            inv = [m.sender] + m.to + m.cc
            homes = []
            if am in inv:
                homes.append(("maildir", am))
            others = [p for p in staff if p in inv]
            if not homes:
                homes += [("eml", p) for p in others[:1]]
            elif others and dup_budget > 0 and r.random() < 0.15 and m is not noid:
                homes.append(("eml", others[0]))
                dup_budget -= 1
                m.tags["duplicate"] = True
            if not homes:
                homes.append(("maildir", am))
            for h in homes:
                placements.append((m, h[0], h[1]))
        files = {}
        self.locations = {}
        used_names = set()
        truncated = None
        trunc_cands = [m for m in mails if m.tags.get("role") == "seller_reply" and m is not noid and m is not bad_date_m]
        trunc_m = r.choice(trunc_cands) if trunc_cands else None
        q_counter = 0
        ser = {}
        for m, kind_, owner in placements:
            if id(m) not in ser:
                ser[id(m)] = self.serialize(m)
            data = ser[id(m)]
            if kind_ == "maildir":
                q_counter += 1
                sent = m.sender is am
                deliv = m.when + dt.timedelta(seconds=r.randint(1, 40))
                epoch = int(deliv.timestamp())
                if not sent:
                    extra = "".join(f"{k}: {v}\n" for k, v in [("Return-Path", f"<{m.sender.email}>"), ("Delivered-To", am.email)] + self.received(m, deliv))
                    data = extra.encode() + data
                base = f"{epoch}.M{r.randint(100000, 999999)}P{r.randint(1000, 99999)}Q{q_counter}.mail01,S={len(data)}"
                recent = (self.end - m.when.date()).days < 12
                sub = (".Sent/" if (sent and plus) else "") + ("new" if recent and not sent and r.random() < 0.7 else "cur")
                if sub.endswith("new"):
                    name = base
                else:
                    flags = "S" if sent else r.choice(["S", "RS", "S", "FS", ""])
                    wsize = len(data) + data.count(b"\n")
                    name = f"{base},W={wsize}:2,{''.join(sorted(flags))}"
                rel = f"export/maildir/{sub}/{name}"
            else:
                d = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") if crlf[owner.email] else data
                data = d
                st = eml_style[owner.email]
                safe = re.sub(r'[\\/:*?"<>|\t\n]', "_", m.subject)[:80].strip()
                safe = fold_ascii(safe) if r.random() < 0.7 else safe
                if st == "outlook":
                    fn = f"{safe}.eml"
                elif st == "tb":
                    fn = f"{safe} - {fold_ascii(m.sender.display)} - {local(m.when, 'UK'):%Y-%m-%d %H%M}.eml"
                else:
                    fn = f"{local(m.when, 'UK'):%Y%m%d-%H%M%S}_{slug(safe)[:40]}.eml"
                sub = ("Sent Items" if m.sender is owner else "Inbox") if st == "outlook" else ""
                folder = f"export/eml/{folder_name[owner.email]}" + (f"/{sub}" if sub else "")
                rel = f"{folder}/{fn}"
                k2 = 1
                while rel in used_names:
                    k2 += 1
                    rel = f"{folder}/{fn[:-4]} ({k2}).eml"
                if m is trunc_m:
                    data = data[: int(len(data) * 0.55)]
                    truncated = rel
            used_names.add(rel)
            files[rel] = data
            self.locations.setdefault(m.msgid, []).append(rel)
        # non-mail items in the export
        owner0 = folder_name[staff[0].email]
        note_rel = f"export/eml/{owner0}/Notes from call {self.onset:%Y-%m-%d}.txt"
        files[note_rel] = (f"Call with {self.primary.name} ({self.cust['name']})\n- renewal timing\n- open invoices\n"
                           f"- training dates\nTODO: send recap\n").encode()
        png_rel = f"export/eml/{owner0}/image001.png"
        files[png_rel] = tiny_png()
        # write mail files
        for rel, data in files.items():
            p = out_dir / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        self.broken = dict(truncated=truncated, not_mail=[note_rel, png_rel],
                           malformed_date=dict(message_id=bad_date_m.msgid, files=self.locations.get(bad_date_m.msgid, []),
                                               date=bad_date_m.bad_date),
                           no_message_id=dict(files=self.locations.get(noid.msgid, []), internal_id=noid.msgid))
        # request logs
        inputs = ["export/maildir", "export/eml", "export/requests.xlsx"]
        self.write_xlsx(out_dir / "export" / "requests.xlsx")
        self.has_csv = r.random() < 0.5
        if self.has_csv:
            self.write_csv(out_dir / "export" / "requests.csv")
            inputs.append("export/requests.csv")
        self.write_org_chart(out_dir / "org_chart.csv")
        return inputs

    # ---- request logs
    def log_rows(self):
        r = self.rng
        rows = []
        heads = sorted([m for m in self.mails if m.tags.get("log")], key=lambda m: m.when)
        n = 0
        for m in heads:
            if r.random() < 0.3 and m.tags.get("role") != "vision":
                continue
            if m.tags.get("role") == "vision" and r.random() < 0.25:
                continue
            n += 1
            rows.append(dict(date=local(m.when, self.cust["tz"]).date(), who=m.sender, channel="E-mail",
                             case=m.tags.get("case") or f"R-{m.when:%y}{n:03d}", summary=re.sub(r"^\S+: ", "", m.subject),
                             vision=m.tags.get("role") == "vision", msgid=m.msgid,
                             effort=r.choice([0.5, 1, 1.5, 2, 3, 4, 6, None])))
        # phone / meeting-only rows
        for _ in range(r.randint(8, 16)):
            d = self.rand_day(self.start, self.end)
            who = r.choice(self.customers[:-1])
            cat = r.choice(list(ORD))
            rows.append(dict(date=d, who=who, channel=r.choice(["Phone", "Meeting", "Teams", "Phone"]), case=None,
                             summary=r.choice([f"Phone request: {cat} question", f"Asked about {cat} during weekly call",
                                               f"{cat.capitalize()} – verbal request, no ticket"]), vision=False, msgid=None,
                             effort=r.choice([0.25, 0.5, 1, None])))
        for x in self.log_extra:
            rows.append(dict(date=x["date"], who=x["who"], channel=x["channel"], case=None, summary=x["summary"],
                             vision=True, msgid=None, effort=r.choice([0.5, 1, 2])))
        rows.sort(key=lambda x: (x["date"], x["summary"]))
        for i, x in enumerate(rows):
            if not x["case"]:
                x["case"] = f"R-{x['date']:%y}{900 + i:03d}"
        self.log_truth = [dict(case=x["case"], date=x["date"].isoformat(), raised_by=x["who"].email, channel=x["channel"],
                               summary=x["summary"], vision=x["vision"], message_id=x["msgid"]) for x in rows]
        return rows

    def who_str(self, p: Person):
        v = self.rng.random()
        if v < 0.45:
            return p.name
        if v < 0.7:
            return f"{p.last}, {p.first}"
        if v < 0.85:
            return p.email
        return p.first if self.rng.random() < 0.5 else None

    def write_xlsx(self, path: pathlib.Path):
        import openpyxl
        from openpyxl.styles import Font
        r = self.rng
        rows = self.log_rows()
        self._rows = rows
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Requests"
        cols = ["Case no.", "Opened", "Raised by", "Channel", "Summary", "Effort (h)", "Owner", "Status"]
        ws.append([f"Request log – {self.cust['name']} account (maintained by {self.am.name})"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([])
        ws.append(["", "", "", "Intake", "", "", "Handling", ""])
        ws.merge_cells("D3:E3")
        ws.merge_cells("G3:H3")
        ws.append(cols)
        for cell in ws[4]:
            cell.font = Font(bold=True)
        owners = list(self.sellers.values())
        for i, x in enumerate(rows):
            d = x["date"]
            if r.random() < 0.1:
                dv = d.strftime(r.choice(["%d.%m.%Y", "%d/%m/%y", "%Y-%m-%d"]))
            else:
                dv = dt.datetime(d.year, d.month, d.day)
            status = r.choice(["Closed", "Closed", "Open", "In progress", ""])
            ws.append([x["case"], dv, self.who_str(x["who"]), x["channel"] if r.random() > 0.05 else None, x["summary"],
                       x["effort"], r.choice(owners).name if r.random() > 0.1 else None, status or None])
            if not isinstance(dv, str):
                ws.cell(row=ws.max_row, column=2).number_format = "DD.MM.YYYY"
            if i == len(rows) // 2:
                ws.append(["-- carried over from previous log --"])
        ws.append([])
        ws.append(["", "", "", "", "Total effort", f"=SUM(F5:F{ws.max_row - 1})"])
        ws.column_dimensions["E"].width = 60
        buf = io.BytesIO()
        wb.save(buf)
        # re-zip deterministically (openpyxl stamps wall-clock time into the zip and core.xml)
        src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
        out = io.BytesIO()
        fixed = self.end.strftime("%Y-%m-%dT17:00:00Z")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda mm: mm.group(1) + fixed.encode(), data)
                zi = zipfile.ZipInfo(info.filename, date_time=(self.end.year, self.end.month, self.end.day, 17, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o600 << 16
                z.writestr(zi, data)
        path.write_bytes(out.getvalue())

    def write_csv(self, path: pathlib.Path):
        r = self.rng
        fmt = r.choice(["%d/%m/%Y %H:%M", "%Y.%m.%d", "%d-%b-%Y"])
        enc = r.choice(["utf-8-sig", "cp1252"])
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        w.writerow(["Ticket", "Eingang", "Kontakt", "Quelle", "Betreff", "Aufwand"])
        cases = [m for m in self.mails if m.tags.get("role") == "helpdesk" and "created" in m.subject]
        for m in cases:
            case = m.tags["case"]
            d = local(m.when, self.seller["tz"])
            orig = m.parent
            w.writerow([case, d.strftime(fmt), orig.sender.email if r.random() < 0.8 else orig.sender.name, "Mail",
                        re.sub(r"^\[.*?\] Case created: ", "", m.subject), str(r.choice([0.5, 1, 1.5, 2.25])).replace(".", ",")])
        for _ in range(r.randint(2, 5)):
            d = self.rand_day(self.start, self.end)
            who = r.choice(self.customers[:-1])
            w.writerow([f"CASE-{r.randint(60001, 69999)}", d.strftime(fmt), who.email, "Telefon", "Rückruf erbeten – Zugangsproblem", ""])
        text = buf.getvalue()
        if not can_encode(text, enc if enc != "utf-8-sig" else "utf-8"):
            enc = "utf-8-sig"
        path.write_bytes(text.encode(enc))
        self.csv_info = dict(date_format=fmt, encoding=enc, rows=len(cases))

    def write_org_chart(self, path: pathlib.Path):
        r = self.rng
        self.it_hidden = (self.seed % 2 == 1)
        it_mode = r.choice(["blank", "missing"]) if self.it_hidden else "shown"
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["name", "email", "title", "department"])
        people = sorted(self.customers, key=lambda p: (p.last, p.first))
        self.exec_in_chart = None
        for p in people:
            dept = p.dept
            if p.dept == self.it_dept:
                if it_mode == "missing":
                    continue
                if it_mode == "blank":
                    dept = ""
            if p is self.exec:
                self.exec_in_chart = r.random() < 0.5
                if not self.exec_in_chart:
                    continue
            name = p.name if r.random() < 0.8 else f"{p.last}, {p.first}"
            email = p.email.upper() if r.random() < 0.05 else p.email
            w.writerow([name, email, p.title, dept])
        path.write_text(buf.getvalue(), encoding="utf-8")
        self.it_mode = it_mode

    # ================================================================= answer key
    def answer(self, inputs):
        k = self.kind
        if k == "new_exec":
            src = dict(name=self.exec.name, email=self.exec.email, department=self.exec.dept)
        elif k == "it_dept":
            src = dict(name="IT department", email=None, department=self.it_dept)
        elif k == "competitor":
            src = dict(name=self.comp["name"], email=None, domain=self.comp["domain"], department=None)
        else:
            src = None
        vis = sorted(self.vision_ids, key=lambda m: (m.when, m.msgid))
        return {"kind": k, "source": src, "onset": None if k == "null" else self.onset.isoformat(),
                "vision_phrases": list(self.phrases) if k != "null" else [],
                "vision_message_ids": [m.msgid for m in vis], "seller_domain": self.seller["domain"],
                "products": list(self.comp["products"]) if k == "competitor" else [], "inputs": inputs,
                "org_chart": "org_chart.csv"}

    def details(self, key):
        pd = lambda p: dict(name=p.name, email=p.email, title=p.title, department=p.dept)
        vis = sorted(self.vision_ids, key=lambda m: (m.when, m.msgid))
        msgs = []
        for m in sorted(self.mails, key=lambda m: (m.when, m.msgid)):
            msgs.append(dict(message_id=None if m.no_msgid else m.msgid, date=m.when.isoformat(), sender=m.sender.email,
                             client=m.client, lang=m.lang, subject=m.subject, role=m.tags.get("role"),
                             relay_mode=m.tags.get("mode"), category=m.tags.get("category"),
                             phrases=m.tags.get("phrases", []), files=self.locations.get(m.msgid, []),
                             duplicate=bool(m.tags.get("duplicate")), source_cc=m.tags.get("source_cc")))
        d = dict(generator="other_hands_accounts", kind=self.kind, seed=self.seed, difficulty=self.difficulty,
                 industry=self.industry, customer=dict(name=self.cust["name"], domain=self.cust["domain"], locale=self.locale,
                                                        corporate_client=self.cust["client"], display_last_first=self.cust["lastfirst"]),
                 seller=dict(name=self.seller["name"], domain=self.seller["domain"], product=self.seller["product"],
                             helpdesk_domain=self.seller["helpdesk"], staff=[pd(p) for p in self.sellers.values()],
                             maildir_owner=self.am.email),
                 period=dict(start=self.start.isoformat(), end=self.end.isoformat(), months=self.months),
                 onset=key["onset"], first_vision_mail=(vis[0].when.date().isoformat() if vis else None),
                 it_department=self.it_dept, it_people=[pd(p) for p in self.it_people],
                 org_chart_it_mode=self.it_mode, primary_contact=pd(self.primary),
                 relays=[pd(p) for p in self.relays] if self.kind != "null" else [], noisy_person=self.noisy.email,
                 customer_staff=[pd(p) | dict(lang=p.lang, client=p.client) for p in self.customers],
                 n_messages=len(self.mails), n_files=sum(len(v) for v in self.locations.values()),
                 vision_relay_modes={m.msgid: m.tags.get("mode") for m in vis},
                 source_originals=[dict(internal_message_id=o.msgid, date=o.when.isoformat(), sender=o.sender.email,
                                        subject=o.subject, phrases=o.phr) for o in getattr(self, "origs", [])],
                 broken=self.broken, request_log=self.log_truth,
                 csv_log=getattr(self, "csv_info", None) if self.has_csv else None, messages=msgs)
        if self.kind == "it_dept":
            d["source_members"] = [dict(name=p.name, email=p.email, title=p.title) for p in self.source_members]
        if self.kind == "new_exec":
            d["exec"] = pd(self.exec) | dict(short_title=self.exec.short, in_org_chart=self.exec_in_chart)
        if self.kind == "competitor":
            d["competitor"] = dict(name=self.comp["name"], domain=self.comp["domain"], products=self.comp["products"],
                                   reps=[pd(p) for p in self.comp["reps"]])
        return d


def generate_account(kind: str, seed: int, out_dir, difficulty: str = "medium") -> dict:
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    g = Generator(kind, seed, difficulty)
    g.build_world()
    # the story depends on difficulty; the world does not
    g.rng.seed(int.from_bytes(hashlib.sha256(f"other-hands|{kind}|{int(seed)}|{difficulty}".encode()).digest()[:8], "big"))
    g.build_story()
    inputs = g.write(out_dir)
    key = g.answer(inputs)
    (out_dir / "answer_key.json").write_text(json.dumps(key, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    det = g.details(key)
    (out_dir / "truth_details.json").write_text(json.dumps(det, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return key


# --------------------------------------------------------------------------------------------
# self-check
# --------------------------------------------------------------------------------------------
def _check(tmp: pathlib.Path) -> int:
    import email
    import email.policy
    import email.utils
    problems = []
    times = []
    for kind in KINDS:
        for diff in DIFFICULTIES:
            for seed in (1, 2):
                d1 = tmp / "a" / f"{kind}_{diff}_{seed}"
                d2 = tmp / "b" / f"{kind}_{diff}_{seed}"
                t0 = time.perf_counter()
                key = generate_account(kind, seed, d1, diff)
                times.append(time.perf_counter() - t0)
                generate_account(kind, seed, d2, diff)
                tag = f"{kind}/{diff}/{seed}"
                # determinism
                f1 = sorted(p.relative_to(d1).as_posix() for p in d1.rglob("*") if p.is_file())
                f2 = sorted(p.relative_to(d2).as_posix() for p in d2.rglob("*") if p.is_file())
                if f1 != f2:
                    problems.append(f"{tag}: file lists differ")
                else:
                    for rel in f1:
                        if (d1 / rel).read_bytes() != (d2 / rel).read_bytes():
                            problems.append(f"{tag}: {rel} differs between runs")
                            break
                det = json.loads((d1 / "truth_details.json").read_text(encoding="utf-8"))
                skip = set(det["broken"]["not_mail"]) | {det["broken"]["truncated"]}
                bad_date_files = set(det["broken"]["malformed_date"]["files"])
                noid_files = set(det["broken"]["no_message_id"]["files"])
                ids = set()
                n_mail = 0
                for sub in ("export/maildir", "export/eml"):
                    for p in sorted((d1 / sub).rglob("*")):
                        rel = p.relative_to(d1).as_posix()
                        if not p.is_file() or rel in skip:
                            continue
                        n_mail += 1
                        try:
                            msg = email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                            _ = str(msg["From"]), str(msg["To"]), str(msg["Subject"])
                            for part in msg.walk():
                                if part.get_content_maintype() == "text":
                                    part.get_content()
                            if msg.defects:
                                problems.append(f"{tag}: {rel} defects {msg.defects}")
                            if rel not in bad_date_files:
                                if email.utils.parsedate_to_datetime(str(msg["Date"])) is None:
                                    problems.append(f"{tag}: {rel} bad date")
                            mid = msg.get("Message-ID")
                            if mid:
                                ids.add(str(mid).strip())
                            elif rel not in noid_files:
                                problems.append(f"{tag}: {rel} lacks Message-ID")
                        except Exception as exc:  # noqa: BLE001
                            problems.append(f"{tag}: {rel} failed to parse: {exc!r}")
                missing = [m for m in key["vision_message_ids"] if m not in ids]
                if missing:
                    problems.append(f"{tag}: {len(missing)} vision ids missing from export")
                if kind != "null" and len(key["vision_message_ids"]) < 8:
                    problems.append(f"{tag}: only {len(key['vision_message_ids'])} vision mails")
                if kind == "null" and key["vision_message_ids"]:
                    problems.append(f"{tag}: null account has vision ids")
                # onset consistency: no phrase before onset, first vision mail soon after it
                if kind != "null":
                    onset = dt.date.fromisoformat(key["onset"])
                    for m in det["messages"]:
                        if m["role"] == "vision" and dt.datetime.fromisoformat(m["date"]).date() < onset:
                            problems.append(f"{tag}: vision mail before onset")
                    first = dt.date.fromisoformat(det["first_vision_mail"])
                    if not (0 <= (first - onset).days <= 10):
                        problems.append(f"{tag}: first vision mail {first} far from onset {onset}")
                    for m in det["messages"]:
                        if m["phrases"] and dt.datetime.fromisoformat(m["date"]).date() < onset:
                            problems.append(f"{tag}: phrase-bearing mail before onset")
                # phrases appear in the export (decoded) for non-null
                if kind != "null":
                    seen = set()
                    for p in sorted((d1 / "export").rglob("*")):
                        if p.is_file() and p.relative_to(d1).as_posix() not in skip:
                            msg = email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                            for part in msg.walk():
                                if part.get_content_maintype() == "text":
                                    txt = part.get_content()
                                    seen |= {ph for ph in key["vision_phrases"] if ph in txt}
                    if len(seen) != len(key["vision_phrases"]):
                        problems.append(f"{tag}: phrases never in export: {set(key['vision_phrases']) - seen}")
                print(f"{tag:28s} files={n_mail:4d} vision={len(key['vision_message_ids']):3d} "
                      f"phrases={len(key['vision_phrases']):2d} onset={key['onset']} t={times[-1]:.2f}s")
    print(f"mean generation time {sum(times) / len(times):.2f}s, max {max(times):.2f}s")
    if problems:
        print(f"SELF-CHECK FAILED ({len(problems)} problems):")
        for p in problems[:60]:
            print("  -", p)
        return 1
    print("SELF-CHECK OK")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", help="output folder")
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    ap.add_argument("--seeds", nargs="+", type=int, default=[1])
    ap.add_argument("--difficulty", nargs="+", default=["medium"], choices=DIFFICULTIES)
    ap.add_argument("--check", action="store_true", help="run the self-check in a temporary folder")
    a = ap.parse_args(argv)
    if a.check:
        import tempfile
        with tempfile.TemporaryDirectory() as t:
            return _check(pathlib.Path(t))
    if not a.out:
        ap.error("OUT is required unless --check is given")
    for kind in a.kinds:
        for diff in a.difficulty:
            for seed in a.seeds:
                d = pathlib.Path(a.out) / f"{kind}_{diff}_{seed}"
                t0 = time.perf_counter()
                key = generate_account(kind, seed, d, diff)
                print(f"{d}  vision={len(key['vision_message_ids'])}  {time.perf_counter() - t0:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

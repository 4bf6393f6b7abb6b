"""Files and answer key of a simulated account: the request log, the org chart, the truth.

The scenario (``_simulate``) decides what happens; this module turns its mail and log
rows into export bytes and writes down, for every request, who really originated it.
"""

from __future__ import annotations

import random
from datetime import UTC

from . import _phrases as P
from ._account import SimulatedAccount
from ._render import Person, csv_bytes, render_message, xlsx_bytes

__all__ = ["build_account"]


def build_account(sc, *, mail_format: str, log_format: str | None,
                  org_chart: bool) -> SimulatedAccount:
    """Render the scenario ``sc`` (a ``_simulate._Scenario`` after ``run()``) as an account."""
    w = sc.w
    raws = [render_message(m) for m in sc.mails]
    files: dict = {}
    log_entries = []
    if log_format is not None:
        header, rows, log_entries = _log_table(sc)
        if log_format == "csv":
            files["log"] = ("rfi_log.csv", csv_bytes(header, rows))
        else:
            files["log"] = ("rfi_log.xlsx", xlsx_bytes(
                header, rows, title=f"{w.customer_name} - request log"))
    chart_people = []
    if org_chart:
        chart_people = list(w.stakeholders)
        if not (sc.kind == "new_executive" and sc.difficulty == "hard"):
            chart_people.append(w.executive)
        files["org_chart"] = ("org_chart.csv", _org_chart(sc, chart_people))
    key = _answer_key(sc, log_entries, chart_people)
    key["files"] = {"mail": {"mbox": "mailbox.mbox", "maildir": "maildir",
                             "eml": "eml"}[mail_format],
                    "log": files["log"][0] if "log" in files else None,
                    "org_chart": files["org_chart"][0] if "org_chart" in files else None}
    return SimulatedAccount(answer_key=key, seller_domains=(w.seller_domain,),
                            messages=raws, _mails=sc.mails, _files=files,
                            _mail_format=mail_format)

def _log_table(sc) -> tuple[list[str], list[list], list[dict]]:
    rng = random.Random(f"vision_analytics-log-{sc.random_state}")
    names = [rng.choice(options) for options in (
        ("Request ID", "ID", "Ref", "RFI No.", "Ticket"),
        ("Date Received", "Submitted", "Request Date", "Date Raised", "Received"),
        ("Requested By", "Requester", "Submitted By", "Raised By", "Customer Contact"),
        ("Category", "Type", "Area", "Workstream"),
        ("Question", "Description", "Request", "Details"),
        ("Status", "State"),
        ("Due", "Due Date", "Needed By", "Deadline"),
        ("Hours Spent", "Effort (h)", "Time Spent", "Hours"),
    )]
    prefix = rng.choice(("RFI", "REQ", "CR", "Q"))
    by_email = rng.random() < 0.35
    date_style = rng.choice(("iso", "iso", "dmy", "iso_time"))
    rows_in = sorted(sc.log_rows, key=lambda r: (r["when"].astimezone(UTC), r["question"]))
    rows, entries = [], []
    for number, row in enumerate(rows_in, 1):
        ref = f"{prefix}-{number:04d}"
        when, due = row["when"], row["due"]
        if date_style == "dmy":
            received, due_text = f"{when:%d/%m/%Y}", f"{due:%d/%m/%Y}"
        elif date_style == "iso_time":
            received, due_text = f"{when:%Y-%m-%d %H:%M}", f"{due:%Y-%m-%d}"
        else:
            received, due_text = f"{when:%Y-%m-%d}", f"{due:%Y-%m-%d}"
        hours = "" if row["hours"] is None else f"{row['hours']:g}"
        rows.append([ref, received, row["sender"].email if by_email else row["sender"].name,
                     P.CATEGORIES[row["topic"]], row["question"], row["status"], due_text,
                     hours])
        entries.append({"ref": ref, **row})
    return names, rows, entries

def _org_chart(sc, people: list[Person]) -> bytes:
    rng = random.Random(f"vision_analytics-chart-{sc.random_state}")
    header = [rng.choice(options) for options in (
        ("Name", "Full Name", "Employee"), ("Email", "E-mail", "Email Address"),
        ("Title", "Job Title", "Position"), ("Department", "Dept", "Business Unit"),
        ("Manager", "Reports To"))]
    rows = [[p.name, p.email, p.title, p.department, p.manager]
            for p in sorted(people, key=lambda p: (p.department, p.name))]
    return csv_bytes(header, rows)

def _answer_key(sc, log_entries: list[dict], chart_people: list[Person]) -> dict:
    w, kind = sc.w, sc.kind
    if kind == "new_executive":
        ex = w.executive
        source = {"name": ex.name, "email": ex.email, "organization": ex.organization,
                  "department": ex.department, "title": ex.title}
        source_kind = "person"
    elif kind == "competitor":
        source = {"name": w.competitor_name, "email": None,
                  "organization": w.competitor_name, "department": None, "title": None,
                  "domain": w.competitor_domain,
                  "products": [str(p) for p in w.competitor_products]}
        source_kind = "external"
    elif kind == "it_organization":
        source = {"name": "IT", "email": None, "organization": w.customer_name,
                  "department": "IT", "title": None,
                  "members": [p.email for p in sc.it_originators]}
        source_kind = "department"
    else:
        source, source_kind = None, None
    requests, non_requests = [], []
    for mail in sc.mails:
        if mail.kind != "request":
            non_requests.append(mail.message_id)
            continue
        info = mail.request
        requests.append({
            "request_id": f"email:{mail.message_id}", "channel": "email",
            "message_id": mail.message_id, "log_ref": "", "same_as": "",
            "sent_at": mail.sent_at.astimezone(UTC).isoformat(), "sender": mail.sender.email,
            "subject": mail.subject, "is_request": True, **info,
        })
    by_message = {r["message_id"]: r for r in requests}
    for entry in log_entries:
        if entry["same_as"]:
            # the log copies an e-mail request: same originator, no header of its own
            mail_entry = by_message[entry["same_as"]]
            originator = mail_entry["originator"]
            extra = {k: mail_entry[k] for k in ("originator_name", "originator_organization",
                                                "originator_department", "vision_terms_used")}
            extra["relay_mode"] = "log_copy"
        else:
            originator = entry["originator"]
            person = entry.get("source")
            extra = {
                "originator_name": person.name if person else w.competitor_name,
                "originator_organization": person.organization if person
                else w.competitor_name,
                "originator_department": person.department if person else "",
                "relay_mode": "log_only", "vision_terms_used": entry.get("terms", []),
            }
        requests.append({
            "request_id": f"rfi_log:{entry['ref']}", "channel": "rfi_log",
            "message_id": "", "log_ref": entry["ref"], "same_as": entry["same_as"],
            "sent_at": entry["when"].astimezone(UTC).isoformat(),
            "sender": entry["sender"].email, "subject": entry["subject"],
            "is_request": True, "topic": entry["topic"],
            "part_of_vision": entry["vision"], "originator": originator, **extra,
        })
    people = [p.public() for p in [*w.team, *w.stakeholders]]
    if kind == "new_executive":
        people.append(w.executive.public())
    if kind == "competitor":
        people += [p.public() for p in w.competitor_reps]
    n_vision = sum(r["part_of_vision"] for r in requests)
    return {
        "kind": kind, "difficulty": sc.difficulty, "random_state": sc.random_state,
        "seller_domains": [w.seller_domain], "customer_domain": w.customer_domain,
        "source": source, "source_kind": source_kind,
        "origin": None if kind == "null" else kind,
        "onset": sc.onset.date().isoformat() if sc.onset else None,
        "vision_name": None if kind == "null" else sc.vision_name,
        "vision_terms": [] if kind == "null" else list(sc.vision_terms),
        "primary_contact": w.primary.email,
        "scenario": {
            "seller": w.seller_name, "seller_domain": w.seller_domain,
            "seller_products": w.products, "customer": w.customer_name,
            "industry": w.industry, "contract_start": w.contract_start.isoformat(),
            "contract_years": 5, "displaced_incumbent": w.incumbent,
            "team_size": len(w.team), "period_start": sc.start.date().isoformat(),
            "period_end": sc.end.date().isoformat(), "n_months": sc.n_months,
            "competitor": w.competitor_name if kind == "competitor" else None,
        },
        "counts": {"messages": len(sc.mails), "requests": len(requests),
                   "email_requests": sum(r["channel"] == "email" for r in requests),
                   "log_rows": len(log_entries), "vision_requests": n_vision,
                   "non_requests": len(non_requests), "org_chart_people": len(chart_people)},
        "people": people,
        "requests": requests,
        "non_requests": non_requests,
    }

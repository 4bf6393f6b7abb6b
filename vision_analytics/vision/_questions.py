"""The three questions, the effort ledger and the recommendation."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["FUNDING", "answer_questions", "effort_ledger", "recommend"]

#: Language that a vision is approved and funded (general business English).
FUNDING = re.compile(
    r"\b(budget(?:ed)? (?:is |has been )?(?:approved|allocated|signed off|released|secured)|"
    r"(?:approved|allocated|secured|committed) (?:the |a )?budget|funded|funding (?:is |has been )?"
    r"(?:approved|secured|in place)|business case (?:is |was |has been )?(?:approved|signed)|"
    r"sponsor(?:ed)? by|executive sponsor|steering committee (?:approved|signed off|endorsed)|"
    r"board (?:approved|signed off)|capex (?:approved|allocated)|purchase order|"
    r"signed off|green[- ]lit|approved (?:by|at) (?:the )?(?:board|steering|exco|leadership))\b",
    re.I)
#: Language that approval or funding is missing or pending.
UNFUNDED = re.compile(
    r"\b(no budget|not (?:yet )?(?:approved|funded|budgeted)|unfunded|pending approval|"
    r"(?:still )?need(?:s)? (?:to get |)approval|exploratory|just exploring|blue[- ]sky|"
    r"no commitment|informal|for discussion only|not a formal|before we (?:seek|ask for) "
    r"(?:budget|approval)|business case (?:is )?(?:not|yet to be))\b", re.I)


def _hits(pattern, requests: pd.DataFrame, limit: int = 5) -> list[dict]:
    out = []
    for request_id, text, message_id in zip(requests.index, requests["text"].fillna(""),
                                            requests["message_id"].fillna(""), strict=True):
        for match in pattern.finditer(str(text)):
            start, end = max(0, match.start() - 60), match.end() + 60
            out.append({"request_id": str(request_id), "message_id": str(message_id),
                        "excerpt": "…" + " ".join(str(text)[start:end].split()) + "…"})
            break
        if len(out) >= limit:
            break
    return out


def _count(pattern, requests: pd.DataFrame) -> int:
    return sum(bool(pattern.search(str(text))) for text in requests["text"].fillna(""))


#: Clue kinds that do not speak for the source of a single request: who sent it
#: (the messenger), and the finding's own "uses the vision's phrases" clue.
_NOT_WHOSE = frozenset({"sender", "vision"})


def _whose_evidence(finding: dict, vision: pd.DataFrame, evidence: pd.DataFrame | None,
                    limit: int = 5) -> list[dict]:
    """The requests and messages the source rests on: vision requests whose own
    clues name the source (a forwarded header, a mention, a style match …),
    strongest first, then the source's own mail that writes the vision's phrases;
    failing both, the finding's clues alone (no request is claimed to carry them)."""
    people = set(finding.get("source_people") or []) | {finding.get("source_key")}
    people.discard(None)
    items: list[dict] = []
    if evidence is not None and len(evidence) and people and len(vision):
        ids = vision.index.astype(str)
        rows = evidence[evidence["candidate"].isin(people)
                        & ~evidence["kind"].isin(_NOT_WHOSE)
                        & evidence["request_id"].astype(str).isin(ids)]
        rows = rows.sort_values("weight", ascending=False, kind="stable").drop_duplicates(
            "request_id")
        # the strongest clue of each kind first (a forwarded header, a mention, a
        # style match), then the next strongest
        first = ~rows["kind"].duplicated()
        rows = pd.concat([rows[first], rows[~first]])
        message_ids = dict(zip(ids, vision["message_id"].fillna("").astype(str),
                               strict=True)) if "message_id" in vision else {}
        for row in rows.head(limit).itertuples(index=False):
            rid = str(row.request_id)
            items.append({"request_id": rid, "message_id": message_ids.get(rid, ""),
                          "kind": str(row.kind), "excerpt": str(row.excerpt)})
    for written in finding.get("source_writing") or []:
        items.append({**written, "kind": "own_mail",
                      "excerpt": "in their own mail: " + written.get("excerpt", "")})
    return items or [{"excerpt": str(c)} for c in finding.get("source_clues") or []]


def answer_questions(finding: dict, requests: pd.DataFrame, members: pd.Series,
                     evidence: pd.DataFrame | None = None) -> dict:
    """Whose vision / how and where developed / approved and funded — each a sentence
    with the evidence behind it, or "not enough evidence".

    ``evidence`` (the attribution's clue rows) lets "whose vision" point at the
    requests whose own clues name the source; without it, and without the
    source's own mail (``finding["source_writing"]``), its evidence is the
    finding's clues alone."""
    vision = requests[members]
    source = finding.get("source")
    if not finding.get("shared_source"):
        reason = finding.get("reason") or (
            f"the requests do not share a source more than chance allows "
            f"(p = {finding.get('p_value', 1.0):.2f})")
        whose = {"answer": f"Not enough evidence of a hidden shared source: {reason}.",
                 "evidence": []}
        how = {"answer": "Not enough evidence: no shared vision was found to trace.",
               "evidence": []}
    else:
        who = _describe(source, finding.get("source_kind"))
        clues = [str(c) for c in finding.get("source_clues") or []][:3]
        whose = {
            "answer": (f"The requests share a source: {who} "
                       f"(confidence {finding.get('confidence', 0):.0%}, p = "
                       f"{finding.get('p_value', 1):.3f}); {len(vision)} requests across "
                       f"{vision['topic_id'].nunique() if len(vision) else 0} topics "
                       "carry it." + (f" Clues: {'; '.join(clues)}." if clues else "")),
            "evidence": _whose_evidence(finding, vision, evidence),
        }
        origin = finding.get("origin_hypothesis")
        terms = ", ".join(f"“{t}”" for t in finding.get("vision_terms", [])[:6])
        origin_text = {
            "new_executive": "brought in by a newly arrived executive",
            "competitor": "carried in from an outside organisation (a competitor's framing)",
            "it_organization": "developed inside the IT organisation",
            "other": "developed by an existing stakeholder",
        }.get(origin, "of unclear origin")
        onset = finding.get("onset")
        how = {
            "answer": (f"It looks {origin_text}; it surfaced around {onset or 'an unknown date'} "
                       f"and speaks of {terms or 'no distinctive terms'}."),
            # the clues, then the messages where the story starts in the mail
            "evidence": [{"excerpt": c} for c in finding.get("origin_clues", [])]
            + list(finding.get("origin_messages") or []),
        }
    asked = vision if len(vision) else requests
    funded, unfunded = _hits(FUNDING, asked), _hits(UNFUNDED, asked)
    # the evidence lists show a few excerpts; the sentences give the full counts
    n_funded, n_unfunded = _count(FUNDING, asked), _count(UNFUNDED, asked)
    scope = f"{len(vision)} vision requests" if len(vision) else f"{len(requests)} requests"
    if funded and not unfunded:
        verb = "mentions" if n_funded == 1 else "mention"
        approved = {"answer": f"Yes, there are signs it is approved or funded: {n_funded} of the "
                              f"{scope} {verb} budget, a sponsor or sign-off.",
                    "evidence": funded, "status": "funded"}
    elif unfunded and not funded:
        verb = "says" if n_unfunded == 1 else "say"
        approved = {"answer": f"No: {n_unfunded} of the {scope} {verb} it is not yet approved "
                              "or funded, and none mentions budget, a sponsor or sign-off.",
                    "evidence": unfunded, "status": "unfunded"}
    elif funded and unfunded:
        approved = {"answer": f"Unclear: of the {scope}, {n_funded} mention budget, a sponsor "
                              f"or sign-off and {n_unfunded} say it is not yet approved — ask "
                              "who holds the budget.",
                    "evidence": funded + unfunded, "status": "mixed"}
    else:
        approved = {"answer": f"Not enough evidence: no budget, sponsor, business-case or "
                              f"approval language in {scope}.",
                    "evidence": [], "status": "silent"}
    return {"whose_vision": whose, "how_developed": how, "approved_funded": approved}


def _describe(source: dict | None, kind: str | None) -> str:
    if not source:
        return "an unidentified source"
    if kind == "department":
        return f"the {source.get('department')} department of {source.get('organization')}"
    if kind == "external":
        if not source.get("organization"):
            # known only by the product name its material carries
            return f"the outside organisation behind {source.get('name')}"
        return f"the outside organisation {source.get('organization')}"
    bits = [source.get("name") or source.get("email")]
    if source.get("title"):
        bits.append(source["title"])
    if source.get("department"):
        bits.append(source["department"])
    return ", ".join(b for b in bits if b)


def effort_ledger(requests: pd.DataFrame, messages: pd.DataFrame, members: pd.Series,
                  *, words_per_hour: float = 300.0, hours_per_attachment: float = 1.0,
                  base_hours: float = 0.25) -> dict:
    """Requests received, replies sent, estimated hours and weekend share.

    A request log's row that records an e-mail ask (``same_as``) is not counted
    again; its hours, when the log gives them, are the ask's (``logged_twice``
    says how many rows did). Each reply of the seller's team counts once, for the
    latest request of its thread sent at or before it: a chaser ("any update?")
    takes the replies that follow it, and its ask keeps those before. Hours come
    from the request log's ``hours_spent`` where present; otherwise they are
    estimated from the replies a request took: ``base_hours`` per reply + words ÷
    ``words_per_hour`` + ``hours_per_attachment`` per attachment (stated in the
    output as the method).
    """
    out_msgs = messages.loc[messages["direction"] == "outbound",
                            ["sent_at", "thread_id", "body_text", "attachment_names"]]
    sent = pd.to_datetime(out_msgs["sent_at"], utc=True)
    facts = pd.DataFrame({
        "thread": out_msgs["thread_id"].fillna("").astype(str).to_numpy(),
        "dated": sent.notna().to_numpy(),
        "t": sent.to_numpy(dtype="datetime64[us]", na_value=np.datetime64("NaT")),
        "weekend": (sent.dt.day_of_week >= 5).fillna(False).to_numpy(dtype=bool),
        "words": [len(str(b).split()) if isinstance(b, str) else 0
                  for b in out_msgs["body_text"]],
        "files": [len(n) if isinstance(n, list) else 0 for n in out_msgs["attachment_names"]],
    })
    columns = requests.columns
    # a log row that records an e-mail ask (``same_as``) is that ask: not counted
    # again, its logged hours are the ask's
    same_as = (requests["same_as"].fillna("").astype(str) if "same_as" in columns
               else pd.Series("", index=requests.index))
    records = same_as != ""
    logged_twice = int(records.sum())
    logged = (pd.to_numeric(requests["hours_spent"], errors="coerce") if "hours_spent"
              in columns else pd.Series(np.nan, index=requests.index))
    if logged_twice:
        recorded = logged[records].groupby(same_as[records].to_numpy()).max()
        logged = logged.fillna(recorded.reindex(logged.index))
        requests, logged = requests.loc[~records], logged[~records]
    logged = logged.to_numpy(dtype=float)
    n = len(requests)
    thread_of = (requests["thread_id"].fillna("").astype(str).to_numpy() if "thread_id"
                 in columns else np.full(n, "", dtype=object))
    when = (pd.to_datetime(requests["sent_at"], utc=True) if "sent_at" in columns
            else pd.Series(pd.NaT, index=requests.index, dtype="datetime64[us, UTC]"))
    when = when.to_numpy(dtype="datetime64[us]", na_value=np.datetime64("NaT"))
    asked = {thread: rows for thread, rows in
             pd.Series(np.arange(n)).groupby(thread_of, sort=False).indices.items() if thread}
    owner = np.full(len(facts), -1)
    reply_dated, reply_t = facts["dated"].to_numpy(), facts["t"].to_numpy()
    for thread, replies in facts.groupby("thread", sort=False).indices.items():
        rows = asked.get(thread)
        if rows is None:
            continue
        dated = rows[~np.isnat(when[rows])]
        if len(dated) == 0:  # undated asks: the thread's replies are its first ask's
            owner[replies] = rows[0]
            continue
        dated = dated[np.argsort(when[dated], kind="stable")]
        ok = reply_dated[replies]
        at = np.searchsorted(when[dated], reply_t[replies], side="right") - 1
        owner[replies[ok & (at >= 0)]] = dated[at[ok & (at >= 0)]]
    counted = owner >= 0

    def summed(values) -> np.ndarray:
        return np.bincount(owner[counted], weights=np.asarray(values, dtype=float)[counted],
                           minlength=n)

    n_replies = summed(np.ones(len(facts)))
    weekend = summed(facts["weekend"])
    words = summed(facts["words"])
    files = summed(facts["files"])
    estimate = base_hours * n_replies + words / words_per_hour + hours_per_attachment * files
    hours = np.where(~np.isnan(logged), logged, np.where(n_replies > 0, estimate, 0.0))
    method = np.where(~np.isnan(logged), "log", np.where(n_replies > 0, "estimate", "none"))
    topics = requests["topic_id"] if "topic_id" in columns else [""] * n
    per_request = [{"request_id": str(request_id),
                    "topic_id": topic if isinstance(topic, str) else "",
                    "in_vision": bool(members.get(request_id, False)),
                    "replies": int(k), "weekend_replies": int(w),
                    "hours": round(float(h), 2), "method": str(m)}
                   for request_id, topic, k, w, h, m in zip(
                       requests.index, topics, n_replies, weekend, hours, method, strict=True)]
    ledger = pd.DataFrame(per_request)
    if ledger.empty:
        return {"requests": 0, "replies": 0, "estimated_hours": 0.0, "weekend_share": 0.0,
                "vision": {}, "per_topic": [], "method": _METHOD}

    def summarize(frame: pd.DataFrame) -> dict:
        replies_n = int(frame["replies"].sum())
        return {"requests": int(len(frame)), "replies": replies_n,
                "estimated_hours": round(float(frame["hours"].sum()), 1),
                "weekend_share": round(float(frame["weekend_replies"].sum() / replies_n), 3)
                if replies_n else 0.0}

    totals = summarize(ledger)
    totals["vision"] = summarize(ledger[ledger["in_vision"]])
    totals["per_topic"] = [
        {"topic_id": str(topic), **summarize(frame)}
        for topic, frame in ledger.groupby("topic_id", sort=True)
    ]
    totals["hours_from_log"] = int((ledger["method"] == "log").sum())
    totals["logged_twice"] = logged_twice
    totals["method"] = _METHOD
    return totals


_METHOD = ("hours from the request log where given; otherwise 0.25 h per seller reply + "
           "reply words / 300 per hour + 1 h per attachment")


def recommend(finding: dict, answers: dict, effort: dict) -> dict:
    """pursue / qualify / lose_early with the reasons."""
    reasons = []
    status = answers["approved_funded"].get("status", "silent")
    vision_effort = effort.get("vision", {}) or {}
    n_vision = vision_effort.get("requests", 0)
    hours = vision_effort.get("estimated_hours", 0.0)
    if not finding.get("shared_source"):
        reasons.append("no hidden shared source: the requests read as ordinary account work")
        return {"decision": "pursue", "reasons": reasons}
    origin = finding.get("origin_hypothesis")
    reasons.append(f"{n_vision} requests serve one vision ({hours:.0f} estimated hours so far, "
                   f"{vision_effort.get('weekend_share', 0):.0%} of replies on weekends)")
    if origin == "competitor" and status != "funded":
        reasons.append("the vision's vocabulary comes from an outside organisation and nothing "
                       "shows it is funded: the requests may be written around someone else's "
                       "offer")
        return {"decision": "lose_early", "reasons": reasons}
    if status == "funded":
        reasons.append("there are signs of budget, sponsor or sign-off: engage the source "
                       "directly and shape the vision")
        return {"decision": "pursue", "reasons": reasons}
    if status == "unfunded" and hours >= 80:
        reasons.append("the requests themselves say it is not approved, after many hours of "
                       "unpaid work: stop investing unless a sponsor commits")
        return {"decision": "lose_early", "reasons": reasons}
    reasons.append("no identified sponsor or funding language: qualify before answering more — "
                   "ask who owns the vision, its budget and its timeline")
    return {"decision": "qualify", "reasons": reasons}

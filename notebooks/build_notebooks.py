"""Write the analyst's notebooks from the Python source below and execute them in place.

Each notebook is a list of markdown and code cells; this script writes it with
``nbformat`` and runs it top to bottom with ``nbclient`` in a fresh kernel, so the
committed outputs come from a real run (nbval re-runs them in CI and compares).

Usage (from the repository root)::

    python notebooks/build_notebooks.py            # all notebooks
    python notebooks/build_notebooks.py 02 04      # only those whose name starts so

The run fails when a cell raises, writes to stderr (a warning) or leaves an
``<Axes ...>``/``<Figure ...>`` repr as a cell result; it prints each notebook's
run time. Notebook 6 needs the shared real data (``../shared/data/real`` beside
the repository or ``$VISION_ANALYTICS_REAL_DATA``) and is skipped when it is absent.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TIMEOUT = 600  # per cell, seconds

# --------------------------------------------------------------------------------------------
# shared snippets

QUIET = """\
import warnings

from tqdm import TqdmWarning

# tqdm.auto (used for progress bars) warns when ipywidgets is absent, even with progress=False;
# it is a third-party import-time notice, not a problem of the analysis.
warnings.filterwarnings("ignore", message="IProgress not found", category=TqdmWarning)"""


def setup(*, numpy: bool = True, pyplot: bool = True, plots: bool = True) -> list:
    """The first two cells: the warning filter, then the imports the notebook uses."""
    lines = []
    if pyplot:
        lines.append("import matplotlib.pyplot as plt")
    if numpy:
        lines.append("import numpy as np")
    lines.append("import pandas as pd")
    lines.append("")
    lines.append("import vision_analytics as va")
    if plots:
        lines.append("from vision_analytics import plots")
    lines += ["", 'pd.set_option("display.width", 120)',
              'pd.set_option("display.max_colwidth", 60)']
    return [("code", QUIET), ("code", "\n".join(lines))]


def md(text: str) -> tuple[str, str]:
    return "markdown", text.strip("\n")


def code(text: str) -> tuple[str, str]:
    return "code", text.strip("\n")


# --------------------------------------------------------------------------------------------
# 01 quickstart

NB01 = [
    md("""
# 1 · Quickstart: load an account's exports

`vision_analytics` reads what an account team can export — mailboxes (mbox, maildir, `.eml`,
Outlook `.msg`/`.pst`), a request/RFI log (CSV or XLSX) and an org chart — and finds out **who
is really behind the customer's requests**.

This notebook loads the bundled **sample account** and checks what was read before any analysis:

* which files and formats were found, and how many items each held;
* the *load report*: every item not read in full is listed, nothing is dropped silently;
* what the messages are: date range, directions (inbound = from the customer), senders.

Look at the `reconciled` column first: `True` means *items found = messages + duplicates +
errors (+ table rows)* for that format.
"""),
    *setup(numpy=False, plots=False),
    md("""
## The bundled sample

`load_sample("sample")` returns a simulated account whose answers are known (its `answer_key`).
We only need the export files and the seller's mail domain here: *inbound* means sent from
outside the seller's domains.
"""),
    code("""
from vision_analytics.datasets import load_sample

sample = load_sample("sample")
print("files:", [path.name for path in sample.inputs])
print("seller domains:", list(sample.seller_domains))"""),
    code("""
corpus = va.load(sample.inputs, seller_domains=sample.seller_domains, progress=False)
print(corpus.summary().to_string())"""),
    md("""
## The load report

`corpus.errors` has one row per item that could not be read in full (file, position, reason).
An empty table is the good case; on real exports expect a few rows (truncated files, unreadable
attachments) and read them before trusting the counts.
"""),
    code("""
print("items not read in full:", len(corpus.errors))
print(corpus.errors.to_string() if len(corpus.errors) else "(none)")"""),
    md("""
## What is in the mail

One row per message; the `direction` column is what the later stages rely on: requests are
looked for in **inbound** mail, the team's own replies (**outbound**) measure the effort.
"""),
    code("""
messages = corpus.messages
print("messages:", len(messages))
print("formats:", messages["format"].value_counts().to_dict())
print("from", messages["sent_at"].min().date(), "to", messages["sent_at"].max().date())
print("directions:", messages["direction"].value_counts().to_dict())
print("with attachments:", int(messages["has_attachments"].sum()))"""),
    code("""
sender_domain = messages["sender"].str.rsplit("@", n=1).str[-1]
print(pd.crosstab(sender_domain, messages["direction"]).to_string())"""),
    code("""
per_month = messages.groupby([messages["sent_at"].dt.strftime("%Y-%m"), "direction"]).size()
fig, ax = plt.subplots(figsize=(8, 3))
per_month.unstack(fill_value=0).plot.bar(stacked=True, ax=ax)
ax.set_xlabel("month")
ax.set_ylabel("messages")
ax.set_title("Messages per month and direction")
fig.tight_layout()"""),
    md("""
## The request log and the org chart

Rows of the request/RFI log become requests of their own (`channel == "rfi_log"`); the org chart
gives titles and departments to the people found in the mail.
"""),
    code("""
log = corpus.request_log
print("request-log rows:", len(log))
print("log columns:", list(log.columns))
print("org chart people:", len(corpus.org_chart))
print("departments:", corpus.org_chart["department"].value_counts().to_dict())"""),
    md("""
## One line to the answer

`va.analyze` runs every stage (zoning, threading, identities, requests, topics, attribution and
the shared-source test). The next notebooks open each part of the result.
"""),
    code("""
analysis = va.analyze(corpus, progress=False)
print(analysis)"""),
]

# --------------------------------------------------------------------------------------------
# 02 topics

NB02 = [
    md("""
# 2 · What is being asked

The first question of the analysis: **what does the customer ask for?** Requests are found in
inbound mail (and the request log) and grouped into topics, with an automatic number of topics.

What to look at:

* the topic table: do the labels read like distinct asks?
* the **k scan**: the number of topics is the most *stable* one (topics that come back when the
  requests are resampled), not the one with the best-looking split;
* the **unassigned** share: requests no topic fits are left out rather than forced in;
* topics over time: which asks are new, which fade;
* on the sample, the agreement with the known topics (adjusted Rand index).
"""),
    *setup(numpy=False),
    code("""
from vision_analytics.datasets import load_sample, score_account

sample = load_sample("sample")
analysis = va.analyze(sample.inputs, seller_domains=sample.seller_domains, progress=False)
requests = analysis.requests
print("requests:", len(requests))
print("by channel:", requests["channel"].value_counts().to_dict())"""),
    md("""
## The topics

Each topic has a label (its most distinctive phrase, then two supporting terms) and a size.
"""),
    code("""
print(analysis.topics[["topic_id", "label", "size"]].to_string(index=False))"""),
    md("""
## Choosing k, and how stable the choice is

The clusterer scans candidate numbers of topics. For each k it refits on resamples of the
requests and measures how well the topics come back (mean adjusted Rand index, **stability**);
the silhouette is shown for comparison. The selected k is marked.
"""),
    code("""
clusterer = analysis.clusterer
scan = clusterer.k_scan_.round(3)
print(scan.to_string(index=False))
print("chosen k:", clusterer.n_topics_)
print("stability at the chosen k:", round(clusterer.stability_, 3))"""),
    code("""
fig, ax = plt.subplots(figsize=(6, 3))
ax.errorbar(scan["k"], scan["stability"], yerr=scan["stability_std"], marker="o",
            label="stability (mean ARI of resamples)")
ax.plot(scan["k"], scan["silhouette"], marker="s", linestyle="--", label="silhouette")
chosen = scan[scan["selected"]]
ax.scatter(chosen["k"], chosen["stability"], s=150, facecolors="none", edgecolors="red",
           label="selected")
ax.set_xlabel("number of topics k")
ax.set_ylim(0, 1)
ax.legend(loc="upper left", fontsize=8)
ax.set_title("Choosing the number of topics")
fig.tight_layout()"""),
    md("""
## Requests no topic fits

A request whose text matches no topic well is labelled `unassigned` instead of padding the
nearest topic. A high share (say above 20 %) means the requests are too short or too varied for
topics; read those by hand.
"""),
    code("""
print("unassigned share:", round(clusterer.unassigned_share_, 3))
print("unassigned requests:", int((requests["topic_id"] == "unassigned").sum()))"""),
    md("""
## Topics over time

The volume of each topic per month. A topic that appears late and grows is worth a closer look:
is it a new need, or somebody's new idea travelling through the customer's organisation?
"""),
    code("""
fig, ax = plt.subplots(figsize=(9, 4))
ax = plots.plot_topics_over_time(analysis, ax=ax)"""),
    code("""
texts = requests.assign(text=requests["subject"].fillna("") + "\\n" + requests["text"].fillna(""))
trends = clusterer.topic_trends(texts)
print(trends[["topic_id", "label", "trend"]].to_string(index=False))"""),
    code("""
fig, ax = plt.subplots(figsize=(6, 5))
ax = plots.plot_topic_map(analysis, ax=ax)"""),
    md("""
## Against the answer key

The sample is simulated, so the true topic of each request is known. The adjusted Rand index
compares the two partitions (1 = identical, 0 = chance); requests are matched by `message_id`.
"""),
    code("""
scores = score_account(sample.answer_key, analysis.requests, analysis.vision)
print("requests found (recall):", round(scores["request_recall"], 3))
print("found requests that are requests (precision):", round(scores["request_precision"], 3))
print("topic ARI vs the answer key:", round(scores["topic_ari"], 3))"""),
]

# --------------------------------------------------------------------------------------------
# 03 attribution

NB03 = [
    md("""
# 3 · Who is really asking

The sender of a request is often only the messenger: the primary contact forwards what a
colleague, a new executive or another department wants. For every request the analysis weighs
the evidence — forwarded and quoted headers, mentions, cc's, writing style, vocabulary,
timing — and names an **originator** with a confidence (or says `unknown`).

What to look at:

* how many requests have an originator other than their sender;
* the evidence behind one relayed request (is it convincing?);
* who the **messengers** are (they relay others' asks) and who **originates through others**;
* whether the confidence can be trusted: a request attributed with 80 % confidence should be
  right about 80 % of the time (calibration, checked on simulated accounts with known answers).
"""),
    *setup(),
    code("""
from vision_analytics.datasets import load_sample

sample = load_sample("sample")
analysis = va.analyze(sample.inputs, seller_domains=sample.seller_domains, progress=False)
requests = analysis.requests
unknown = requests["originator"] == "unknown"
relayed = ~unknown & (requests["originator"].str.lower() != requests["sender"].str.lower())
print("requests:", len(requests))
print("originator named, and not the sender:", int(relayed.sum()))
print("originator unknown (the evidence is too weak to name one):", int(unknown.sum()))"""),
    md("""
## Originator vs sender

Per sender: how many requests they sent, for how many somebody else is named as the originator,
and for how many the originator stays unknown.
"""),
    code("""
table = (requests.assign(relayed=relayed, unknown=unknown)
         .groupby("sender")
         .agg(sent=("relayed", "size"), relayed_for_others=("relayed", "sum"),
              originator_unknown=("unknown", "sum"),
              mean_confidence=("originator_confidence", "mean"))
         .sort_values(["sent", "relayed_for_others"], ascending=False)
         .round(3))
print(table.to_string())"""),
    code("""
pairs = (requests[relayed].groupby(["sender", "originator"]).size()
         .sort_values(ascending=False).rename("requests").head(10))
print(pairs.to_string())"""),
    md("""
## The evidence of one relayed request

The relayed request with the most confident attribution; every clue the attribution weighed is
listed with its weight (excerpts cut short).
"""),
    code("""
chosen = (requests[relayed]
          .sort_values(["originator_confidence"], ascending=False, kind="stable").index[0])
row = requests.loc[chosen]
print("subject:", row["subject"])
print("sender:", row["sender"], "| originator:", row["originator"],
      "| confidence:", round(row["originator_confidence"], 3))
print("why:", row["evidence"])
clues = analysis.evidence[analysis.evidence["request_id"] == chosen]
clues = clues.assign(excerpt=clues["excerpt"].str.slice(0, 70), weight=clues["weight"].round(2))
print(clues[["kind", "candidate", "weight", "excerpt"]].to_string(index=False))"""),
    md("""
## The stakeholder network and the attribution flow

The network links people by who writes to whom; the flow shows which originators' asks reach the
team through which senders. A thick band from one originator through several senders is the
pattern of a hidden source.
"""),
    code("""
fig, ax = plt.subplots(figsize=(8, 6))
ax = plots.plot_stakeholder_network(analysis, ax=ax)"""),
    code("""
fig, ax = plt.subplots(figsize=(8, 5))
ax = plots.plot_attribution_flow(analysis, ax=ax)"""),
    md("""
## Messengers and originators

`messenger_load` counts requests a person sent on behalf of others; `originated_through_others`
counts requests a person originated that reached the team through someone else.
"""),
    code("""
people = analysis.stakeholders
customer = people[people["side"] != "seller"]
columns = ["name", "title", "requests_sent", "requests_originated",
           "originated_through_others", "messenger_load", "role"]
print("top messengers")
print(customer.sort_values(["messenger_load", "name"], ascending=[False, True])[columns]
      .head(5).to_string(index=False))
print()
print("top originators through others")
print(customer.sort_values(["originated_through_others", "name"], ascending=[False, True])[columns]
      .head(5).to_string(index=False))"""),
    md("""
## Can the confidence be trusted? Calibration on simulated accounts

We simulate three small accounts with known answers (one per kind of hidden source), analyse
them, and join each request to the answer key by `message_id`. An attribution is correct when it
names the true originator (same address, or the true organisation for an external source). The
reliability table bins `originator_confidence` and compares the mean confidence with the share
correct in each bin; the expected calibration error (ECE) summarises the gaps.
"""),
    code("""
import tempfile

from vision_analytics.datasets import simulate_account


def attribution_correct(predicted, truth, names):
    \"\"\"Does a predicted originator name the answer key's originator?\"\"\"
    guess = str(predicted).strip().lower()
    target = str(truth["originator"]).strip().lower()
    if guess in ("", "unknown"):
        return False
    if "@" in target:
        return guess == target or names.get(guess) == target
    organisation = str(truth.get("originator_organization") or "").strip().lower()
    return guess in (target, organisation) or guess.rsplit("@", 1)[-1] == target


def joined(analysis, answer_key):
    \"\"\"One row per request found: its confidence and whether the originator is right.\"\"\"
    truth = {(r["log_ref"] if r["channel"] == "rfi_log" else r["message_id"]): r
             for r in answer_key["requests"]}
    names = {p["name"].lower(): p["email"].lower() for p in answer_key["people"]}
    rows = []
    for message_id, originator, confidence in zip(
            analysis.requests["message_id"], analysis.requests["originator"],
            analysis.requests["originator_confidence"], strict=True):
        if message_id in truth:
            rows.append({"confidence": float(confidence),
                         "correct": attribution_correct(originator, truth[message_id], names)})
    return pd.DataFrame(rows)


frames = []
with tempfile.TemporaryDirectory() as folder:
    for kind, seed in [("new_executive", 1), ("competitor", 2), ("it_organization", 3)]:
        account = simulate_account(kind, "medium", random_state=seed, out_dir=f"{folder}/{kind}",
                                   n_months=4, team_size=5)
        result = va.analyze(account.inputs, seller_domains=account.seller_domains,
                            progress=False)
        frame = joined(result, account.answer_key).assign(account=kind)
        frames.append(frame)
        print(f"{kind:16s} requests joined: {len(frame):4d}  "
              f"share correct: {frame['correct'].mean():.3f}")
calibration = pd.concat(frames, ignore_index=True)"""),
    code("""
edges = np.linspace(0, 1, 6)
bins = pd.cut(calibration["confidence"], edges, include_lowest=True)
reliability = (calibration.groupby(bins, observed=False)
               .agg(count=("correct", "size"), mean_confidence=("confidence", "mean"),
                    share_correct=("correct", "mean")))
ece = float((reliability["count"] * (reliability["mean_confidence"]
                                     - reliability["share_correct"]).abs()).sum()
            / reliability["count"].sum())
print(reliability.round(3).to_string())
print("requests:", len(calibration), "| expected calibration error:", round(ece, 3))"""),
    code("""
filled = reliability[reliability["count"] > 0]
fig, ax = plt.subplots(figsize=(4.5, 4.5))
ax.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect calibration")
ax.plot(filled["mean_confidence"], filled["share_correct"], marker="o", label="attribution")
for x, y, n in zip(filled["mean_confidence"], filled["share_correct"], filled["count"],
                   strict=True):
    ax.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10), fontsize=8)
ax.set_xlabel("originator_confidence (bin mean)")
ax.set_ylabel("share correct")
ax.set_xlim(0, 1)
ax.set_ylim(0, 1)
ax.legend(loc="upper left", fontsize=8)
ax.set_title("Reliability of the attribution confidence")
fig.tight_layout()"""),
    md("""
Read the diagram bin by bin: points under the diagonal are over-confident attributions, points
above it under-confident. An `unknown` originator counts as not correct: such requests carry
a low confidence, so the lowest bins show how often the attribution declines to name anyone.
Three small accounts are few requests per bin, so treat single bins with a handful of requests
with care.
"""),
]

# --------------------------------------------------------------------------------------------
# 04 the hidden vision

NB04 = [
    md("""
# 4 · Is there a hidden vision?

**The story of the sample account.** Corvane Systems, a mid-size supplier, has served Redfern
Freight — a Fortune-50 logistics customer — since 2022. In 2024 the account team drowns in asks
that look unrelated: pricing what-ifs, roadmap questions, architecture proposals, security
questionnaires. The team answers them one by one. Is something behind them?

The analysis answers with a **statistical test**: if no source pushes one set of ideas, the order
in which the customer's conversations arrive is exchangeable, and phrases that emerge over time
should not spread across unrelated topics. The statistic measures how much new vocabulary
spreads across topics after a change point; its null distribution comes from permutations.

What to look at: the p-value (and the null distribution it comes from), then — only if the test
finds something — the source, when it started, its vocabulary, the three questions the team
must settle and what answering has cost so far.
"""),
    *setup(),
    code("""
from vision_analytics.datasets import load_sample, score_account

sample = load_sample("sample")
analysis = va.analyze(sample.inputs, seller_domains=sample.seller_domains, progress=False)
vision = analysis.vision
print(analysis)"""),
    md("""
## The test
"""),
    code("""
test = analysis.test
print("statistic:", round(float(test.statistic), 3))
print("p-value:", round(float(test.p_value), 3))
print("level alpha:", vision["alpha"])
print("independent emerging phrase families:", test.n_families)
print("shared source found:", vision["shared_source"])"""),
    code("""
null = np.asarray(test.null_distribution, dtype=float)
fig, ax = plt.subplots(figsize=(7, 3))
ax.hist(null, bins=30, color="lightgrey", edgecolor="grey", label=f"{len(null)} permutations")
ax.axvline(test.statistic, color="crimson", label=f"observed (p = {test.p_value:.3f})")
ax.set_xlabel("statistic")
ax.set_ylabel("permutations")
ax.legend(fontsize=8)
ax.set_title("Null distribution of the shared-source statistic")
fig.tight_layout()"""),
    md("""
## The source, the onset and the vocabulary

The source is the candidate whose people, timing and vocabulary fit the requests carrying the
vision best; the runners-up are shown so the team can judge the margin.
"""),
    code("""
source = vision["source"] or {}
print("source:", source.get("name"), "|", source.get("title"), "|", source.get("department"))
print("kind:", vision["source_kind"], "| origin hypothesis:", vision["origin_hypothesis"])
print("confidence:", vision["confidence"])
print("onset:", vision["onset"])
print("clues:")
for clue in vision["source_clues"] + vision["origin_clues"]:
    print("  -", clue)
print("runners-up:", [(c["name"], c["score"]) for c in vision["runner_up_sources"]])"""),
    code("""
print("vision terms:", vision["vision_terms"])
print("requests in the vision:", len(vision["requests_in_vision"]),
      "across topics", vision["topics_in_vision"])"""),
    code("""
fig, ax = plt.subplots(figsize=(7, 4))
ax = plots.plot_vision_terms(analysis, ax=ax)"""),
    code("""
fig, ax = plt.subplots(figsize=(9, 4))
ax = plots.plot_timeline(analysis, ax=ax)"""),
    md("""
## The three questions

Before investing more, the team has to settle: *whose vision is it*, *how and where was it
developed*, *is it approved and funded*. Each answer comes with the evidence it stands on — or
says plainly that the mail is silent.
"""),
    code("""
titles = {"whose_vision": "Whose vision is it?", "how_developed": "How was it developed?",
          "approved_funded": "Is it approved and funded?"}
for key, title in titles.items():
    print(title)
    print("  ", vision["answers"][key]["answer"])"""),
    md("""
## The effort ledger

What answering has cost the team so far: requests, replies, estimated hours (from reply length
and the request log's own hours) and the share of replies sent at weekends.
"""),
    code("""
effort = vision["effort"]
print("all requests:", effort["requests"], "| replies:", effort["replies"],
      "| estimated hours:", effort["estimated_hours"],
      "| weekend share:", effort["weekend_share"])
print("the vision:", effort["vision"])
per_topic = pd.DataFrame(effort["per_topic"]).set_index("topic_id")
print(per_topic.to_string())"""),
    code("""
fig, ax = plt.subplots(figsize=(8, 4))
ax = plots.plot_effort(analysis, ax=ax)"""),
    md("""
## The recommendation
"""),
    code("""
recommendation = vision["recommendation"]
print("decision:", recommendation["decision"])
for key, value in recommendation.items():
    if key != "decision":
        print(f"{key}: {value}")"""),
    md("""
## How close is this to the truth?

The sample is simulated: its answer key says a new Chief Digital Officer brought the vision in.
"""),
    code("""
scores = score_account(sample.answer_key, analysis.requests, vision)
for key in ["detection_correct", "source_correct", "origin_correct", "onset_error_days",
            "vision_precision", "vision_recall"]:
    value = scores[key]
    print(f"{key}: {round(value, 3) if isinstance(value, float) else value}")"""),
    md("""
## For contrast: an account with no hidden source

The `null` sample has the same kind of traffic and drift but no planted vision. The test should
find nothing, and say why.
"""),
    code("""
null_sample = load_sample("null")
null_analysis = va.analyze(null_sample.inputs, seller_domains=null_sample.seller_domains,
                           progress=False)
null_vision = null_analysis.vision
print("requests:", len(null_analysis.requests))
print("shared source found:", null_vision["shared_source"])
print("p-value:", round(null_vision["p_value"], 3))
print("reason:", null_vision["reason"])
print("decision:", null_vision["recommendation"]["decision"])"""),
]

# --------------------------------------------------------------------------------------------
# 05 the workshop

NB05 = [
    md("""
# 5 · Preparing the workshop

The facilitator's deliverable is one self-contained HTML **brief**: the finding, the evidence,
the figures and the questions to put to the customer. This notebook shows it, lists the
questions, and writes all outputs **anonymised** — then checks that no real name or address
survives in any file.
"""),
    *setup(numpy=False, pyplot=False, plots=False),
    code("""
from vision_analytics.datasets import load_sample

sample = load_sample("sample")
analysis = va.analyze(sample.inputs, seller_domains=sample.seller_domains, progress=False)
print(analysis)"""),
    md("""
## The brief

Displayed inline (in a sandboxed frame); `analysis.report().write_html("brief.html")` writes the
same page to a file that opens without network access.
"""),
    code("""
brief = analysis.report()
brief"""),
    md("""
## The questions to ask the customer

Each question comes with why it is asked, so the facilitator can adapt the wording.
"""),
    code("""
from vision_analytics.report import customer_questions

for number, item in enumerate(customer_questions(analysis), start=1):
    print(f"{number}. {item['question']}")
    print(f"   why: {item['why']}")"""),
    md("""
## Writing the outputs, anonymised

`write_outputs(..., anonymize=True)` writes every file of the output contract with people
replaced by stable pseudonyms ("Person A"). We write into a temporary folder and look for every
known name and address of the account in every file. Only counts are printed.
"""),
    code("""
import re
import tempfile
from pathlib import Path

from vision_analytics import write_outputs

# every name and address the account knows: the people the analysis resolved (names folded
# to ASCII) and the simulated account's own list (names as written in the mail, accents kept)
people = analysis.identities.people
names = {n for n in people["name"] if isinstance(n, str) and len(n) > 3}
names |= {p["name"] for p in sample.answer_key["people"]}
emails = {e.lower() for listed in people["emails"] if isinstance(listed, list) for e in listed}
emails |= {p["email"].lower() for p in sample.answer_key["people"]}
print("known names:", len(names), "| known addresses:", len(emails))


def survivors(folder):
    \"\"\"How many known names and addresses appear in the files written to ``folder``.\"\"\"
    text = "\\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(folder).iterdir()))
    lowered = text.lower()
    found_names = {n for n in names if re.search(r"\\b" + re.escape(n) + r"\\b", text)}
    found_emails = {e for e in emails if e in lowered}
    return len(found_names), len(found_emails)


with tempfile.TemporaryDirectory() as folder:
    paths = write_outputs(analysis, folder, anonymize=True)
    print("files written:", sorted(paths))
    for name in ["requests.csv", "topics.csv", "stakeholders.csv", "evidence.csv"]:
        print(f"  {name}: {len(pd.read_csv(paths[name]))} rows")
    anonymised = survivors(folder)
print("names / addresses surviving, anonymised:", anonymised)

with tempfile.TemporaryDirectory() as folder:
    write_outputs(analysis, folder, anonymize=False)
    plain = survivors(folder)
print("names / addresses present, not anonymised:", plain)"""),
    md("""
The anonymised line must read `(0, 0)`; the plain line shows that the check does catch names
when they are there (people who never appear in a request, such as most of the seller's team,
are absent from both). The pseudonyms are stable: the same analysis always maps the same person
to the same "Person X", so a brief and its CSV files agree.
"""),
]

# --------------------------------------------------------------------------------------------
# 06 Enron

# two trading desks (East power, West gas): about 3,300 messages, under a minute to analyse
ENRON_MAILBOXES = ["grigsby-m", "presto-k"]

NB06 = [
    md("""
# 6 · Real mail: five Enron mailboxes

The sample account is simulated; this notebook runs the analysis on **real mail** nobody on the
team wrote: the mailboxes of five Enron traders from the public FERC release (CMU Enron corpus).
It reads the shared real data in place (`../shared/data/real` beside the repository, or
`$VISION_ANALYTICS_REAL_DATA`) and shows **aggregates and figures only**: no message bodies, no
subjects, no addresses of the people in it. Names in figures and topic labels are replaced by
pseudonyms (`anonymize_analysis`).

**The framing.** Everyone in these mailboxes writes from `enron.com`, so there is no supplier and
customer in the usual sense. We take Enron as "the seller" (`seller_domains=["enron.com"]`):
*inbound* is then mail from outside Enron — brokers, data vendors, counterparties, newsletters,
private mail — and a *request* is an ask in that outside mail. Nobody planted a vision here, so
whatever the shared-source test says is a finding about ordinary mail, reported as it comes out.

**The subsample.** The whole five-mailbox folder takes several minutes to analyse on a small
machine; the notebook analyses MAILBOXES below (a fixed, deterministic choice) after loading and
counting all five.
"""),
    *setup(),
    code("""
import os
from pathlib import Path

from vision_analytics.report import anonymize_analysis


def real_data_root():
    \"\"\"$VISION_ANALYTICS_REAL_DATA, else ../shared/data/real beside the repository.\"\"\"
    if os.environ.get("VISION_ANALYTICS_REAL_DATA"):
        return Path(os.environ["VISION_ANALYTICS_REAL_DATA"])
    here = Path.cwd().resolve()
    repo = next(p for p in [here, *here.parents] if (p / "pyproject.toml").exists())
    return repo.parent / "shared" / "data" / "real"


MAILDIR = real_data_root() / "enron-5users" / "maildir"
print("real data found:", MAILDIR.is_dir())
print("mailboxes:", sorted(p.name for p in MAILDIR.iterdir() if p.is_dir()))"""),
    md("""
## Loading all five mailboxes

The load report is the first check on real exports: the same message often sits in several
folders and mailboxes (*duplicates*), some headers are damaged.
"""),
    code("""
corpus_all = va.load(MAILDIR, seller_domains=["enron.com"], progress=False)
print(corpus_all.summary().to_string())
reasons = corpus_all.errors["error"].value_counts().to_dict()
print("items not read in full, by reason:", reasons)"""),
    code("""
everything = corpus_all.messages
mailbox = everything["source"].str.extract(r"maildir/([^/]+)/", expand=False)
print(pd.crosstab(mailbox.rename("mailbox"), everything["direction"]).to_string())
years = everything["sent_at"].dt.year
print("messages dated before 1997 (damaged Date headers):", int((years < 1997).sum()))
print("by year:", years[years >= 1997].value_counts().sort_index().to_dict())"""),
    md("""
## The analysis, on a deterministic subsample

Outside mail is mostly newsletters, market data and private mail; only some of it asks the
recipient for anything. Look at how many inbound messages turn out to be requests.
"""),
    code("""
MAILBOXES = __MAILBOXES__
corpus = va.load([MAILDIR / name for name in MAILBOXES], seller_domains=["enron.com"],
                 progress=False)
analysis = va.analyze(corpus, progress=False)
requests = analysis.requests
inbound = int((corpus.messages["direction"] == "inbound").sum())
print("mailboxes analysed:", MAILBOXES)
print("messages:", len(corpus.messages), "| inbound:", inbound, "| requests found:", len(requests))
print("share of inbound mail that asks for something:", round(len(requests) / inbound, 3))
""".replace("__MAILBOXES__", repr(ENRON_MAILBOXES))),
    code("""
domains = requests["sender"].str.rsplit("@", n=1).str[-1]
print("requests per sender organisation (top 10 domains):")
print(domains.value_counts().head(10).to_string())"""),
    md("""
## What is being asked

Topic labels are built from the requests' vocabulary; people's names in them are pseudonymised.
"""),
    code("""
shown = anonymize_analysis(analysis)
print(shown.topics[["topic_id", "label", "size"]].to_string(index=False))
clusterer = analysis.clusterer
if clusterer is not None:
    print(clusterer.k_scan_.round(3).to_string(index=False))
    print("chosen k:", clusterer.n_topics_, "| stability:", round(clusterer.stability_, 3),
          "| unassigned share:", round(clusterer.unassigned_share_, 3))"""),
    md("""
Read the stability before the labels: near 1 the topics come back on every resample, below about
0.5 they do not — on a few dozen short, unrelated outside asks the "topics" are little more than
a partition of convenience, and the requests are better read one by one.
"""),
    code("""
fig, ax = plt.subplots(figsize=(9, 4))
ax = plots.plot_topics_over_time(shown, ax=ax)"""),
    md("""
## Who is asking

Only aggregates: how often the originator differs from the sender, and which kinds of evidence
the attribution found in real mail (forwarded headers, quoted authors, cc's, style…).
"""),
    code("""
unknown = requests["originator"] == "unknown"
relayed = ~unknown & (requests["originator"].str.lower() != requests["sender"].str.lower())
print("originator named, and not the sender:", int(relayed.sum()), "of", len(requests))
print("originator unknown:", int(unknown.sum()))
print("mean originator confidence:", round(float(requests["originator_confidence"].mean()), 3))
print("evidence by kind:", analysis.evidence["kind"].value_counts().to_dict())"""),
    md("""
## Is there a shared source?

No source was planted, so a finding here would be a real pattern (or a false positive to study);
"no finding" with its reason is the expected, honest answer.
"""),
    code("""
vision = analysis.vision
test = analysis.test
print("p-value:", round(float(test.p_value), 3))
print("statistic:", round(float(test.statistic), 3), "| emerging phrase families:", test.n_families)
print("shared source found:", vision["shared_source"])
print("reason:", vision["reason"] or "(significant)")
if vision["shared_source"]:
    print("source kind:", vision["source_kind"], "| origin hypothesis:",
          vision["origin_hypothesis"], "| onset:", vision["onset"])
print("decision:", vision["recommendation"]["decision"])"""),
    code("""
null = np.asarray(test.null_distribution, dtype=float)
fig, ax = plt.subplots(figsize=(7, 3))
if null.size:
    ax.hist(null, bins=30, color="lightgrey", edgecolor="grey", label=f"{null.size} permutations")
    ax.axvline(test.statistic, color="crimson", label=f"observed (p = {test.p_value:.3f})")
    ax.legend(fontsize=8)
else:
    ax.text(0.5, 0.5, "test not run: " + vision["reason"], ha="center", va="center", wrap=True)
ax.set_xlabel("statistic")
ax.set_title("Null distribution of the shared-source statistic (Enron subsample)")
fig.tight_layout()"""),
    code("""
effort = vision["effort"]
print("replies sent:", effort["replies"], "| estimated hours:", effort["estimated_hours"],
      "| weekend share:", effort["weekend_share"])"""),
    md("""
What to take from real mail: the loader reconciles every file; most outside mail is not a request;
the topic scan and the attribution run on messy data without configuration; and with no planted
source, the test's answer above is the baseline a real account's result should be read against.
"""),
]

NOTEBOOKS = {
    "01_quickstart.ipynb": NB01,
    "02_what_is_being_asked.ipynb": NB02,
    "03_who_is_really_asking.ipynb": NB03,
    "04_is_there_a_hidden_vision.ipynb": NB04,
    "05_preparing_the_workshop.ipynb": NB05,
    "06_real_mail_enron.ipynb": NB06,
}


# --------------------------------------------------------------------------------------------

def build(name: str, cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, source in cells:
        cell = (nbformat.v4.new_markdown_cell(source) if kind == "markdown"
                else nbformat.v4.new_code_cell(source))
        nb.cells.append(cell)
    # stable cell ids: the diff of a rebuilt notebook shows only real changes
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{number:02d}"
    return nb


def check_sources(name: str, cells) -> None:
    """A code cell must not end with ``;``: nbval runs cells without history, and IPython
    only honours the trailing ``;`` (no result shown) with history, so the cell's result
    (``<Axes ...>``, ``Text(...)``) would appear under nbval and not in the build."""
    for number, (kind, source) in enumerate(cells):
        if kind == "code" and source.rstrip().endswith(";"):
            raise ValueError(f"{name} cell {number} ends with ';': assign the result instead")


def check_outputs(name: str, nb) -> None:
    """No errors, nothing on stderr, no object reprs of figures."""
    for number, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            where = f"{name} cell {number}"
            if output["output_type"] == "error":
                raise RuntimeError(f"{where} raised {output['ename']}: {output['evalue']}")
            if output["output_type"] == "stream" and output["name"] == "stderr":
                raise RuntimeError(f"{where} wrote to stderr (a warning?): {output['text']!r}")
            text = output.get("data", {}).get("text/plain", "")
            if output["output_type"] == "execute_result" and re.search(
                    r"<(Axes|Figure)|^Text\(", text):
                raise RuntimeError(f"{where} leaves a figure repr {text!r}: end the line with ;")


def run(name: str, cells) -> float:
    check_sources(name, cells)
    nb = build(name, cells)
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(HERE)}}, record_timing=False)
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    check_outputs(name, nb)
    nbformat.validate(nb)
    nbformat.write(nb, HERE / name)
    return seconds


def main(argv: list[str]) -> int:
    wanted = [name for name in NOTEBOOKS if not argv or any(name.startswith(a) for a in argv)]
    for name in wanted:
        cells = NOTEBOOKS[name]
        if not cells:
            print(f"{name}: no cells yet, skipped")
            continue
        if name.startswith("06") and not real_data_available():
            print(f"{name}: real data not found, skipped (set VISION_ANALYTICS_REAL_DATA)")
            continue
        seconds = run(name, cells)
        print(f"{name}: executed in {seconds:.1f} s")
    return 0


def real_data_available() -> bool:
    root = Path(os.environ.get("VISION_ANALYTICS_REAL_DATA",
                               REPO.parent / "shared" / "data" / "real"))
    return (root / "enron-5users" / "maildir").is_dir()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

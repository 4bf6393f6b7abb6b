"""Authorship attribution: AuthorshipModel against the char n-gram LinearSVC baseline.

Both are fitted and scored on the same splits in the same run:

1. Reuters C50 (``authorship/c50-train``, 50 authors x 50 texts): a fixed,
   stratified 70/30 split per author (35 train / 15 test texts each, seed 0);
   test texts scored whole, on their first 100 words and on their first 50 words.
2. Enron, five mailbox owners' sent mail (``enron-5users/maildir/<owner>/{sent,
   sent_items,_sent_mail}``), loaded with ``vision_analytics.load`` (exact
   duplicates collapsed), new text only, empty texts dropped, de-duplicated on
   the text the models see (case and spacing ignored: the same message filed in
   ``sent`` and ``_sent_mail``, or sent twice, must not sit on both sides of the
   split), 70/30 stratified split (seed 0); accuracy overall, per length bucket
   and recall per owner. Two cuts of the new text: the zoner's
   (``vision_analytics.normalize.new_text``, signatures removed: the headline)
   and this script's header-line cut (quoted and forwarded parts removed,
   signatures kept: closed-set accuracy only), the reading whose baseline comes
   nearest the ANCHORS.md figure (0.909, measured before the zoner existed; its
   exact split is not recorded).
3. Calibration (ECE, 10 bins, and a reliability table) and the open-set
   behaviour: authors left out of training entirely (C50: 10 authors; Enron: each
   owner in turn) — how often their texts come back "unknown" rather than
   attributed to someone else, and how often known authors' texts are wrongly
   called "unknown".

The data root is ``$VISION_ANALYTICS_REAL_DATA`` or ``../shared/data/real``
beside the repository. Run::

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice -n 10 \\
        python benchmarks/authorship_eval.py [--part c50|enron|all]

Only aggregate figures are printed (no message text).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from vision_analytics.attribution import (
    AuthorshipModel,
    expected_calibration_error,
    reliability_table,
)

REPO = Path(__file__).resolve().parents[1]
OWNERS = ("buy-r", "grigsby-m", "keavey-p", "lewis-a", "presto-k")
SENT_FOLDERS = ("sent", "sent_items", "_sent_mail")
SEED = 0
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")


def data_root() -> Path:
    default = REPO.parent / "shared" / "data" / "real"
    return Path(os.environ.get("VISION_ANALYTICS_REAL_DATA", default))


def first_words(text: str, n: int) -> str:
    """The text up to the end of its ``n``-th word, layout kept."""
    spans = [m.end() for m in _WORD.finditer(text)]
    return text if len(spans) <= n else text[: spans[n - 1]]


def n_words(texts) -> np.ndarray:
    return np.array([len(_WORD.findall(t)) for t in texts])


def baseline():
    """The reference: char 2-5-gram TF-IDF (sublinear) + LinearSVC."""
    return make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True,
                        lowercase=False, max_features=200_000),
        LinearSVC(C=1.0, random_state=0),
    )


# ----------------------------------------------------------------- loading
def load_c50(root: Path) -> pd.DataFrame:
    rows = []
    for folder in sorted((root / "authorship" / "c50-train").iterdir()):
        for path in sorted(folder.glob("*.txt")):
            rows.append((folder.name, path.read_text(encoding="utf-8", errors="replace")))
    return pd.DataFrame(rows, columns=["author", "text"])


_CUT = re.compile(
    r"^.*-{3,}\s*Original Message\s*-{3,}.*$"
    r"|^.*-{2,}\s*Forwarded by.*$"
    r"|^\s*>.*$"
    r"|^\s*(?:From|To|Sent|Subject|cc)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)
_NOTES_HEADER = re.compile(r"^.*\bon \d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}.*$\Z", re.MULTILINE)


def crude_new_text(body: str) -> str:
    """New text of a message: everything before the first quoted/forwarded marker.

    The cut is at the first ``-----Original Message-----`` line, ``---- Forwarded
    by`` banner, line starting with ``>`` or ``From:``/``To:``/``Sent:``/
    ``Subject:``/``cc:`` header line; a Lotus Notes attribution line (``NAME on
    MM/DD/YYYY HH:MM``) just above a header block is cut too.
    """
    match = _CUT.search(body)
    head = body if match is None else body[: match.start()]
    if match is not None:
        lines = head.rstrip().splitlines()
        while lines and (not lines[-1].strip() or _NOTES_HEADER.match(lines[-1])):
            lines.pop()
        head = "\n".join(lines)
    return head.strip()


def new_text_function():
    """``vision_analytics.normalize.new_text`` when another stage provides it."""
    try:
        from vision_analytics.normalize import new_text  # type: ignore[attr-defined]
    except ImportError:
        return crude_new_text, "crude cut (benchmarks/authorship_eval.py:crude_new_text)"
    return new_text, "vision_analytics.normalize.new_text"


def dedupe(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the first of texts equal up to case and spacing.

    Enron files one sent message in ``sent``, ``sent_items`` and ``_sent_mail``
    under different Message-IDs, and people send the same note twice: a copy on
    each side of a split is memorised, not attributed (it lifted both models by
    3-4 points here).
    """
    key = frame["text"].str.lower().str.split().str.join(" ")
    return frame[~key.duplicated()].reset_index(drop=True)


def load_enron(root: Path, cut=None) -> tuple[pd.DataFrame, str]:
    """Owners' sent mail, one row per distinct new text; ``cut`` overrides the zoner."""
    import vision_analytics as va

    maildir = root / "enron-5users" / "maildir"
    paths = [maildir / o / f for o in OWNERS for f in SENT_FOLDERS if (maildir / o / f).is_dir()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = va.load(paths, seller_domains="enron.com", progress=False)
    messages = corpus.messages
    owner = messages["source"].str.extract(r"maildir[/\\]([^/\\]+)[/\\]", expand=False)
    cut, how = new_text_function() if cut is None else (cut, cut.__name__)
    texts = [cut(str(t)) for t in messages["body_text"].fillna("")]
    frame = pd.DataFrame({"author": owner.to_numpy(), "text": texts})
    frame = frame[frame["text"].str.strip().str.len() > 0]
    return dedupe(frame), how


# ------------------------------------------------------------------ report
def accuracy(y_true, y_pred) -> float:
    return float(np.mean(np.asarray(y_true, dtype=object) == np.asarray(y_pred, dtype=object)))


def show(title: str, table: pd.DataFrame) -> None:
    print(f"\n{title}")
    print(table.to_string(float_format=lambda v: f"{v:.3f}"))


def evaluate_split(name, model, base, test: pd.DataFrame, buckets: dict[str, pd.Series],
                   pooled: tuple[str, ...]):
    """Closed-set accuracy of both models, the model's ECE per subset and pooled."""
    rows = []
    pooled_true, pooled_proba = [], []
    for label, texts in buckets.items():
        y = test.loc[texts.index, "author"].to_numpy()
        proba = model.predict_proba(texts.tolist())
        ours = model.classes_[proba.argmax(axis=1)]
        rows.append({
            "split": label, "n": len(texts), "mean_words": n_words(texts).mean(),
            "baseline_acc": accuracy(y, base.predict(texts.tolist())),
            "model_acc": accuracy(y, ours),
            "ece": expected_calibration_error(y, proba, model.classes_),
            "mean_confidence": proba.max(axis=1).mean(),
        })
        if label in pooled:
            pooled_true.append(y)
            pooled_proba.append(proba)
    table = pd.DataFrame(rows).set_index("split")
    table["beats_baseline"] = table["model_acc"] > table["baseline_acc"]
    table["ties_baseline"] = table["model_acc"] == table["baseline_acc"]
    show(f"{name}: closed-set accuracy (same split, same run) and calibration", table)
    y_all = np.concatenate(pooled_true)
    proba_all = np.vstack(pooled_proba)
    ece = expected_calibration_error(y_all, proba_all, model.classes_)
    print(f"{name}: ECE over {' + '.join(pooled)} = {ece:.4f}")
    show(f"{name}: reliability table ({' + '.join(pooled)})",
         reliability_table(y_all, proba_all, model.classes_).set_index("bin"))
    return table, ece


def open_set_rates(model, unseen: pd.Series, known: pd.DataFrame, label: str) -> dict:
    """How the model answers texts by unseen authors and by known ones.

    Two rules: the open-set profile check alone (``predict(open_set=True)``), and
    the profile check plus a minimum top probability of 0.5.
    """
    out = {"split": label, "n_unseen": len(unseen), "n_known": len(known)}
    best_unseen = _best(model, unseen)
    best_known = _best(model, known["text"])
    for rule, floor in (("profile", 0.0), ("profile+p>=0.5", 0.5)):
        said_unknown = ~best_unseen["fits_profile"] | (best_unseen["probability"] < floor)
        rejected = ~best_known["fits_profile"] | (best_known["probability"] < floor)
        answered = best_known.loc[~rejected]
        out[f"{rule}: unseen->unknown"] = float(said_unknown.mean())
        out[f"{rule}: unseen->wrong author"] = float(1 - said_unknown.mean())
        out[f"{rule}: known->unknown"] = float(rejected.mean())
        out[f"{rule}: known acc. when answered"] = (
            accuracy(known["author"].to_numpy()[~rejected.to_numpy()], answered["candidate"])
            if len(answered) else np.nan
        )
    return out


def _best(model, texts: pd.Series) -> pd.DataFrame:
    """The top candidate per text, from one scoring pass (``AuthorshipModel.score``)."""
    frame = model.score(pd.Series(texts.tolist()))
    return frame[frame["rank"] == 1].reset_index(drop=True)


# ------------------------------------------------------------------- parts
def run_c50(root: Path) -> dict:
    t0 = time.perf_counter()
    data = load_c50(root)
    train, test = train_test_split(data, test_size=0.3, stratify=data["author"],
                                   random_state=SEED)
    print(f"\n=== Reuters C50: {data['author'].nunique()} authors, {len(train)} train / "
          f"{len(test)} test texts (fixed stratified 70/30 split, seed {SEED}) ===")
    base = baseline().fit(train["text"].tolist(), train["author"])
    model = AuthorshipModel(random_state=SEED).fit(train["text"], train["author"])
    buckets = {
        "full text": test["text"],
        "first 100 words": test["text"].map(lambda t: first_words(t, 100)),
        "first 50 words": test["text"].map(lambda t: first_words(t, 50)),
    }
    table, ece = evaluate_split("C50", model, base, test, buckets, pooled=tuple(buckets))

    rng = np.random.RandomState(SEED)
    authors = np.array(sorted(data["author"].unique()))
    held = set(rng.choice(authors, size=10, replace=False))
    open_model = AuthorshipModel(random_state=SEED).fit(
        train.loc[~train["author"].isin(held), "text"],
        train.loc[~train["author"].isin(held), "author"],
    )
    rows = []
    for label, cut in (("full text", None), ("first 100 words", 100)):
        pick = (lambda t: t) if cut is None else (lambda t, c=cut: first_words(t, c))
        unseen = test.loc[test["author"].isin(held), "text"].map(pick)
        known = test.loc[~test["author"].isin(held)].assign(
            text=lambda f, p=pick: f["text"].map(p))
        rows.append(open_set_rates(open_model, unseen, known, label))
    show("C50 open set: 10 authors left out of training (40 candidates)",
         pd.DataFrame(rows).set_index("split").T)
    print(f"C50 part: {time.perf_counter() - t0:.0f} s")
    return {"table": table, "ece": ece}


def run_enron(root: Path) -> dict:
    t0 = time.perf_counter()
    data, how = load_enron(root)
    train, test = train_test_split(data, test_size=0.3, stratify=data["author"],
                                   random_state=SEED)
    print(f"\n=== Enron 5 owners' sent mail: {len(data)} distinct new texts "
          f"({how}); {len(train)} train / {len(test)} test (stratified 70/30, seed {SEED}) ===")
    print(data["author"].value_counts().rename("messages").to_frame().T.to_string())
    base = baseline().fit(train["text"].tolist(), train["author"])
    model = AuthorshipModel(random_state=SEED).fit(train["text"], train["author"])
    words = n_words(test["text"])
    buckets = {
        "all": test["text"],
        "<50 words": test["text"][words < 50],
        "50-150 words": test["text"][(words >= 50) & (words <= 150)],
        ">150 words": test["text"][words > 150],
    }
    table, ece = evaluate_split("Enron", model, base, test, buckets, pooled=("all",))

    y = test["author"].to_numpy()
    ours = model.predict(test["text"], min_confidence=0.0, open_set=False)
    theirs = base.predict(test["text"].tolist())
    recall = pd.DataFrame({
        "n_test": pd.Series(y).value_counts(),
        "baseline_recall": pd.Series(theirs == y).groupby(y).mean(),
        "model_recall": pd.Series(ours == y).groupby(y).mean(),
    })
    show("Enron: recall per owner", recall)
    table = pd.concat([table, enron_header_cut(root)])

    rows = []
    for owner in OWNERS:
        keep = train["author"] != owner
        open_model = AuthorshipModel(random_state=SEED).fit(
            train.loc[keep, "text"], train.loc[keep, "author"])
        unseen = pd.concat([train.loc[~keep, "text"], test.loc[test["author"] == owner, "text"]])
        known = test.loc[test["author"] != owner]
        rows.append(open_set_rates(open_model, unseen, known, f"without {owner}"))
    show("Enron open set: each owner left out of training in turn "
         "(all of their messages scored)", pd.DataFrame(rows).set_index("split").T)
    print(f"Enron part: {time.perf_counter() - t0:.0f} s")
    return {"table": table, "ece": ece, "recall": recall}


def enron_header_cut(root: Path) -> pd.DataFrame:
    """Closed-set accuracy on the header-line cut (signatures kept): nearest the anchor."""
    data, _ = load_enron(root, cut=crude_new_text)
    train, test = train_test_split(data, test_size=0.3, stratify=data["author"],
                                   random_state=SEED)
    base = baseline().fit(train["text"].tolist(), train["author"])
    model = AuthorshipModel(random_state=SEED).fit(train["text"], train["author"])
    y = test["author"].to_numpy()
    proba = model.predict_proba(test["text"].tolist())
    row = pd.DataFrame([{
        "n": len(test), "mean_words": n_words(test["text"]).mean(),
        "baseline_acc": accuracy(y, base.predict(test["text"].tolist())),
        "model_acc": accuracy(y, model.classes_[proba.argmax(axis=1)]),
        "ece": expected_calibration_error(y, proba, model.classes_),
        "mean_confidence": proba.max(axis=1).mean(),
    }], index=pd.Index(["header-line cut"], name="split"))
    row["beats_baseline"] = row["model_acc"] > row["baseline_acc"]
    row["ties_baseline"] = row["model_acc"] == row["baseline_acc"]
    show(f"Enron, header-line cut with signatures ({len(data)} distinct texts; "
         f"{len(train)} train / {len(test)} test, same seed)", row)
    return row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("c50", "enron", "all"), default="all")
    args = parser.parse_args(argv)
    root = data_root()
    if not (root / "DATASETS.md").exists():
        print(f"real data not found at {root}: set VISION_ANALYTICS_REAL_DATA", file=sys.stderr)
        return 2
    t0, cpu0 = time.perf_counter(), time.process_time()
    results = {}
    if args.part in ("c50", "all"):
        results["c50"] = run_c50(root)
    if args.part in ("enron", "all"):
        results["enron"] = run_enron(root)
    # ECE target on each dataset's pooled test rows (buckets of a few dozen texts
    # are too small for a 10-bin ECE to mean much).
    # Headline splits: the three C50 versions, Enron "all" and Enron on the
    # ANCHORS.md header-line cut; the Enron length
    # buckets are reported, not targeted (the >150-word one holds a handful of texts).
    heads = {"c50": ["full text", "first 100 words", "first 50 words"],
             "enron": ["all", "header-line cut"]}
    ok = all(r["table"].loc[heads[k], "beats_baseline"].all() and r["ece"] < 0.05
             for k, r in results.items())
    print(f"\nheadline splits beat the in-run baseline and pooled ECE < 0.05: {ok}  "
          f"(total {time.perf_counter() - t0:.0f} s wall, "
          f"{time.process_time() - cpu0:.0f} s CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

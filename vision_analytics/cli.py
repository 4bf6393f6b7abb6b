"""The facilitator's command line: ``vision-analytics analyze | demo | inspect``."""

from __future__ import annotations

import argparse
import sys
import traceback
import warnings
from collections import Counter

__all__ = ["main"]

EXIT_CODES = """exit codes:
  0  success
  1  internal error (a bug: please report it with the traceback shown by --debug)
  2  usage error (bad arguments)
  3  input error: a path does not exist or is not a supported format
  4  no inbound customer requests found in the inputs
  5  a --seller-domain given is not seen in any message
  6  the Dask scheduler given with --scheduler cannot be reached
"""


class UserError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vision-analytics",
        description="Find out who is really behind a stream of customer requests.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    analyze = sub.add_parser(
        "analyze", help="analyse exports and write the workshop brief and tables",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    analyze.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="mail exports (mbox, maildir, .eml, .msg, .pst) and request logs")
    _common(analyze)
    analyze.add_argument("--org-chart", metavar="people.csv", help="org chart (CSV/XLSX)")
    analyze.add_argument("--alias-table", metavar="aliases.csv",
                         help="identity overrides: alias,person (empty person forces a split)")
    analyze.add_argument("--out", default="vision-analytics-out", metavar="DIR",
                         help="output folder (default: %(default)s)")
    analyze.add_argument("--anonymize", action="store_true",
                         help="replace names and addresses with stable pseudonyms everywhere")
    analyze.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    analyze.add_argument("--n-topics", type=int, default=None,
                         help="number of topics (default: chosen by stability)")
    analyze.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                         help="where reading, zoning and request detection run: this "
                              "process, or a Dask cluster (needs the scale extra); same "
                              "results (default: %(default)s)")
    analyze.add_argument("--scheduler", metavar="ADDRESS", default=None,
                         help="with --engine dask: a running scheduler, e.g. "
                              "tcp://10.0.0.5:8786 (default: a local cluster)")
    analyze.add_argument("--workers", type=int, default=None, metavar="N",
                         help="with --engine dask and no --scheduler: local workers")

    demo = sub.add_parser("demo", help="run analyze on the bundled sample account",
                          epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    demo.add_argument("--out", default="vision-analytics-demo", metavar="DIR")
    demo.add_argument("--sample", default="sample", choices=["sample", "null"],
                      help="which bundled account (default: %(default)s)")
    demo.add_argument("--anonymize", action="store_true")
    demo.add_argument("--quiet", action="store_true")

    inspect = sub.add_parser("inspect", help="what is in an export, before a long run",
                             epilog=EXIT_CODES,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    inspect.add_argument("inputs", nargs="+", metavar="INPUT")
    _common(inspect)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seller-domain", action="append", default=[], metavar="D",
                        help="the account team's mail domain (repeatable; subdomains included)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars or summary")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "inspect":
            return _inspect(args)
        if args.command == "demo":
            return _demo(args)
        return _analyze(args)
    except UserError as exc:
        print(f"vision-analytics: error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("vision-analytics: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly
        if args.debug:
            traceback.print_exc()
        print(f"vision-analytics: internal error: {type(exc).__name__}: {exc} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return 1


def _load(args):
    from .ingest import InputError, load

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            corpus = load(args.inputs, seller_domains=args.seller_domain or None,
                          org_chart=getattr(args, "org_chart", None),
                          progress=False if args.quiet else None)
    except InputError as exc:
        raise UserError(str(exc), 3) from None
    for warning in caught:
        if not args.quiet:
            print(f"vision-analytics: warning: {warning.message}", file=sys.stderr)
    if args.seller_domain:
        _check_seller_domains(corpus, args.seller_domain)
    return corpus


def _check_seller_domains(corpus, domains) -> None:
    from .ingest._load import _domain, _in_domains

    messages = corpus.messages
    seen: Counter = Counter()
    for sender, to, cc in zip(messages["sender"], messages["to"], messages["cc"], strict=True):
        seen.update(_domain(a) for a in (sender, *to, *cc) if "@" in a)
    if not seen:
        return
    for domain in corpus.seller_domains:
        if not any(_in_domains("x@" + d, (domain,)) for d in seen):
            top = ", ".join(d for d, _ in seen.most_common(5))
            raise UserError(
                f"seller domain {domain!r} is not seen in any of the {len(messages)} messages; "
                f"the most frequent domains are: {top}. Pass --seller-domain with one of "
                "your team's domains.", 5)


def _inspect(args) -> int:
    corpus = _load(args)
    messages = corpus.messages
    print(corpus.summary().to_string())
    if len(messages):
        dates = messages["sent_at"].dropna()
        print(f"\ndate range: {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}"
              if len(dates) else "\ndate range: no dated messages")
        print(f"seller domains: {', '.join(corpus.seller_domains) or '(none)'}")
        print("direction: " + ", ".join(f"{k} {v}" for k, v in
                                         messages["direction"].value_counts().items()))
        print(f"distinct senders: {messages['sender'].nunique()}; threads: "
              f"{messages['thread_id'].nunique()}")
        top = messages["sender"].value_counts().head(10)
        print("top senders:\n" + "\n".join(f"  {n:6d}  {s}" for s, n in top.items()))
    if len(corpus.request_log):
        print(f"request-log rows: {len(corpus.request_log)}")
    if len(corpus.org_chart):
        print(f"org-chart people: {len(corpus.org_chart)}")
    if len(corpus.errors):
        print("\nload errors by kind:")
        for (error, kept), n in corpus.errors.groupby(["error", "kept"]).size().items():
            print(f"  {n:6d}  {error}{' (row kept)' if kept else ''}")
    return 0


def _analyze(args) -> int:
    from . import _analysis
    from ._outputs import write_outputs

    if (args.scheduler or args.workers) and args.engine != "dask":
        raise UserError("--scheduler and --workers go with --engine dask.", 2)
    if args.workers is not None and args.workers < 1:
        raise UserError(f"--workers must be at least 1; got {args.workers}.", 2)
    try:
        if args.engine == "dask":
            analysis = _analyze_dask(args, _analysis)
        else:
            analysis = _analysis.analyze(_load(args), alias_table=args.alias_table,
                                         n_topics=args.n_topics, random_state=args.seed,
                                         progress=False if args.quiet else None)
    except _analysis.NoRequestsError as exc:
        raise UserError(str(exc), 4) from None
    paths = write_outputs(analysis, args.out, anonymize=args.anonymize)
    if not args.quiet:
        _print_headline(analysis, paths)
    return 0


def _analyze_dask(args, _analysis):
    from .ingest import InputError

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            analysis = _analysis.analyze(
                args.inputs, seller_domains=args.seller_domain or None,
                org_chart=args.org_chart, alias_table=args.alias_table,
                n_topics=args.n_topics, random_state=args.seed, progress=False,
                engine="dask", scheduler=args.scheduler, n_workers=args.workers)
    except InputError as exc:
        raise UserError(str(exc), 3) from None
    except ImportError as exc:
        raise UserError(str(exc), 2) from None
    except OSError as exc:  # no scheduler at that address
        raise UserError(f"cannot reach the Dask scheduler {args.scheduler!r} ({exc}); start "
                        "one (dask scheduler) or drop --scheduler to use a local cluster.",
                        6) from None
    for warning in caught:
        if not args.quiet and issubclass(warning.category, UserWarning) \
                and "seller_domains" in str(warning.message):
            print(f"vision-analytics: warning: {warning.message}", file=sys.stderr)
    if args.seller_domain:
        _check_seller_domains(analysis.corpus, args.seller_domain)
    return analysis


def _demo(args) -> int:
    from .datasets import load_sample

    sample = load_sample(args.sample)
    paths = [str(p) for p in sample.paths.values() if p is not None and
             not str(p).endswith("answer_key.json")]
    argv = ["analyze", *paths, "--out", args.out]
    for domain in sample.seller_domains:
        argv += ["--seller-domain", domain]
    if args.anonymize:
        argv.append("--anonymize")
    if args.quiet:
        argv.append("--quiet")
    return main(argv)


def _print_headline(analysis, paths) -> None:
    vision = analysis.vision
    print(f"{len(analysis.requests)} requests, {len(analysis.topics)} topics, "
          f"{len(analysis.stakeholders)} stakeholders")
    if vision["shared_source"]:
        source = vision.get("source") or {}
        who = source.get("name") or source.get("department") or source.get("organization")
        print(f"hidden shared source: YES (p = {vision['p_value']:.3f}) — {who} "
              f"[{vision.get('source_kind')}, {vision.get('origin_hypothesis')}], "
              f"since {vision.get('onset')}; {len(vision['requests_in_vision'])} requests")
    else:
        print(f"hidden shared source: no (p = {vision['p_value']:.3f})")
    print(f"recommendation: {vision['recommendation']['decision']}")
    print(f"brief: {paths['report.html']}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

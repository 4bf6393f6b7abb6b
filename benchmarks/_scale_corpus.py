"""Synthetic multi-account corpora of any size, for the scale benchmark and tests.

A seller's shared mailbox, or a customer's e-discovery production, holds the
traffic of many accounts. This writes N messages as a folder of mbox files, each
the concatenation of whole simulated accounts (every kind, medium difficulty,
36 months), so the corpus has real structure at every size: threads, forwarded
and quoted blocks, requests, a planted vision per account.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from vision_analytics.datasets import simulate_account

KINDS = ("new_executive", "competitor", "it_organization", "null")


def build_corpus(out_dir, n: int, *, seed: int = 0, per_file: int = 50_000):
    """Write about ``n`` messages under ``out_dir``; return (files, seller_domains)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    domains: set[str] = set()
    written = in_file = 0
    handle = None
    account = 0
    with tempfile.TemporaryDirectory() as tmp:
        while written < n:
            kind = KINDS[account % len(KINDS)]
            sim = simulate_account(kind, "medium", seed * 100_000 + account,
                                   Path(tmp) / "a", n_months=36, log_format=None,
                                   org_chart=False)
            account += 1
            domains.update(sim.seller_domains)
            if handle is None or in_file >= per_file:
                if handle is not None:
                    handle.close()
                files.append(out / f"part-{len(files):04d}.mbox")
                handle = open(files[-1], "wb")
                in_file = 0
            handle.write(sim.paths["mail"].read_bytes())
            written += len(sim.messages)
            in_file += len(sim.messages)
    if handle is not None:
        handle.close()
    return files, sorted(domains)

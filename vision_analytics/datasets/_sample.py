"""The bundled sample accounts in ``data/``: where to find them, and how to rebuild them."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ._simulate import SimulatedAccount, simulate_account

__all__ = ["SAMPLES", "load_sample", "regenerate_samples", "sample_dir"]

#: How each bundled account is generated. The story of ``sample``: a mid-size supplier
#: two years into a five-year contract it won from the industry leader, a 15-person
#: account team, and a new executive whose vision reaches it through the primary contact.
SAMPLES: dict[str, dict] = {
    "sample": {"kind": "new_executive", "difficulty": "medium", "random_state": 180,
               "n_months": 10, "team_size": 15},
    "null": {"kind": "null", "difficulty": "medium", "random_state": 42,
             "n_months": 8, "team_size": 12},
}
#: Files each bundled account consists of.
SAMPLE_FILES = ("mailbox.mbox", "rfi_log.csv", "org_chart.csv", "answer_key.json")
ENV_VAR = "VISION_ANALYTICS_SAMPLE_DIR"


def _check_name(name: str) -> None:
    if name not in SAMPLES:
        raise ValueError(
            f"The 'name' parameter of load_sample must be one of {list(SAMPLES)}. "
            f"Got {name!r} instead."
        )


def _complete(folder: Path, name: str) -> bool:
    return all((folder / name / file).is_file() for file in SAMPLE_FILES)


def _repo_data() -> Path:
    """``data/`` of the checkout this package was installed (editable) from."""
    return Path(__file__).resolve().parents[2] / "data"


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    from .. import __version__

    return Path(base) / "vision_analytics" / f"data-{__version__}"


def sample_dir(name: str = "sample", *, regenerate_missing: bool = True) -> Path:
    """The folder holding the bundled account ``name``.

    Looked up in order: ``$VISION_ANALYTICS_SAMPLE_DIR/<name>``, the repository's
    ``data/<name>`` (the package is installed editable from a checkout), then a cache
    folder (``$XDG_CACHE_HOME`` or ``~/.cache``), where the account is regenerated
    deterministically when it is missing.
    """
    _check_name(name)
    override = os.environ.get(ENV_VAR)
    if override:
        root = Path(override)
        if not _complete(root, name):
            raise FileNotFoundError(
                f"{ENV_VAR}={override!r} does not hold the sample {name!r}: expected "
                f"{', '.join(SAMPLE_FILES)} in {root / name}. Unset the variable or run "
                f"`python -m vision_analytics.datasets.regenerate --out {override}`."
            )
        return root / name
    repo = _repo_data()
    if _complete(repo, name):
        return repo / name
    cache = _cache_root()
    if not _complete(cache, name):
        if not regenerate_missing:
            raise FileNotFoundError(f"sample {name!r} not found in {repo} or {cache}")
        regenerate_samples(cache, names=[name])
    return cache / name


def load_sample(name: str = "sample") -> SimulatedAccount:
    """A bundled sample account: its file paths, answer key and raw messages.

    Parameters
    ----------
    name : {"sample", "null"}
        ``"sample"``: a new executive's vision relayed through the primary contact
        (``new_executive``, ``medium``); ``"null"``: a contrast account with no
        hidden source.

    Returns
    -------
    SimulatedAccount
        With ``paths`` (``mail``, ``log``, ``org_chart``, ``answer_key``),
        ``answer_key``, ``seller_domains`` and ``messages``.

    Examples
    --------
    >>> account = load_sample("sample")
    >>> account.answer_key["kind"], account.answer_key["difficulty"]
    ('new_executive', 'medium')
    >>> sorted(account.paths)
    ['answer_key', 'log', 'mail', 'org_chart']
    """
    from ..ingest._mbox import iter_mbox

    folder = sample_dir(name)
    key = json.loads((folder / "answer_key.json").read_text(encoding="utf-8"))
    mail = folder / "mailbox.mbox"
    messages = [raw for _, raw, _ in iter_mbox(mail) if raw is not None]
    return SimulatedAccount(
        answer_key=key,
        seller_domains=tuple(key["seller_domains"]),
        messages=messages,
        paths={"mail": mail, "log": folder / "rfi_log.csv", "org_chart": folder / "org_chart.csv",
               "answer_key": folder / "answer_key.json"},
    )


def regenerate_samples(out_dir=None, *, names=None) -> dict[str, dict]:
    """Rewrite the bundled accounts (byte-identical to what is committed).

    Parameters
    ----------
    out_dir : path, optional
        Folder receiving ``<name>/`` sub-folders; default: the repository's ``data/``.
    names : list of str, optional
        Which samples (default: all of :data:`SAMPLES`).

    Returns
    -------
    dict
        ``{name: paths}``.
    """
    if out_dir is None:
        if not (_repo_data().parent / "pyproject.toml").is_file():
            raise ValueError(
                "regenerate_samples: no repository checkout found beside the package "
                f"({_repo_data().parent}); pass out_dir= (CLI: --out DIR) to say where "
                "the samples go."
            )
        out_dir = _repo_data()
    root = Path(out_dir)
    written = {}
    for name in names or list(SAMPLES):
        _check_name(name)
        account = simulate_account(**SAMPLES[name], mail_format="mbox", log_format="csv",
                                   org_chart=True)
        written[name] = account.write(root / name)
    return written

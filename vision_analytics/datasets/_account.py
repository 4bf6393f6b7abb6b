"""``SimulatedAccount``: what the simulator returns, and how it is written to disk."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ._render import Mail, write_mail

__all__ = ["SimulatedAccount", "answer_key_bytes"]


@dataclass
class SimulatedAccount:
    """A simulated account: its raw messages, answer key and (once written) file paths.

    Attributes
    ----------
    answer_key : dict
        JSON-serialisable truth: the hidden source, its onset and vocabulary, the
        people, and one entry per request (see ``data/README.md``).
    seller_domains : tuple of str
        The account team's mail domain(s), to pass to ``vision_analytics.load``.
    messages : list of bytes
        The raw RFC 822 messages in mailbox order.
    paths : dict
        ``{"mail": Path, "log": Path or None, "org_chart": Path or None,
        "answer_key": Path}`` once written; empty before.
    """

    answer_key: dict
    seller_domains: tuple[str, ...]
    messages: list[bytes]
    paths: dict = field(default_factory=dict)
    _mails: list[Mail] = field(default_factory=list, repr=False)
    _files: dict = field(default_factory=dict, repr=False)
    _mail_format: str = field(default="mbox", repr=False)

    @property
    def inputs(self) -> list[Path]:
        """The written export files, ready for ``vision_analytics.load``."""
        if not self.paths:
            raise ValueError(
                "This account has not been written yet: call write(out_dir) or pass "
                "out_dir= to simulate_account."
            )
        return [p for k, p in self.paths.items() if p is not None and k != "answer_key"]

    def write(self, out_dir) -> dict:
        """Write the exports and the answer key under ``out_dir``; return the paths."""
        if len(self._mails) != len(self.messages):
            raise ValueError(
                "This account was read back from files (load_sample), not simulated, so it "
                "cannot be written again. Call simulate_account(..., out_dir=...) or "
                "regenerate_samples(out_dir) instead."
            )
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = {"mail": write_mail(self._mails, self.messages, out, self._mail_format),
                 "log": None, "org_chart": None}
        for key, (name, data) in self._files.items():
            (out / name).write_bytes(data)
            paths[key] = out / name
        key_path = out / "answer_key.json"
        key_path.write_bytes(answer_key_bytes(self.answer_key))
        paths["answer_key"] = key_path
        self.paths = paths
        return paths

    def __repr__(self) -> str:
        key = self.answer_key
        return (f"SimulatedAccount(kind={key['kind']!r}, difficulty={key['difficulty']!r}, "
                f"random_state={key['random_state']}, {len(self.messages)} messages, "
                f"{len(key['requests'])} requests)")


def answer_key_bytes(answer_key: dict) -> bytes:
    """The answer key as stable, human-readable JSON bytes."""
    return (json.dumps(answer_key, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

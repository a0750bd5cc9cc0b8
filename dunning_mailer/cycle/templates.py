"""The template folders a cycle renders from, and the lint that must pass before anything is sent."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..config import Config
from ..ledger import Ledger, ledger_exists, open_ledger



class Templates:
    """One Jinja environment per language folder, loaded when first needed."""

    def __init__(self, config: Config):
        self.default = config.paths.templates
        self.language = config.policy.reminder_language
        self.layout = config.layout
        self.envs: dict[str, object] = {}

    def folder(self, language: str | None) -> Path:
        language = (language or self.language).lower()[:2]
        sibling = self.default.parent / language
        if language != self.default.name and sibling.is_dir():
            return sibling
        return self.default

    def env(self, language: str | None):
        from .. import render

        folder = self.folder(language)
        key = str(folder)
        if key not in self.envs:
            self.envs[key] = render.environment(folder, layout=self.layout)
        return self.envs[key]



def template_errors(config: Config, ledger: Ledger, folders: list[Path]) -> list[str]:
    """The template lint's errors for `folders`; a folder that passed before, unchanged (and with
    the same stages and business texts), is not checked again: the check renders every stage
    several ways and costs about a second. `templates check` leaves the same mark."""
    out: list[str] = []
    for folder in folders:
        fingerprint = templates_fingerprint(config, folder)
        if ledger.meta(f"templates_ok:{folder}") == fingerprint:
            continue
        from .. import lint  # only now: importing it costs as much as the check it skips

        problems = lint.errors(lint.check_templates(folder, config.stages, language=folder.name[:2],
                                                    business=config.business, layout=config.layout))
        if problems:
            out += [str(p) for p in problems]
        else:
            ledger.set_meta(f"templates_ok:{folder}", fingerprint)
    return out



def templates_fingerprint(config: Config, folder: Path) -> str:
    """What a lint verdict depends on: the folder's files, the stages, the business's texts and the
    layout's switches."""
    digest = hashlib.sha256(repr((config.stages, config.business, config.layout)).encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()



def remember_templates_ok(config: Config, folders: list[Path]) -> None:
    """After a clean `templates check`: the next `run` need not check the same files again."""
    if not ledger_exists(config):
        return
    with open_ledger(config) as ledger:
        for folder in folders:
            ledger.set_meta(f"templates_ok:{folder}", templates_fingerprint(config, folder))

"""The stage files the templates page edits: which there are, their lint findings, a rendering with
sample data, and saving one atomically. Through the product's own paths: `lint.check_templates`
(what `templates check` runs), `render.render` with `testing.sample_email` (what `preview` runs),
and the mark `templates check` leaves when a folder is clean."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..model import Stage


@dataclass(frozen=True)
class StageFile:
    stage: Stage
    path: Path
    kind: str          # "wording" (one .md), "legacy" (three Jinja files), "missing"
    shared: bool = False   # `_phrases.md`, the phrases every stage uses (shown with `stage`'s email)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def key(self) -> str:
        """Its name in the page's address."""
        return PHRASES if self.shared else self.stage.name

    @property
    def title(self) -> str:
        from .overview import stage_he

        return "ביטויים משותפים לכל השלבים" if self.shared else stage_he(self.stage.name)


PHRASES = "_phrases"


def folder(config: Config) -> Path:
    """The folder `run` renders the business's reminders from (its reminder language)."""
    from ..cycle import Templates

    return Templates(config).folder(None)


def stage_files(config: Config) -> list[StageFile]:
    """Every stage of the ladder, then the emails outside it (promise follow-up, plan note, thank
    you) whose file is there."""
    from .. import render
    from ..planner import SPECIAL_STAGES

    where = folder(config)
    out = []
    for stage in config.stages:
        out.append(StageFile(stage, where / (stage.template + render.STAGE_SUFFIX), render.stage_format(where, stage.template)))
    for stage in SPECIAL_STAGES:
        kind = render.stage_format(where, stage.template)
        if kind != "missing":
            out.append(StageFile(stage, where / (stage.template + render.STAGE_SUFFIX), kind))
    return out


def phrases_file(config: Config) -> StageFile:
    """`_phrases.md`: the greeting, the sign-off, the layout's words and the phrases every stage
    may use; its rendering is the first stage's email (a later stage when the ladder has one)."""
    from .. import render

    where = folder(config)
    path = where / render.PHRASES_FILE
    stages = [f for f in stage_files(config) if f.kind == "wording"]
    shown = next((f.stage for f in stages if f.stage.days > 0), stages[0].stage if stages else config.stages[0])
    return StageFile(shown, path, "wording" if path.is_file() else "missing", shared=True)


def find(config: Config, name: str) -> StageFile | None:
    if name == PHRASES:
        return phrases_file(config)
    return next((f for f in stage_files(config) if f.stage.name == name), None)


def lint(config: Config, where: Path | None = None) -> list:
    """`templates check` of the folder: every finding, errors first within each file."""
    from .. import lint as template_lint

    where = where or folder(config)
    return template_lint.check_templates(where, config.stages, language=where.name[:2],
                                         business=config.business, layout=config.layout)


def lint_with(config: Config, file: StageFile, text: str) -> list:
    """The findings the folder would have with `text` in the stage's file, nothing written: the
    folder is checked in a private copy."""
    where = folder(config)
    with tempfile.TemporaryDirectory(prefix="dunning-console-") as tmp:
        copy = Path(tmp) / where.name   # the same name: the lint reads the language from it
        shutil.copytree(where, copy, symlinks=False)
        (copy / file.name).write_text(text, encoding="utf-8")
        return lint(config, copy)


def for_file(findings: list, file: StageFile) -> list:
    """The findings about this stage's file, and about the shared phrases it uses."""
    from .. import render

    return [f for f in findings if f.file in (file.name, render.PHRASES_FILE)]  # the phrases' own, for it


def fingerprint(file: StageFile) -> str:
    """What the file holds now, in short: a save is refused when it changed after the page was opened."""
    try:
        return hashlib.sha256(file.path.read_bytes()).hexdigest()[:32]
    except FileNotFoundError:
        return "missing"


def save(config: Config, file: StageFile, text: str) -> None:
    """Write the stage's file in one step: a temporary file beside it, flushed, renamed over it (a
    reader, or `run` in the worker, sees the old file or the new one, never half of one)."""
    target = file.path
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def remember_clean(config: Config) -> None:
    """After a save with no lint error: what `templates check` records, so `run` need not check again."""
    from ..cycle import remember_templates_ok

    remember_templates_ok(config, [folder(config)])


def normalized(text: str) -> str:
    """A textarea's text as a file: browsers send CRLF line ends; one final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\n") + "\n"


def rendering(config: Config, file: StageFile, today: dt.date, invoices: int = 2):
    """The stage rendered as `preview` renders it (sample customer and invoices, the real business):
    the RenderedEmail, or the TemplateError that stops it."""
    from .. import render
    from ..testing import sample_email

    email = sample_email(file.stage, today, invoices=invoices)
    env = render.environment(folder(config), layout=config.layout)   # fresh: the file may have just changed
    try:
        return render.render(env, file.stage.template, render.context(email, business=config.business, today=today))
    except render.TemplateError as e:
        return e

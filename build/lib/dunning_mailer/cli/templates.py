"""`preview STAGE` and `templates check`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..config import Config
from .common import UsageError, _ledger, _now, _print_json


def cmd_preview(args, config: Config) -> int:
    from .. import render
    from ..testing import sample_email

    now = _now(args.now, config)
    today = now.astimezone(config.tz).date()
    from ..cycle import Templates
    from ..planner import SPECIAL_STAGES, PlannedEmail, offer_for

    stages = {s.name: s for s in (*config.stages, *SPECIAL_STAGES)}
    stage = stages.get(args.stage)
    if stage is None:
        raise UsageError(f"no stage named {args.stage!r}; there are: {', '.join(stages)}")
    email = None
    if args.customer:
        with _ledger(config) as ledger:
            for c in ledger.customer_states(today):
                if c.customer.id == args.customer and c.invoices:
                    total = sum(s.invoice.balance for s in c.invoices)
                    email = PlannedEmail(c.customer, c.customer.emails, stage,
                                         tuple((s, stage) for s in c.invoices), offer=offer_for(stage, total, today))
        if email is None:
            raise UsageError(f"no open invoices for customer {args.customer!r}")
    else:
        email = sample_email(stage, today)
    env = Templates(config).env(email.customer.language)
    try:
        rendered = render.render(env, stage.template, render.context(email, business=config.business, today=today))
    except render.TemplateError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    out = Path(args.out or "preview")
    out.mkdir(parents=True, exist_ok=True)
    base = out / stage.name
    base.with_suffix(".html").write_text(rendered.html, encoding="utf-8")
    base.with_suffix(".txt").write_text(f"{rendered.subject}\n\n{rendered.text}", encoding="utf-8")
    raw = render.build_message(rendered, business=config.business, recipients=email.recipients or ("customer@example.com",),
                               customer_name=email.customer.name, message_id=f"<preview@{config.business.domain}>",
                               now=now.astimezone(config.tz))
    base.with_suffix(".eml").write_bytes(raw)
    print(f"Wrote {base}.html, {base}.txt and {base}.eml")
    return 0


def _folders(config: Config) -> list[Path]:
    """paths.templates and its language siblings (templates/he, templates/en)."""
    folders = [config.paths.templates]
    for language in ("he", "en"):
        sibling = config.paths.templates.parent / language
        if sibling.is_dir() and sibling not in folders:
            folders.append(sibling)
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"paths.templates: no such folder {folder}")
    return folders


def cmd_templates_check(args, config: Config) -> int:
    from .. import lint

    folders = _folders(config)
    findings = []
    for folder in folders:
        findings += lint.check_templates(folder, config.stages, language=folder.name[:2],
                                         business=config.business, layout=config.layout)
    if args.json:
        _print_json({"folders": [str(f) for f in folders],
                     "findings": [{"file": f.file, "line": f.line, "severity": f.severity,
                                   "principle": f.principle, "message": f.message} for f in findings]})
    else:
        for f in findings:
            print(f)
        errors = lint.errors(findings)
        print(f"{len(errors)} error(s), {len(findings) - len(errors)} warning(s) in "
              f"{', '.join(os.path.relpath(f) for f in folders)}.")
    if lint.errors(findings):
        return 1
    from ..cycle import remember_templates_ok

    remember_templates_ok(config, folders)
    return 0


def _stage_for(config: Config, template: str):
    """The stage that renders `template` (its days decide which invoices are late), as configured."""
    from ..model import Stage
    from ..planner import SPECIAL_STAGES

    return next((s for s in (*config.stages, *SPECIAL_STAGES) if s.template == template), Stage(template, 0, template))


def cmd_templates_migrate(args, config: Config) -> int:
    """Convert folders of the older two-file layout into wording files, keeping their words."""
    import shutil

    from .. import lint, migration
    from .setup import _shipped

    failed = False
    for folder in _folders(config):
        language = folder.name[:2] if folder.name[:2] in ("he", "en") else "he"
        files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())
                 if p.is_file() and p.suffix in (".txt", ".html", ".md") and not p.name.startswith(".")}
        shown = os.path.relpath(folder)
        if not migration.legacy_stages(files):
            print(f"{shown}: already one file per stage; nothing to change.")
            continue
        shipped = (_shipped("templates") / language / migration.PHRASES).read_text(encoding="utf-8")
        result = migration.migrate(files, language, shipped, lambda template: list(lint.sample_contexts(
            _stage_for(config, template), language)))
        if result.converted:
            print(f"{shown}: {len(result.converted)} stage(s) now have one file each, in your words: "
                  f"{', '.join(s + '.md' for s in result.converted)}.")
        if migration.PHRASES in result.write:
            print(f"  {migration.PHRASES}: the shared layout's words and the ready phrases every stage uses.")
        for stage, why in result.kept.items():
            print(f"  {stage}: left in the older layout (it still works): {why}.")
        for note in result.notes:
            print(f"  note: {note}.")
        if args.dry_run:
            print("  (--dry-run: nothing was changed)")
            continue
        backup = folder.parent / f"{folder.name}.before-migration"
        n = 2
        while backup.exists():
            backup, n = folder.parent / f"{folder.name}.before-migration-{n}", n + 1
        shutil.copytree(folder, backup)
        for name in result.retire:
            (folder / name).unlink()
        for name, text in result.write.items():
            (folder / name).write_text(text, encoding="utf-8")
        print(f"  the folder as it was: {os.path.relpath(backup)}/")
        findings = lint.check_templates(folder, config.stages, language=language, business=config.business,
                                        layout=config.layout)
        errors = lint.errors(findings)
        print(f"  templates check: {len(errors)} error(s), {len(findings) - len(errors)} warning(s)"
              + (" (`dunning-mailer templates check` lists them)" if findings else "") + ".")
        failed = failed or bool(errors)
    return 1 if failed else 0

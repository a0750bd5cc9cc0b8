"""`dunning-mailer templates migrate`: folders of the older two-file layout become one wording file
per stage, keeping the business's own words, and the command says what it changed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, shipped_stages
from dunning_mailer import lint, migration, render
from dunning_mailer.config import DEFAULT_STAGES

V1 = ROOT / "tests" / "templates_v1"


def run_migration(folder: Path, language: str) -> migration.Result:
    files = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()}
    shipped = (ROOT / "templates" / language / "_phrases.md").read_text(encoding="utf-8")
    stages = {s.template: s for s in shipped_stages(language)}
    return migration.migrate(files, language, shipped,
                             lambda template: list(lint.sample_contexts(stages[template], language)))


def apply(folder: Path, result: migration.Result) -> None:
    for name in result.retire:
        (folder / name).unlink()
    for name, text in result.write.items():
        (folder / name).write_text(text, encoding="utf-8")


def message_lines(text: str, language: str) -> list[str]:
    """The lines between the greeting and the invoice details of a text part."""
    lines = text.split("\n")
    facts = ("פרטי החשבוני", "החשבוני", "סה״כ") if language == "he" else ("Invoice details", "Paid invoice", "Total")
    end = next((i for i, line in enumerate(lines) if i and line.startswith(facts)), len(lines))
    return [line.strip() for line in lines[1:end] if line.strip()]


def test_the_fingerprints_of_the_bases_as_shipped_are_the_ones_the_migration_knows():
    for language, bases in migration.SHIPPED_BASES.items():
        for name, digest in bases.items():
            assert migration.base_fingerprint((V1 / language / name).read_text(encoding="utf-8")) == digest


@pytest.mark.parametrize("language", ["he", "en"])
def test_the_set_as_shipped_before_converts_entirely_and_says_the_same(tmp_path, language):
    folder = tmp_path / language
    shutil.copytree(V1 / language, folder)
    result = run_migration(folder, language)
    assert result.kept == {} and sorted(result.converted) == sorted(s.name for s in shipped_stages(language))
    apply(folder, result)
    assert sorted(p.name for p in folder.iterdir()) == sorted(["_phrases.md", *(f"{s}.md" for s in result.converted)])
    assert lint.check_templates(folder, DEFAULT_STAGES, language=language) == []
    # What the final stage said in its own sign-off, and the HTML part of reminder that had drifted
    # from its text part, are named.
    assert any(n.startswith("final: its own sign-off") for n in result.notes), result.notes
    assert any(n.startswith("reminder: the HTML part and the text part said different things") for n in result.notes)
    old_env = render.environment(V1 / language, language)
    new_env = render.environment(folder, language)
    for stage in shipped_stages(language):
        for label, ctx in list(lint.sample_contexts(stage, language))[::5]:
            before = render.render(old_env, stage.template, ctx)
            after = render.render(new_env, stage.template, ctx)
            assert after.subject == before.subject, (stage.name, label)
            assert message_lines(after.text, language) == message_lines(before.text, language), (stage.name, label)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path.name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_customised_folder_keeps_its_words_and_is_told_what_was_not_carried(tmp_path):
    folder = tmp_path / "he"
    shutil.copytree(V1 / "he", folder)
    # The business reworded a sentence of reminder in both parts, changed the greeting, added a
    # sentence to checkin's text part only, and wrote a loop the wording files cannot say.
    for name in ("reminder.txt", "reminder.html"):
        edit(folder / name, "קורה שתשלום נשמט בין כל שאר הדברים", "לפעמים תשלום פשוט מתפספס בין כל השאר")
    for name in ("_base.txt", "_base.html"):
        edit(folder / name, "שלום {{ customer.name }},", "היי {{ customer.name }},")
    edit(folder / "checkin.txt", "ברוב המקרים יש פתרון פשוט.", "ברוב המקרים יש פתרון פשוט. ואנחנו כאן בשבילכם.")
    edit(folder / "solution.txt", "הכי פשוט להשיב למייל הזה",
         "{% for inv in invoices %}{{ inv.number|ltr }} {% endfor %}הכי פשוט להשיב למייל הזה")
    result = run_migration(folder, "he")
    assert "solution" in result.kept and "{% for %}" in result.kept["solution"], result.kept
    assert set(result.converted) == {s.name for s in shipped_stages("he")} - {"solution"}
    assert "solution.txt" not in result.retire and "_base.txt" not in result.retire  # still needed
    assert any("the greeting is yours" in n and "היי {שם הלקוח}," in n for n in result.notes), result.notes
    assert any(n.startswith("checkin: the HTML part and the text part said different things") for n in result.notes)
    apply(folder, result)
    reminder = (folder / "reminder.md").read_text(encoding="utf-8")
    assert reminder.count("לפעמים תשלום פשוט מתפספס בין כל השאר") == 1
    assert "ואנחנו כאן בשבילכם." in (folder / "checkin.md").read_text(encoding="utf-8")
    assert "[[ברכה]]\nהיי {שם הלקוח}," in (folder / "_phrases.md").read_text(encoding="utf-8")
    assert lint.errors(lint.check_templates(folder, DEFAULT_STAGES)) == []
    env = render.environment(folder, "he")
    for name in ("reminder", "solution"):  # the converted one and the one left as it was
        stage = next(s for s in shipped_stages("he") if s.name == name)
        out = render.render(env, stage.template, render.context(lint.sample_email(stage), business=lint.sample_businesses(
            "he")[0], today=lint.SAMPLE_TODAY))
        assert out.text.startswith("היי ") and "היי " in out.html


def test_the_command_converts_each_folder_keeps_the_old_one_and_says_what_changed(workdir):
    for language in ("he", "en"):
        target = workdir / "templates" / language
        keep = target / "business"
        saved = workdir / f"business-{language}"
        if keep.exists():
            shutil.copytree(keep, saved)
        shutil.rmtree(target)
        shutil.copytree(V1 / language, target)
        if saved.exists():
            shutil.copytree(saved, keep)
    r = run_cli("templates", "migrate", "--config", str(workdir / "config.toml"), "--dry-run")
    assert r.returncode == 0 and "nothing was changed" in r.stdout
    assert (workdir / "templates" / "he" / "reminder.txt").exists()
    r = run_cli("templates", "migrate", "--config", str(workdir / "config.toml"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "9 stage(s) now have one file each, in your words" in r.stdout
    assert "templates check: 0 error(s), 0 warning(s)" in r.stdout
    assert "final: its own sign-off" in r.stdout
    assert (workdir / "templates" / "he.before-migration" / "reminder.txt").exists()
    assert (workdir / "templates" / "he" / "reminder.md").exists()
    assert not (workdir / "templates" / "he" / "reminder.txt").exists()
    assert (workdir / "templates" / "he" / "business" / "digest.txt").exists()
    again = run_cli("templates", "migrate", "--config", str(workdir / "config.toml"))
    assert again.returncode == 0 and "nothing to change" in again.stdout
    assert run_cli("templates", "check", "--config", str(workdir / "config.toml")).returncode == 0

"""Template lint of the older two-file layout (three Jinja files per stage on `_base.*`), which
installations made before issue 17 still have: the set as it was shipped is clean, and seeded bad
edits are caught with file, line, principle and a message in plain words."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, replace_in as replace
from dunning_mailer import lint
from dunning_mailer.config import DEFAULT_STAGES, Business
from dunning_mailer.lint import Finding, check_templates
from dunning_mailer.model import Stage

REMINDER = [s for s in DEFAULT_STAGES if s.name == "reminder"]
FINAL = [s for s in DEFAULT_STAGES if s.name == "final"]


V1 = ROOT / "tests" / "templates_v1"


@pytest.mark.parametrize("language", ["he", "en"])
def test_the_set_as_shipped_before_passes_with_no_finding_at_all(language):
    findings = check_templates(V1 / language, DEFAULT_STAGES, language=language)
    assert findings == [], "\n".join(map(str, findings))


def copy_templates(tmp_path: Path, *templates: str, language: str = "he") -> Path:
    """The shared layouts and the named stage templates, in a folder of their own."""
    src = V1 / language
    dst = tmp_path / language
    dst.mkdir()
    for path in src.iterdir():
        stem = path.name.split(".")[0]
        if stem.startswith("_") or stem in templates:
            shutil.copyfile(path, dst / path.name)
    return dst


def insert_after(path: Path, anchor: str, new_lines: str) -> int:
    """Put `new_lines` right after the first line containing `anchor`; the 1-based line of the first new line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if anchor in line)
    lines[index + 1:index + 1] = new_lines.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 2


def only(findings: list[Finding], **match) -> list[Finding]:
    return [f for f in findings if all(getattr(f, k) == v for k, v in match.items())]


def test_unknown_variable_in_html(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.html", "{% block message %}",
                        '<p dir="rtl" style="{{ ps }}">שלום {{ customer_nickname }}</p>')
    findings = check_templates(folder, REMINDER)
    hit = only(findings, file="reminder.html", line=line, principle="context", severity="error")
    assert hit and "customer_nickname" in hit[0].message, findings
    assert str(hit[0]).startswith(f"reminder.html:{line}: error [context] ")


def test_attribute_typo_is_caught_statically_and_by_rendering(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = replace(folder / "_base.txt", "{{ inv.balance|money(inv.currency) }}", "{{ inv.balanse|money(inv.currency) }}")
    findings = check_templates(folder, REMINDER)
    hit = only(findings, file="_base.txt", line=line, principle="context")
    assert hit and "balanse" in hit[0].message, findings


def test_attribute_typo_on_a_branch_the_samples_never_take(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.txt", "{% block message %}",
                        "{% if invoices|length > 99 %}{{ business.phon }}{% endif %}")
    hit = only(check_templates(folder, REMINDER), file="reminder.txt", line=line, principle="context")
    assert hit and "business.phon" in hit[0].message


def test_removed_dir_rtl_on_the_root(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = replace(folder / "_base.html", '<html lang="he" dir="rtl">', '<html lang="he">')
    findings = check_templates(folder, REMINDER)
    hit = only(findings, file="_base.html", line=line, principle="RTL", severity="error")
    assert hit and 'dir="rtl"' in hit[0].message, findings


def test_removed_lang_and_cell_direction(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    html_line = replace(folder / "_base.html", '<html lang="he" dir="rtl">', '<html dir="rtl">')
    cell_line = replace(folder / "_base.html", '<td dir="rtl" align="right" style="{{ tdst }}">',
                        '<td style="{{ tdst }}">')
    findings = check_templates(folder, REMINDER)
    assert only(findings, file="_base.html", line=html_line, principle="RTL", severity="error")
    cell = only(findings, file="_base.html", line=cell_line, principle="RTL")
    assert cell and cell[0].severity == "warning" and "<td>" in cell[0].message


def test_supplier_argument_is_c2(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.txt", "{% block message %}", "נשמח לקבל את התשלום כדי שנוכל לשלם לספקים.")
    findings = check_templates(folder, REMINDER)
    hit = only(findings, file="reminder.txt", line=line, principle="C2", severity="error")
    assert hit, findings
    assert lint.errors(findings)


def test_legal_threat_is_c13_and_pressure_c1(tmp_path):
    folder = copy_templates(tmp_path, "final")
    line = insert_after(folder / "final.html", "{% block message %}",
                        '<p dir="rtl" style="{{ ps }}">אם לא נקבל את התשלום, נאלץ לנקוט בצעדים משפטיים.</p>')
    findings = check_templates(folder, FINAL)
    hits = only(findings, file="final.html", line=line, severity="error")
    assert len(hits) == 1 and hits[0].principle == "C13" and "(also C1)" in hits[0].message, findings


def test_threat_split_over_two_source_lines_names_the_first(tmp_path):
    folder = copy_templates(tmp_path, "final")
    line = insert_after(folder / "final.txt", "{% block message %}", "אחרת נאלץ לנקוט בצעדים\nמשפטיים נגדכם.")
    hit = only(check_templates(folder, FINAL), file="final.txt", principle="C13")
    assert hit and hit[0].line == line


def test_missing_stage_file(tmp_path):
    folder = copy_templates(tmp_path, "reminder", "checkin")
    (folder / "checkin.txt").unlink()
    stages = [s for s in DEFAULT_STAGES if s.name in ("reminder", "checkin")]
    findings = check_templates(folder, stages)
    hit = only(findings, file="checkin.txt", principle="files", severity="error")
    assert hit and "checkin" in hit[0].message, findings
    assert hit[0].line is None and str(hit[0]).startswith("checkin.txt: error [files] ")


def test_a_stage_the_config_names_without_any_file(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    findings = check_templates(folder, [*REMINDER, Stage("gentle", 5, "gentle")])
    hit = only(findings, principle="files")
    assert [f.file for f in hit] == ["gentle.md"] and "gentle" in hit[0].message, findings


def test_two_line_subject(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    (folder / "reminder.subject.txt").write_text("תזכורת קצרה\nחשבונית {{ invoices[0].number|ltr }}\n", encoding="utf-8")
    hit = only(check_templates(folder, REMINDER), file="reminder.subject.txt", principle="subject")
    assert hit and hit[0].severity == "error" and hit[0].line == 2 and "one line" in hit[0].message


def test_empty_subject(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    (folder / "reminder.subject.txt").write_text("{{ '' }}\n", encoding="utf-8")
    hit = only(check_templates(folder, REMINDER), file="reminder.subject.txt", principle="subject")
    assert hit and "empty" in hit[0].message


@pytest.mark.parametrize("edit,expected", [
    ("{% if %}", "syntax"),
    ("{{ invoices[0].number|ltr_please }}", "syntax"),  # an unknown filter
    ("{% for inv in invoices %}", "syntax"),  # never closed
])
def test_syntax_errors_name_file_and_line(tmp_path, edit, expected):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.html", "{% block message %}", f'<p dir="rtl">{edit}</p>')
    findings = check_templates(folder, REMINDER)
    hit = only(findings, file="reminder.html", principle=expected, severity="error")
    assert hit, findings
    # An unclosed block is reported where Jinja gives up: at or after the line that opened it.
    assert hit[0].line is not None and hit[0].line >= line


def test_unbalanced_html(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.html", "{% block message %}", '<p dir="rtl" style="{{ ps }}">פתוח בלי סוף')
    hit = only(check_templates(folder, REMINDER), principle="html")
    assert hit and hit[0].file == "reminder.html" and hit[0].line == line, hit


def test_text_part_must_start_in_hebrew(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    replace(folder / "_base.txt", "{% block greeting %}שלום {{ customer.name }},{% endblock +%}",
            "{% block greeting %}Hi {{ customer.name }},{% endblock +%}")
    hit = only(check_templates(folder, REMINDER), file="reminder.txt", principle="RTL", severity="error")
    assert hit and "Hebrew letter" in hit[0].message


def test_unwrapped_invoice_number_is_a_warning(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.txt", "{% block message %}", "חשבונית {{ invoices[0].number }} עדיין פתוחה.")
    findings = check_templates(folder, REMINDER)
    hit = only(findings, file="reminder.txt", line=line, principle="RTL")
    assert hit and hit[0].severity == "warning"
    assert not lint.errors(findings)  # warnings only: the CLI exits 0


def test_variants_without_niqqud_and_with_geresh_are_caught(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.txt", "{% block message %}",
                        "נבקש להסדיר את התשלום מִיָּדִית, אחרת נעביר את הטיפול לעו״ד.")
    principles = {f.principle for f in only(check_templates(folder, REMINDER), file="reminder.txt", line=line)}
    assert {"C1", "C13"} <= principles


def test_register_and_slash_forms_are_warnings(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.txt", "{% block message %}",
                        "הרינו להודיעך כי את/ה מתבקש/ת לשלם. לידיעתך, תוכל/י להשיב.")
    findings = only(check_templates(folder, REMINDER), file="reminder.txt", line=line)
    assert {f.principle for f in findings} == {"voice", "gender"}
    assert {f.severity for f in findings} == {"warning"}


def test_a_sentence_built_from_variables_is_caught_in_the_rendered_email(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / "reminder.txt", "{% block message %}",
                        '{% set who = "לספ" ~ "קים" %}נשמח לקבל את התשלום כדי לשלם {{ who }}.')
    hit = only(check_templates(folder, REMINDER), file="reminder.txt", principle="C2")
    assert hit and hit[0].line == line and "rendered" in hit[0].message


def test_config_text_is_linted_when_the_business_is_given(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    business = Business(name="סטודיו גפן", signature_name="דנה", signature_role="עו״ד, מחלקת גבייה")
    assert not only(check_templates(folder, REMINDER), principle="C13")
    hit = only(check_templates(folder, REMINDER, business=business), principle="C13")
    assert hit and hit[0].file == "config.toml" and "business.signature_role" in hit[0].message, hit


def test_english_set_checks_ltr_and_english_tone(tmp_path):
    folder = copy_templates(tmp_path, "final", language="en")
    html_line = replace(folder / "_base.html", '<html lang="en" dir="ltr">', '<html lang="en">')
    line = insert_after(folder / "final.txt", "{% block message %}",
                        "This is your final warning: pay immediately so we can pay our suppliers, or face legal action.")
    findings = check_templates(folder, FINAL, language="en")
    assert only(findings, file="_base.html", line=html_line, principle="RTL", severity="error")
    principles = {f.principle for f in only(findings, file="final.txt", line=line, severity="error")}
    assert {"C4", "C1", "C2", "C13"} <= principles, findings


def test_missing_folder():
    findings = check_templates(ROOT / "templates" / "xx", DEFAULT_STAGES)
    assert [f.principle for f in findings] == ["files"]


@pytest.mark.parametrize("text,principle", [
    ("נאלץ לנקוט בצעדים משפטיים", "C13"),
    ("זו התראה אחרונה לפני", "C4"),
    ("פעם אחרונה ואחרונה", "C4"),
    ("יש להסדיר את החוב לאלתר", "C1"),
    ("לא נהסס לפעול", "C1"),
    ("הטיפול יועבר לעורך דין", "C13"),
    ('נעביר לעו"ד', "C13"),
    ("כדי שנוכל לשלם את המשכורות", "C2"),
    ("אנחנו צריכים לשלם לספקים שלנו", "C2"),
    ("הספקים שלי מחכים", "C2"),
    ("בגלל בעיית תזרים", "C2"),
    ("We need this to pay our suppliers", "C2"),
    ("Final warning", "C4"),
    ("we will take legal action", "C13"),
    ("please pay IMMEDIATELY", "C1"),
    ("handed to a collections agency", "C13"),
    ("הנכם מתבקשים לשלם", "voice"),
    ("בהתאם לאמור לעיל", "voice"),
    ("את/ה מוזמנ/ת", "gender"),
])
def test_tone_rules(text, principle):
    assert principle in {rule.principle for rule, _, _ in lint.tone_matches(text, is_html=False)}


@pytest.mark.parametrize("text", [
    "בתקופה האחרונה עבדנו יחד על הרבה דברים",  # "recently", not "final"
    "תשלום מידי חודש, לפי מה שסיכמנו",  # "every month"
    "אפשר לשלם בהעברה ו/או בכרטיס אשראי",
    "נשמח לשמוע מכם ולהמשיך לעבוד יחד.",
    "חשבונית 2026-1042 פתוחה מאז 1 בנובמבר 2026.",
    "If you have already paid, thank you – please ignore this message.",
    "We are happy to help; the issue is probably on our side.",
])
def test_tone_rules_leave_ordinary_sentences_alone(text):
    assert lint.tone_matches(text, is_html=False) == []


def test_a_deleted_endif_is_reported_at_the_if_left_open_in_plain_words(tmp_path):
    folder = copy_templates(tmp_path, "reminder")
    source = (folder / "reminder.html").read_text(encoding="utf-8")
    if_line = source[:source.index("{% if focus_one %}")].count("\n") + 1
    at = source.index("{% endif %}")
    (folder / "reminder.html").write_text(source[:at] + source[at + len("{% endif %}"):], encoding="utf-8")
    findings = check_templates(folder, REMINDER)
    assert [(f.file, f.line, f.principle) for f in findings] == [("reminder.html", if_line, "syntax")], findings
    assert "{% if %} on this line is never closed" in findings[0].message and "{% endif %}" in findings[0].message


@pytest.mark.parametrize("broken,words", [
    ("{{ focus[0].number|ltr }", ["stray '}'"]),
    ("{{ focus[0].number ltr }}", ["cannot be read from 'ltr'", "missing |"]),
    ("{{ focus[0].number|ltr", ["never closed with }}"]),
])
def test_a_broken_tag_is_explained_in_plain_words_at_its_line(tmp_path, broken, words):
    folder = copy_templates(tmp_path, "reminder")
    line = replace(folder / "reminder.txt", "{{ focus[0].number|ltr }}", broken)
    findings = check_templates(folder, REMINDER)
    assert [(f.file, f.line, f.principle) for f in findings] == [("reminder.txt", line, "syntax")], findings
    for word in words:
        assert word in findings[0].message, findings[0].message
    assert "token" not in findings[0].message


@pytest.mark.parametrize("file,sentence,kind", [
    ("reminder.txt", "אפשר להתקשר ל־050-1234567.", "phone number"),
    ("reminder.html", '<p dir="rtl" style="{{ ps }}">אפשר להתקשר בין 9:00–16:00.</p>', "time range"),
])
def test_numbers_typed_into_hebrew_are_found_with_the_fix(tmp_path, file, sentence, kind):
    folder = copy_templates(tmp_path, "reminder")
    line = insert_after(folder / file, "{% block message %}", sentence)
    findings = check_templates(folder, REMINDER)
    assert [(f.file, f.line, f.severity, f.principle) for f in findings] == [(file, line, "error", "RTL")], findings
    assert kind in findings[0].message
    assert ("<span dir=\"ltr\">" if file.endswith(".html") else "|ltr }}") in findings[0].message

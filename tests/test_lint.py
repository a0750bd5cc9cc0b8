"""Template lint of the wording files: the shipped sets are clean, and each typical mistake a
business owner makes is exactly one finding, at its line, in plain words."""
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


@pytest.mark.parametrize("language", ["he", "en"])
def test_every_shipped_template_passes_with_no_finding_at_all(language):
    findings = check_templates(ROOT / "templates" / language, DEFAULT_STAGES, language=language)
    assert findings == [], "\n".join(map(str, findings))


def copy_set(tmp_path: Path, language: str = "he") -> Path:
    dst = tmp_path / language
    shutil.copytree(ROOT / "templates" / language, dst)
    return dst


def after_line(path: Path, anchor: str, new: str) -> int:
    """Put `new` (one or more lines) after the first line that is exactly `anchor`; its line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index(anchor)
    lines[index + 1:index + 1] = new.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 2


def errors_and_warnings(folder: Path, stages=DEFAULT_STAGES, **kw) -> list[Finding]:
    return check_templates(folder, stages, **kw)


# A sentence added to the message of reminder.md, as a business owner would, and what the one
# finding must say. The shipped set is clean, so each seeded mistake is the only finding.
SEEDED = [
    ("unisolated phone", "אפשר גם להתקשר אלינו ל־050-1234567 בכל שעה.", "error", "RTL",
     ["050-1234567", "phone number", "`050-1234567`"]),
    ("time range", "אפשר להתקשר אלינו בין 9:00–16:00.", "error", "RTL",
     ["9:00–16:00", "reversed", "16:00–9:00", "`9:00–16:00`"]),
    ("broken tag", "חשבונית {מספר החשבונית] עדיין פתוחה.", "error", "syntax",
     ["{מספר החשבונית", "not closed", "{מספר החשבונית}"]),
    ("missing end tag", "לפני הכול, [[חשוב לי / חשוב לנו לדעת שהכול בסדר.", "error", "syntax",
     ["[[חשוב לי / חשוב לנו", "not closed", "]]"]),
    ("unknown placeholder", "נשמח לשמוע מכם, {שם הלקוחה}.", "error", "context",
     ["{שם הלקוחה}", "not a placeholder", "did you mean {שם הלקוח}"]),
    ("unknown phrase", "[[חשוב לנו מאוד]] לדעת שהכול בסדר.", "error", "context",
     ["[[חשוב לנו מאוד]]", "not a ready phrase"]),
    ("the supplier argument", "נשמח לקבל את התשלום כדי שנוכל לשלם לספקים שלנו.", "error", "C2",
     ["suppliers", "C2"]),
    ("a threat", "אם התשלום לא יגיע, נאלץ לנקוט בצעדים משפטיים.", "error", "C13",
     ["legal threats", "C13", "also C1"]),
    ("older template language", "חשבונית {{ invoices[0].number|ltr }} פתוחה.", "error", "syntax",
     ["older template language", "{שם הלקוח}"]),
    ("unclosed backtick", "אפשר להתקשר בין `9:00–16:00 בכל יום.", "error", "syntax",
     ["no ` closes it on this line"]),
    ("email address", "אפשר לכתוב גם ל־office@gefen.example בכל שאלה.", "error", "RTL",
     ["office@gefen.example", "e-mail", "`office@gefen.example`"]),
]


@pytest.mark.parametrize("what,sentence,severity,principle,words", SEEDED, ids=[s[0] for s in SEEDED])
def test_a_typical_mistake_is_one_finding_at_its_line_in_plain_words(tmp_path, what, sentence, severity,
                                                                      principle, words):
    folder = copy_set(tmp_path)
    line = after_line(folder / "reminder.md", "# הודעה", sentence + "\n")
    findings = errors_and_warnings(folder)
    assert len(findings) == 1, "\n".join(map(str, findings))
    found = findings[0]
    assert (found.file, found.line, found.severity, found.principle) == ("reminder.md", line, severity, principle), found
    for word in words:
        assert word in found.message, (word, found.message)
    assert "Jinja" not in found.message and "token" not in found.message


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_isolated_range_and_a_placeholder_phone_are_fine(tmp_path):
    folder = copy_set(tmp_path)
    after_line(folder / "reminder.md", "# הודעה", "אפשר להתקשר אלינו בין `9:00–16:00`[[במספר]].\n")
    append(folder / "reminder.md", "\n[[במספר]]\nאם יש טלפון: , במספר {טלפון}\n")
    assert errors_and_warnings(folder) == []


def test_a_plain_number_or_a_latin_word_is_a_warning_with_the_fix(tmp_path):
    folder = copy_set(tmp_path)
    line = after_line(folder / "reminder.md", "# הודעה", "אפשר לשלם גם ב־PayPal, תוך 3 ימים.\n")
    findings = errors_and_warnings(folder)
    assert [(f.line, f.severity, f.principle) for f in findings] == [(line, "warning", "RTL")] * 2, findings
    assert "`PayPal`" in findings[0].message and "`3`" in findings[1].message
    assert not lint.errors(findings)


def test_a_placeholder_with_no_value_in_this_email_says_which_condition_to_use(tmp_path):
    folder = copy_set(tmp_path)
    line = after_line(folder / "reminder.md", "# הודעה", "השיחה תהיה עם {שם החותם}.\n")
    findings = errors_and_warnings(folder)
    assert {(f.file, f.line, f.principle) for f in findings} == {("reminder.md", line, "context")}, findings
    assert "'אם חותם אדם:'" in findings[0].message and "has no value" in findings[0].message


def test_an_unknown_condition_is_named_with_the_closest_one(tmp_path):
    folder = copy_set(tmp_path)
    line = replace(folder / "reminder.md", "אם שולם חלק: נשארה", "אם שולמה חלק: נשארה")
    findings = errors_and_warnings(folder)
    assert [(f.line, f.principle) for f in findings] == [(line, "context")], findings
    assert "'שולמה חלק' is not a condition" in findings[0].message and "'שולם חלק'" in findings[0].message


def test_a_phrase_line_without_a_condition_is_named(tmp_path):
    folder = copy_set(tmp_path)
    line = replace(folder / "reminder.md", "אחרת: היא עדיין פתוחה.", "היא עדיין פתוחה.")
    findings = errors_and_warnings(folder)
    assert [(f.line, f.principle) for f in findings] == [(line, "syntax")], findings
    assert "no condition" in findings[0].message and "'אחרת:'" in findings[0].message


def test_a_two_line_subject_and_an_unknown_section(tmp_path):
    folder = copy_set(tmp_path)
    subject = after_line(folder / "reminder.md", "תזכורת קצרה: [[חשבונית / החשבוניות הפתוחות]]", "ועוד שורה")
    heading = replace(folder / "reminder.md", "# סיום", "# סיכום")
    findings = errors_and_warnings(folder)
    assert {(f.line, f.principle) for f in findings} == {(subject, "syntax"), (heading, "syntax")}, findings
    assert any("must be one line" in f.message for f in findings)
    assert any("'# סיכום' is not a section" in f.message and "# סיום" in f.message for f in findings)


def test_a_phrase_that_uses_itself(tmp_path):
    folder = copy_set(tmp_path)
    replace(folder / "reminder.md", "אחרת: היא עדיין פתוחה.", "אחרת: [[יתרה פתוחה / עדיין פתוחה]]")
    line = (folder / "reminder.md").read_text(encoding="utf-8").split("\n").index("[[יתרה פתוחה / עדיין פתוחה]]") + 1
    findings = errors_and_warnings(folder)
    assert [(f.line, f.principle) for f in findings] == [(line, "syntax")], findings
    assert "uses itself" in findings[0].message


def test_a_stage_without_its_file_and_a_missing_layout_word(tmp_path):
    folder = copy_set(tmp_path)
    (folder / "checkin.md").unlink()
    replace(folder / "_phrases.md", "[[ברכת סיום]]\nבברכה,\n", "")
    findings = errors_and_warnings(folder)
    files = {(f.file, f.principle) for f in findings}
    assert ("checkin.md", "files") in files and ("_phrases.md", "files") in files, findings
    assert any("[[ברכת סיום]]" in f.message for f in findings)


def test_a_greeting_in_latin_letters_is_found_where_it_is_written(tmp_path):
    folder = copy_set(tmp_path)
    line = replace(folder / "_phrases.md", "שלום {שם הלקוח},", "Hi {שם הלקוח},")
    findings = errors_and_warnings(folder, REMINDER)
    hit = [f for f in findings if f.principle == "RTL" and f.severity == "error"]
    assert hit and (hit[0].file, hit[0].line) == ("_phrases.md", line) and "Hebrew letter" in hit[0].message


def test_a_sentence_built_from_phrases_is_caught_in_the_rendered_email(tmp_path):
    folder = copy_set(tmp_path)
    line = after_line(folder / "reminder.md", "# הודעה", "נשמח לקבל את התשלום כדי לשלם [[ל]]ספקים.\n")
    append(folder / "reminder.md", "\n[[ל]]\nל\n")
    hits = [f for f in errors_and_warnings(folder, REMINDER) if f.principle == "C2"]
    assert [(f.file, f.line) for f in hits] == [("reminder.md", line)] and "rendered" in hits[0].message, hits


def test_config_text_is_linted_and_named_as_config(tmp_path):
    folder = copy_set(tmp_path)
    business = Business(name="סטודיו גפן", signature_name="דנה", signature_role="עו״ד, מחלקת גבייה")
    assert not [f for f in errors_and_warnings(folder, REMINDER) if f.principle == "C13"]
    hits = [f for f in errors_and_warnings(folder, REMINDER, business=business) if f.principle == "C13"]
    assert hits and hits[0].file == "config.toml" and "business.signature_role" in hits[0].message, hits


def test_the_english_set_checks_english_tone(tmp_path):
    folder = copy_set(tmp_path, "en")
    line = after_line(folder / "final.md", "# Message",
                      "This is your final warning: pay immediately so we can pay our suppliers, or face legal action.\n")
    findings = errors_and_warnings(folder, [s for s in DEFAULT_STAGES if s.name == "final"], language="en")
    principles = {f.principle for f in findings if f.line == line and f.file == "final.md"}
    assert {"C4", "C1", "C2", "C13"} <= principles, findings


def test_a_stage_in_both_layouts_uses_the_wording_file_and_says_so(tmp_path):
    folder = copy_set(tmp_path)
    shutil.copyfile(ROOT / "tests" / "templates_v1" / "he" / "reminder.txt", folder / "reminder.txt")
    findings = errors_and_warnings(folder, REMINDER)
    assert [(f.file, f.severity, f.principle) for f in findings] == [("reminder.txt", "warning", "files")], findings
    assert "reminder.md is used" in findings[0].message


def test_a_folder_mixing_both_layouts_is_checked_stage_by_stage(tmp_path):
    folder = copy_set(tmp_path)
    (folder / "checkin.md").unlink()
    v1 = ROOT / "tests" / "templates_v1" / "he"
    for name in ("_base.txt", "_base.html", "checkin.subject.txt", "checkin.txt", "checkin.html"):
        shutil.copyfile(v1 / name, folder / name)
    assert errors_and_warnings(folder) == []
    after_line(folder / "checkin.txt", "{% block message %}", "כדי שנוכל לשלם לספקים.")
    assert [f.file for f in errors_and_warnings(folder) if f.principle == "C2"] == ["checkin.txt"]


def test_a_custom_stage_named_in_the_config(tmp_path):
    folder = copy_set(tmp_path)
    (folder / "gentle.md").write_text("# נושא\nתזכורת עדינה\n\n# הודעה\nרק רצינו להזכיר.\n", encoding="utf-8")
    assert errors_and_warnings(folder, [*REMINDER, Stage("gentle", 5, "gentle")]) == []

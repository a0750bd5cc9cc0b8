"""Contacts files: who to write to for each customer, for exports that carry no emails.

A row names a customer (id, else name) and its emails (or phone), and optionally the
person to address (איש קשר), the account manager on our side and their
email, the language and the customer's phone. The same customer on several rows is one contact
with the emails of all of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..model import Contact, ImportResult
from ..phones import joined, phone_text
from . import cells as parse
from .base import SourceError
from .columns import Header, header_key
from .rows import RowError, _Extraction, is_total_row
from .tabular import Row


@dataclass
class _Draft:
    customer_id: str
    row: int
    name: str = ""
    emails: list[str] = field(default_factory=list)
    account_manager: str = ""
    account_manager_email: str = ""
    language: str | None = None
    phones: list[str] = field(default_factory=list)

    def freeze(self) -> Contact:
        return Contact(
            customer_id=self.customer_id,
            name=self.name,
            emails=tuple(self.emails),
            account_manager=self.account_manager,
            account_manager_email=self.account_manager_email,
            language=self.language,
            phone=joined(self.phones),
        )


def extract_contacts(path: Path, rows: Sequence[Row], header: Header, *, importer: str) -> ImportResult:
    """One Contact per customer id (or name); invalid emails dropped with a warning."""
    work = _Extraction(path, header, "DMY", "ILS")
    keys = {header_key(header.texts[f]) for f in ("customer_id", "customer_name") if f in header.texts}
    drafts: dict[str, _Draft] = {}
    errors = 0
    for row, cells in rows:
        if row <= header.row or all(parse.is_blank(c) for c in cells):
            continue
        if is_total_row(cells, header):
            continue
        if any(header_key(work.cell(cells, f)) in keys for f in ("customer_id", "customer_name")):
            continue  # the header repeated
        ident = parse.clean_text(work.cell(cells, "customer_id"))
        customer_name = parse.clean_text(work.cell(cells, "customer_name"))
        if not (ident or customer_name):
            work.warn(row, "no customer id or name; row skipped")
            errors += 1
            continue
        customer_id = ident or customer_name
        emails, rejected = parse.parse_emails(work.cell(cells, "emails"))
        for piece in rejected:
            work.warn(row, f"dropped invalid email {piece!r}")
        manager_emails, rejected = parse.parse_emails(work.cell(cells, "account_manager_email"))
        for piece in rejected:
            work.warn(row, f"dropped invalid account manager email {piece!r}")
        if len(manager_emails) > 1:
            work.warn(row, f"several account manager emails; kept {manager_emails[0]!r}")
        try:
            language = work.value(cells, "language", parse.parse_language)
        except RowError as error:
            work.warn(row, f"{error}; language left unset")
            language = None
        draft = drafts.get(customer_id)
        if draft is None:
            draft = drafts[customer_id] = _Draft(customer_id, row)
        # The person to address; without a contact column, the customer's name.
        person = parse.clean_text(work.cell(cells, "contact_name")) or customer_name
        draft.name = draft.name or person
        for email in emails:
            if email not in draft.emails:
                draft.emails.append(email)
        draft.phones.append(phone_text(work.cell(cells, "phone")))
        manager = parse.clean_text(work.cell(cells, "account_manager"))
        manager_email = manager_emails[0] if manager_emails else ""
        for attribute, value, label in (
            ("account_manager", manager, "account manager"),
            ("account_manager_email", manager_email, "account manager email"),
            ("language", language, "language"),
        ):
            known = getattr(draft, attribute)
            if value and known and value != known:
                work.warn(row, f"customer {customer_id}: {label} {value!r} differs from "
                          f"{known!r} on row {draft.row}; kept {known!r}")
            elif value and not known:
                setattr(draft, attribute, value)
    for draft in drafts.values():
        if not draft.emails and ("emails" in header.index or not any(draft.phones)):
            work.warn(draft.row, f"customer {draft.customer_id} has no valid email")
    if errors and not drafts:
        raise SourceError(
            "no row could be read as a contact: " + "; ".join(work.warnings[:3]),
            where=str(path),
        )
    return ImportResult(
        importer=importer,
        invoices=(),
        header_row=header.row,
        columns=dict(header.texts),
        warnings=tuple(work.warnings),
        kind="contacts",
        contacts=tuple(d.freeze() for d in drafts.values()),
    )

"""Statements in the standard formats, read through well-kept libraries: OFX/QFX (ofxtools),
SWIFT MT940 (mt-940) and ISO 20022 CAMT.053 (the standard library's XML parser, by the
published element names: Stmt, Acct, Ntry, Amt@Ccy, CdtDbtInd, BookgDt, ValDt, AcctSvcrRef,
NtryDtls/TxDtls with Refs, RltdPties/Dbtr and RmtInf/Ustrd|Strd)."""
from __future__ import annotations

import datetime as dt
import re
import warnings
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

from ...payments import BankLine
from ..base import SourceError
from .containers import head


def kind_of(path: Path) -> str | None:
    """"ofx", "mt940" or "camt053" when the file's first bytes say so."""
    data = head(path, 8192)
    text = data.decode("latin-1", "replace")
    upper = text.upper()
    if "OFXHEADER" in upper or "<OFX>" in upper:
        return "ofx"
    if "camt.053" in text or "<BkToCstmrStmt" in text:
        return "camt053"
    if re.search(r"^:20:", text, re.M) and re.search(r"^:(?:60F|61|25):", text, re.M):
        return "mt940"
    if text.lstrip().startswith("{1:F01") and ":61:" in text:
        return "mt940"
    return None


def read_ofx(path: Path, default_currency: str) -> tuple[list[BankLine], str, list[str]]:
    from ofxtools.Parser import OFXTree

    tree = OFXTree()
    try:
        with warnings.catch_warnings():   # a QFX's private Intuit tags (INTU.BID) are expected
            warnings.simplefilter("ignore")
            tree.parse(str(path))
            ofx = tree.convert()
    except Exception as error:  # ofxtools raises its own several kinds
        raise SourceError(f"not a readable OFX/QFX statement ({type(error).__name__}: {error})",
                          where=str(path)) from None
    # The posting date as the bank wrote it: converted to UTC it could move to another day.
    raw_dates = [(e.findtext("DTPOSTED") or "")[:8] for e in tree.getroot().iter("STMTTRN")]
    lines, accounts, n = [], [], 0
    for statement in ofx.statements:
        account = str(getattr(statement.account, "acctid", "") or "")
        accounts.append(account)
        currency = str(getattr(statement, "curdef", "") or default_currency)
        for t in statement.banktranlist or ():
            raw = raw_dates[n] if n < len(raw_dates) else ""
            n += 1
            date = dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])) if re.fullmatch(r"\d{8}", raw) \
                else t.dtposted.date()
            text = " ".join(str(x) for x in (t.name, t.memo) if x)
            reference = str(t.refnum or t.checknum or t.fitid or "")
            lines.append(BankLine(date, Decimal(t.trnamt), text, reference, None,
                                  str(getattr(t, "currency", None) or currency), account, None, n))
    return lines, accounts[0] if accounts else "", []


_SWIFT_CODES = re.compile(r"/(?:ORDP|REMI|BENM|ORDR|EREF|NAME|ADDR|CDTR|DBTR|MREF|SVWZ|ABWA|KREF)/|\?\d{2}")


def read_mt940(path: Path, default_currency: str) -> tuple[list[BankLine], str, list[str]]:
    import mt940

    try:
        statements = mt940.parse(str(path))
    except Exception as error:
        raise SourceError(f"not a readable MT940 statement ({type(error).__name__}: {error})",
                          where=str(path)) from None
    account = str(statements.data.get("account_identification", "") or "")
    lines = []
    for n, t in enumerate(statements, start=1):
        d = t.data
        amount = d.get("amount")
        if amount is None:
            continue
        details = " ".join(_SWIFT_CODES.sub(" ", str(d.get("transaction_details") or "")).split())
        extra = str(d.get("extra_details") or "").strip()
        reference = str(d.get("customer_reference") or "")
        if reference.upper() == "NONREF":
            reference = str(d.get("bank_reference") or "")
        date = d.get("date")
        value = d.get("entry_date")
        lines.append(BankLine(dt.date(date.year, date.month, date.day), Decimal(amount.amount),
                              " ".join(x for x in (details, extra) if x), reference,
                              dt.date(value.year, value.month, value.day) if value else None,
                              str(getattr(amount, "currency", "") or d.get("currency") or default_currency),
                              account, None, n))
    return lines, account, []


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(element, path: str):
    """The first descendant along `path` ("A/B/C"), by local names, whatever the namespace."""
    current = [element]
    for name in path.split("/"):
        current = [c for e in current for c in e if _local(c.tag) == name]
        if not current:
            return None
    return current[0]


def _text(element, path: str) -> str:
    found = _find(element, path) if element is not None else None
    return " ".join((found.text or "").split()) if found is not None else ""


def _date(element, path: str) -> dt.date | None:
    node = _find(element, path) if element is not None else None
    if node is None:
        return None
    text = _text(node, "Dt") or _text(node, "DtTm")
    return dt.date.fromisoformat(text[:10]) if text else None


def read_camt053(path: Path, default_currency: str) -> tuple[list[BankLine], str, list[str]]:
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise SourceError(f"not readable XML: {error}", where=str(path)) from None
    lines, warnings, account = [], [], ""
    pending = 0
    for statement in (e for e in root.iter() if _local(e.tag) == "Stmt"):
        account = _text(statement, "Acct/Id/IBAN") or _text(statement, "Acct/Id/Othr/Id") or account
        for entry in (e for e in statement if _local(e.tag) == "Ntry"):
            status = _text(entry, "Sts/Cd") or _text(entry, "Sts")
            if status and status.upper() not in ("BOOK", "BOOKED"):
                pending += 1
                continue
            sign = -1 if _text(entry, "CdtDbtInd") == "DBIT" else 1
            booked = _date(entry, "BookgDt") or _date(entry, "ValDt")
            value = _date(entry, "ValDt")
            entry_ref = _text(entry, "AcctSvcrRef")
            details = [t for t in (_find(entry, "NtryDtls") or ()) if _local(t.tag) == "TxDtls"]
            parts = details if len(details) > 1 and all(_find(t, "Amt") is not None or
                                                         _find(t, "AmtDtls/TxAmt/Amt") is not None
                                                         for t in details) else [None]
            for tx in parts:
                amount_node = (_find(entry, "Amt") if tx is None
                               else _find(tx, "Amt") or _find(tx, "AmtDtls/TxAmt/Amt"))
                if amount_node is None or booked is None:
                    warnings.append(f"an entry ({entry_ref or 'no reference'}) has no amount or date; not read")
                    continue
                source = tx if tx is not None else (details[0] if details else None)
                payer = (_text(source, "RltdPties/Dbtr/Nm") or _text(source, "RltdPties/Dbtr/Pty/Nm")) if sign > 0 \
                    else (_text(source, "RltdPties/Cdtr/Nm") or _text(source, "RltdPties/Cdtr/Pty/Nm"))
                remittance = " ".join(x for x in (_text(source, "RmtInf/Ustrd"),
                                                  _text(source, "RmtInf/Strd/CdtrRefInf/Ref")) if x)
                text = " ".join(x for x in (payer, remittance, "" if payer or remittance
                                            else _text(entry, "AddtlNtryInf")) if x)
                reference = (_text(source, "Refs/EndToEndId") if source is not None else "") or entry_ref
                if reference == "NOTPROVIDED":
                    reference = entry_ref
                lines.append(BankLine(booked, sign * Decimal(amount_node.text.strip()), text, reference, value,
                                      amount_node.get("Ccy") or default_currency, account, None, len(lines) + 1))
    if pending:
        warnings.append(f"{pending} pending (not booked) entr{'y' if pending == 1 else 'ies'} left out")
    return lines, account, warnings


READERS = {"ofx": read_ofx, "mt940": read_mt940, "camt053": read_camt053}

"""Writers for the containers real accounting systems hand out.

Evaluation-set generator only: nothing here reads a file back.
"""
import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent.parent


def D(s):
    return Decimal(str(s).replace(",", ""))


def write_csv(name, rows, encoding="utf-8", delimiter=",", bom=False, newline="\r\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(["" if c is None else c for c in r])
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (OUT / name).write_bytes(data)


def write_utf16_tab(name, rows):
    text = "\r\n".join("\t".join("" if c is None else str(c) for c in r) for r in rows) + "\r\n"
    (OUT / name).write_bytes(text.encode("utf-16"))  # little-endian with BOM, as Windows writes it


def write_xlsx(name, rows, rtl=False, merges=(), date_fmt="dd/mm/yyyy", num_fmt="#,##0.00", title="Sheet1"):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    if rtl:
        ws.sheet_view.rightToLeft = True
    for r in rows:
        ws.append(list(r))
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, (dt.date, dt.datetime)):
                c.number_format = date_fmt
            elif isinstance(c.value, float):
                c.number_format = num_fmt
    for m in merges:
        ws.merge_cells(m)
    wb.save(OUT / name)


def write_biff(name, rows, rtl=False, merges=(), sheet="Sheet1"):
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    if rtl:
        ws.cols_right_to_left = True
    datestyle = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    numstyle = xlwt.easyxf(num_format_str="#,##0.00")
    merged = {}
    for (r1, c1, r2, c2) in merges:
        merged[(r1, c1)] = (r2, c2)
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if v is None or v == "":
                continue
            if (i, j) in merged:
                r2, c2 = merged[(i, j)]
                ws.write_merge(i, r2, j, c2, v)
                continue
            if isinstance(v, dt.date):
                ws.write(i, j, v, datestyle)
            elif isinstance(v, float):
                ws.write(i, j, v, numstyle)
            else:
                ws.write(i, j, v)
    wb.save(str(OUT / name))


def write_ods(name, rows, sheet="Sheet1"):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableRow, TableCell
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    t = Table(name=sheet)
    for r in rows:
        tr = TableRow()
        for v in r:
            if v is None or v == "":
                tc = TableCell()
            elif isinstance(v, dt.date):
                tc = TableCell(valuetype="date", datevalue=v.isoformat())
                tc.addElement(P(text=v.strftime("%d/%m/%Y")))
            elif isinstance(v, float):
                tc = TableCell(valuetype="float", value=repr(v))
                tc.addElement(P(text=f"{v:,.2f}"))
            else:
                tc = TableCell(valuetype="string")
                tc.addElement(P(text=str(v)))
            tr.addElement(tc)
        t.addElement(tr)
    doc.spreadsheet.addElement(t)
    doc.save(str(OUT / name))


def write_html_xls(name, title_rows, header, body, charset="utf-8", rtl=True):
    """An HTML table saved with an .xls name, the way many web systems 'export to Excel'."""
    parts = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">',
        f'<head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "<style>td{mso-number-format:\\@;} .num{mso-number-format:'#,##0.00';}</style></head>",
        f'<body dir="{"rtl" if rtl else "ltr"}">',
    ]
    for t in title_rows:
        parts.append(f"<h3>{escape(t)}</h3>")
    parts.append('<table border="1">')
    parts.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr>")
    for row in body:
        if isinstance(row, dict):  # a spanning row
            parts.append(f'<tr><td colspan="{len(header)}"><b>{escape(row["span"])}</b></td></tr>')
            continue
        cells = []
        for v in row:
            v = "" if v is None else str(v)
            cells.append(f"<td>{escape(v)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table></body></html>")
    (OUT / name).write_bytes("\r\n".join(parts).encode(charset))


def write_spreadsheetml(name, rows, sheet="Sheet1", rtl=False):
    """Excel 2003 XML Spreadsheet, saved with an .xls name."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
        '<Styles><Style ss:ID="d"><NumberFormat ss:Format="dd\\.mm\\.yyyy"/></Style>'
        '<Style ss:ID="n"><NumberFormat ss:Format="#,##0.00;\\(#,##0.00\\)"/></Style>'
        '<Style ss:ID="b"><Font ss:Bold="1"/></Style></Styles>',
        f'<Worksheet ss:Name="{escape(sheet)}"><Table>',
    ]
    for r in rows:
        out.append("<Row>")
        for v in r:
            if v is None or v == "":
                out.append("<Cell/>")
            elif isinstance(v, dt.date):
                out.append(f'<Cell ss:StyleID="d"><Data ss:Type="DateTime">{v.isoformat()}T00:00:00.000</Data></Cell>')
            elif isinstance(v, float):
                out.append(f'<Cell ss:StyleID="n"><Data ss:Type="Number">{v!r}</Data></Cell>')
            else:
                out.append(f'<Cell><Data ss:Type="String">{escape(str(v))}</Data></Cell>')
        out.append("</Row>")
    out.append("</Table>")
    opts = "<WorksheetOptions xmlns=\"urn:schemas-microsoft-com:office:excel\">"
    if rtl:
        opts += "<DisplayRightToLeft/>"
    opts += "</WorksheetOptions>"
    out.append(opts)
    out.append("</Worksheet></Workbook>")
    (OUT / name).write_bytes("\n".join(out).encode("utf-8"))


def inv(number, customer, issue, due, amount, balance, currency):
    return {"number": number, "customer_name": customer, "issue_date": issue, "due_date": due,
            "amount": amount, "balance": balance, "currency": currency}


def bal(cid, name, balance, currency):
    return {"customer_id": cid, "customer_name": name, "balance": balance, "currency": currency}


def write_expected(name, system, kind, currency_default, notes, invoices=(), balances=()):
    for e in invoices:
        for k in ("amount", "balance"):
            if e[k] is not None:
                assert Decimal(e[k]).as_tuple().exponent == -2, (name, e)
    doc = {"system": system, "kind": kind, "currency_default": currency_default,
           "invoices": list(invoices), "balances": list(balances), "notes": notes}
    (OUT / (name + ".expected.json")).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8")


def total(entries, currency=None):
    return sum((Decimal(e["balance"]) for e in entries if currency is None or e["currency"] == currency),
               Decimal("0"))

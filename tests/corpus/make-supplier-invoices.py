#!/usr/bin/env python3
"""Writes the supplier-invoice text corpus: invoices without XML made by several producers and layouts, each beside
a JSON file of the values a reader should find.

Producers: LibreOffice (HTML documents of varied layouts converted with `soffice --headless --convert-to pdf`), this
project's own Factur-X generator (`comptoir facturx generate`, the XML then removed with qpdf), PdfPig's writer
(`Comptoir.Bench corpus-pdfpig`, from positioned lines written here), and images for OCR (pdftoppm pages, some made
to look scanned with ImageMagick: rotation, noise, blur; two wrapped into image-only PDFs).

Every document is invented here: names, numbers, identifiers (valid checksums) are generated from a fixed seed, so a
re-run writes the same values. Needs: python3, libreoffice-writer, poppler-utils, qpdf, imagemagick, and a built
Comptoir.Bench (dotnet build bench/Comptoir.Bench). Usage: tests/corpus/make-supplier-invoices.py [OUT_DIR]
"""
import html
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "corpus", "supplier-invoices")
# Debian's ImageMagick (a convert earlier on the PATH may be something else).
CONVERT = "/usr/bin/convert" if os.path.exists("/usr/bin/convert") else "convert"
BIN = os.path.join(ROOT, "bench", "Comptoir.Bench", "bin", "Debug", "net10.0")
rng = random.Random(20261202)

# ---------------------------------------------------------------- identifiers with valid checksums
def luhn_digit(digits):
    total = 0
    for i, c in enumerate(reversed(digits + "0")):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)

def siren():
    body = str(rng.randint(30000000, 99999999))
    return body + luhn_digit(body)

def fr_vat(s):
    return "FR%02d%s" % ((12 + 3 * (int(s) % 97)) % 97, s)

def iban(country, bban):
    n = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return "%s%02d%s" % (country, 98 - n % 97, bban)

def fr_iban():
    bank, branch, account = "%05d" % rng.randint(10000, 30099), "%05d" % rng.randint(0, 99999), "%011d" % rng.randint(0, 10**11 - 1)
    key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)
    return iban("FR", bank + branch + account + "%02d" % key)

def de_iban():
    return iban("DE", "%08d%010d" % (rng.randint(10000000, 99999999), rng.randint(0, 10**10 - 1)))

def grouped(value, size=4):
    return " ".join(value[i:i + size] for i in range(0, len(value), size))

# ---------------------------------------------------------------- money and dates as printed
def cents(d):
    return Decimal(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

def fr_amount(d, space="\u202f"):
    whole, frac = ("%.2f" % d).split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return space.join([whole] + groups) + "," + frac

def en_amount(d):
    return "{:,.2f}".format(d)

def de_amount(d):
    return en_amount(d).replace(",", "X").replace(".", ",").replace("X", ".")

FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

def d_slash(d): return d.strftime("%d/%m/%Y")
def d_dots(d): return d.strftime("%d.%m.%Y")
def d_iso(d): return d.isoformat()
def d_fr_long(d): return ("1er" if d.day == 1 else str(d.day)) + " " + FR_MONTHS[d.month - 1] + " " + str(d.year)
def d_en_us(d): return "%s %d, %d" % (EN_MONTHS[d.month - 1], d.day, d.year)
def d_en_uk(d): return "%d %s %d" % (d.day, EN_MONTHS[d.month - 1], d.year)

# ---------------------------------------------------------------- invented parties and lines
FR_NAMES = ["Atelier Moreau", "Boulangerie Lefèvre", "Transports Garnier", "Imprimerie du Rhône", "Menuiserie Caron", "Conseil Rivière",
            "Électricité Blanchard", "Papeterie Fontaine", "Jardins de Provence", "Garage Dupuis", "Informatique Mercier", "Traiteur Lambert",
            "Nettoyage Chevalier", "Plomberie Roussel", "Studio Gautier", "Librairie Perrin", "Énergies Vincent", "Bureautique Faure"]
FR_FORMS = ["SARL", "SAS", "SASU", "EURL", "SA"]
EN_NAMES = ["Harbour Logistics", "Bright Pixel Studio", "Northwind Supplies", "Kestrel Analytics", "Oakfield Print", "Bluebell Catering"]
EN_FORMS = ["Ltd", "Limited", "LLP", "Inc."]
CITIES = [("12 rue de la République", "69002 Lyon"), ("4 avenue Jean Jaurès", "31000 Toulouse"), ("87 boulevard Voltaire", "75011 Paris"),
          ("3 place du Marché", "44000 Nantes"), ("21 quai des Chartrons", "33000 Bordeaux"), ("9 allée des Tilleuls", "67000 Strasbourg")]
BUYERS = [("Démo Boutique SAS", "5 rue des Lilas", "75020 Paris"), ("Cabinet Armand SARL", "18 cours Mirabeau", "13100 Aix-en-Provence"),
          ("Maison Lemoine SAS", "2 rue Nationale", "59000 Lille")]
ITEMS_FR = ["Prestation de conseil", "Fournitures de bureau", "Maintenance annuelle", "Transport et livraison", "Impression brochures",
            "Heures de main-d'œuvre", "Location de matériel", "Formation équipe", "Développement logiciel", "Nettoyage des locaux"]
ITEMS_EN = ["Consulting services", "Office supplies", "Annual maintenance", "Freight and delivery", "Brochure printing", "Labour hours",
            "Equipment rental", "Team training", "Software development", "Cleaning services"]

def invoice(lang, index, vat_rate=Decimal("0.20"), no_vat=False, country="FR"):
    if lang == "fr":
        name = FR_NAMES[index % len(FR_NAMES)] + " " + rng.choice(FR_FORMS)
    else:
        name = EN_NAMES[index % len(EN_NAMES)] + " " + (rng.choice(EN_FORMS) if country != "DE" else "GmbH")
    issue = date(2026, 1, 5) + timedelta(days=rng.randint(0, 300))
    due = issue + timedelta(days=rng.choice([15, 30, 45, 60]))
    items = []
    for _ in range(rng.randint(1, 4)):
        qty = rng.randint(1, 12)
        price = cents(Decimal(rng.randint(1500, 180000)) / 100)
        items.append((rng.randrange(10), qty, price, cents(qty * price)))
    net = sum(i[3] for i in items)
    rate = Decimal(0) if no_vat else vat_rate
    tax = cents(net * rate)
    s = siren()
    prefix = rng.choice(["FA", "F", "INV", "FAC", ""])
    number = (prefix + "-" if prefix else "") + "%d-%04d" % (issue.year, rng.randint(1, 9999))
    data = {
        "supplier_name": name, "invoice_number": number, "issue_date": issue, "due_date": due,
        "total_amount": net + tax, "total_tax_amount": tax, "total_amount_excluding_taxes": net, "payable_amount": net + tax,
        "iban": de_iban() if country == "DE" else fr_iban(),
        "tin": None if country != "FR" else s,
        "vat_number": None if no_vat else ("DE%09d" % rng.randint(100000000, 999999999) if country == "DE" else fr_vat(s)),
        "currency": "EUR", "is_credit_note": False,
    }
    street, city = rng.choice(CITIES)
    extra = {"items": items, "rate": rate, "street": street, "city": city, "buyer": rng.choice(BUYERS), "lang": lang, "siren": s}
    return data, extra

def expected_json(data, producer, engine):
    out = {"producer": producer, "engine": engine}
    for key, value in data.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = "%.2f" % value
        out[key] = value
    return out

# ---------------------------------------------------------------- LibreOffice: HTML layouts
CSS = "body{font-family:'DejaVu Sans',sans-serif;font-size:10pt} table{border-collapse:collapse} td,th{padding:3pt 8pt} .r{text-align:right} h1{font-size:18pt}"

def items_table(ex, fmt, lang, with_vat_column=True):
    names = ITEMS_FR if lang == "fr" else ITEMS_EN
    head = ["Désignation", "Qté", "PU HT", "TVA", "Total HT"] if lang == "fr" else ["Description", "Qty", "Unit price", "VAT", "Amount"]
    if not with_vat_column:
        head = [h for h in head if h not in ("TVA", "VAT")]
    rows = "".join(
        "<tr><td>%s</td><td class=r>%d</td><td class=r>%s</td>%s<td class=r>%s</td></tr>" % (
            html.escape(names[i]), q, fmt(p), ("<td class=r>%s %%</td>" % str(int(ex["rate"] * 100))) if with_vat_column else "", fmt(t))
        for i, q, p, t in ex["items"])
    return "<table border=1><tr>%s</tr>%s</table>" % ("".join("<th>%s</th>" % h for h in head), rows)

def layout_fr_classic(d, ex):
    f = lambda v: fr_amount(v) + " €"
    return f"""<table width=100%><tr><td><b>{html.escape(d['supplier_name'])}</b><br>{ex['street']}<br>{ex['city']}</td>
<td class=r><h1>FACTURE</h1>Facture n° : {d['invoice_number']}<br>Date : {d_slash(d['issue_date'])}<br>Échéance : {d_slash(d['due_date'])}</td></tr></table>
<p><b>Facturé à</b><br>{ex['buyer'][0]}<br>{ex['buyer'][1]}<br>{ex['buyer'][2]}</p>
{items_table(ex, lambda v: fr_amount(v), 'fr')}
<table align=right><tr><td>Total HT</td><td class=r>{f(d['total_amount_excluding_taxes'])}</td></tr>
<tr><td>TVA 20 %</td><td class=r>{f(d['total_tax_amount'])}</td></tr>
<tr><td><b>Total TTC</b></td><td class=r><b>{f(d['total_amount'])}</b></td></tr>
<tr><td>Net à payer</td><td class=r>{f(d['payable_amount'])}</td></tr></table>
<p style="clear:both">Règlement par virement — IBAN : {grouped(d['iban'])} — BIC : AGRIFRPPXXX</p>
<p style="font-size:8pt">{html.escape(d['supplier_name'])} au capital de 10 000 € — SIRET {ex['siren']} 00017 — TVA intracommunautaire : {d['vat_number']}</p>"""

def layout_fr_header_cells(d, ex):
    f = lambda v: fr_amount(v, " ") + " EUR"
    return f"""<h1>{html.escape(d['supplier_name'])}</h1><p>{ex['street']} — {ex['city']}<br>SIREN : {grouped(ex['siren'], 3)}<br>N° TVA : {d['vat_number']}</p>
<table border=1 width=100%><tr><th>N° de facture</th><th>Date de facturation</th><th>Date d'échéance</th><th>Client</th></tr>
<tr><td>{d['invoice_number']}</td><td>{d_fr_long(d['issue_date'])}</td><td>{d_fr_long(d['due_date'])}</td><td>{ex['buyer'][0]}</td></tr></table><br>
{items_table(ex, lambda v: fr_amount(v, ' '), 'fr')}<br>
<table border=1 width=100%><tr><th>Montant HT</th><th>Montant TVA</th><th>Montant TTC</th></tr>
<tr><td class=r>{f(d['total_amount_excluding_taxes'])}</td><td class=r>{f(d['total_tax_amount'])}</td><td class=r>{f(d['total_amount'])}</td></tr></table>
<p>Coordonnées bancaires : IBAN {d['iban']}</p>"""

def layout_fr_labelled_parties(d, ex):
    f = lambda v: fr_amount(v, "\u00a0") + "\u00a0€"
    return f"""<table width=100%><tr><td width=50%><b>Émetteur :</b> {html.escape(d['supplier_name'])}<br>{ex['street']}<br>{ex['city']}<br>
SIRET : {ex['siren']}00025<br>TVA intra : {d['vat_number']}</td>
<td><b>Client :</b> {ex['buyer'][0]}<br>{ex['buyer'][1]}<br>{ex['buyer'][2]}<br>TVA intra : {fr_vat(siren())}</td></tr></table>
<h1>Facture {d['invoice_number']}</h1><p>Émise le {d_dots(d['issue_date'])}, à régler avant le {d_dots(d['due_date'])}.</p>
{items_table(ex, lambda v: fr_amount(v, chr(160)), 'fr', with_vat_column=False)}
<p>Total HT : {f(d['total_amount_excluding_taxes'])}<br>Total TVA : {f(d['total_tax_amount'])}<br>Total TTC : {f(d['total_amount'])}</p>
<p>Paiement : virement sur IBAN {grouped(d['iban'])}</p>"""

def layout_fr_micro(d, ex):
    f = lambda v: fr_amount(v) + " €"
    return f"""<p><b>{html.escape(d['supplier_name'])}</b><br>Entrepreneur individuel<br>{ex['street']}, {ex['city']}<br>SIRET : {ex['siren']} 00013</p>
<p class=r><b>Facturé à</b><br>{ex['buyer'][0]}<br>{ex['buyer'][2]}</p>
<h1>Facture N° {d['invoice_number']}</h1><p>Date de la facture : {d_slash(d['issue_date'])}<br>Date limite de paiement : {d_slash(d['due_date'])}</p>
{items_table(ex, lambda v: fr_amount(v), 'fr', with_vat_column=False)}
<p><b>Total : {f(d['total_amount'])}</b></p><p>TVA non applicable, art. 293 B du CGI</p>
<p>IBAN : {grouped(d['iban'])}</p>"""

def layout_en_classic(d, ex):
    f = lambda v: "€" + en_amount(v)
    return f"""<table width=100%><tr><td><h1>INVOICE</h1></td><td class=r><b>{html.escape(d['supplier_name'])}</b><br>{ex['street']}<br>{ex['city']}<br>VAT number: {d['vat_number']}</td></tr></table>
<table><tr><td>Invoice number:</td><td>{d['invoice_number']}</td></tr><tr><td>Invoice date:</td><td>{d_en_uk(d['issue_date'])}</td></tr>
<tr><td>Due date:</td><td>{d_en_uk(d['due_date'])}</td></tr></table>
<p><b>Bill to</b><br>{ex['buyer'][0]}<br>{ex['buyer'][1]}<br>{ex['buyer'][2]}</p>
{items_table(ex, en_amount, 'en')}
<table align=right><tr><td>Subtotal</td><td class=r>{f(d['total_amount_excluding_taxes'])}</td></tr>
<tr><td>VAT (20%)</td><td class=r>{f(d['total_tax_amount'])}</td></tr><tr><td><b>Total</b></td><td class=r><b>{f(d['total_amount'])}</b></td></tr>
<tr><td>Amount due</td><td class=r>{f(d['payable_amount'])}</td></tr></table>
<p style="clear:both">Please pay by bank transfer to IBAN {grouped(d['iban'])}. Company registration (SIREN) {ex['siren']}.</p>"""

def layout_en_us_dates(d, ex):
    f = lambda v: en_amount(v) + " EUR"
    return f"""<p><b>{html.escape(d['supplier_name'])}</b> · {ex['street']} · {ex['city']}</p><h1>Invoice</h1>
<p>Invoice No. {d['invoice_number']}<br>Issued on {d_en_us(d['issue_date'])}<br>Payment due {d_en_us(d['due_date'])}</p>
<p>Billed to: {ex['buyer'][0]}, {ex['buyer'][2]}</p>
{items_table(ex, en_amount, 'en')}
<p>Total excl. VAT: {f(d['total_amount_excluding_taxes'])}<br>VAT amount: {f(d['total_tax_amount'])}<br>Grand total: {f(d['total_amount'])}<br>Balance due: {f(d['payable_amount'])}</p>
<p>Bank: IBAN {grouped(d['iban'])}<br>VAT No: {d['vat_number']} — SIREN {ex['siren']}</p>"""

def layout_de_supplier(d, ex):
    f = lambda v: de_amount(v) + " €"
    return f"""<h1>{html.escape(d['supplier_name'])}</h1><p>Hauptstraße 5, 10115 Berlin, Germany — VAT ID: {d['vat_number']}</p>
<p><b>Customer</b><br>{ex['buyer'][0]}<br>{ex['buyer'][2]}</p>
<table><tr><td>Invoice #</td><td>{d['invoice_number']}</td></tr><tr><td>Date</td><td>{d_iso(d['issue_date'])}</td></tr><tr><td>Due</td><td>{d_iso(d['due_date'])}</td></tr></table>
{items_table(ex, de_amount, 'en')}
<p>Net total: {f(d['total_amount_excluding_taxes'])}<br>VAT 20%: {f(d['total_tax_amount'])}<br>Total amount: {f(d['total_amount'])}</p>
<p>IBAN {grouped(d['iban'])} · BIC COBADEFFXXX</p>"""

def layout_fr_credit_note(d, ex):
    f = lambda v: fr_amount(v) + " €"
    return f"""<p><b>{html.escape(d['supplier_name'])}</b><br>{ex['street']}<br>{ex['city']}</p>
<h1>AVOIR</h1><p>Avoir n° {d['invoice_number']} du {d_slash(d['issue_date'])}<br>Échéance : {d_slash(d['due_date'])}</p>
<p><b>Client</b><br>{ex['buyer'][0]}<br>{ex['buyer'][2]}</p>
{items_table(ex, lambda v: fr_amount(v), 'fr')}
<p>Total HT : {f(d['total_amount_excluding_taxes'])}<br>Total TVA : {f(d['total_tax_amount'])}<br>Total TTC : {f(d['total_amount'])}</p>
<p>IBAN : {d['iban']}<br>{html.escape(d['supplier_name'])} — RCS Lyon B {grouped(ex['siren'], 3)} — N° TVA {d['vat_number']}</p>"""

LAYOUTS = [("fr-classic", layout_fr_classic, "fr", {}), ("fr-header-cells", layout_fr_header_cells, "fr", {}),
           ("fr-labelled-parties", layout_fr_labelled_parties, "fr", {}), ("fr-micro", layout_fr_micro, "fr", {"no_vat": True}),
           ("en-classic", layout_en_classic, "en", {}), ("en-us-dates", layout_en_us_dates, "en", {}),
           ("de-supplier", layout_de_supplier, "en", {"country": "DE"}), ("fr-credit-note", layout_fr_credit_note, "fr", {})]

def libreoffice(work, count):
    made = []
    for n in range(count):
        key, layout, lang, options = LAYOUTS[n % len(LAYOUTS)]
        data, ex = invoice(lang, n, **options)
        if key == "fr-credit-note":
            data["is_credit_note"] = True
        name = "lo-%02d-%s" % (n + 1, key)
        with open(os.path.join(work, name + ".html"), "w", encoding="utf-8") as f:
            f.write("<html><head><meta charset=utf-8><style>%s</style></head><body>%s</body></html>" % (CSS, layout(data, ex)))
        made.append((name, data))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf:writer_pdf_Export", "--outdir", OUT] + [os.path.join(work, n + ".html") for n, _ in made],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for name, data in made:
        write_expected(name, data, "libreoffice", "text")
    return made

# ---------------------------------------------------------------- the project's own generator
def facturx(work, count):
    made = []
    for n in range(count):
        lang = "fr" if n % 2 == 0 else "en"
        data, ex = invoice("fr", 100 + n)
        items = [{"title": (ITEMS_FR if lang == "fr" else ITEMS_EN)[i], "quantity": str(q), "unit": "unit",
                  "unit_price": {"value": "%.2f" % p, "currency": "EUR"}, "vat_rate": "0.20"} for i, q, p, _ in ex["items"]]
        street, city = ex["street"], ex["city"]
        body = {"client_invoice": {
            "id": "00000000-0000-4000-8000-%012d" % n, "number": data["invoice_number"], "status": "unpaid", "currency": "EUR",
            "issue_date": data["issue_date"].isoformat(), "due_date": data["due_date"].isoformat(), "items": items,
            "client": {"name": ex["buyer"][0], "type": "company", "locale": lang,
                       "billing_address": {"street_address": ex["buyer"][1], "city": ex["buyer"][2][6:], "zip_code": ex["buyer"][2][:5], "country_code": "FR"}},
            "payment_methods": [{"beneficiary_name": data["supplier_name"], "bic": "AGRIFRPPXXX", "iban": data["iban"], "type": "transfer"}],
            "organization": {"legal_name": data["supplier_name"], "legal_number": ex["siren"], "legal_country": "FR", "address_line_1": street,
                             "address_zipcode": city[:5], "address_city": city[6:], "address_country": "FR", "vat_number": data["vat_number"],
                             "transaction_type": "services", "legal_capital_share": {"value": "5000.00", "currency": "EUR"},
                             "commercial_register_number": city[6:] + " B " + grouped(ex["siren"], 3)}}}
        name = "fx-%02d-%s" % (n + 1, lang)
        source, with_xml = os.path.join(work, name + ".json"), os.path.join(work, name + ".pdf")
        with open(source, "w", encoding="utf-8") as f:
            json.dump(body, f, ensure_ascii=False)
        subprocess.run([os.path.join(BIN, "comptoir"), "facturx", "generate", "--in", source, "--out", with_xml, "--language", lang], check=True, stdout=subprocess.DEVNULL)
        # The XML is removed: what is left is a PDF that only its text layer describes.
        subprocess.run(["qpdf", "--remove-attachment=factur-x.xml", with_xml, os.path.join(OUT, name + ".pdf")], check=True)
        write_expected(name, data, "comptoir facturx generate (XML removed)", "text")
        made.append((name, data))
    return made

# ---------------------------------------------------------------- PdfPig's writer, positioned lines
def pdfpig(work, count):
    specs, made = [], []
    for n in range(count):
        lang = "fr" if n % 3 != 2 else "en"
        data, ex = invoice(lang, 200 + n)
        fr = lang == "fr"
        money = (lambda v: fr_amount(v, " ") + " €") if fr else (lambda v: "EUR " + en_amount(v))
        L = []  # (x, y from top, size, bold, text)
        def put(x, y, text, size=10, bold=False):
            L.append({"x": x, "y": y, "size": size, "bold": bold, "text": text})
        if n % 2 == 0:  # labels in a left column, values in a right column
            put(40, 50, data["supplier_name"], 16, True); put(40, 70, ex["street"]); put(40, 84, ex["city"])
            put(380, 50, "FACTURE" if fr else "INVOICE", 20, True)
            rows = [("Numéro de facture" if fr else "Invoice number", data["invoice_number"]),
                    ("Date d'émission" if fr else "Issue date", d_slash(data["issue_date"]) if fr else d_en_uk(data["issue_date"])),
                    ("Date d'échéance" if fr else "Due date", d_slash(data["due_date"]) if fr else d_en_uk(data["due_date"]))]
            for k, (label, value) in enumerate(rows):
                put(330, 90 + 16 * k, label); put(450, 90 + 16 * k, value)
            put(330, 160, "Facturé à" if fr else "Bill to", 10, True); put(330, 174, ex["buyer"][0]); put(330, 188, ex["buyer"][2])
        else:  # values under their labels, in a band
            put(40, 40, "FACTURE" if fr else "INVOICE", 22, True)
            put(40, 70, data["supplier_name"], 12, True); put(40, 84, ex["street"] + ", " + ex["city"])
            heads = ["N° facture", "Date", "Échéance"] if fr else ["Invoice no.", "Date", "Due date"]
            values = [data["invoice_number"], d_iso(data["issue_date"]), d_iso(data["due_date"])]
            for k in range(3):
                put(40 + 160 * k, 120, heads[k], 9, True); put(40 + 160 * k, 134, values[k])
            put(40, 170, ("Client : " if fr else "Customer: ") + ex["buyer"][0] + ", " + ex["buyer"][2])
        y = 230
        for i, q, p, t in ex["items"]:
            put(40, y, (ITEMS_FR if fr else ITEMS_EN)[i]); put(300, y, str(q)); put(350, y, money(p)); put(470, y, money(t)); y += 16
        y += 20
        totals = [("Total HT" if fr else "Total excl. VAT", data["total_amount_excluding_taxes"]), ("TVA 20 %" if fr else "VAT 20%", data["total_tax_amount"]),
                  ("Total TTC" if fr else "Total incl. VAT", data["total_amount"])]
        for label, value in totals:
            put(330, y, label, 10, label.startswith("Total T") or "incl" in label); put(470, y, money(value)); y += 16
        put(40, 720, "IBAN " + grouped(data["iban"]) + "   BIC CMCIFRPPXXX", 9)
        put(40, 734, data["supplier_name"] + " - SIREN " + ex["siren"] + " - " + ("TVA intracommunautaire " if fr else "VAT number ") + data["vat_number"], 8)
        name = "pdfpig-%02d-%s" % (n + 1, lang)
        specs.append({"file": name + ".pdf", "lines": L})
        write_expected(name, data, "PdfPig writer", "text")
        made.append((name, data))
    spec = os.path.join(work, "pdfpig.json")
    with open(spec, "w", encoding="utf-8") as f:
        json.dump(specs, f, ensure_ascii=False)
    subprocess.run([os.path.join(BIN, "Comptoir.Bench"), "corpus-pdfpig", spec, OUT], check=True)
    return made

# ---------------------------------------------------------------- images for OCR
def images(pdfs):
    for k, (name, data) in enumerate(pdfs):
        base = os.path.join(OUT, "img-%02d-%s" % (k + 1, name))
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", "-png", os.path.join(OUT, name + ".pdf"), base], check=True)
        kind = k % 3
        if kind == 1:  # scanned look: slight rotation, noise, blur, as a JPEG
            subprocess.run([CONVERT, base + ".png", "-background", "white", "-rotate", "1.2", "-attenuate", "0.3", "+noise", "Gaussian",
                            "-blur", "0x0.6", "-quality", "80", base + ".jpg"], check=True)
            os.remove(base + ".png")
            write_expected(os.path.basename(base), data, "pdftoppm + ImageMagick (rotated, noisy JPEG)", "ocr")
        elif kind == 2:  # a scanned PDF: the noisy page in a PDF without a text layer
            noisy = base + "-scan.jpg"
            subprocess.run([CONVERT, base + ".png", "-background", "white", "-rotate", "-0.8", "-attenuate", "0.25", "+noise", "Gaussian", "-quality", "75", noisy], check=True)
            os.remove(base + ".png")
            subprocess.run([os.path.join(BIN, "Comptoir.Bench"), "corpus-image-pdf", noisy, base + ".pdf"], check=True)
            os.remove(noisy)
            write_expected(os.path.basename(base), data, "image-only PDF (scan look, PdfPig writer)", "ocr")
        else:
            write_expected(os.path.basename(base), data, "pdftoppm PNG", "ocr")

def write_expected(name, data, producer, engine):
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(expected_json(data, producer, engine), f, ensure_ascii=False, indent=2)
        f.write("\n")

def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    with tempfile.TemporaryDirectory() as work:
        lo = libreoffice(work, 16)
        fx = facturx(work, 6)
        pp = pdfpig(work, 8)
        images([lo[0], lo[1], lo[2], lo[4], lo[5], lo[6], fx[0], pp[1], lo[3]])
    print("wrote", len(os.listdir(OUT)), "files to", OUT)

main()

"""Use case 4 (upload supplier invoices) as a user writes it with requests: multipart, indexed field names.

Written for Comptoir's end-to-end tests (not one of the seed's examples). requests sends the data fields before the
files, so each invoice is named by its index (supplier_invoices[3][file]) and the server pairs the parts by index.
Prints one JSON line per request: the HTTP status, the ids created and the errors (code, pointer).
"""
import json
import os

import requests

BASE_URL = os.environ["COMPTOIR_BASE_URL"]
HEADERS = {"Authorization": os.environ["COMPTOIR_AUTHORIZATION"]}
ATTACHMENT_ID = os.environ["COMPTOIR_ATTACHMENT_ID"]
RUN = os.environ.get("COMPTOIR_RUN_ID", "run")


def pdf(n):
    return b"%PDF-1.4\n% supplier invoice " + str(n).encode() + b"\n%%EOF\n"


def upload(count, bad=True, prefix=RUN):
    data, files = {}, []
    for i in range(count):
        content, key = pdf(i), f"{prefix}-{i}"
        if bad and i == 3:
            content = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)  # over the 10 MB per file
        if bad and i == 7:
            data[f"supplier_invoices[{i}][attachment_id]"] = ATTACHMENT_ID  # and a file: both
        if not (bad and i == 12):  # no idempotency key
            data[f"supplier_invoices[{i}][idempotency_key]"] = key
        files.append((f"supplier_invoices[{i}][file]", (f"invoice-{i:02}.pdf", content, "application/pdf")))
    response = requests.post(f"{BASE_URL}/supplier_invoices/bulk", headers=HEADERS, data=data, files=files, timeout=60)
    body = response.json()
    print(json.dumps({
        "status": response.status_code,
        "created": [invoice["id"] for invoice in body.get("supplier_invoices", [])],
        "errors": [[error["code"], error["source"]["pointer"]] for error in body.get("errors", [])],
    }), flush=True)


upload(20)  # 3 bad ones: 17 created
upload(21, bad=False, prefix=RUN + "-21")  # one too many: 20 created, limit_reached for the 21st
upload(20)  # the first request again: the same 17, nothing new

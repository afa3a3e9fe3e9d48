# Seed 001, use case 3 ("Sync supplier invoices"), Python, as published: step 1 and step 3 verbatim; step 2, which
# the guide shows in Node.js only, is the same request with the same parameters ("the same polling pattern as client
# invoices, with different endpoints and filters"). Only BASE_URL, the Authorization header and the window's start
# come from the environment.
import os
import requests
from datetime import datetime, timezone

BASE_URL = os.environ["COMPTOIR_BASE_URL"]
headers = {"Authorization": os.environ["COMPTOIR_AUTHORIZATION"]}
last_sync_at = os.environ.get("COMPTOIR_LAST_SYNC_AT", "2026-01-01T00:00:00Z")  # Load from your database
current_sync_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
print(f"[Step 1] Initialize sync timestamps lastSyncAt: {last_sync_at} currentSyncAt: {current_sync_at}")

def fetch_all_supplier_invoices(last_sync_at, current_sync_at):
    invoices = []
    page = 1
    while True:
        response = requests.get(
            f"{BASE_URL}/supplier_invoices",
            headers=headers,
            params={
                "filter[updated_at_from]": last_sync_at,
                "filter[updated_at_to]": current_sync_at,
                "sort_by": "updated_at:asc",  # Process chronologically
                "per_page": 100,
                "page": page,
            },
        )
        response.raise_for_status()
        data = response.json()
        invoices.extend(data["supplier_invoices"])
        if data["meta"]["next_page"] is None:
            break
        page = data["meta"]["next_page"]
    return invoices

invoices = fetch_all_supplier_invoices(last_sync_at, current_sync_at)
print(f"Fetched {len(invoices)} supplier invoices")

for invoice in invoices:
    if not invoice.get("attachment_id"):
        continue
    attachment_response = requests.get(
        f"{BASE_URL}/attachments/{invoice['attachment_id']}",
        headers=headers,
    )
    attachment_response.raise_for_status()
    attachment = attachment_response.json()["attachment"]
    file_response = requests.get(attachment["url"])
    file_response.raise_for_status()
    os.makedirs("./supplier_invoices", exist_ok=True)
    with open(f"./supplier_invoices/{attachment['file_name']}", "wb") as f:
        f.write(file_response.content)
    print(f"Downloaded: {attachment['file_name']}")

print(f"Sync complete. Next run will start from: {current_sync_at}")

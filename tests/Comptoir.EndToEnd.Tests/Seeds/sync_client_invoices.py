# Seed 004 ("Sync client invoices"), Python, as published. Only BASE_URL, the Authorization header and the
# window's start come from the environment.
import os
import requests
from datetime import datetime, timezone

BASE_URL = os.environ["COMPTOIR_BASE_URL"]
headers = {"Authorization": os.environ["COMPTOIR_AUTHORIZATION"]}
# Load from your database, or use a start date for the first run
last_sync_at = os.environ.get("COMPTOIR_LAST_SYNC_AT", "2026-01-01T00:00:00Z")
current_sync_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
print(f"[Step 1] Initialize sync timestamps lastSyncAt: {last_sync_at} currentSyncAt: {current_sync_at}")

def fetch_all_client_invoices(last_sync_at, current_sync_at):
    invoices = []
    page = 1
    while True:
        response = requests.get(
            f"{BASE_URL}/client_invoices",
            headers=headers,
            params={
                "filter[updated_at_from]": last_sync_at,
                "filter[updated_at_to]": current_sync_at,
                "per_page": 100,
                "page": page,
            },
        )
        response.raise_for_status()
        data = response.json()
        invoices.extend(data["client_invoices"])
        if data["meta"]["next_page"] is None:
            break
        page = data["meta"]["next_page"]
    return invoices

invoices = fetch_all_client_invoices(last_sync_at, current_sync_at)
print(f"Fetched {len(invoices)} invoices")

for invoice in invoices:
    if not invoice.get("attachment_id"):
        continue # No attachment yet — may still be generating
    attachment_response = requests.get(
        f"{BASE_URL}/attachments/{invoice['attachment_id']}",
        headers=headers,
    )
    attachment_response.raise_for_status()
    attachment = attachment_response.json()["attachment"]
    # Download the file immediately (URL expires in 30 minutes)
    file_response = requests.get(attachment["url"])
    file_response.raise_for_status()
    file_path = f"./invoices/{attachment['file_name']}"
    os.makedirs("./invoices", exist_ok=True)
    with open(file_path, "wb") as f:
        f.write(file_response.content)
    print(f"Downloaded: {attachment['file_name']}")

print(f"Sync complete. Next run will start from: {current_sync_at}")

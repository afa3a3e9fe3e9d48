# Seed 001 use case 6 ("Sync transactions"), Python, as published: every account, transactions updated in the
# window, all statuses, includes[]=attachments, then the attachment downloads. Only BASE_URL and the Authorization
# header come from the environment.
import os
import requests
from datetime import datetime, timezone

BASE_URL = os.environ["COMPTOIR_BASE_URL"]
headers = {"Authorization": os.environ["COMPTOIR_AUTHORIZATION"]}

response = requests.get(f"{BASE_URL}/bank_accounts", headers=headers)
response.raise_for_status()
bank_accounts = response.json()["bank_accounts"]
print(f"[Step 1] GET /bank_accounts Found {len(bank_accounts)} bank account(s)")

last_sync_at = "2026-01-01T00:00:00Z" # Load from your database
current_sync_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
all_transactions = []
for account in bank_accounts:
    page = 1
    while True:
        response = requests.get(
            f"{BASE_URL}/transactions",
            headers=headers,
            params={
                "bank_account_id": account["id"],
                "updated_at_from": last_sync_at,
                "updated_at_to": current_sync_at,
                "status[]": ["completed", "pending", "declined"],
                "includes[]": "attachments",
                "per_page": 100,
                "page": page,
            },
        )
        response.raise_for_status()
        data = response.json()
        all_transactions.extend(data["transactions"])
        if data["meta"]["next_page"] is None:
            break
        page = data["meta"]["next_page"]
print(f"Fetched {len(all_transactions)} transaction(s) across all accounts")

for transaction in all_transactions:
    for attachment in transaction.get("attachments", []):
        file_response = requests.get(attachment["url"])
        file_response.raise_for_status()
        os.makedirs("./transaction_attachments", exist_ok=True)
        with open(f"./transaction_attachments/{attachment['file_name']}", "wb") as f:
            f.write(file_response.content)
        print(f"Downloaded: {attachment['file_name']}")

print(f"Sync complete. Next run will start from: {current_sync_at}")

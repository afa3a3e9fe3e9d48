# Seed 001 use case 1 ("Send a SEPA transfer to a trusted beneficiary"): list beneficiaries, verify the payee,
# create the transfer with an idempotency key. The guide gives the steps in prose; this is that sequence with
# requests. Only BASE_URL and the Authorization header come from the environment.
import os
import uuid
import requests

BASE_URL = os.environ["COMPTOIR_BASE_URL"]
headers = {"Authorization": os.environ["COMPTOIR_AUTHORIZATION"], "Content-Type": "application/json"}
IBAN = os.environ["COMPTOIR_BENEFICIARY_IBAN"]

response = requests.get(f"{BASE_URL}/sepa/beneficiaries", headers=headers, params={"iban[]": IBAN, "status[]": "validated"})
response.raise_for_status()
beneficiary = response.json()["beneficiaries"][0]
print(f"[Step 1] GET /sepa/beneficiaries Found beneficiary: {beneficiary['name']} ({beneficiary['id']})")

response = requests.post(f"{BASE_URL}/sepa/verify_payee", headers=headers, json={"iban": beneficiary["iban"], "beneficiary_name": beneficiary["name"]})
response.raise_for_status()
verification = response.json()
proof_token = verification["proof_token"]["token"]
print(f"[Step 2] POST /sepa/verify_payee Verification result: {verification['match_result']} proof_token: {proof_token[:12]}… (valid 23h)")

response = requests.get(f"{BASE_URL}/organization", headers=headers)
response.raise_for_status()
bank_account_id = response.json()["organization"]["bank_accounts"][0]["id"]

idempotency_key = str(uuid.uuid4())
payload = {
    "vop_proof_token": proof_token,
    "transfer": {
        "beneficiary_id": beneficiary["id"],
        "bank_account_id": bank_account_id,
        "reference": "Contractor payout week 12",
        "amount": "1100.50",
    },
}
response = requests.post(f"{BASE_URL}/sepa/transfers", headers={**headers, "X-Qonto-Idempotency-Key": idempotency_key}, json=payload)
response.raise_for_status()
transfer = response.json()["transfer"]
print(f"[Step 3] POST /sepa/transfers Transfer created: {transfer['id']} — status: {transfer['status']}")

# A network retry with the same key must not pay twice.
retry = requests.post(f"{BASE_URL}/sepa/transfers", headers={**headers, "X-Qonto-Idempotency-Key": idempotency_key}, json=payload)
retry.raise_for_status()
assert retry.json()["transfer"]["id"] == transfer["id"], "a retry created a second transfer"
print("Retry with the same idempotency key returned the same transfer.")

// Seed 001 use case 5 ("How to generate and download a Factur-X invoice"), Node.js, as published for steps 2, 4
// and 5; steps 1, 3 and 6 are the Python steps written the same way. Only BASE_URL and the Authorization header
// differ: they come from the environment so the same code runs against Comptoir.
import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";

const BASE_URL = process.env.COMPTOIR_BASE_URL;
const headers = { Authorization: process.env.COMPTOIR_AUTHORIZATION, "Content-Type": "application/json" };

console.log("[Step 1] Find or create client");
const search = await fetch(`${BASE_URL}/clients?${new URLSearchParams({ "filter[email]": "contact@acmecorp.com" })}`, { headers });
if (!search.ok) throw new Error(`HTTP ${search.status}`);
let clientId;
const { clients } = await search.json();
if (clients.length > 0) {
  clientId = clients[0].id;
  console.log(`Found existing client: ${clientId}`);
} else {
  const created = await fetch(`${BASE_URL}/clients`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      name: "Acme Corp", kind: "company", email: "contact@acmecorp.com", currency: "EUR", locale: "en",
      tax_identification_number: "123456789",
      billing_address: { street_address: "1 Market Street", city: "Paris", zip_code: "75001", country_code: "FR" },
    }),
  });
  if (!created.ok) throw new Error(`HTTP ${created.status}`);
  clientId = (await created.json()).client.id;
  console.log(`Created new client: ${clientId}`);
}

console.log("[Step 2] GET /organization");
const orgResponse = await fetch(`${BASE_URL}/organization`, { headers });
if (!orgResponse.ok) throw new Error(`HTTP ${orgResponse.status}`);
const { organization } = await orgResponse.json();
// Use the first account, or filter by slug/currency as needed
const receivingIban = organization.bank_accounts[0].iban;
console.log(`Receiving IBAN: ${receivingIban}`);

console.log("[Step 3] POST /client_invoices (draft)");
const today = new Date();
const due = new Date(today.getTime() + 30 * 24 * 3600 * 1000);
const draftResponse = await fetch(`${BASE_URL}/client_invoices`, {
  method: "POST",
  headers,
  body: JSON.stringify({
    client_id: clientId,
    issue_date: today.toISOString().slice(0, 10),
    due_date: due.toISOString().slice(0, 10),
    status: "draft",
    payment_methods: { iban: receivingIban },
    items: [{ title: "Consulting Services — March 2026", quantity: "10", unit: "hour", unit_price: { value: "150.00", currency: "EUR" }, vat_rate: "0.20" }],
  }),
});
if (!draftResponse.ok) throw new Error(`HTTP ${draftResponse.status}`);
const invoiceId = (await draftResponse.json()).client_invoice.id;
console.log(`Invoice draft created: ${invoiceId}`);

console.log("[Step 4] POST /client_invoices/{id}/finalize");
const finalizeResponse = await fetch(`${BASE_URL}/client_invoices/${invoiceId}/finalize`, { method: "POST", headers });
if (!finalizeResponse.ok) throw new Error(`HTTP ${finalizeResponse.status}`);
const finalized = (await finalizeResponse.json()).client_invoice;
let attachmentId = finalized.attachment_id ?? null;
console.log(`Invoice finalized at ${finalized.finalized_at} — attachment: ${attachmentId}`);

console.log("[Step 5] Poll GET /attachments/{id} until Factur-X is ready");
const MAX_ATTEMPTS = 15;
const POLL_INTERVAL_MS = 2000;
let attachment;
for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
  // attachment_id may not be set immediately — re-fetch the invoice if needed
  if (!attachmentId) {
    const invoiceResponse = await fetch(
      `${BASE_URL}/client_invoices/${invoiceId}`,
      { headers }
    );
    if (!invoiceResponse.ok) throw new Error(`HTTP ${invoiceResponse.status}`);
    const { client_invoice } = await invoiceResponse.json();
    attachmentId = client_invoice.attachment_id ?? null;
    if (!attachmentId) {
      console.log(`Attempt ${attempt + 1}/${MAX_ATTEMPTS} — attachment_id not set yet, waiting...`);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      continue;
    }
  }
  const attachmentResponse = await fetch(
    `${BASE_URL}/attachments/${attachmentId}`,
    { headers }
  );
  if (!attachmentResponse.ok) throw new Error(`HTTP ${attachmentResponse.status}`);
  attachment = (await attachmentResponse.json()).attachment;
  console.log("Factur-X PDF is ready!");
  break;
}
if (!attachment) {
  throw new Error("Factur-X PDF was not ready within the timeout period.");
}

console.log("[Step 6] Download Factur-X PDF");
const fileResponse = await fetch(attachment.url);
if (!fileResponse.ok) throw new Error(`Download failed: ${fileResponse.status}`);
await mkdir("./client_invoices", { recursive: true });
const filePath = join("./client_invoices", attachment.file_name);
await writeFile(filePath, Buffer.from(await fileResponse.arrayBuffer()));
console.log(`Downloaded Factur-X PDF: ${filePath}`);

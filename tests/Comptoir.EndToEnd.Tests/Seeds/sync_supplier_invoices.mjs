// Seed 001, use case 3 ("Sync supplier invoices"), Node.js, as published: step 1 and step 2 verbatim; step 3, which
// the guide shows in Python only, downloads each attachment the same way. Only BASE_URL, the Authorization header and
// the window's start come from the environment.
import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";

const BASE_URL = process.env.COMPTOIR_BASE_URL;
const headers = { Authorization: process.env.COMPTOIR_AUTHORIZATION };
const lastSyncAt = process.env.COMPTOIR_LAST_SYNC_AT ?? "2026-01-01T00:00:00Z"; // Load from your database
const currentSyncAt = new Date().toISOString();

async function fetchAllSupplierInvoices(lastSyncAt, currentSyncAt) { const invoices = []; let page = 1; while (true) { const params = new URLSearchParams({ "filter[updated_at_from]": lastSyncAt, "filter[updated_at_to]": currentSyncAt, sort_by: "updated_at:asc", // Process chronologically
 per_page: 100, page, }); const response = await fetch(`${BASE_URL}/supplier_invoices?${params}`, { headers }); if (!response.ok) throw new Error(`HTTP ${response.status}`); const data = await response.json(); invoices.push(...data.supplier_invoices); if (data.meta.next_page === null) break; page = data.meta.next_page; } return invoices;}
const invoices = await fetchAllSupplierInvoices(lastSyncAt, currentSyncAt);console.log(`Fetched ${invoices.length} supplier invoices`);

for (const invoice of invoices) {
  if (!invoice.attachment_id) continue;
  const attachmentResponse = await fetch(`${BASE_URL}/attachments/${invoice.attachment_id}`, { headers });
  if (!attachmentResponse.ok) throw new Error(`HTTP ${attachmentResponse.status}`);
  const { attachment } = await attachmentResponse.json();
  const fileResponse = await fetch(attachment.url);
  if (!fileResponse.ok) throw new Error(`Download failed: ${fileResponse.status}`);
  await mkdir("./supplier_invoices", { recursive: true });
  await writeFile(join("./supplier_invoices", attachment.file_name), Buffer.from(await fileResponse.arrayBuffer()));
  console.log(`Downloaded: ${attachment.file_name}`);
}
await saveToDB("last_supplier_invoice_sync_at", currentSyncAt); // Use your own tools here
console.log(`Sync complete. Next run will start from: ${currentSyncAt}`);

async function saveToDB(name, value) { await writeFile(join(".", `${name}.txt`), value); }

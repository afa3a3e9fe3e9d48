// Seed 004 ("Sync client invoices"), Node.js, as published. Only BASE_URL, the Authorization header and the
// window's start come from the environment.
import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";

const BASE_URL = process.env.COMPTOIR_BASE_URL;
const headers = { Authorization: process.env.COMPTOIR_AUTHORIZATION };
// Load from your database, or use a start date for the first run
const lastSyncAt = process.env.COMPTOIR_LAST_SYNC_AT ?? "2026-01-01T00:00:00Z";
const currentSyncAt = new Date().toISOString();

async function fetchAllClientInvoices(lastSyncAt, currentSyncAt) {
  const invoices = [];
  let page = 1;
  while (true) {
    const params = new URLSearchParams({
      "filter[updated_at_from]": lastSyncAt,
      "filter[updated_at_to]": currentSyncAt,
      per_page: 100,
      page,
    });
    const response = await fetch(`${BASE_URL}/client_invoices?${params}`, { headers });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = await response.json();
    invoices.push(...data.client_invoices);
    if (data.meta.next_page === null) break;
    page = data.meta.next_page;
  }
  return invoices;
}
const invoices = await fetchAllClientInvoices(lastSyncAt, currentSyncAt);
console.log(`Fetched ${invoices.length} invoices`);

for (const invoice of invoices) {
  if (!invoice.attachment_id) continue; // No attachment yet
  const attachmentResponse = await fetch(
    `${BASE_URL}/attachments/${invoice.attachment_id}`,
    { headers }
  );
  if (!attachmentResponse.ok) throw new Error(`HTTP ${attachmentResponse.status}`);
  const { attachment } = await attachmentResponse.json();
  // Download the file immediately (URL expires in 30 minutes)
  const fileResponse = await fetch(attachment.url);
  if (!fileResponse.ok) throw new Error(`Download failed: ${fileResponse.status}`);
  await mkdir("./invoices", { recursive: true });
  const buffer = Buffer.from(await fileResponse.arrayBuffer());
  await writeFile(join("./invoices", attachment.file_name), buffer);
  console.log(`Downloaded: ${attachment.file_name}`);
}
console.log(`Sync complete. Next run will start from: ${currentSyncAt}`);

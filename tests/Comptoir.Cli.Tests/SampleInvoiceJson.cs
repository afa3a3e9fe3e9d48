using System.Text.Json.Nodes;

namespace Comptoir.Cli.Tests;

/// <summary>A client_invoice JSON as the API returns it (seed 002's shape), with knobs for the tests.</summary>
internal static class SampleInvoiceJson
{
    public static JsonObject Build() => JsonNode.Parse("""
        {
          "client_invoice": {
            "number": "F-2026-000291",
            "status": "unpaid",
            "contact_email": "factures@demo.fr",
            "currency": "EUR",
            "issue_date": "2026-03-19",
            "due_date": "2026-04-18",
            "items": [
              {"title": "Consulting Services — March 2026", "quantity": "10", "unit": "hour", "unit_price": {"value": "150.00", "currency": "EUR"}, "vat_rate": "0.20"},
              {"title": "Plastic tables", "quantity": "1.5", "unit": "meter", "unit_price": {"value": "10.0", "currency": "EUR"}, "vat_rate": "0.1", "discount": {"type": "percentage", "value": "0.1"}}
            ],
            "client": {"name": "Acme Corp", "type": "company", "email": "contact@acmecorp.com", "tax_identification_number": "123456789", "locale": "fr",
              "billing_address": {"street_address": "1 Market Street", "city": "Paris", "zip_code": "75001", "country_code": "FR"}},
            "payment_methods": [{"beneficiary_name": "Demo SAS", "bic": "QNTOFRP1XXX", "iban": "FR7616958000014527181398763", "type": "transfer"}],
            "organization": {"legal_name": "Demo SAS", "legal_number": "73282932000074", "address_line_1": "18 rue de Navarin", "address_zipcode": "75009",
              "address_city": "Paris", "address_country": "FR", "vat_number": "FR44732829320", "transaction_type": "goods"}
          }
        }
        """)!.AsObject();

    public static JsonObject Invoice(this JsonObject root) => root["client_invoice"]!.AsObject();
}

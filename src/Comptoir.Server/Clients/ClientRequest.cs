using System.Text.Json;
using Comptoir.Server.Http.Errors;
using Comptoir.Server.Http.Json;
using Comptoir.Server.Clients;

namespace Comptoir.Server.Clients;

/// <summary>Applies a POST/PATCH/PUT client body onto a row, enforcing the field rules of the public API's "Create a client".</summary>
public static class ClientRequest
{
    public static readonly string[] Kinds = ["individual", "company", "freelancer"];
    public static readonly string[] Locales = ["fr", "en", "it", "de", "es", "pt", "nl"];

    /// <summary>
    /// Fills <paramref name="client"/> from the body; on update only the fields present change. A 422 names every
    /// invalid field.
    /// </summary>
    public static void Apply(JsonBody body, ClientRow client, bool creating)
    {
        ArgumentNullException.ThrowIfNull(client);
        var errors = new FieldErrors();
        var kindRead = errors.Check(() => ApplyKind(body, client, creating));
        errors.Check(() => Set(body, "name", 250, v => client.Name = v));
        errors.Check(() => Set(body, "first_name", 60, v => client.FirstName = v));
        errors.Check(() => Set(body, "last_name", 60, v => client.LastName = v));
        errors.Check(() => Set(body, "email", 250, v => client.Email = v));
        errors.Check(() => Set(body, "phone", 30, v => client.Phone = v));
        errors.Check(() => Set(body, "vat_number", 20, v => client.VatNumber = v));
        errors.Check(() => Set(body, "tax_identification_number", 30, v => client.TaxIdentificationNumber = v));
        errors.Check(() => Set(body, "recipient_code", 7, v => client.RecipientCode = v));
        errors.Check(() => Set(body, "e_invoicing_address", 125, v => client.EInvoicingAddress = v));
        errors.Check(() => ApplyCurrency(body, client));
        errors.Check(() => ApplyLocale(body, client));
        errors.Check(() => ApplyExtraEmails(body, client));
        errors.Check(() => ApplyBillingAddress(body, client));
        errors.Check(() => ApplyDeliveryAddress(body, client));
        if (kindRead)
        {
            // The rules across fields, once the kind is known.
            Validate(body, client, creating, errors);
        }

        errors.ThrowIfAny();
    }

    private static void ApplyKind(JsonBody body, ClientRow client, bool creating)
    {
        var kind = body.Enum("kind", Kinds) ?? body.Enum("type", Kinds);
        if (kind is not null)
        {
            client.Kind = kind;
        }
        else if (creating)
        {
            throw ApiException.Invalid(body.PointerOf("kind"), "required", "kind (or type) is required: individual, company or freelancer.");
        }
    }

    private static void ApplyCurrency(JsonBody body, ClientRow client)
    {
        if (body.Present("currency"))
        {
            var currency = body.String("currency", 3);
            if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            {
                throw ApiException.Invalid(body.PointerOf("currency"), "invalid", "currency must be an ISO 4217 code such as EUR.");
            }

            client.Currency = currency;
        }
    }

    private static void ApplyLocale(JsonBody body, ClientRow client)
    {
        if (body.Present("locale"))
        {
            client.Locale = body.Enum("locale", Locales) ?? throw ApiException.Invalid(body.PointerOf("locale"), "required", "locale cannot be empty.");
        }
    }

    private static void ApplyExtraEmails(JsonBody body, ClientRow client)
    {
        if (body.Present("extra_emails"))
        {
            var extra = body.Strings("extra_emails", 100, 250);
            for (var i = 0; i < extra.Count; i++)
            {
                if (!LooksLikeEmail(extra[i]))
                {
                    throw ApiException.Invalid($"{body.PointerOf("extra_emails")}/{i}", "invalid", "is not an e-mail address.");
                }
            }

            client.ExtraEmails = JsonSerializer.Serialize(extra, ClientsJsonContext.Default.IReadOnlyListString);
        }
    }

    private static void ApplyDeliveryAddress(JsonBody body, ClientRow client)
    {
        if (body.Present("delivery_address"))
        {
            var delivery = body.Object("delivery_address");
            client.DeliveryAddress = delivery is { } d ? JsonSerializer.Serialize(ReadAddress(d, required: true)!, ClientsJsonContext.Default.ClientAddress) : null;
        }
    }

    private static void ApplyBillingAddress(JsonBody body, ClientRow client)
    {
        if (body.Object("billing_address") is { } billing)
        {
            var address = ReadAddress(billing, required: true)!;
            (client.BillingStreetAddress, client.BillingCity, client.BillingZipCode, client.BillingProvinceCode, client.BillingCountryCode) =
                (address.StreetAddress, address.City, address.ZipCode, address.ProvinceCode, address.CountryCode);
            return;
        }

        // The flat form: address, city, zip_code, province_code, country_code.
        Set(body, "address", 250, v => client.BillingStreetAddress = v);
        Set(body, "city", 100, v => client.BillingCity = v);
        Set(body, "zip_code", 20, v => client.BillingZipCode = v);
        Set(body, "province_code", 10, v => client.BillingProvinceCode = v);
        if (body.Present("country_code"))
        {
            client.BillingCountryCode = Country(body, "country_code");
        }
    }

    private static ClientAddress? ReadAddress(JsonBody address, bool required)
    {
        var country = address.Has("country_code") ? Country(address, "country_code") : null;
        if (required && country is null)
        {
            throw ApiException.Invalid(address.PointerOf("country_code"), "required", "country_code is required in an address.");
        }

        return new ClientAddress(address.String("street_address", 250), address.String("city", 100), address.String("zip_code", 20), address.String("province_code", 10), country);
    }

    private static string? Country(JsonBody body, string name)
    {
        var value = body.String(name, 2);
        if (value is null)
        {
            return null;
        }

        return value.Length == 2 && value.All(char.IsAsciiLetter)
            ? value.ToUpperInvariant()
            : throw ApiException.Invalid(body.PointerOf(name), "invalid", $"{name} must be an ISO 3166-1 alpha-2 code such as FR.");
    }

    // Each rule across fields is its own check, so that every broken one is named.
    private static void Validate(JsonBody body, ClientRow client, bool creating, FieldErrors errors)
    {
        errors.Check(() => RequireNames(body, client));
        errors.Check(() =>
        {
            if (client.Email is not null && !LooksLikeEmail(client.Email))
            {
                throw ApiException.Invalid(body.PointerOf("email"), "invalid", "email is not an e-mail address.");
            }
        });
        errors.Check(() =>
        {
            if (client.EInvoicingAddress is { } endpoint && !endpoint.Contains('@', StringComparison.Ordinal) && !endpoint.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw ApiException.Invalid(body.PointerOf("e_invoicing_address"), "invalid", "e_invoicing_address may only use letters, digits, '-', '_' and '.' (SIREN, SIREN_SIRET or SIREN_SIRET_routing code).");
            }
        });
        errors.Check(() =>
        {
            if (creating && client.Currency is null)
            {
                throw ApiException.Invalid(body.PointerOf("currency"), "required", "currency is required (EUR).");
            }
        });
        errors.Check(() =>
        {
            if (creating && client.Locale is null)
            {
                throw ApiException.Invalid(body.PointerOf("locale"), "required", $"locale is required ({string.Join(", ", Locales)}).");
            }
        });
    }

    private static void RequireNames(JsonBody body, ClientRow client)
    {
        switch (client.Kind)
        {
            case "company" when string.IsNullOrWhiteSpace(client.Name):
                throw ApiException.Invalid(body.PointerOf("name"), "required", "name is required for a company.");
            case "individual" when string.IsNullOrWhiteSpace(client.FirstName) || string.IsNullOrWhiteSpace(client.LastName):
                throw ApiException.Invalid(body.PointerOf(string.IsNullOrWhiteSpace(client.FirstName) ? "first_name" : "last_name"), "required", "first_name and last_name are required for an individual.");
            case "freelancer" when string.IsNullOrWhiteSpace(client.Name) && (string.IsNullOrWhiteSpace(client.FirstName) || string.IsNullOrWhiteSpace(client.LastName)):
                throw ApiException.Invalid(body.PointerOf("name"), "required", "a freelancer needs a name, or first_name and last_name.");
        }
    }

    private static void Set(JsonBody body, string name, int maxLength, Action<string?> assign)
    {
        if (body.Present(name))
        {
            assign(body.String(name, maxLength));
        }
    }

    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') && !value.Any(char.IsWhiteSpace);
    }
}

/// <summary>An address block of the API.</summary>
public sealed record ClientAddress(string? StreetAddress, string? City, string? ZipCode, string? ProvinceCode, string? CountryCode);

using System.Globalization;

namespace Comptoir.Client.Models;

/// <summary>{"value": "1800.00", "currency": "EUR"}: the value stays a decimal string on the wire.</summary>
public sealed record Money(string Value, string Currency = "EUR")
{
    /// <summary>The value as an exact decimal.</summary>
    public decimal Amount => decimal.Parse(Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static Money Eur(decimal amount) => new(amount.ToString("0.00", CultureInfo.InvariantCulture));
}

/// <summary>Pagination of list answers.</summary>
public sealed record Meta(int CurrentPage, int? NextPage, int? PrevPage, int TotalPages, int TotalCount, int PerPage);

/// <summary>A postal address block.</summary>
public sealed record Address(string? StreetAddress = null, string? City = null, string? ZipCode = null, string? ProvinceCode = null, string? CountryCode = null);

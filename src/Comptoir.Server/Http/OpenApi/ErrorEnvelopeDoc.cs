using System.ComponentModel;

namespace Comptoir.Server.Http.OpenApi;

// The error envelope written by Http/Errors/ErrorEnvelope, described for the OpenAPI document (component "ErrorEnvelope").

[Description("Every error answer: one or more errors and the trace id to quote (also in the X-Comptoir-Trace-Id header).")]
public sealed record ErrorEnvelopeDoc(IReadOnlyList<ErrorDoc> Errors, string TraceId);

[Description("One error: a machine code (invalid, required, not_found, missing_scope, ...), a sentence, and what it is about.")]
public sealed record ErrorDoc(string Code, string Detail, ErrorSourceDoc? Source = null);

[Description("The body field (a JSON pointer such as /items/0/vat_rate) or the query parameter an error is about.")]
public sealed record ErrorSourceDoc(string? Pointer = null, string? Parameter = null);

[Description("The meta object of every list.")]
public sealed record PageMetaDoc(int CurrentPage, int? NextPage, int? PrevPage, int TotalPages, long TotalCount, int PerPage);

[Description("Money as the API writes it: a decimal string and its currency.")]
public sealed record MoneyDoc(string Value, string Currency);

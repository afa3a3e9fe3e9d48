using Comptoir.Server.Http.Errors;

namespace Comptoir.Server.Http.Json;

/// <summary>
/// Collects the 422s of a body's fields, so that one answer names every invalid field instead of the first only: each
/// field is read in <see cref="Check"/>, and <see cref="ThrowIfAny"/> ends the reading. Anything else (a malformed
/// body, a 404) still stops at once.
/// </summary>
public sealed class FieldErrors
{
    /// <summary>More than this many errors in one answer would help nobody read it.</summary>
    public const int MaxErrors = 100;

    private readonly List<ApiError> _errors = [];

    public bool Any => _errors.Count > 0;

    /// <summary>Reads one field; returns false, with its errors kept, when the field is invalid.</summary>
    public bool Check(Action read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            read();
            return true;
        }
        catch (JsonBodyException e) when (e.Status == 422)
        {
            Add([new ApiError(e.Code, e.Detail, e.Pointer)]);
        }
        catch (ApiException e) when (e.Status == 422)
        {
            Add(e.Errors);
        }

        return false;
    }

    /// <summary>Throws the 422 with every error kept, if any.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ApiException(422, [.. _errors]);
        }
    }

    private void Add(IEnumerable<ApiError> errors)
    {
        foreach (var error in errors)
        {
            // One error per field: a rule across fields that trips on a field already refused adds nothing.
            var known = error.Pointer is not null && _errors.Any(e => e.Pointer == error.Pointer);
            if (!known && _errors.Count < MaxErrors)
            {
                _errors.Add(error);
            }
        }
    }
}

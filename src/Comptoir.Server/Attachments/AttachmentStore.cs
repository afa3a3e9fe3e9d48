using System.Data.Common;
using System.Security.Cryptography;
using Comptoir.Server.Storage;
using Dapper;

namespace Comptoir.Server.Attachments;

/// <summary>Attachment files, kept in the database so every server process sees the same bytes.</summary>
[PublicSurface]
public sealed class AttachmentStore(Database database, TimeProvider clock)
{
    /// <summary>Largest file accepted, as the public API: 10 MB.</summary>
    public const long MaxFileSize = 10 * 1024 * 1024;

    private const string MetadataColumns = "id, organization_id, file_name, content_type, file_size, sha256, invoice_id, created_at, updated_at";

    public async Task<AttachmentRow> CreateAsync(string organizationId, string fileName, string contentType, byte[] content, AlsoInTransaction<AttachmentRow>? alsoInTransaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var now = Timestamps.ToText(clock.GetUtcNow());
        var row = new AttachmentRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            FileName = fileName,
            ContentType = contentType,
            FileSize = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync(
                "INSERT INTO attachments (id, organization_id, file_name, content_type, file_size, sha256, content, invoice_id, created_at, updated_at) VALUES (@Id, @OrganizationId, @FileName, @ContentType, @FileSize, @Sha256, @content, NULL, @CreatedAt, @UpdatedAt)",
                new { row.Id, row.OrganizationId, row.FileName, row.ContentType, row.FileSize, row.Sha256, content, row.CreatedAt, row.UpdatedAt }, t).ConfigureAwait(false);
            await alsoInTransaction.RunAsync(c, t, row).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>
    /// Stores a new file inside the caller's transaction, for a resource whose own row is created with it (a supplier
    /// invoice upload): both commit or neither does.
    /// </summary>
    public static async Task<AttachmentRow> InsertAsync(DbConnection connection, DbTransaction transaction, string organizationId, string fileName, string contentType, byte[] content, string now)
    {
        ArgumentNullException.ThrowIfNull(content);
        var row = new AttachmentRow
        {
            Id = Guid.CreateVersion7().ToString(),
            OrganizationId = organizationId,
            FileName = fileName,
            ContentType = contentType,
            FileSize = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await connection.ExecuteAsync(
            "INSERT INTO attachments (id, organization_id, file_name, content_type, file_size, sha256, content, invoice_id, created_at, updated_at) VALUES (@Id, @OrganizationId, @FileName, @ContentType, @FileSize, @Sha256, @content, NULL, @CreatedAt, @UpdatedAt)",
            new { row.Id, row.OrganizationId, row.FileName, row.ContentType, row.FileSize, row.Sha256, content, row.CreatedAt, row.UpdatedAt }, transaction).ConfigureAwait(false);
        return row;
    }

    public Task<AttachmentRow?> FindAsync(string organizationId, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<AttachmentRow>($"SELECT {MetadataColumns} FROM attachments WHERE id = @id AND organization_id = @organizationId", new { id, organizationId }), cancellationToken);

    /// <summary>Metadata and bytes by id alone: for signed downloads, whose signature already proves the right to read.</summary>
    public Task<(AttachmentRow? Row, byte[]? Content)> ReadAsync(string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            var row = await c.QuerySingleOrDefaultAsync<AttachmentRow>($"SELECT {MetadataColumns} FROM attachments WHERE id = @id", new { id }).ConfigureAwait(false);
            if (row is null)
            {
                return (null, null);
            }

            var content = await c.ExecuteScalarAsync<byte[]>("SELECT content FROM attachments WHERE id = @id", new { id }).ConfigureAwait(false);
            return ((AttachmentRow?)row, content);
        }, cancellationToken);

    /// <summary>Stores an invoice's rendered document: one row per invoice, replaced in place; returns its id.</summary>
    public static async Task<string> UpsertInvoiceDocumentAsync(DbConnection connection, DbTransaction transaction, string organizationId, string invoiceId, string fileName, byte[] content, string now)
    {
        var id = Guid.CreateVersion7().ToString();
        return await connection.ExecuteScalarAsync<string>(
            "INSERT INTO attachments (id, organization_id, file_name, content_type, file_size, sha256, content, invoice_id, created_at, updated_at) " +
            "VALUES (@id, @organizationId, @fileName, 'application/pdf', @size, @sha, @content, @invoiceId, @now, @now) " +
            "ON CONFLICT (invoice_id) DO UPDATE SET file_name = excluded.file_name, file_size = excluded.file_size, sha256 = excluded.sha256, content = excluded.content, updated_at = excluded.updated_at " +
            "RETURNING id",
            new { id, organizationId, fileName, size = (long)content.Length, sha = Convert.ToHexStringLower(SHA256.HashData(content)), content, invoiceId, now }, transaction).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The invoice document could not be stored.");
    }
}

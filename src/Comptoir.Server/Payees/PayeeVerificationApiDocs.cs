using System.ComponentModel;

namespace Comptoir.Server.Payees;

// The verify_payee bodies and answers (PayeeVerificationApi), described for the OpenAPI document only.

[Description("An IBAN and the name the payer expects its holder to have.")]
public sealed record VerifyPayeeRequestDoc(string Iban, string BeneficiaryName);

[Description("The token a transfer quotes as vop_proof_token.")]
public sealed record ProofTokenDoc(string Token);

[Description("match_result: MATCH_RESULT_MATCH, MATCH_RESULT_CLOSE_MATCH (matched_name holds the holder's name), MATCH_RESULT_NO_MATCH or MATCH_RESULT_NOT_POSSIBLE.")]
public sealed record VerifyPayeeResponseDoc(string MatchResult, string? MatchedName, ProofTokenDoc ProofToken);

[Description("One pair to verify; id is the caller's, echoed in the result.")]
public sealed record BulkVerifyPayeeItemDoc(string Iban, string BeneficiaryName, string? Id = null);

[Description("1 to 400 pairs.")]
public sealed record BulkVerifyPayeeRequestDoc(IReadOnlyList<BulkVerifyPayeeItemDoc> Requests);

public sealed record BulkVerifyPayeeResultDoc(string? Id, string MatchResult, string? MatchedName);

public sealed record BulkVerifyPayeeResponseDoc(ProofTokenDoc ProofToken, IReadOnlyList<BulkVerifyPayeeResultDoc> Results);

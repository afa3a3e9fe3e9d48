using System.ComponentModel;

namespace Comptoir.Server.Payees;

// The verify_payee bodies and answers (PayeeVerificationApi), described for the OpenAPI document only.

[Description("An IBAN and the name the payer expects its holder to have.")]
public sealed record VerifyPayeeRequestDoc(string Iban, string BeneficiaryName);

[Description("The token a transfer quotes as vop_proof_token.")]
public sealed record ProofTokenDoc(string Token);

[Description("match_result: MATCH_RESULT_MATCH, MATCH_RESULT_CLOSE_MATCH (matched_name holds the holder's name), MATCH_RESULT_NO_MATCH or MATCH_RESULT_NOT_POSSIBLE.")]
public sealed record VerifyPayeeResponseDoc(string MatchResult, string? MatchedName, ProofTokenDoc ProofToken);

[Description("One pair to verify; id is the caller's, echoed in the result (the position in the list when absent); name is accepted for beneficiary_name.")]
public sealed record BulkVerifyPayeeItemDoc(string Iban, string BeneficiaryName, string? Id = null, string? Name = null);

[Description("1 to 400 pairs.")]
public sealed record BulkVerifyPayeeRequestDoc(IReadOnlyList<BulkVerifyPayeeItemDoc> Requests);

[Description("A name check's outcome, as verify_payee gives it.")]
public sealed record BulkVerifyPayeeMatchDoc(string MatchResult, string? MatchedName);

[Description("Per request: response when it was checked, or error_code (INVALID_IBAN, INVALID_BENEFICIARY_NAME) when it could not be.")]
public sealed record BulkVerifyPayeeResultDoc(string Id, BulkVerifyPayeeMatchDoc? Response, string? ErrorCode);

[Description("The token covers every request that has a response.")]
public sealed record BulkVerifyPayeeResponseDoc(ProofTokenDoc ProofToken, IReadOnlyList<BulkVerifyPayeeResultDoc> Requests);

[Description("A proof token valid 23 hours for the pairs given; transfers made with it record that the payee was not verified.")]
public sealed record SkipVerifyPayeeResponseDoc(ProofTokenDoc ProofToken);

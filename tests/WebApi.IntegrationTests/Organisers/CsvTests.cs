using EventBooking.WebApi.Http;

namespace EventBooking.WebApi.IntegrationTests.Organisers;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("Smith, Jane", "\"Smith, Jane\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    public void Cell_ShouldQuoteAsRfc4180Says(string? value, string expected) => Assert.Equal(expected, Csv.Cell(value));

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tindent", "'\tindent")]
    [InlineData("=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"")]
    [InlineData("a=b", "a=b")]
    public void Cell_ShouldKeepFormulasAsText(string value, string expected) => Assert.Equal(expected, Csv.Cell(value));

    [Fact]
    public void Line_ShouldJoinWithCommasAndEndWithCrLf() =>
        Assert.Equal("a,\"b,c\",\r\n", Csv.Line(["a", "b,c", null]));
}

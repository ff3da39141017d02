using System.Text.RegularExpressions;

namespace EventBooking.ArchitectureTests.Rules;

internal static class NameMatching
{
    /// <summary>
    /// <c>Npgsql</c> matches <c>Npgsql</c> and <c>Npgsql.EntityFrameworkCore.PostgreSQL</c>,
    /// not <c>NpgsqlFoo</c>: dotted names match whole segments only.
    /// </summary>
    public static bool IsNameOrChildOf(string name, string prefix) =>
        name.Equals(prefix, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase);

    public static bool IsNameOrChildOfAny(string name, IEnumerable<string> prefixes) =>
        prefixes.Any(prefix => IsNameOrChildOf(name, prefix));

    /// <summary>
    /// The whole <paramref name="name"/> against <paramref name="pattern"/>, where <c>*</c> stands for any
    /// run of characters and everything else is literal and case-sensitive: <c>I*ReadService</c>.
    /// </summary>
    public static bool MatchesWildcard(string name, string pattern) =>
        Regex.IsMatch(
            name,
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
}

using System.Globalization;

namespace EventBooking.LoadClient;

/// <summary><c>--name value</c> pairs.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(ReadOnlySpan<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                continue;
            }

            options._values[args[i][2..]] = args[i + 1];
            i++;
        }

        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Text(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Number(string name) => int.Parse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture);

    public int Number(string name, int fallback) => Has(name) ? Number(name) : fallback;

    /// <summary><c>A-B</c> inclusive, or a single number.</summary>
    public (int First, int Last) Range(string name)
    {
        var text = Text(name);
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            var single = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            return (single, single);
        }

        var first = int.Parse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture);
        var last = int.Parse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return last >= first ? (first, last) : throw new ArgumentException($"--{name}: {text} is empty");
    }
}

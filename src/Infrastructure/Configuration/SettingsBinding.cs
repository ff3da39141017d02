using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventBooking.Infrastructure.Configuration;

/// <summary>
/// Binds a settings section key by key, so that a value that does not convert (<c>Bookings__MaxBatchSize=abc</c>)
/// becomes a startup failure naming the key and the type it needs, reported with every other invalid setting,
/// instead of the binder's exception and stack trace for the first one (issue 16).
/// </summary>
public static partial class SettingsBinding
{
    private const string NullablePrefix = "System.Nullable`1[[";

    /// <summary>
    /// Like <c>BindConfiguration</c>, but every key that does not convert is a validation failure of
    /// <typeparamref name="TOptions"/> (so <c>ValidateOnStart</c> reports it with the others).
    /// </summary>
    public static OptionsBuilder<TOptions> BindSection<TOptions>(this OptionsBuilder<TOptions> builder, string sectionName)
        where TOptions : class
    {
        var failures = AddFailures(builder);
        return builder.Configure<IConfiguration>((options, configuration) => failures.Set(BindEach(configuration.GetSection(sectionName), options)));
    }

    /// <summary>The same, from the given configuration (for a container without <see cref="IConfiguration"/> in it).</summary>
    public static OptionsBuilder<TOptions> BindSection<TOptions>(this OptionsBuilder<TOptions> builder, IConfiguration configuration, string sectionName)
        where TOptions : class
    {
        var failures = AddFailures(builder);
        return builder.Configure(options => failures.Set(BindEach(configuration.GetSection(sectionName), options)));
    }

    /// <summary>
    /// Reads a section into a new <typeparamref name="TSettings"/> at composition time; throws
    /// <see cref="OptionsValidationException"/> with every key that does not convert.
    /// </summary>
    public static TSettings GetSettings<TSettings>(this IConfiguration configuration, string sectionName)
        where TSettings : class, new()
    {
        var settings = new TSettings();
        var failures = BindEach(configuration.GetSection(sectionName), settings);
        return failures.Count == 0 ? settings : throw new OptionsValidationException(sectionName, typeof(TSettings), failures);
    }

    /// <summary>"Bookings__MaxBatchSize must be a whole number (Int32)" for the binder's conversion failure, else null.</summary>
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is InvalidOperationException && ConversionFailure().Match(e.Message) is { Success: true } match)
            {
                var key = match.Groups["path"].Value.Replace(":", "__", StringComparison.Ordinal);
                var type = match.Groups["type"].Value;
                if (type.StartsWith(NullablePrefix, StringComparison.Ordinal))
                {
                    type = type[NullablePrefix.Length..type.IndexOf(',', StringComparison.Ordinal)];
                }

                return $"{key} must be {Expected(type)} ({type[(type.LastIndexOf('.') + 1)..]})";
            }
        }

        return null;
    }

    /// <summary>The validator that reports what the last binding of <typeparamref name="TOptions"/> could not convert.</summary>
    private static BindingFailures<TOptions> AddFailures<TOptions>(OptionsBuilder<TOptions> builder)
        where TOptions : class
    {
        var failures = new BindingFailures<TOptions>();
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(failures);
        return failures;
    }

    private static List<string> BindEach(IConfigurationSection section, object target)
    {
        var failures = new List<string>();
        foreach (var child in section.GetChildren())
        {
            var prefix = section.Path.Length + 1;
            var single = new ConfigurationBuilder()
                .AddInMemoryCollection(child.AsEnumerable()
                    .Where(entry => entry.Value is not null)
                    .Select(entry => KeyValuePair.Create(entry.Key[prefix..], entry.Value)))
                .Build();
            try
            {
                single.Bind(target);
            }
            catch (InvalidOperationException ex) when (Describe(ex) is { } described)
            {
                // The binder names the key relative to the one-key copy: put the section back in front.
                failures.Add($"{section.Path.Replace(":", "__", StringComparison.Ordinal)}__{described}");
            }
        }

        return failures;
    }

    private static string Expected(string type) => type switch
    {
        "System.Int16" or "System.Int32" or "System.Int64" or "System.UInt16" or "System.UInt32" or "System.UInt64" or "System.Byte" => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:00:30",
        "System.Uri" => "a URL",
        _ => $"a valid {type[(type.LastIndexOf('.') + 1)..]}",
    };

    [GeneratedRegex(@"^Failed to convert configuration value '.*' at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    private sealed class BindingFailures<TOptions> : IValidateOptions<TOptions>
        where TOptions : class
    {
        private volatile List<string> _failures = [];

        public void Set(List<string> failures) => _failures = failures;

        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            _failures is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}

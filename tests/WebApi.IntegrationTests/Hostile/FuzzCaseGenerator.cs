using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace EventBooking.WebApi.IntegrationTests.Hostile;

/// <summary>Ids of seeded rows, for path parameters that must reach a real resource.</summary>
public sealed record FuzzTargets(int EventId, int UserId, string BookingId);

/// <summary>
/// Turns one OpenAPI operation into malformed requests: wrong types, missing, extra and null fields, huge strings and
/// numbers, overflow, invalid UTF-8, deep nesting, truncated JSON, wrong content types, oversize bodies, odd query
/// strings and odd path values. Deterministic for a given seed.
/// </summary>
public sealed class FuzzCaseGenerator(FuzzOperation operation, FuzzTargets targets, int seed)
{
    /// <summary>A JSON literal for a field; <see cref="Invalid"/> when no field of this kind accepts it.</summary>
    private sealed record JsonValue(string Json, bool Invalid, string Label);

    private const string Json = "application/json";

    private static readonly string HugeString = new('h', 100 * 1024);
    private static readonly string LongString = new('b', 2000);

    private static readonly JsonValue[] WrongTypesForString =
    [
        new("123", true, "number"), new("-1", true, "negative number"), new("1.5", true, "fraction"), new("1e308", true, "1e308"),
        new("true", true, "boolean"), new("false", true, "boolean false"), new("[]", true, "empty array"),
        new("[\"a\"]", true, "array"), new("{}", true, "empty object"), new("{\"a\":\"b\"}", true, "object"),
    ];

    private static readonly JsonValue[] HostileStrings =
    [
        new("\"\"", false, "empty string"), new("\" \"", false, "blank string"), new("\"\\u0000\"", false, "NUL"),
        new("\"a\\u0000b\"", false, "embedded NUL"), new("\"\\ud800\"", false, "lone high surrogate"),
        new("\"\\udfff\\ud800x\"", false, "reversed surrogates"), new("\"名前🎉\"", false, "unicode"),
        new("\"\\u202eevil\"", false, "RTL override"), new("\"\\ufeff\"", false, "BOM char"),
        new("\"\\u0001\\u001f\\t\\n\"", false, "control characters"),
        new($"\"{HugeString}\"", true, "100 KB string"), new($"\"{LongString}\"", true, "2000-char string"),
    ];

    private static readonly JsonValue[] WrongTypesForNumber =
    [
        new("\"abc\"", true, "string"), new("\"1\"", true, "numeric string"), new("\"\"", true, "empty string"),
        new("true", true, "boolean"), new("[]", true, "empty array"), new("[1]", true, "array"), new("{}", true, "empty object"),
        new("{\"value\":1}", true, "object"),
    ];

    private static readonly JsonValue[] HostileNumbers =
    [
        new("0", true, "zero"), new("-0", true, "negative zero"), new("-1", true, "-1"), new("-2147483648", true, "int.MinValue"),
        new("2147483647", true, "int.MaxValue"), new("2147483648", true, "int.MaxValue+1"), new("-2147483649", true, "int.MinValue-1"),
        new("9223372036854775807", true, "long.MaxValue"), new("9223372036854775808", true, "2^63"),
        new("-9223372036854775809", true, "-2^63-1"), new("18446744073709551616", true, "2^64"),
        new("123456789012345678901234567890", true, "30 digits"), new("1e308", true, "1e308"), new("-1e308", true, "-1e308"),
        new("1e-308", true, "1e-308"), new("1.5", true, "fraction"), new("1.0", true, "1.0"), new("1E2", false, "exponent"),
        new("10001", true, "above the capacity limit"), new($"1{new string('0', 20000)}", true, "20000 digits"),
    ];

    private static readonly JsonValue[] HostileDates =
    [
        new("\"not a date\"", true, "not a date"), new("\"2026-12-01T10:00:00\"", true, "no zone"),
        new("\"2026-13-45T99:99:99Z\"", true, "impossible date"), new("\"0000-00-00T00:00:00Z\"", true, "zero date"),
        new("\"2000-01-01T00:00:00Z\"", true, "past"), new("\"0001-01-01T00:00:00Z\"", true, "DateTime.MinValue"),
        new("\"2026-02-30T00:00:00Z\"", true, "30 February"), new("\"9999-12-31T23:59:59.9999999+14:00\"", false, "max with offset"),
        new("\"9999-12-31T23:59:59Z\"", false, "year 9999"), new("\"\"", false, "empty string"), new("\"2031-01-01\"", true, "date only"),
        new("123", true, "number"), new("1e308", true, "1e308"), new("true", true, "boolean"), new("[]", true, "array"), new("{}", true, "object"),
        new($"\"{HugeString}\"", true, "100 KB string"),
    ];

    private static readonly JsonValue[] HostileBooleans =
    [
        new("\"true\"", true, "string"), new("1", true, "number"), new("0", true, "zero"), new("\"yes\"", true, "yes"),
        new("[]", true, "array"), new("{}", true, "object"),
    ];

    private static readonly string[] ExtraFieldNames =
        ["role", "userId", "status", "createdBy", "availableSeats", "id", "__proto__", "constructor", "$where", "", "a.b", "名前"];

    private static readonly (string Label, byte[] Bytes)[] InvalidUtf8 =
    [
        ("0xFF", [0xFF]), ("overlong slash", [0xC0, 0xAF]), ("lone continuation", [0x80]), ("truncated sequence", [0xE2, 0x82]),
        ("UTF-16 surrogate as UTF-8", [0xED, 0xA0, 0x80]), ("5-byte sequence", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("0xFE 0xFF", [0xFE, 0xFF]),
    ];

    private static readonly string[] OddQueryValues =
    [
        "-1", "0", "1e9", "1000000000", "2147483648", "-2147483649", "9223372036854775808", "abc", "%00", "1%00", "",
        "%20", "1.5", "0x10", "1,2", "%FF", "%", "%zz", "%u0041", "%E5%90%8D%F0%9F%8E%89", "%D9%A1%D9%A2", "true", "false",
        "yes", "%27%20OR%20%271%27%3D%271", "%5B%5D", "%7B%7D", "101", "+5", "%0A5", "NaN", "Infinity",
    ];

    // No %00 in paths: the in-memory TestServer refuses it before the app sees it (Kestrel answers such a request line itself).
    private static readonly string[] OddIntegerPathValues =
    [
        "0", "-1", "2147483647", "2147483648", "-2147483649", "abc", "%2e%2e", "..", "1.5", "1e3", "0x1", "%FF",
        "%2F", "%D9%A1", "1;drop", "%27%20OR%20%271%27%3D%271", new('9', 5000), "00000000000000000000000000000000000000000",
    ];

    private static readonly string[] OddStringPathValues =
    [
        "0", "-1", "abc", "%2e%2e", "BK-", "%FF", "%2F", "%E5%90%8D", "%27%20OR%20%271%27%3D%271",
        "%3Cscript%3E", new('B', 5000), "BK-" + new string('Z', 60), "null", "undefined",
    ];

    private readonly Random _random = new(seed);
    private readonly List<FuzzCase> _cases = [];

    public IReadOnlyList<FuzzCase> Generate()
    {
        var jsonFields = operation.JsonBody;
        if (jsonFields is not null)
        {
            AddJsonFieldCases(jsonFields);
            AddJsonBodyCases(jsonFields);
            AddContentTypeCases(jsonFields);
            AddRandomJsonCases(jsonFields, 300);
        }

        if (operation.FormBody is { } formFields)
        {
            AddFormCases(formFields);
        }

        AddQueryCases();
        AddPathCases();
        return _cases;
    }

    // ---- JSON bodies ----

    private void AddJsonFieldCases(IReadOnlyList<FuzzField> fields)
    {
        foreach (var field in fields)
        {
            foreach (var value in PoolFor(field.Kind).Append(new JsonValue("null", false, "null")))
            {
                AddJson($"{field.Name} = {value.Label}", InvalidBase(fields, (field.Name, value.Json)), RefusedWith(fields, field.Name, value.Invalid));
                if (value.Invalid)
                {
                    // The same value next to plausible values, so it is the only thing wrong.
                    AddJson($"{field.Name} = {value.Label}, others plausible", PlausibleBase(fields, (field.Name, value.Json)), true);
                }
            }

            AddJson($"{field.Name} missing", InvalidBase(fields, (field.Name, null)), RefusedWith(fields, field.Name, false));
        }

        (string Name, string? Json)[] extras = [("role", "\"admin\""), ("userId", "1"), ("status", "\"cancelled\""), ("availableSeats", "100000")];
        AddJson("extra fields", InvalidBase(fields, [.. extras.Where(e => fields.All(f => f.Name != e.Name))]), fields.Count > 0);
    }

    private void AddJsonBodyCases(IReadOnlyList<FuzzField> fields)
    {
        var invalidBase = InvalidBase(fields);
        foreach (var (label, body) in new[]
        {
            ("empty body", string.Empty), ("null", "null"), ("array", "[]"), ("array of object", "[{}]"), ("string", "\"text\""),
            ("number", "0"), ("negative", "-1"), ("boolean", "true"), ("open brace", "{"), ("close brace", "}"),
            ("unquoted keys", "{eventId: 1, name: x}"), ("single quotes", invalidBase.Replace('"', '\'')),
            ("comment", invalidBase.Insert(1, "/* comment */")), ("trailing comma", invalidBase[..^1] + ",}"),
            ("NaN", "{\"a\":NaN}"), ("Infinity", "{\"a\":-Infinity}"), ("undefined", "{\"a\":undefined}"),
            ("deep array 1000", new string('[', 1000) + new string(']', 1000)),
            ("deep object 1000", string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)),
            ("deep extra property 1000", invalidBase[..^1] + ",\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000) + "}"),
            ("5000 extra properties", invalidBase[..^1] + string.Concat(Enumerable.Range(0, 5000).Select(i => string.Create(CultureInfo.InvariantCulture, $",\"p{i}\":0"))) + "}"),
            ("duplicate keys", fields.Count == 0 ? "{\"a\":1,\"a\":2}" : invalidBase[..^1] + "," + invalidBase[1..]),
            ("200 KB padding", invalidBase[..^1] + ",\"padding\":\"" + new string('p', 200 * 1024) + "\"}"),
            ("200 KB array", "[" + string.Join(',', Enumerable.Repeat("0", 100 * 1024)) + "]"),
            ("64 KB + 1", invalidBase[..^1] + ",\"padding\":\"" + new string('p', (64 * 1024) - invalidBase.Length - 12) + "\"}"),
            ("6 MB padding", invalidBase[..^1] + ",\"padding\":\"" + new string('p', 6 * 1024 * 1024) + "\"}"),
        })
        {
            AddJson(label, body, true);
        }

        AddJson("empty object", "{}", false);
        AddJson("unknown field only", "{\"unknownField\":1}", false);
        AddJson("empty key", "{\"\":null}", false);
        AddJson("BOM", "\uFEFF" + invalidBase, true);

        for (var cut = 1; cut < invalidBase.Length; cut += Math.Max(1, invalidBase.Length / 8))
        {
            AddJson(string.Create(CultureInfo.InvariantCulture, $"truncated at {cut}"), invalidBase[..cut], true);
        }

        foreach (var (label, bytes) in InvalidUtf8)
        {
            var text = ReplaceFirst(PlausibleBase(fields), "Fuzz value", "Fuzz\u0001value");
            if (!text.Contains('\u0001', StringComparison.Ordinal))
            {
                text = invalidBase[..^1] + ",\"extra\":\"\u0001\"}";
            }

            var utf8 = Encoding.UTF8.GetBytes(text);
            var at = Array.IndexOf(utf8, (byte)1);
            byte[] body = [.. utf8[..at], .. bytes, .. utf8[(at + 1)..]];
            Add($"invalid UTF-8 {label}", operation.PathTemplate, Escape(text), () => Bytes(body, Json), true);
        }

        var garbage = new byte[256];
        _random.NextBytes(garbage);
        Add("random bytes", operation.PathTemplate, "<256 random bytes>", () => Bytes(garbage, Json), true);
    }

    private void AddContentTypeCases(IReadOnlyList<FuzzField> fields)
    {
        var body = InvalidBase(fields);
        foreach (var contentType in new[]
        {
            "text/plain", "text/html", "application/octet-stream", "application/json-patch+json", "application/vnd.api+json",
            "application/json; charset=ebcdic", "multipart/form-data", "multipart/form-data; boundary=abc", "garbage/;;", "*/*",
            "application/json; charset=\"><script>",
        })
        {
            Add($"Content-Type {contentType}", operation.PathTemplate, body, () => Text(body, contentType), true);
        }

        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        Add("application/xml", operation.PathTemplate, xml, () => Text(xml, "application/xml"), true);
        Add("no Content-Type", operation.PathTemplate, body, () => new ByteArrayContent(Encoding.UTF8.GetBytes(body)), true);
        var utf16 = Encoding.Unicode.GetBytes(body);
        Add("UTF-16 body", operation.PathTemplate, body, () => Bytes(utf16, "application/json; charset=utf-16"), true);
        const string urlEncoded = "name=&description=&eventDate=yesterday&seatCapacity=abc&eventId=abc&email=x&password=x&role=x";
        Add("form-urlencoded", operation.PathTemplate, urlEncoded, () => Text(urlEncoded, "application/x-www-form-urlencoded"), true);
    }

    private void AddRandomJsonCases(IReadOnlyList<FuzzField> fields, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var parts = new List<string>();
            var refused = false;
            foreach (var field in fields)
            {
                var roll = _random.NextDouble();
                if (roll < 0.45)
                {
                    var pool = PoolFor(field.Kind).Append(new JsonValue("null", false, "null")).ToArray();
                    var value = pool[_random.Next(pool.Length)];
                    refused |= value.Invalid;
                    parts.Add($"\"{field.Name}\":{value.Json}");
                }
                else if (roll < 0.6)
                {
                    continue;
                }
                else
                {
                    refused = true;
                    parts.Add($"\"{field.Name}\":{BaseValue(field.Kind)}");
                }
            }

            for (var extra = _random.Next(3); extra > 0; extra--)
            {
                var pool = HostileStrings.Concat(HostileNumbers).Concat(WrongTypesForString).Where(v => v.Json.Length < 1000).ToArray();
                parts.Add($"\"{ExtraFieldNames[_random.Next(ExtraFieldNames.Length)]}\":{pool[_random.Next(pool.Length)].Json}");
            }

            var body = "{" + string.Join(',', parts.OrderBy(_ => _random.Next())) + "}";
            AddJson(string.Create(CultureInfo.InvariantCulture, $"random #{i}"), body, refused);
        }
    }

    // ---- multipart/form-data ----

    private void AddFormCases(IReadOnlyList<FuzzField> fields)
    {
        var textFields = fields.Where(f => f.Kind != FuzzValueKind.File).Select(f => f.Name).ToList();
        var fileField = fields.FirstOrDefault(f => f.Kind == FuzzValueKind.File)?.Name ?? "imageFile";
        var baseValues = textFields.ToDictionary(name => name, InvalidFormValue, StringComparer.Ordinal);
        var values = new (string Label, string Value)[]
        {
            ("empty", string.Empty), ("blank", " "), ("abc", "abc"), ("-1", "-1"), ("0", "0"), ("2147483648", "2147483648"),
            ("1e308", "1e308"), ("2^63", "9223372036854775808"), ("arabic digits", "١٢"), ("past", "2000-01-01T00:00:00Z"),
            ("no zone", "2026-12-01T10:00:00"), ("100 KB", HugeString), ("NUL", "\0"), ("unicode", "名前🎉"), ("1.5", "1.5"),
        };
        foreach (var name in textFields)
        {
            foreach (var (label, value) in values)
            {
                AddForm($"form {name} = {label}", baseValues.Select(p => (p.Key, p.Key == name ? value : p.Value)).ToList(), null);
            }

            AddForm($"form {name} missing", baseValues.Where(p => p.Key != name).Select(p => (p.Key, p.Value)).ToList(), null);
            AddForm($"form {name} twice", [.. baseValues.Select(p => (p.Key, p.Value)), (name, "second")], null);
            AddFormRaw($"form {name} invalid UTF-8", form =>
            {
                foreach (var (key, value) in baseValues.Where(p => p.Key != name))
                {
                    form.Add(new StringContent(value), key);
                }

                form.Add(new ByteArrayContent([0x41, 0xFF, 0xC0, 0xAF, 0xED, 0xA0, 0x80]), name);
            });
        }

        var fields0 = baseValues.Select(p => (p.Key, p.Value)).ToList();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 };
        AddForm("file: text declared as PNG", fields0, (fileField, "x.png", "image/png", Encoding.UTF8.GetBytes("not an image")));
        AddForm("file: empty", fields0, (fileField, "x.png", "image/png", []));
        AddForm("file: path traversal name", fields0, (fileField, "../../etc/passwd", "image/png", png));
        AddFormRaw("file: script name", form =>
        {
            foreach (var (key, value) in fields0)
            {
                form.Add(new StringContent(value), key);
            }

            var file = new ByteArrayContent(png);
            file.Headers.TryAddWithoutValidation("Content-Type", "text/html");
            file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{fileField}\"; filename=\"\\\"><script>alert(1)</script>.png\"");
            form.Add(file);
        });
        AddForm("file: 6 MB", fields0, (fileField, "big.png", "image/png", [.. png, .. new byte[6 * 1024 * 1024]]));
        AddForm("file: 5 MiB + 1", fields0, (fileField, "big.png", "image/png", [.. png, .. new byte[(5 * 1024 * 1024) + 1 - png.Length]]));
        AddForm("file under a text field", fields0, (textFields.FirstOrDefault() ?? "name", "x.png", "image/png", png));
        AddFormRaw("file twice", form =>
        {
            foreach (var (key, value) in fields0)
            {
                form.Add(new StringContent(value), key);
            }

            form.Add(new ByteArrayContent(png), fileField, "a.png");
            form.Add(new ByteArrayContent(png), fileField, "b.png");
        });
        AddFormRaw("3000 parts", form =>
        {
            foreach (var (key, value) in fields0)
            {
                form.Add(new StringContent(value), key);
            }

            for (var i = 0; i < 3000; i++)
            {
                form.Add(new StringContent("x"), string.Create(CultureInfo.InvariantCulture, $"f{i}"));
            }
        });

        var formText = string.Join(string.Empty, fields0.Select(f => $"--xyz\r\nContent-Disposition: form-data; name=\"{f.Key}\"\r\n\r\n{f.Value}\r\n"));
        Add("multipart without closing boundary", operation.PathTemplate, formText, () => Text(formText, "multipart/form-data; boundary=xyz"), true);
        Add("multipart boundary mismatch", operation.PathTemplate, formText + "--xyz--", () => Text(formText + "--xyz--", "multipart/form-data; boundary=other"), true);
        Add("multipart without boundary", operation.PathTemplate, formText + "--xyz--", () => Text(formText + "--xyz--", "multipart/form-data"), true);
        const string noDisposition = "--xyz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--xyz--\r\n";
        Add("multipart part without Content-Disposition", operation.PathTemplate, noDisposition, () => Text(noDisposition, "multipart/form-data; boundary=xyz"), true);
        var longBoundary = new string('b', 1000);
        var longBoundaryText = $"--{longBoundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--{longBoundary}--\r\n";
        Add("multipart 1000-char boundary", operation.PathTemplate, longBoundaryText, () => Text(longBoundaryText, $"multipart/form-data; boundary={longBoundary}"), true);
        const string headerBomb = "--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\nX-Big: ";
        var bomb = headerBomb + new string('h', 100 * 1024) + "\r\n\r\nx\r\n--xyz--\r\n";
        Add("multipart 100 KB part header", operation.PathTemplate, bomb, () => Text(bomb, "multipart/form-data; boundary=xyz"), true);
    }

    private static string InvalidFormValue(string name) => name switch
    {
        "name" => new string('n', 300),
        "description" => new string('d', 1200),
        "eventDate" => "not a date",
        "seatCapacity" => "abc",
        _ => LongString,
    };

    // ---- query strings and paths ----

    private void AddQueryCases()
    {
        var query = operation.Parameters.Where(p => p.In == "query").ToList();
        var body = BodyForNonBodyCases();
        foreach (var parameter in query)
        {
            foreach (var value in OddQueryValues.Append(new string('9', 10 * 1024)).Append(new string('q', 10 * 1024)))
            {
                var refused = IsRefusedQueryValue(parameter, Uri.UnescapeDataString(value));
                AddWithBody($"query {parameter.Name}={Short(value)}", $"{RealPath()}?{parameter.Name}={value}", body, refused);
            }

            AddWithBody($"query {parameter.Name} repeated", $"{RealPath()}?{parameter.Name}=1&{parameter.Name}=2", body, false);
            AddWithBody($"query {parameter.Name}[]", $"{RealPath()}?{parameter.Name}[]=1", body, false);
            AddWithBody($"query {parameter.Name} upper-case and repeated", $"{RealPath()}?{parameter.Name}=5&{parameter.Name.ToUpperInvariant()}=-1", body, false);
        }

        // Junk that names no declared parameter. A write with a real id and nothing else wrong would be valid: use a missing id.
        var path = operation.IsRead || operation.Bodies.Count > 0 ? RealPath() : MissingPath();
        foreach (var junk in new[] { "%00=1", "a=1&a=2&a=3", "x=" + new string('j', 10 * 1024), "%FF%FE=%FF", "&&&==&", "=%3Cscript%3E" })
        {
            AddWithBody($"query junk {Short(junk)}", $"{path}?{junk}", body, !operation.IsRead);
        }
    }

    private static bool IsRefusedQueryValue(FuzzParameter parameter, string value)
    {
        var isInt = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number);
        return parameter.Name switch
        {
            _ when value.Length == 0 => false,
            "limit" => !isInt || number is < 1 or > 100,
            "offset" => !isInt || number < 0,
            _ when parameter.Kind == FuzzValueKind.WholeNumber => !isInt,
            _ when parameter.Kind == FuzzValueKind.Flag => !bool.TryParse(value, out _),
            _ => false,
        };
    }

    private void AddPathCases()
    {
        var body = BodyForNonBodyCases();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var values = parameter.Kind == FuzzValueKind.WholeNumber ? OddIntegerPathValues : OddStringPathValues;
            foreach (var value in values)
            {
                var url = FillPath(operation.PathTemplate, parameter.Name, value);
                AddWithBody($"path {parameter.Name}={Short(value)}", url, body, true);
            }
        }
    }

    // ---- helpers ----

    private string? BodyForNonBodyCases() => operation.JsonBody is { } fields ? InvalidBase(fields) : null;

    private string RealPath() => FillPath(operation.PathTemplate, null, null);

    private string MissingPath() =>
        operation.Parameters.Where(p => p.In == "path")
            .Aggregate(operation.PathTemplate, (path, p) => path.Replace($"{{{p.Name}}}", p.Kind == FuzzValueKind.WholeNumber ? "999999" : "BK-NOPE-000000", StringComparison.Ordinal));

    private string FillPath(string template, string? oddName, string? oddValue)
    {
        var path = template;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var value = parameter.Name == oddName ? oddValue! : RealValue(parameter);
            path = path.Replace($"{{{parameter.Name}}}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private string RealValue(FuzzParameter parameter) => parameter switch
    {
        { Kind: not FuzzValueKind.WholeNumber } => targets.BookingId,
        _ when operation.PathTemplate.Contains("/users/", StringComparison.Ordinal) => targets.UserId.ToString(CultureInfo.InvariantCulture),
        _ => targets.EventId.ToString(CultureInfo.InvariantCulture),
    };

    private static JsonValue[] PoolFor(FuzzValueKind kind) => kind switch
    {
        FuzzValueKind.Text => [.. WrongTypesForString, .. HostileStrings],
        FuzzValueKind.WholeNumber or FuzzValueKind.Fraction => [.. WrongTypesForNumber, .. HostileNumbers],
        FuzzValueKind.Timestamp => HostileDates,
        FuzzValueKind.Flag => HostileBooleans,
        _ => [.. WrongTypesForString.Select(v => v with { Invalid = false }), .. HostileStrings.Select(v => v with { Invalid = false })],
    };

    /// <summary>A value no field of this kind accepts: too long, zero, in the past.</summary>
    private static string BaseValue(FuzzValueKind kind) => kind switch
    {
        FuzzValueKind.WholeNumber or FuzzValueKind.Fraction => "0",
        FuzzValueKind.Timestamp => "\"2000-01-01T00:00:00Z\"",
        FuzzValueKind.Flag => "\"notbool\"",
        FuzzValueKind.Text => $"\"{LongString}\"",
        _ => "{\"unexpected\":true}",
    };

    private static string PlausibleValue(FuzzField field) => field.Kind switch
    {
        FuzzValueKind.WholeNumber or FuzzValueKind.Fraction => "5",
        FuzzValueKind.Timestamp => "\"2031-01-01T00:00:00.000Z\"",
        FuzzValueKind.Flag => "true",
        _ when field.Name.Contains("email", StringComparison.OrdinalIgnoreCase) => "\"fuzz-new@example.com\"",
        _ when field.Name.Contains("role", StringComparison.OrdinalIgnoreCase) => "\"user\"",
        _ => "\"Fuzz value\"",
    };

    /// <summary>Every field with a value no field of its kind accepts, with overrides (null value: field left out).</summary>
    private static string InvalidBase(IReadOnlyList<FuzzField> fields, params (string Name, string? Json)[] overrides) =>
        Build(fields, f => BaseValue(f.Kind), overrides);

    private static string PlausibleBase(IReadOnlyList<FuzzField> fields, params (string Name, string? Json)[] overrides) =>
        Build(fields, PlausibleValue, overrides);

    private static string Build(IReadOnlyList<FuzzField> fields, Func<FuzzField, string> value, (string Name, string? Json)[] overrides)
    {
        var parts = new List<string>();
        foreach (var field in fields)
        {
            var match = overrides.FirstOrDefault(o => o.Name == field.Name);
            var json = match.Name is null ? value(field) : match.Json;
            if (json is not null)
            {
                parts.Add($"\"{field.Name}\":{json}");
            }
        }

        parts.AddRange(overrides.Where(o => fields.All(f => f.Name != o.Name) && o.Json is not null).Select(o => $"\"{o.Name}\":{o.Json}"));
        return "{" + string.Join(',', parts) + "}";
    }

    /// <summary>Refused for sure when another field keeps its unacceptable base value, or the new value is unacceptable.</summary>
    private static bool RefusedWith(IReadOnlyList<FuzzField> fields, string changed, bool valueInvalid) =>
        valueInvalid || fields.Any(f => f.Name != changed);

    private void AddJson(string what, string body, bool refused) =>
        Add(what, RealPath(), body, () => Text(body, Json), refused);

    private void AddWithBody(string what, string url, string? body, bool refused) =>
        Add(what, url, body ?? string.Empty, body is null ? () => null : () => Text(body, Json), refused || body is not null);

    private void AddForm(string what, IReadOnlyList<(string Name, string Value)> fields, (string Name, string FileName, string ContentType, byte[] Bytes)? file) =>
        AddFormRaw(what, form =>
        {
            foreach (var (name, value) in fields)
            {
                form.Add(new StringContent(value), name);
            }

            if (file is { } f)
            {
                var content = new ByteArrayContent(f.Bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(f.ContentType);
                form.Add(content, f.Name, f.FileName);
            }
        });

    private void AddFormRaw(string what, Action<MultipartFormDataContent> fill) =>
        Add(what, RealPath(), $"<multipart: {what}>", () =>
        {
            var form = new MultipartFormDataContent();
            fill(form);
            return form;
        }, true);

    private void Add(string what, string url, string preview, Func<HttpContent?> content, bool refused)
    {
        var path = url == operation.PathTemplate ? RealPath() : url;
        _cases.Add(new FuzzCase(operation, new HttpMethod(operation.Method.ToUpperInvariant()), path, what, preview, content, refused));
    }

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static ByteArrayContent Text(string text, string contentType) => Bytes(Encoding.UTF8.GetBytes(text), contentType);

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    private static string Escape(string text) => text.Replace("\u0001", "<bad bytes>", StringComparison.Ordinal);

    private static string Short(string value) => value.Length > 40 ? string.Create(CultureInfo.InvariantCulture, $"{value[..20]}…({value.Length} chars)") : value;
}

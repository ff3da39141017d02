using System.Globalization;
using EventBooking.LoadClient;

// build/bench.sh drives this client; see docs/performance.md.
//   hash   PASSWORD                                  prints one bcrypt ($2b$, cost 12) hash
//   book   --url U --key K --users A-B (--event E | --events A-B) --concurrency C [--max-seconds S]
//   get    --url U --path P --concurrency C --seconds S [--key K --user ID]
// Every mode except hash prints one JSON object on stdout.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: EventBooking.LoadClient hash|book|get [options] (see Program.cs)");
    return 2;
}

try
{
    var options = Options.Parse(args.AsSpan(1));
    switch (args[0])
    {
        case "hash":
            Console.WriteLine(BCrypt.Net.BCrypt.HashPassword(
                args.Length > 1 ? args[1] : "benchmark-password", BCrypt.Net.BCrypt.GenerateSalt(12, 'b')));
            return 0;
        case "book":
            Console.WriteLine(await BookingRun.RunAsync(options));
            return 0;
        case "get":
            Console.WriteLine(await TimedGetRun.RunAsync(options));
            return 0;
        default:
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unknown mode '{args[0]}'"));
            return 2;
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

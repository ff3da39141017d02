using System.Globalization;
using EventBooking.LoadClient;

// build/bench.sh and build/chaos.sh drive this client; see docs/performance.md and docs/reliability.md.
//   hash   PASSWORD                                  prints one bcrypt ($2b$, cost 12) hash
//   book   --url U[,U2...] --key K --users A-B (--event E | --events A-B) --concurrency C
//          [--max-seconds S] [--rate PER_SECOND] [--outcomes FILE] [--idempotency-keys PREFIX [--retry-seconds S]]
//   get    --url U --path P --concurrency C --seconds S [--rate PER_SECOND] [--key K (--user ID | --users A-B)]
//   login  --url U --emails A-B --password P --concurrency C [--rate PER_SECOND]
//   watch  --url U --key K --user ID --event E --seconds S [--log FILE]
//   watchers --url U[,U2...] (http:// only) --key K --users A-B --event E --seconds S [--ready-file F]
//          [--connect-concurrency C] [--until-seats N] [--stop-file F (ends 5 s after F appears)]
//   token  --key K --user ID                         prints one token for that user (role user)
// Every mode except hash prints one JSON object on stdout.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: EventBooking.LoadClient hash|book|get|login|watch|watchers|token [options] (see Program.cs)");
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
        case "login":
            Console.WriteLine(await LoginRun.RunAsync(options));
            return 0;
        case "token":
            Console.WriteLine(Tokens.Mint(System.Text.Encoding.UTF8.GetBytes(options.Text("key")), options.Number("user")));
            return 0;
        case "watch":
            Console.WriteLine(await WatchRun.RunAsync(options));
            return 0;
        case "watchers":
            Console.WriteLine(await WatchersRun.RunAsync(options));
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

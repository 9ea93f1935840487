using RelationsAlerts.DigestBench;

// digest-bench.sh drives this tool: `stub --port P` is the loopback SendGrid, `seed` fills Azurite and prints the minimum
// number of requests, `report` reads the stub's counters and prints the benchmark line.
return args.FirstOrDefault() switch
{
    "stub" => await SendGridStub.RunAsync(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    "seed" => await Seeder.RunAsync(Environment.GetEnvironmentVariable("Storage__ConnectionString")!, int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: stub --port P | seed --subscribers N   (see bench/digest-bench.sh)");
    return 2;
}

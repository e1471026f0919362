using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ResultsLive.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

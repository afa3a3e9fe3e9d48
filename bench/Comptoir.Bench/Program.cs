using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Comptoir.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;

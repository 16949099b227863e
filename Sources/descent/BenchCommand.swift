import ArgumentParser

/// `descent bench`: measurements, run in a release build (`swift run -c release descent bench …`),
/// printed as tables or JSON so scripts under `scripts/` can set them beside PyTorch,
/// JAX/Optax, NumPy and SciPy in the same run.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmarks (build with -c release first).",
    subcommands: [OptimizerBench.self, LoopBench.self, FormulaBench.self, MatmulBench.self]
  )
}

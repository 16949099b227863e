import ArgumentParser
import Descent
import Foundation

/// `descent bench matmul`: times the matrix-multiplication kernel on the shapes training uses.
struct MatmulBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "matmul",
    abstract: "Time the matrix-multiplication kernel on the shapes model training uses.",
    discussion: """
      Shapes are those of the digits MLP 64-128-64-10 at batch 64: the forward products
      X·W (plain), the weight gradients Xᵀ·dZ (AᵀB) and the input gradients dZ·Wᵀ (ABᵀ),
      plus square 64×64, 128×128 and 256×256. Reports the median time per call over
      --repeats timed rounds and GFLOP/s (2·m·n·k flops). Compare with
      `scripts/bench_matmul.py` (NumPy/OpenBLAS and PyTorch on the same shapes).
      Build with `swift build -c release` first; debug builds are 10–100× slower.
      """)

  @Option(help: "Arithmetic: float or double.")
  var precision: Precision = .float

  @Option(help: "Threads above the size threshold (1 = single-threaded).")
  var threads: Int = 2

  @Option(help: "Timed rounds per shape; the median is reported.")
  var repeats: Int = 21

  @Option(help: "Kernel: auto (AVX2+FMA when the CPU has it, else Swift) or portable (the Swift kernel).")
  var kernel: Kernel = .auto

  enum Kernel: String, ExpressibleByArgument, CaseIterable { case auto, portable }

  @Option(help: "Output format: table or json.")
  var format: OutputFormat = .table

  enum Precision: String, ExpressibleByArgument, CaseIterable { case float, double }

  struct Shape: Codable {
    var name: String
    var m: Int, n: Int, k: Int
    var transposeA: Bool, transposeB: Bool
  }

  struct Row: Codable {
    var shape: String
    var m: Int, n: Int, k: Int
    var medianMicroseconds: Double
    var gflops: Double
  }

  static let shapes: [Shape] = [
    Shape(name: "64x64 @ 64x64", m: 64, n: 64, k: 64, transposeA: false, transposeB: false),
    Shape(name: "64x64 @ 64x128 (X·W1)", m: 64, n: 128, k: 64, transposeA: false, transposeB: false),
    Shape(name: "64x128 @ 128x64 (H1·W2)", m: 64, n: 64, k: 128, transposeA: false, transposeB: false),
    Shape(name: "64x64 @ 64x10 (H2·W3)", m: 64, n: 10, k: 64, transposeA: false, transposeB: false),
    Shape(name: "(64x64)ᵀ @ 64x128 (dW1)", m: 64, n: 128, k: 64, transposeA: true, transposeB: false),
    Shape(name: "(64x128)ᵀ @ 64x64 (dW2)", m: 128, n: 64, k: 64, transposeA: true, transposeB: false),
    Shape(name: "64x64 @ (128x64)ᵀ (dH1)", m: 64, n: 128, k: 64, transposeA: false, transposeB: true),
    Shape(name: "64x10 @ (64x10)ᵀ (dH2)", m: 64, n: 64, k: 10, transposeA: false, transposeB: true),
    Shape(name: "128x128 @ 128x128", m: 128, n: 128, k: 128, transposeA: false, transposeB: false),
    Shape(name: "256x256 @ 256x256", m: 256, n: 256, k: 256, transposeA: false, transposeB: false),
  ]

  func validate() throws {
    if threads < 1 || threads > 64 { throw ValidationError("--threads must be between 1 and 64 (got \(threads))") }
    if repeats < 1 { throw ValidationError("--repeats must be at least 1 (got \(repeats))") }
  }

  func run() throws {
    Matmul.threadCount = threads
    let rows = precision == .float ? measure(Float.self) : measure(Double.self)
    switch format {
    case .json:
      struct Output: Codable { var precision: String; var threads: Int; var kernel: String; var results: [Row] }
      print(try jsonString(Output(precision: precision.rawValue, threads: threads, kernel: kernelName, results: rows)))
    default:
      let nameWidth = rows.map(\.shape.count).max() ?? 10
      print("kernel: \(kernelName), \(precision.rawValue), \(threads) thread(s) above the threshold")
      print("shape".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "   median µs   GFLOP/s")
      for r in rows {
        print(
          r.shape.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + String(format: "  %10.2f  %8.2f", r.medianMicroseconds, r.gflops))
      }
    }
  }

  var kernelName: String {
    kernel == .portable || !Matmul.hasNativeKernels ? "Swift (portable SIMD)" : "AVX2+FMA (C)"
  }

  func measure<S: DescentScalar>(_ type: S.Type) -> [Row] {
    Self.shapes.map { shape in
      let (m, n, k) = (shape.m, shape.n, shape.k)
      var rng = SystemRandomNumberGenerator()
      let a = (0..<(m * k)).map { _ in S(Double.random(in: -1...1, using: &rng)) }
      let b = (0..<(k * n)).map { _ in S(Double.random(in: -1...1, using: &rng)) }
      var c = [S](repeating: 0, count: m * n)
      var scratch = [S](repeating: 0, count: k * n)
      // Enough calls per round for ~2 ms of work.
      let callsPerRound = max(1, 2_000_000 / max(1, 2 * m * n * k / 20))
      var times: [Double] = []
      a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
          c.withUnsafeMutableBufferPointer { cp in
            scratch.withUnsafeMutableBufferPointer { sp in
              for round in 0...repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<callsPerRound {
                  if kernel == .portable {
                    Matmul.multiplyPortable(
                      ap.baseAddress!, bp.baseAddress!, into: cp.baseAddress!, m: m, n: n, k: k,
                      transposeA: shape.transposeA, transposeB: shape.transposeB, scratch: sp.baseAddress!)
                  } else {
                    Matmul.multiply(
                      ap.baseAddress!, bp.baseAddress!, into: cp.baseAddress!, m: m, n: n, k: k,
                      transposeA: shape.transposeA, transposeB: shape.transposeB, scratch: sp.baseAddress!)
                  }
                }
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(callsPerRound)
                if round > 0 { times.append(elapsed) }  // round 0 warms up
              }
            }
          }
        }
      }
      times.sort()
      let median = times[times.count / 2]
      return Row(
        shape: shape.name, m: m, n: n, k: k, medianMicroseconds: median,
        gflops: 2 * Double(m * n * k) / (median * 1e3))
    }
  }
}

// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Descent",
  products: [
    .library(name: "Descent", targets: ["Descent"]),
    .library(name: "DescentCore", targets: ["DescentCore"]),
    .library(name: "DescentOptimizers", targets: ["DescentOptimizers"]),
    .library(name: "DescentAnalysis", targets: ["DescentAnalysis"]),
    .library(name: "DescentPlot", targets: ["DescentPlot"]),
    .library(name: "DescentLearning", targets: ["DescentLearning"]),
    .library(name: "DescentServer", targets: ["DescentServer"]),
    .executable(name: "descent", targets: ["descent"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
  ],
  targets: [
    // Vectors, the Objective protocol, the formula language, the test-function catalog,
    // finite-difference checks, small dense linear algebra.
    .target(
      name: "DescentCore",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")]
    ),
    // Errno-free square root for the optimizer kernels (Swift's squareRoot() calls libm's
    // sqrtf with errno on Linux, which stops vectorisation). Header-only.
    .target(name: "CDescentKernels"),
    // Optimizer protocol, every optimizer, schedules, the minimize loop, stop reasons.
    .target(
      name: "DescentOptimizers",
      dependencies: ["DescentCore", "CDescentKernels", .product(name: "RealModule", package: "swift-numerics")]),
    // Hessians and HVPs, eigen-solvers, curvature report, critical points.
    .target(name: "DescentAnalysis", dependencies: ["DescentCore", "DescentOptimizers"]),
    // SVG charts: contours, trajectories, loss curves, sweeps, spectra.
    .target(name: "DescentPlot", dependencies: ["DescentCore", "DescentOptimizers"]),
    // AVX2+FMA matrix-multiplication micro-kernels, chosen at run time (function target
    // attributes, no -march flag: builds and runs everywhere; Swift kernel elsewhere).
    .target(name: "CDescentMatmul"),
    // Datasets (CSV, built-in, synthetic), models, fast kernels, the training loop, model
    // landscapes (Hessian spectra through DescentAnalysis, slices, interpolation).
    .target(
      name: "DescentLearning",
      dependencies: [
        "DescentCore", "DescentOptimizers", "DescentAnalysis", "CDescentMatmul",
        .product(name: "SwiftCSV", package: "SwiftCSV"),
      ],
      resources: [.copy("Resources")]
    ),
    // Umbrella: only @_exported imports.
    .target(
      name: "Descent",
      dependencies: ["DescentCore", "DescentOptimizers", "DescentAnalysis", "DescentPlot", "DescentLearning"]
    ),
    // The navigator: the JSON API and the page behind `descent serve`.
    .target(
      name: "DescentServer",
      dependencies: ["Descent", .product(name: "Hummingbird", package: "hummingbird")],
      resources: [.copy("Page")]
    ),
    // The command-line tool: a thin layer over the library.
    .executableTarget(
      name: "descent",
      dependencies: [
        "Descent",
        "DescentServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "DescentCoreTests", dependencies: ["DescentCore"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "DescentOptimizersTests", dependencies: ["DescentOptimizers"], resources: [.copy("Fixtures")]),
    .testTarget(name: "DescentAnalysisTests", dependencies: ["DescentAnalysis"], resources: [.copy("Fixtures")]),
    .testTarget(name: "DescentPlotTests", dependencies: ["DescentPlot", "DescentAnalysis"]),
    .testTarget(name: "DescentCLITests", dependencies: ["descent"]),
    .testTarget(
      name: "DescentServerTests",
      dependencies: ["DescentServer", .product(name: "HummingbirdTesting", package: "hummingbird")]),
    .testTarget(
      name: "DescentLearningTests", dependencies: ["DescentLearning"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)

import ArgumentParser
import Descent

/// `descent functions`: the test-function catalog.
struct FunctionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "functions",
    abstract: "List the test-function catalog, or show one function in detail.",
    discussion: """
      Every name (or alias) works as --function in run, compare, sweep, analyze and check.
      N-dimensional functions take --dimension (default shown in the list).
      """)

  @Argument(help: "A function to show in detail (formula, window, start, minima, critical points).")
  var name: String?

  @Option(help: "Dimension for N-dimensional functions (with NAME).")
  var dimension: Int?

  @Option(help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func run() throws {
    if let name {
      let function: TestFunction
      do { function = try Catalog.function(named: name) } catch { throw InputError(error.description) }
      let n: Int
      do { n = try function.resolveDimension(dimension) } catch { throw InputError("--dimension: \(error.description)") }
      let entry = CatalogEntry(function, dimension: n)
      switch format {
      case .json: print(try jsonString(entry))
      case .csv: printCSV([entry])
      case .table: printDetail(function, entry: entry)
      }
    } else {
      if dimension != nil { throw InputError("--dimension applies to one function: descent functions NAME --dimension N") }
      let entries = Catalog.all.map { CatalogEntry($0, dimension: $0.dimension.defaultValue) }
      switch format {
      case .json: print(try jsonString(CatalogListing(functions: entries)))
      case .csv: printCSV(entries)
      case .table:
        var table = TextTable(["name", "aliases", "n", "f*", "critical points", "formula"])
        table.rightAligned = [3]
        for (f, e) in zip(Catalog.all, entries) {
          table.add([
            f.name, f.aliases.joined(separator: ", "), f.dimension.isVariable ? "\(e.dimension)+" : "\(e.dimension)",
            e.minimumValue.map { formatNumber($0) } ?? "—", countSummary(e.criticalPoints, complete: f.criticalPointsAreComplete),
            abbreviate(e.formula, 60),
          ])
        }
        print(table.render())
        print("")
        print("\(Catalog.all.count) functions. `descent functions NAME` shows one in detail; n+ = any dimension ≥ 2 (default shown).")
      }
    }
  }

  private func printDetail(_ f: TestFunction, entry e: CatalogEntry) {
    print("\(f.name) — \(f.title)")
    if !f.aliases.isEmpty { print("aliases     \(f.aliases.joined(separator: ", "))") }
    print("summary     \(f.summary)")
    print("dimension   \(f.dimension)\(f.dimension.isVariable ? ", shown for n = \(e.dimension)" : "")")
    print("formula     \(e.formula)")
    print("window      \(e.window.map { "[\(formatNumber($0[0])), \(formatNumber($0[1]))]" }.joined(separator: " × "))")
    print("start       \(formatPoint(e.standardStart))")
    print("reference   \(f.reference)")
    print("")
    print("global minima")
    for m in e.globalMinima { print("  f\(formatPoint(m.x, digits: 10)) = \(formatNumber(m.value, digits: 10))") }
    if !e.criticalPoints.isEmpty {
      print("")
      print("critical points (\(countSummary(e.criticalPoints, complete: f.criticalPointsAreComplete)))")
      var table = TextTable(["kind"] + (0..<e.dimension).map { e.dimension <= 3 ? ["x", "y", "z"][$0] : "x\($0 + 1)" } + ["f"])
      for p in e.criticalPoints {
        table.add([p.kind.rawValue] + p.x.map { formatNumber($0, digits: 10) } + [formatNumber(p.value, digits: 10)])
      }
      print(table.render(indent: "  "))
    }
  }

  private func printCSV(_ entries: [CatalogEntry]) {
    print(csvLine(["name", "aliases", "dimension", "variableDimension", "minimumValue", "minima", "maxima", "saddles", "degenerate", "formula"]))
    for e in entries {
      let k = { (kind: PointKind) in "\(e.criticalPoints.filter { $0.kind == kind }.count)" }
      print(csvLine([
        e.name, e.aliases.joined(separator: " "), "\(e.dimension)", "\(e.variableDimension)",
        e.minimumValue.map { "\($0)" } ?? "", k(.minimum), k(.maximum), k(.saddle), k(.degenerate), e.formula,
      ]))
    }
  }
}

private func countSummary(_ points: [CriticalPoint], complete: Bool) -> String {
  if points.isEmpty { return "—" }
  let parts: [(PointKind, String)] = [(.minimum, "min"), (.maximum, "max"), (.saddle, "saddle"), (.degenerate, "degenerate")]
  let text = parts.compactMap { kind, label -> String? in
    let c = points.filter { $0.kind == kind }.count
    return c == 0 ? nil : "\(c) \(label)"
  }.joined(separator: ", ")
  return complete ? text : text + " (in window)"
}

private func abbreviate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

/// One catalog function at one dimension, as `descent functions --format json` prints it.
struct CatalogEntry: Encodable {
  var name: String
  var aliases: [String]
  var title: String
  var summary: String
  var reference: String
  var dimension: Int
  var variableDimension: Bool
  var minimumDimension: Int
  var formula: String
  var window: [[Double]]
  var standardStart: [Double]
  var minimumValue: Double?
  var globalMinima: [CriticalPoint]
  var criticalPoints: [CriticalPoint]
  var criticalPointsAreComplete: Bool

  init(_ f: TestFunction, dimension n: Int) {
    name = f.name
    aliases = f.aliases
    title = f.title
    summary = f.summary
    reference = f.reference
    dimension = n
    variableDimension = f.dimension.isVariable
    minimumDimension = f.dimension.minimum
    formula = f.formula(dimension: n)
    window = f.window(dimension: n).map { [$0.lowerBound, $0.upperBound] }
    standardStart = f.standardStart(dimension: n)
    globalMinima = f.globalMinima(dimension: n)
    minimumValue = globalMinima.map(\.value).min()
    criticalPoints = n == f.dimension.defaultValue || !f.dimension.isVariable ? f.criticalPoints : []
    criticalPointsAreComplete = f.criticalPointsAreComplete
  }
}

struct CatalogListing: Encodable {
  var functions: [CatalogEntry]
}

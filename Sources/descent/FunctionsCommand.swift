import ArgumentParser
import Descent
import Foundation

/// `descent functions`: the test-function catalog and the Moré–Garbow–Hillstrom problems.
struct FunctionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "functions",
    abstract: "List the test functions (the catalog and the MGH problems), or show one in detail.",
    discussion: """
      Two suites. The catalog: 33 functions with formulas, windows and critical points. The \
      Moré–Garbow–Hillstrom set (MGH, ACM TOMS 1981): 32 least-squares problems \
      f(x) = Σ rᵢ(x)², given by residual code rather than a formula, with the paper's \
      standard start and published minimum f*, exact gradients and Hessians.

      Every name (or alias) works as --function in run, compare, sweep, analyze and check. \
      MGH problems are named mgh:NAME or mgh:NUMBER (mgh:biggs-exp6, mgh:18); the bare \
      name works too where no catalog function has it (biggs-exp6, bard, watson), while \
      rosenbrock, beale, wood, … stay the catalog's. N-dimensional functions and the \
      variable-size MGH problems take --dimension (default shown in the list).

      --suite catalog|mgh|all picks what the list shows (default all; csv prints one suite, \
      the catalog unless --suite mgh).
      """)

  @Argument(help: "A function to show in detail (formula or residual form, window, start, minima, critical points).")
  var name: String?

  @Option(help: "Dimension for N-dimensional functions and variable-size MGH problems (with NAME).")
  var dimension: Int?

  @Option(help: "Which list: catalog, mgh or all.")
  var suite: Suite = .all

  @Option(help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  enum Suite: String, ExpressibleByArgument, CaseIterable { case catalog, mgh, all }

  func run() throws {
    if let name {
      if let entry = try mghEntry(named: name) { return try showMGH(entry) }
      let function: TestFunction
      do { function = try Catalog.function(named: name) } catch {
        // Neither suite has it: one message with the closest name of either.
        let suggestion = ResolvedFunction.suggestName(for: name)
        throw InputError(FunctionResolutionError.unknownName(name, suggestion: suggestion).description)
      }
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
      let entries = suite == .mgh ? [] : Catalog.all.map { CatalogEntry($0, dimension: $0.dimension.defaultValue) }
      let problems = suite == .catalog ? [] : MGH.entries.map { MGHListingEntry($0, dimension: $0.sizes.defaultValue) }
      switch format {
      case .json:
        print(try jsonString(CatalogListing(
          functions: suite == .mgh ? nil : entries, mghProblems: suite == .catalog ? nil : problems)))
      case .csv:
        if suite == .mgh { printMGHCSV(problems) } else { printCSV(entries) }
      case .table:
        if suite != .mgh { printCatalogTable(entries) }
        if suite == .all { print("") }
        if suite != .catalog { printMGHTable(problems) }
      }
    }
  }

  /// The MGH entry `name` names: `mgh:…` (an error if unknown), or a bare MGH name that is
  /// no catalog name; nil otherwise.
  private func mghEntry(named name: String) throws -> MGH.Entry? {
    let key = name.trimmingCharacters(in: .whitespaces).lowercased()
    if key.hasPrefix("mgh:") {
      do { return try MGH.entry(named: key) } catch { throw InputError(error.description) }
    }
    if (try? Catalog.function(named: key)) != nil || Int(key) != nil { return nil }
    return try? MGH.entry(named: key)
  }

  private func showMGH(_ entry: MGH.Entry) throws {
    let n: Int
    do { n = try entry.resolveDimension(dimension) } catch { throw InputError("--dimension: \(error.description)") }
    let e = MGHListingEntry(entry, dimension: n)
    switch format {
    case .json: print(try jsonString(e))
    case .csv: printMGHCSV([e])
    case .table:
      print("\(e.name) — MGH problem \(e.number), \(e.title)")
      print("form        f(x) = Σᵢ rᵢ(x)², m = \(e.residualCount) residuals in n = \(e.dimension) variables (residual code, no formula text)")
      print("dimension   \(entry.sizes)\(entry.sizes.isVariable ? ", shown for n = \(n) (default \(entry.sizes.defaultValue))" : "")")
      print("start       \(formatPoint(e.standardStart))")
      print("window      \(e.window.map { "[\(formatNumber($0[0])), \(formatNumber($0[1]))]" }.joined(separator: " × "))")
      if e.publishedMinima.isEmpty {
        print("f*          not published for n = \(n): f − f* and --target gap are unavailable")
      } else {
        print("published   " + e.publishedMinima.map { m in
          "\(formatNumber(m.value, digits: m.significantDigits ?? 6)) (\(m.note))"
        }.joined(separator: "; "))
      }
      if let f = e.minimumValue { print("f*          \(formatNumber(f, digits: 16)) (used for f − f* and --target gap)") }
      for m in entry.minima where m.x.count == n { print("minimum     f\(formatPoint(m.x, digits: 10)) = \(formatNumber(m.value, digits: 10))") }
      print("reference   \(e.reference)")
    }
  }

  private func printCatalogTable(_ entries: [CatalogEntry]) {
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

  private func printMGHTable(_ problems: [MGHListingEntry]) {
    print("Moré–Garbow–Hillstrom problems: f(x) = Σᵢ rᵢ(x)², standard start, published f* (--function mgh:NAME)")
    print("")
    var table = TextTable(["#", "name", "title", "n", "m", "f* (paper)"])
    table.rightAligned = [0, 3, 4]
    for p in problems {
      table.add([
        "\(p.number)", "mgh:\(p.shortName)", p.title, p.variableDimension ? "\(p.dimension)+" : "\(p.dimension)",
        "\(p.residualCount)",
        p.publishedMinima.first.map { formatNumber($0.value, digits: $0.significantDigits ?? 6) } ?? "—",
      ])
    }
    print(table.render())
    print("")
    print("\(problems.count) problems. n+ = variable size, --dimension N (default shown); the bare name works where no catalog function has it.")
  }

  private func printMGHCSV(_ problems: [MGHListingEntry]) {
    print(csvLine(["number", "name", "title", "dimension", "variableDimension", "residualCount", "minimumValue"]))
    for p in problems {
      print(csvLine([
        "\(p.number)", p.name, p.title, "\(p.dimension)", "\(p.variableDimension)", "\(p.residualCount)",
        p.minimumValue.map { "\($0)" } ?? "",
      ]))
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

/// `descent functions --format json`: `functions` (the catalog) and `mghProblems`; each
/// absent when `--suite` leaves it out.
struct CatalogListing: Encodable {
  var functions: [CatalogEntry]?
  var mghProblems: [MGHListingEntry]?
}

/// One MGH problem at one size, as `descent functions --format json` prints it.
struct MGHListingEntry: Encodable {
  /// `mgh:biggs-exp6`, what --function takes.
  var name: String
  var number: Int
  var title: String
  var dimension: Int
  var variableDimension: Bool
  /// `6 ≤ n`, `even n from 2 to 1000`, …
  var sizes: String
  var residualCount: Int
  var standardStart: [Double]
  var window: [[Double]]
  /// f* used for `f − f*`: to double precision where known, else as published.
  var minimumValue: Double?
  var publishedMinima: [PublishedMinimum]
  var reference: String

  var shortName: String { String(name.dropFirst(4)) }

  init(_ entry: MGH.Entry, dimension n: Int) {
    let problem = entry.problem(dimension: n)
    name = "mgh:\(entry.name)"
    number = entry.number
    title = entry.title
    dimension = n
    variableDimension = entry.sizes.isVariable
    sizes = entry.sizes.description
    residualCount = problem.residualCount
    standardStart = problem.standardStart
    window = entry.window(dimension: n).map { [$0.lowerBound, $0.upperBound] }
    minimumValue = entry.minimumValue(dimension: n)
    publishedMinima = problem.publishedMinima
    reference = "Moré, Garbow & Hillstrom, Testing Unconstrained Optimization Software, ACM TOMS 7(1):17–41, 1981, problem \(entry.number)"
  }
}

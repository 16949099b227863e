import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses an SVG file as XML and counts elements by name.
private func svgElements(at path: String) throws -> [String: Int] {
  final class Counter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
      counts[name, default: 0] += 1
    }
  }
  let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
  let counter = Counter()
  parser.delegate = counter
  guard parser.parse() else { throw CLIError.notAnObject("not well-formed XML: \(path)") }
  return counter.counts
}

@Suite("--plot on the commands")
struct PlotOptionTests {
  private func temporarySVG() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("descent-\(UUID().uuidString).svg").path
  }

  @Test("run, compare, sweep and analyze write well-formed SVG with the expected parts", arguments: [
    ["run", "--function", "rosenbrock-2d-formula", "--optimizer", "adam", "--lr", "0.02", "--steps", "2000", "--start", "-1.5,2"],
    ["compare", "--function", "ravine", "--optimizers", "gd,momentum", "--lr", "0.04", "--start", "1.8,0.5"],
    ["sweep", "--function", "x^2", "--optimizer", "gd", "--lr", "0.01:2:log20"],
    ["analyze", "--function", "himmelblau"],
  ])
  func plots(arguments: [String]) throws {
    var args = arguments
    if let i = args.firstIndex(of: "rosenbrock-2d-formula") { args[i] = "100*(y-x^2)^2+(1-x)^2" }
    let path = temporarySVG()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let r = try descent(args + ["--plot", path])
    #expect(r.status == 0, "\(r.stderr)")
    let counts = try svgElements(at: path)
    #expect(counts["svg"] == 1)
    #expect(counts["title", default: 0] >= 1, "screen-reader title")
    #expect(counts["path", default: 0] + counts["polyline", default: 0] > 0, "something drawn")
  }

  @Test("An unwritable --plot path is an error naming the flag")
  func unwritable() throws {
    let r = try descent(["run", "--plot", "/nonexistent-dir/x.svg"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("--plot"))
  }
}

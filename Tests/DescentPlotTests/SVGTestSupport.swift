import DescentPlot
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One parsed element: its name and attributes.
struct ParsedElement {
  var name: String
  var attributes: [String: String]
  var text: String
}

/// Parses an SVG with Foundation's XMLParser; nil (and the parser's error) when it is not
/// well-formed XML.
final class SVGParse: NSObject, XMLParserDelegate {
  var elements: [ParsedElement] = []
  var stack: [Int] = []
  var error: Error?

  static func parse(_ svg: String) -> (elements: [ParsedElement]?, error: Error?) {
    let delegate = SVGParse()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = delegate
    let ok = parser.parse()
    return ok ? (delegate.elements, nil) : (nil, parser.parserError ?? delegate.error)
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    elements.append(ParsedElement(name: elementName, attributes: attributeDict, text: ""))
    stack.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let top = stack.last { elements[top].text += string }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

/// Subpaths of SVG path data with `M`, `m`, `L`, `l`, `h`, `v`, `Z`/`z` commands, in
/// absolute coordinates; `closed` per subpath.
func parsePathData(_ d: String) -> [(points: [PlotPoint], closed: Bool)] {
  var result: [(points: [PlotPoint], closed: Bool)] = []
  var current: [PlotPoint] = []
  var closed = false
  var command: Character = "M"
  var numbers: [Double] = []
  var pen = PlotPoint(0, 0)
  let chars = Array(d)
  var i = 0
  func flushSubpath() {
    if !current.isEmpty { result.append((current, closed)) }
    current = []
    closed = false
  }
  func consume() {
    switch command {
    case "M", "m", "L", "l":
      while numbers.count >= 2 {
        let (a, b) = (numbers[0], numbers[1])
        numbers.removeFirst(2)
        let relative = command == "m" || command == "l"
        if command == "M" || command == "m" {
          flushSubpath()
          pen = relative ? PlotPoint(pen.x + a, pen.y + b) : PlotPoint(a, b)
          current = [pen]
          command = relative ? "l" : "L"
        } else {
          pen = relative ? PlotPoint(pen.x + a, pen.y + b) : PlotPoint(a, b)
          current.append(pen)
        }
      }
    case "h":
      for a in numbers { pen.x += a; current.append(pen) }
      numbers = []
    case "v":
      for a in numbers { pen.y += a; current.append(pen) }
      numbers = []
    default:
      numbers = []
    }
  }
  while i < chars.count {
    let c = chars[i]
    if c.isLetter && c != "e" {
      consume()
      if c == "z" || c == "Z" {
        closed = true
        if let first = current.first { pen = first }
        result.append((current, closed))
        current = []
        closed = false
        command = "l"
      } else {
        command = c
      }
      i += 1
    } else if c == "-" || c == "." || c.isNumber {
      var j = i + 1
      var seenDot = c == "."
      while j < chars.count {
        let d = chars[j]
        if d.isNumber { j += 1; continue }
        if d == "." && !seenDot { seenDot = true; j += 1; continue }
        break
      }
      numbers.append(Double(String(chars[i..<j]))!)
      i = j
    } else {
      i += 1
    }
  }
  consume()
  flushSubpath()
  return result
}

/// Distance from `p` to the nearest segment of any of the polylines.
func distance(from p: PlotPoint, toPolylines lines: [[PlotPoint]]) -> Double {
  var best = Double.infinity
  for line in lines {
    if line.count == 1 { best = min(best, hypot(line[0].x - p.x, line[0].y - p.y)) }
    for k in 1..<max(1, line.count) {
      best = min(best, PolylineSimplification.distanceSquared(p, toSegment: line[k - 1], line[k]).squareRoot())
    }
  }
  return best
}

import DescentAnalysis
import DescentCore

/// `POST /api/curvature`: the curvature report (``CurvatureReport``) at a point and at the
/// nearest minimum in the window — eigenvalues, κ, `2/λmax`, the optimal rate, the optimal
/// heavy-ball settings, and, for the learning rate asked about, GD's contraction per
/// eigendirection and whether it diverges.
///
/// Response: `{"point": REPORT, "nearestMinimum": {"x": [...], "value": f, "report": REPORT} | null}`
/// with REPORT = `{"x", "value", "gradient", "gradientNorm", "eigenvalues", "eigenvectors",
/// "kind", "lipschitzConstant", "conditionNumber", "maxStableLearningRate",
/// "safeLearningRate", "optimalLearningRate", "gradientDescentRate", "heavyBall",
/// "contraction", "notes"}` (`null` for what does not apply, with the reason in `notes`).
enum Curvature {
  static func respond(_ request: CurvatureRequest) throws(APIError) -> [UInt8] {
    let function = try NavigatorFunction.resolve(request.function)
    let point = try checkedPoint(request.point, field: "point")
    if let lr = request.learningRate, !(lr.isFinite && lr >= 0) {
      throw .outOfRange("learningRate", "must be a finite, non-negative number (found \(lr))")
    }
    let window = try request.window.map { w throws(APIError) in try w.ranges(field: "window") } ?? function.window
    let objective = function.objective()
    let here = CurvatureReport(of: objective, at: point, learningRate: request.learningRate)

    let minima = CriticalPoints.find(function, window: window).points.filter { $0.kind == .minimum }
    func distance(_ p: CriticalPoints.Point) -> Double {
      let dx = p.x[0] - point[0]
      let dy = p.x[1] - point[1]
      return (dx * dx + dy * dy).squareRoot()
    }
    let nearest = minima.min { distance($0) < distance($1) }

    var w = JSONWriter(capacity: 4096)
    w.beginObject()
    w.key("point")
    writeReport(here, into: &w)
    w.key("nearestMinimum")
    if let nearest {
      w.beginObject()
      w.key("x")
      w.numbers(nearest.x)
      w.key("value")
      w.number(nearest.value)
      w.key("distance")
      w.number(distance(nearest))
      w.key("report")
      writeReport(CurvatureReport(of: objective, at: nearest.x, learningRate: request.learningRate), into: &w)
      w.endObject()
    } else {
      w.null()
    }
    w.endObject()
    return w.bytes
  }

  static func writeReport(_ r: CurvatureReport, into w: inout JSONWriter) {
    w.beginObject()
    w.key("x")
    w.numbers(r.x)
    w.key("value")
    w.number(r.value)
    w.key("gradient")
    w.numbers(r.gradient)
    w.key("gradientNorm")
    w.number(r.gradientNorm)
    w.key("hessian")
    w.beginArray()
    for row in r.hessian { w.numbers(row) }
    w.endArray()
    w.key("hessianIsExact")
    w.bool(r.hessianIsExact)
    w.key("eigenvalues")
    w.numbers(r.eigenvalues)
    w.key("eigenvectors")
    w.beginArray()
    for v in r.eigenvectors { w.numbers(v) }
    w.endArray()
    w.key("kind")
    w.string(r.classification.kind.rawValue)
    w.key("lipschitzConstant")
    w.number(r.lipschitzConstant)
    w.key("conditionNumber")
    w.number(r.conditionNumber)
    w.key("maxStableLearningRate")
    w.number(r.maxStableLearningRate)
    w.key("safeLearningRate")
    w.number(r.safeLearningRate)
    w.key("optimalLearningRate")
    w.number(r.optimalLearningRate)
    w.key("gradientDescentRate")
    w.number(r.gradientDescentRate)
    w.key("gradientDescentSteps")
    w.integer(r.gradientDescentSteps)
    w.key("heavyBall")
    if let hb = r.heavyBall {
      w.beginObject()
      w.key("learningRate")
      w.number(hb.learningRate)
      w.key("momentum")
      w.number(hb.momentum)
      w.key("rate")
      w.number(hb.rate)
      w.key("steps")
      w.integer(hb.steps)
      w.endObject()
    } else {
      w.null()
    }
    w.key("contraction")
    if let c = r.contraction {
      w.beginObject()
      w.key("learningRate")
      w.number(c.learningRate)
      w.key("factor")
      w.number(c.factor)
      w.key("steps")
      w.integer(c.steps)
      w.key("diverges")
      w.bool(c.diverges)
      w.key("directions")
      w.beginArray()
      for d in c.directions {
        w.beginObject()
        w.key("eigenvalue")
        w.number(d.eigenvalue)
        w.key("factor")
        w.number(d.factor)
        w.key("steps")
        w.integer(d.steps)
        w.key("behavior")
        w.string(d.behavior)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    } else {
      w.null()
    }
    w.key("notes")
    w.strings(r.notes)
    w.endObject()
  }
}

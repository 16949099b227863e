import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

/// `Fixtures/schedules.json`, written by `scripts/golden_schedules.py` from PyTorch's
/// `torch.optim.lr_scheduler` and Optax.
struct ScheduleFixture: Decodable {
  struct Case: Decodable, CustomTestStringConvertible {
    var label: String
    var reference: String
    var schedule: String
    var base: Double
    var values: [Double]
    var momentum: [Double]?
    var testDescription: String { "\(label): \(schedule)" }
  }
  var steps: Int
  var losses: [Double]
  var cases: [Case]

  static let shared: ScheduleFixture = {
    let url = Bundle.module.url(forResource: "Fixtures/schedules", withExtension: "json")!
    return try! JSONDecoder().decode(ScheduleFixture.self, from: Data(contentsOf: url))
  }()
}

/// `|a − b| / max(|a|, |b|)`, 0 when both are 0.
func relativeError(_ a: Double, _ b: Double) -> Double {
  a == b ? 0 : abs(a - b) / max(abs(a), abs(b))
}

@Suite("Schedules match PyTorch and Optax")
struct ScheduleGoldenTests {
  @Test("every schedule's 300 rates match the reference to a relative 1e-12",
        arguments: ScheduleFixture.shared.cases)
  func matchesReference(_ c: ScheduleFixture.Case) throws {
    var spec = try ScheduleSpec(parsing: c.schedule)
    let losses = ScheduleFixture.shared.losses
    var worst = 0.0
    var worstStep = 0
    for t in 0..<c.values.count {
      let e = relativeError(spec.value(at: t, base: c.base), c.values[t])
      if e > worst { (worst, worstStep) = (e, t) }
      if spec.observesLoss { spec.observe(loss: losses[t], step: t + 1, base: c.base) }
    }
    #expect(worst <= 1e-12, "\(c.reference): worst relative error \(worst) at step \(worstStep)")
    if let momentum = c.momentum {
      let worstMomentum = (0..<momentum.count).map { relativeError(spec.momentum(at: $0)!, momentum[$0]) }.max()!
      #expect(worstMomentum <= 1e-12, "\(c.reference): momentum")
    }
  }

  @Test("the fixture covers every schedule name and both joins")
  func coverage() throws {
    let kinds = Set(try ScheduleFixture.shared.cases.flatMap { c -> [String] in
      let spec = try ScheduleSpec(parsing: c.schedule)
      switch spec {
      case .sequential(let s): return ["sequential"] + s.schedules.map(\.kind)
      case .product(let p): return ["product"] + p.factors.map(\.kind)
      default: return [spec.kind]
      }
    })
    #expect(kinds.isSuperset(of: ScheduleSpec.names + ["sequential", "product"]))
  }
}

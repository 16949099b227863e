import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

@Suite("Schedule text form and JSON")
struct ScheduleSpecTests {
  @Test("text → value → text → value is the identity for every fixture schedule",
        arguments: ScheduleFixture.shared.cases.map(\.schedule))
  func textRoundTrip(_ text: String) throws {
    let spec = try ScheduleSpec(parsing: text)
    let again = try ScheduleSpec(parsing: spec.description)
    #expect(again == spec, "\(text) printed as \(spec.description)")
  }

  @Test("JSON round trip keeps every schedule, plateau state included",
        arguments: ScheduleFixture.shared.cases.map(\.schedule))
  func jsonRoundTrip(_ text: String) throws {
    var spec = try ScheduleSpec(parsing: text)
    for t in 1...40 { spec.observe(loss: 1 / Double(t), step: t, base: 0.1) }
    spec.observe(loss: 5, step: 41, base: 0.1)
    let data = try JSONEncoder().encode(spec)
    let back = try JSONDecoder().decode(ScheduleSpec.self, from: data)
    #expect(back == spec)
    #expect(String(decoding: data, as: UTF8.self).contains("\"kind\":\"\(spec.kind)\""))
  }

  @Test("a join switches at the first schedule's length or at for=N")
  func joins() throws {
    let a = try ScheduleSpec(parsing: "warmup:steps=10+cosine:t-max=90")
    guard case .sequential(let s) = a else { Issue.record("not sequential"); return }
    #expect(s.milestones == [10])
    #expect(a.value(at: 5, base: 0.1) == 0.05)
    #expect(a.value(at: 10, base: 0.1) == 0.1)
    let b = try ScheduleSpec(parsing: "exponential:gamma=0.5,for=3+constant")
    #expect([0, 1, 2, 3, 4].map { b.value(at: $0, base: 1) } == [1, 0.5, 0.25, 1, 1])
    let c = try ScheduleSpec(parsing: "step:step-size=2,gamma=0.5*exponential:gamma=1e+0")
    #expect(c.value(at: 3, base: 1) == 0.5)
  }

  @Test("bad text names the problem and its position", arguments: [
    ("cosine:t-maks=100", "unknown key 't-maks' for cosine; did you mean 't-max'?", 8),
    ("cosin:t-max=100", "unknown schedule 'cosin'; did you mean 'cosine'?", 1),
    ("cosine", "cosine needs t-max", 1),
    ("cosine:t-max=1.5", "t-max of cosine must be a whole number of steps, found '1.5'", 14),
    ("step:step-size=30,gamma=abc", "gamma of step must be a number, found 'abc'", 25),
    ("exponential:gamma=0.9+cosine:t-max=9", "'exponential' has no natural length", 1),
    ("warmup:steps=0", "warmup: steps must be at least 1 (got 0)", 1),
    ("cyclic:max-lr=1,mode=triangle", "mode of cyclic must be one of triangular, triangular2, exp-range", 22),
    ("warmup:steps=5+", "expected a schedule name", 16),
    ("", "the schedule is empty", 1),
    ("plateau:factor=2", "factor must be in [0, 1)", 1),
    ("cosine:t-max=10,t-max=20", "'t-max' is given twice", 17),
  ])
  func errors(_ text: String, _ message: String, _ position: Int) {
    #expect {
      _ = try ScheduleSpec(parsing: text)
    } throws: { error in
      guard let e = error as? ScheduleSyntaxError else { return false }
      return e.message.contains(message) && e.position == position
    }
  }

  @Test("decoding rejects invalid settings instead of trapping later")
  func decodingValidates() {
    let bad = #"{"kind": "warm-restarts", "firstPeriod": 0, "periodMultiplier": 1, "minimumRate": 0}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(ScheduleSpec.self, from: Data(bad.utf8)) }
    let unknown = #"{"kind": "cosin", "period": 3, "minimumRate": 0}"#
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(ScheduleSpec.self, from: Data(unknown.utf8)) }
  }
}

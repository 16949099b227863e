import DescentCore

/// A mistake in a schedule's text form: what is wrong and where (1-based character
/// position in the text).
public struct ScheduleSyntaxError: Error, Equatable, CustomStringConvertible {
  public var message: String
  public var position: Int
  public var text: String

  public init(_ message: String, position: Int, text: String) {
    self.message = message
    self.position = position
    self.text = text
  }

  public var description: String {
    "\(message) (at position \(position) in '\(text)')"
  }
}

extension ScheduleSpec {
  /// Every schedule name of the text form.
  public static let names = [
    "constant", "step", "multistep", "exponential", "inverse-time", "polynomial", "linear", "cosine",
    "warm-restarts", "warmup", "cyclic", "one-cycle", "plateau",
  ]

  /// The text syntax, for `--help`.
  public static let syntaxHelp = """
    NAME[:KEY=VALUE,...]; A+B runs A then B, A*B multiplies them.
      constant       factor=1, total=0 (η₀·factor until total)
      step           step-size=N, gamma=0.1 (η₀·γ^⌊t/N⌋)
      multistep      milestones=A/B/..., gamma=0.1
      exponential    gamma=G (η₀·γᵗ)
      inverse-time   decay=K, power=1 (η₀/(1+K·t)^p, Robbins–Monro)
      polynomial     total=T, power=1, end=0
      linear         start-factor=1/3, end-factor=1, total=5
      cosine         t-max=T, eta-min=0
      warm-restarts  t0=T, t-mult=1, eta-min=0 (SGDR)
      warmup         steps=N, start-factor=0
      cyclic         max-lr=H, base-lr=η₀, step-size-up=2000,
                     step-size-down=up, gamma=1,
                     mode=triangular|triangular2|exp-range,
                     base-momentum=0.8, max-momentum=0.9
      one-cycle      total=T, max-lr=η₀, pct-start=0.3,
                     anneal=cos|linear, div-factor=25,
                     final-div-factor=1e4, three-phase=false,
                     base-momentum=0.85, max-momentum=0.95
      plateau        mode=min|max, factor=0.1, patience=10,
                     threshold=1e-4, threshold-mode=rel|abs,
                     cooldown=0, min-lr=0, eps=1e-8
    A+B switches after A's length (warmup steps, linear or polynomial
    total, cosine t-max, one-cycle total) or after for=N steps.
    * binds tighter than +. Defaults and formulas follow PyTorch.
    Examples: cosine:t-max=100,eta-min=0
              warmup:steps=10+cosine:t-max=90
              exponential:gamma=0.9,for=50+constant
    """

  /// Parses the text form (see ``syntaxHelp``).
  /// - Throws: ``ScheduleSyntaxError`` naming the bad name, key or value and its position.
  public init(parsing text: String) throws(ScheduleSyntaxError) {
    var parser = ScheduleTextParser(text: text)
    self = try parser.parse()
  }

  /// What is wrong with the settings, if anything (for decoded JSON, whose values bypass
  /// the initializers' checks).
  public var problem: String? {
    func positive(_ v: Int, _ name: String) -> String? { v >= 1 ? nil : "\(name) must be at least 1 (got \(v))" }
    func finite(_ v: Double, _ name: String) -> String? { v.isFinite ? nil : "\(name) must be finite (got \(v))" }
    switch self {
    case .constant(let s): return s.totalSteps >= 0 ? finite(s.factor, "factor") : "total must be ≥ 0"
    case .step(let s): return positive(s.stepSize, "step-size") ?? finite(s.gamma, "gamma")
    case .multiStep(let s):
      return s.milestones.allSatisfy { $0 >= 0 } ? finite(s.gamma, "gamma") : "milestones must be ≥ 0"
    case .exponential(let s): return finite(s.gamma, "gamma")
    case .inverseTime(let s):
      return s.decay >= 0 && s.decay.isFinite ? finite(s.power, "power") : "decay must be a finite number ≥ 0"
    case .polynomial(let s):
      return positive(s.totalSteps, "total") ?? finite(s.power, "power") ?? finite(s.endValue, "end")
    case .linear(let s):
      return positive(s.totalSteps, "total") ?? finite(s.startFactor, "start-factor")
        ?? finite(s.endFactor, "end-factor")
    case .cosine(let s): return positive(s.period, "t-max") ?? finite(s.minimumRate, "eta-min")
    case .warmRestarts(let s):
      return positive(s.firstPeriod, "t0") ?? positive(s.periodMultiplier, "t-mult")
        ?? finite(s.minimumRate, "eta-min")
    case .warmup(let s): return positive(s.steps, "steps") ?? finite(s.startFactor, "start-factor")
    case .cyclic(let s):
      return positive(s.stepsUp, "step-size-up") ?? positive(s.stepsDown ?? 1, "step-size-down")
        ?? finite(s.maxRate, "max-lr") ?? finite(s.baseRate ?? 0, "base-lr") ?? finite(s.gamma, "gamma")
    case .oneCycle(let s):
      if let p = positive(s.totalSteps, "total") { return p }
      if !(0...1).contains(s.warmupFraction) { return "pct-start must be in [0, 1] (got \(s.warmupFraction))" }
      if !(s.divFactor > 0 && s.finalDivFactor > 0) { return "div-factor and final-div-factor must be > 0" }
      return nil
    case .plateau(let s):
      if !(s.factor < 1 && s.factor >= 0) { return "factor must be in [0, 1) (got \(s.factor))" }
      if s.patience < 0 || s.cooldown < 0 { return "patience and cooldown must be ≥ 0" }
      return nil
    case .sequential(let s):
      if s.schedules.isEmpty || s.milestones.count != s.schedules.count - 1 {
        return "a sequential schedule needs one milestone between each pair of schedules"
      }
      if !zip(s.milestones, s.milestones.dropFirst()).allSatisfy({ $0 < $1 }) || (s.milestones.first ?? 0) < 0 {
        return "milestones must be non-negative and increasing"
      }
      return s.schedules.lazy.compactMap(\.problem).first
    case .product(let s):
      return s.factors.isEmpty ? "a product needs at least one schedule" : s.factors.lazy.compactMap(\.problem).first
    case .momentum(let inner): return inner.problem
    }
  }
}

// MARK: - Text form (description)

extension ScheduleSpec: CustomStringConvertible {
  /// The text form; ``init(parsing:)`` reads it back to an equal value (state of
  /// reduce-on-plateau aside).
  public var description: String {
    func n(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }
    func keys(_ pairs: [(String, String?)]) -> String {
      let present = pairs.compactMap { k, v in v.map { "\(k)=\($0)" } }
      return present.isEmpty ? kind : kind + ":" + present.joined(separator: ",")
    }
    func unless<T: Equatable>(_ v: T, _ d: T, _ f: (T) -> String) -> String? { v == d ? nil : f(v) }
    switch self {
    case .constant(let s):
      return keys([("factor", unless(s.factor, 1, n)), ("total", unless(s.totalSteps, 0) { "\($0)" })])
    case .step(let s): return keys([("step-size", "\(s.stepSize)"), ("gamma", n(s.gamma))])
    case .multiStep(let s):
      return keys([("milestones", s.milestones.map(String.init).joined(separator: "/")), ("gamma", n(s.gamma))])
    case .exponential(let s): return keys([("gamma", n(s.gamma))])
    case .inverseTime(let s): return keys([("decay", n(s.decay)), ("power", unless(s.power, 1, n))])
    case .polynomial(let s):
      return keys([("total", "\(s.totalSteps)"), ("power", unless(s.power, 1, n)), ("end", unless(s.endValue, 0, n))])
    case .linear(let s):
      return keys([
        ("start-factor", n(s.startFactor)), ("end-factor", n(s.endFactor)), ("total", "\(s.totalSteps)"),
      ])
    case .cosine(let s): return keys([("t-max", "\(s.period)"), ("eta-min", unless(s.minimumRate, 0, n))])
    case .warmRestarts(let s):
      return keys([
        ("t0", "\(s.firstPeriod)"), ("t-mult", unless(s.periodMultiplier, 1) { "\($0)" }),
        ("eta-min", unless(s.minimumRate, 0, n)),
      ])
    case .warmup(let s): return keys([("steps", "\(s.steps)"), ("start-factor", unless(s.startFactor, 0, n))])
    case .cyclic(let s):
      return keys([
        ("base-lr", s.baseRate.map(n)), ("max-lr", n(s.maxRate)), ("step-size-up", "\(s.stepsUp)"),
        ("step-size-down", s.stepsDown.map { "\($0)" }), ("mode", unless(s.mode, .triangular, \.rawValue)),
        ("gamma", unless(s.gamma, 1, n)), ("base-momentum", unless(s.baseMomentum, 0.8, n)),
        ("max-momentum", unless(s.maxMomentum, 0.9, n)),
      ])
    case .oneCycle(let s):
      return keys([
        ("max-lr", s.maxRate.map(n)), ("total", "\(s.totalSteps)"), ("pct-start", unless(s.warmupFraction, 0.3, n)),
        ("anneal", unless(s.anneal, .cosine, \.rawValue)), ("div-factor", unless(s.divFactor, 25, n)),
        ("final-div-factor", unless(s.finalDivFactor, 1e4, n)), ("three-phase", s.threePhase ? "true" : nil),
        ("base-momentum", unless(s.baseMomentum, 0.85, n)), ("max-momentum", unless(s.maxMomentum, 0.95, n)),
      ])
    case .plateau(let s):
      return keys([
        ("mode", unless(s.mode, .min, \.rawValue)), ("factor", unless(s.factor, 0.1, n)),
        ("patience", unless(s.patience, 10) { "\($0)" }), ("threshold", unless(s.threshold, 1e-4, n)),
        ("threshold-mode", unless(s.thresholdMode, .relative, \.rawValue)),
        ("cooldown", unless(s.cooldown, 0) { "\($0)" }), ("min-lr", unless(s.minimumRate, 0, n)),
        ("eps", unless(s.epsilon, 1e-8, n)),
      ])
    case .sequential(let s):
      var parts: [String] = []
      var start = 0
      for (i, part) in s.schedules.enumerated() {
        var text = part.description
        if i < s.milestones.count {
          let length = s.milestones[i] - start
          if part.naturalLength != length { text += (text.contains(":") ? "," : ":") + "for=\(length)" }
          start = s.milestones[i]
        }
        parts.append(text)
      }
      return parts.joined(separator: "+")
    case .product(let s): return s.factors.map(\.description).joined(separator: "*")
    case .momentum(let inner): return "momentum of \(inner)"
    }
  }
}

// MARK: - Parser

/// A recursive-descent reader of the text form.
struct ScheduleTextParser {
  let text: String
  let chars: [Character]
  var index = 0

  init(text: String) {
    self.text = text
    self.chars = Array(text)
  }

  func error(_ message: String, at position: Int) -> ScheduleSyntaxError {
    ScheduleSyntaxError(message, position: position + 1, text: text)
  }

  mutating func parse() throws(ScheduleSyntaxError) -> ScheduleSpec {
    skipSpaces()
    if index >= chars.count { throw error("the schedule is empty; try e.g. cosine:t-max=100", at: 0) }
    var segments: [(spec: ScheduleSpec, length: Int?, position: Int)] = []
    while true {
      let position = index
      let (spec, length) = try parseProduct()
      segments.append((spec, length, position))
      skipSpaces()
      if index >= chars.count { break }
      if chars[index] == "+" {
        index += 1
        skipSpaces()
        continue
      }
      throw error("expected '+', '*', ',' or the end, found '\(chars[index])'", at: index)
    }
    if segments.count == 1 { return segments[0].spec }
    var milestones: [Int] = []
    var start = 0
    for segment in segments.dropLast() {
      guard let length = segment.length else {
        throw error(
          "'\(segment.spec.kind)' has no natural length, so the next schedule cannot know when to start; add for=N",
          at: segment.position)
      }
      start += length
      milestones.append(start)
    }
    let spec = ScheduleSpec.sequential(SequentialSchedule(segments.map(\.spec), milestones: milestones))
    if let problem = spec.problem { throw error(problem, at: 0) }
    return spec
  }

  /// factor ('*' factor)*; the length is a `for=` on any factor, else the first factor's.
  mutating func parseProduct() throws(ScheduleSyntaxError) -> (ScheduleSpec, Int?) {
    var factors: [ScheduleSpec] = []
    var explicitLength: Int?
    while true {
      let (spec, length) = try parseSegment()
      factors.append(spec)
      if let length { explicitLength = length }
      skipSpaces()
      if index < chars.count && chars[index] == "*" {
        index += 1
        skipSpaces()
        continue
      }
      break
    }
    if factors.count == 1 { return (factors[0], explicitLength ?? factors[0].naturalLength) }
    return (.product(ProductSchedule(factors)), explicitLength ?? factors[0].naturalLength)
  }

  mutating func skipSpaces() {
    while index < chars.count && chars[index] == " " { index += 1 }
  }

  mutating func word() -> String {
    var out = ""
    while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "-" || chars[index] == "_" {
      out.append(chars[index])
      index += 1
    }
    return out.lowercased()
  }

  /// A value runs to the next ',', '*' or '+' (a '+' inside an exponent such as 1e+3 is
  /// part of the number).
  mutating func value() -> String {
    var out = ""
    while index < chars.count {
      let c = chars[index]
      if c == "," || c == "*" || c == " " { break }
      if c == "+" {
        let inExponent =
          (out.last == "e" || out.last == "E") && out.dropLast().last.map { $0.isNumber || $0 == "." } == true
          && index + 1 < chars.count && chars[index + 1].isNumber
        if !inExponent { break }
      }
      out.append(c)
      index += 1
    }
    return out
  }

  /// name[:key=value,...] → the schedule and its `for=` length, if given.
  mutating func parseSegment() throws(ScheduleSyntaxError) -> (ScheduleSpec, Int?) {
    let namePosition = index
    let name = word()
    if name.isEmpty {
      let found = index < chars.count ? "'\(chars[index])'" : "the end"
      throw error("expected a schedule name (\(ScheduleSpec.names.joined(separator: ", "))), found \(found)", at: index)
    }
    guard ScheduleSpec.names.contains(name) else {
      let hint = Suggest.closest(to: name, in: ScheduleSpec.names).map { "; did you mean '\($0)'?" } ?? ""
      throw error(
        "unknown schedule '\(name)'\(hint) (choices: \(ScheduleSpec.names.joined(separator: ", ")))", at: namePosition)
    }
    var params = ScheduleParameters(schedule: name, parser: self)
    if index < chars.count && chars[index] == ":" {
      index += 1
      while true {
        let keyPosition = index
        let key = word()
        if key.isEmpty {
          throw error("expected a key after '\(name):' or ',' (e.g. \(name):\(ScheduleParameters.keys[name]!.first ?? "key")=…)", at: index)
        }
        guard index < chars.count && chars[index] == "=" else {
          throw error("expected '=' after key '\(key)' of \(name)", at: index)
        }
        index += 1
        let valuePosition = index
        let v = value()
        if v.isEmpty { throw error("missing value for '\(key)' of \(name)", at: valuePosition) }
        if params.values[key] != nil { throw error("'\(key)' is given twice for \(name)", at: keyPosition) }
        params.values[key] = (v, keyPosition, valuePosition)
        if index < chars.count && chars[index] == "," {
          index += 1
          continue
        }
        break
      }
    }
    return try params.build(at: namePosition)
  }
}

/// The key=value pairs of one schedule, turned into the schedule with defaults.
struct ScheduleParameters {
  let schedule: String
  let parser: ScheduleTextParser
  var values: [String: (text: String, keyPosition: Int, valuePosition: Int)] = [:]
  var used: Set<String> = ["for"]

  init(schedule: String, parser: ScheduleTextParser) {
    self.schedule = schedule
    self.parser = parser
  }

  static let keys: [String: [String]] = [
    "constant": ["factor", "total"],
    "step": ["step-size", "gamma"],
    "multistep": ["milestones", "gamma"],
    "exponential": ["gamma"],
    "inverse-time": ["decay", "power"],
    "polynomial": ["total", "power", "end"],
    "linear": ["start-factor", "end-factor", "total"],
    "cosine": ["t-max", "eta-min"],
    "warm-restarts": ["t0", "t-mult", "eta-min"],
    "warmup": ["steps", "start-factor"],
    "cyclic": [
      "base-lr", "max-lr", "step-size-up", "step-size-down", "mode", "gamma", "base-momentum", "max-momentum",
    ],
    "one-cycle": [
      "max-lr", "total", "pct-start", "anneal", "div-factor", "final-div-factor", "three-phase", "base-momentum",
      "max-momentum",
    ],
    "plateau": ["mode", "factor", "patience", "threshold", "threshold-mode", "cooldown", "min-lr", "eps"],
  ]

  func error(_ message: String, at position: Int) -> ScheduleSyntaxError { parser.error(message, at: position) }

  mutating func double(_ key: String) throws(ScheduleSyntaxError) -> Double? {
    used.insert(key)
    guard let (text, _, position) = values[key] else { return nil }
    guard let v = Double(text), v.isFinite else {
      throw error("\(key) of \(schedule) must be a number, found '\(text)'", at: position)
    }
    return v
  }

  mutating func int(_ key: String) throws(ScheduleSyntaxError) -> Int? {
    used.insert(key)
    guard let (text, _, position) = values[key] else { return nil }
    guard let v = Int(text) else {
      throw error("\(key) of \(schedule) must be a whole number of steps, found '\(text)'", at: position)
    }
    return v
  }

  mutating func required<T>(_ key: String, _ read: (inout Self, String) throws(ScheduleSyntaxError) -> T?, at position: Int)
    throws(ScheduleSyntaxError) -> T
  {
    if let v = try read(&self, key) { return v }
    throw error("\(schedule) needs \(key) (e.g. \(schedule):\(key)=…)", at: position)
  }

  mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(ScheduleSyntaxError) -> E?
  where E.RawValue == String {
    used.insert(key)
    guard let (text, _, position) = values[key] else { return nil }
    if let v = E(rawValue: String(text.lowercased().map { $0 == "_" ? "-" : $0 })) { return v }
    let choices = E.allCases.map(\.rawValue)
    throw error("\(key) of \(schedule) must be one of \(choices.joined(separator: ", ")), found '\(text)'", at: position)
  }

  mutating func bool(_ key: String) throws(ScheduleSyntaxError) -> Bool? {
    used.insert(key)
    guard let (text, _, position) = values[key] else { return nil }
    switch text.lowercased() {
    case "true", "yes", "1": return true
    case "false", "no", "0": return false
    default: throw error("\(key) of \(schedule) must be true or false, found '\(text)'", at: position)
    }
  }

  mutating func ints(_ key: String) throws(ScheduleSyntaxError) -> [Int]? {
    used.insert(key)
    guard let (text, _, position) = values[key] else { return nil }
    var out: [Int] = []
    for part in text.split(separator: "/", omittingEmptySubsequences: false) {
      guard let v = Int(part) else {
        throw error("\(key) of \(schedule) must be whole numbers separated by '/', found '\(text)'", at: position)
      }
      out.append(v)
    }
    return out
  }

  mutating func build(at position: Int) throws(ScheduleSyntaxError) -> (ScheduleSpec, Int?) {
    let length = try int("for")
    if let length, length < 1 {
      throw error("for must be at least 1 (got \(length))", at: values["for"]!.valuePosition)
    }
    for (key, entry) in values where !(Self.keys[schedule]! + ["for"]).contains(key) {
      let known = Self.keys[schedule]!
      let hint = Suggest.closest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? ""
      throw error(
        "unknown key '\(key)' for \(schedule)\(hint) (keys: \(known.joined(separator: ", ")), for)", at: entry.keyPosition)
    }
    let spec: ScheduleSpec
    switch schedule {
    case "constant":
      spec = .constant(ConstantSchedule(factor: try double("factor") ?? 1, totalSteps: try int("total") ?? 0))
    case "step":
      spec = .step(StepDecay(stepSize: try required("step-size", { p, k throws(ScheduleSyntaxError) in try p.int(k) }, at: position),
                             gamma: try double("gamma") ?? 0.1))
    case "multistep":
      spec = .multiStep(MultiStepDecay(
        milestones: try required("milestones", { p, k throws(ScheduleSyntaxError) in try p.ints(k) }, at: position),
        gamma: try double("gamma") ?? 0.1))
    case "exponential":
      spec = .exponential(ExponentialDecay(gamma: try required("gamma", { p, k throws(ScheduleSyntaxError) in try p.double(k) }, at: position)))
    case "inverse-time":
      spec = .inverseTime(InverseTimeDecay(
        decay: try required("decay", { p, k throws(ScheduleSyntaxError) in try p.double(k) }, at: position),
        power: try double("power") ?? 1))
    case "polynomial":
      spec = .polynomial(PolynomialDecay(totalSteps: try required("total", { p, k throws(ScheduleSyntaxError) in try p.int(k) }, at: position),
        power: try double("power") ?? 1, endValue: try double("end") ?? 0))
    case "linear":
      spec = .linear(LinearSchedule(startFactor: try double("start-factor") ?? 1.0 / 3, endFactor: try double("end-factor") ?? 1,
        totalSteps: try int("total") ?? 5))
    case "cosine":
      spec = .cosine(CosineAnnealing(period: try required("t-max", { p, k throws(ScheduleSyntaxError) in try p.int(k) }, at: position),
        minimumRate: try double("eta-min") ?? 0))
    case "warm-restarts":
      spec = .warmRestarts(CosineWarmRestarts(firstPeriod: try required("t0", { p, k throws(ScheduleSyntaxError) in try p.int(k) }, at: position),
        periodMultiplier: try int("t-mult") ?? 1, minimumRate: try double("eta-min") ?? 0))
    case "warmup":
      spec = .warmup(LinearWarmup(steps: try required("steps", { p, k throws(ScheduleSyntaxError) in try p.int(k) }, at: position),
        startFactor: try double("start-factor") ?? 0))
    case "cyclic":
      spec = .cyclic(CyclicSchedule(baseRate: try double("base-lr"),
        maxRate: try required("max-lr", { p, k throws(ScheduleSyntaxError) in try p.double(k) }, at: position),
        stepsUp: try int("step-size-up") ?? 2000, stepsDown: try int("step-size-down"),
        mode: try choice("mode", CyclicSchedule.Mode.self) ?? .triangular, gamma: try double("gamma") ?? 1,
        baseMomentum: try double("base-momentum") ?? 0.8, maxMomentum: try double("max-momentum") ?? 0.9))
    case "one-cycle":
      spec = .oneCycle(OneCycle(maxRate: try double("max-lr"),
        totalSteps: try required("total", { p, k throws(ScheduleSyntaxError) in try p.int(k) }, at: position),
        warmupFraction: try double("pct-start") ?? 0.3, anneal: try choice("anneal", OneCycle.Anneal.self) ?? .cosine,
        divFactor: try double("div-factor") ?? 25, finalDivFactor: try double("final-div-factor") ?? 1e4,
        threePhase: try bool("three-phase") ?? false, baseMomentum: try double("base-momentum") ?? 0.85,
        maxMomentum: try double("max-momentum") ?? 0.95))
    case "plateau":
      spec = .plateau(ReduceOnPlateau(mode: try choice("mode", ReduceOnPlateau.Mode.self) ?? .min,
        factor: try double("factor") ?? 0.1, patience: try int("patience") ?? 10,
        threshold: try double("threshold") ?? 1e-4,
        thresholdMode: try choice("threshold-mode", ReduceOnPlateau.ThresholdMode.self) ?? .relative,
        cooldown: try int("cooldown") ?? 0, minimumRate: try double("min-lr") ?? 0, epsilon: try double("eps") ?? 1e-8))
    default:
      preconditionFailure("unhandled schedule name \(schedule)")
    }
    if let problem = spec.problem { throw error("\(schedule): \(problem)", at: position) }
    return (spec, length ?? spec.naturalLength)
  }
}

import ArgumentParser
import DescentOptimizers
import Foundation

/// Builds optimizers for commands that run several (`compare`) or sweep one hyperparameter
/// (`sweep`), by editing an ``OptimizerSpec`` through its JSON form, so the code works for
/// whatever hyperparameters `OptimizerSpec` has (they are camelCase keys of its JSON).
enum OptimizerSpecSettings {
  /// The spec as a JSON dictionary.
  static func dictionary(_ spec: OptimizerSpec) throws -> [String: Any] {
    let data = try JSONEncoder().encode(spec)
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
  }

  static func spec(_ dictionary: [String: Any]) throws -> OptimizerSpec {
    let data = try JSONSerialization.data(withJSONObject: dictionary)
    return try JSONDecoder().decode(OptimizerSpec.self, from: data)
  }

  /// `weight-decay` → `weightDecay`; `lr` → `learningRate`.
  static func key(_ name: String) -> String {
    if name == "lr" { return "learningRate" }
    let parts = name.split(whereSeparator: { $0 == "-" || $0 == "_" })
    guard let first = parts.first else { return name }
    return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }

  /// Momentum-style settings that would silently turn plain GD into another method.
  static let notForPlainGD: Set<String> = ["momentum", "nesterov", "dampening"]

  /// The optimizer `name` with the settings of `base` that apply to it: settings that
  /// `make` reports as not applicable are dropped (a race of `gd,adam` with `--beta1`
  /// gives `gd` no β1), and `gd`/`sgd` never take momentum settings (so `gd` stays plain
  /// gradient descent beside `momentum`) unless `plainGD` is false.
  static func make(_ name: String, from base: OptimizerSpec, plainGD: Bool = true) throws -> any Optimizer<Double> {
    try makeKeepingTrack(name, from: base, plainGD: plainGD).optimizer
  }

  /// Every optimizer of `names` built by ``make(_:from:)``; a setting of `base` that none of
  /// them takes is an error (so `--beta1` in a race of `gd,momentum` is not silently ignored).
  /// `settingName` says how the user wrote a setting (by default its flag, `--beta1`).
  static func makeAll(
    _ names: [String], from base: OptimizerSpec, plainGD: Bool = true,
    settingName: (String) -> String = HyperparameterOptions.flag
  ) throws -> [any Optimizer<Double>] {
    var used: Set<String> = []
    let optimizers = try names.map { name in
      let made = try makeKeepingTrack(name, from: base, plainGD: plainGD)
      used.formUnion(made.keys)
      return made.optimizer
    }
    for k in try dictionary(base).keys.sorted() where k != "name" && !used.contains(k) {
      let setting = settingName(k)
      if names.count == 1 { throw ValidationError("\(setting) does not apply to \(names[0])") }
      throw ValidationError(
        "\(setting) applies to none of \(names.joined(separator: ", ")); add an optimizer that takes it or drop the flag")
    }
    return optimizers
  }

  /// ``make(_:from:)`` and the keys of the settings the optimizer kept.
  private static func makeKeepingTrack(_ name: String, from base: OptimizerSpec, plainGD: Bool = true) throws -> (
    optimizer: any Optimizer<Double>, keys: Set<String>
  ) {
    var dict = try dictionary(base)
    dict["name"] = name
    if plainGD && ["gd", "sgd"].contains(name.lowercased()) {
      for k in notForPlainGD { dict.removeValue(forKey: k) }
    }
    var dropped: Set<String> = []
    while true {
      let spec = try spec(dict)
      do {
        return (try spec.make(Double.self), Set(dict.keys))
      } catch let error {
        if case .notApplicable(let parameter, _) = error, dict[key(parameter)] != nil, !dropped.contains(parameter) {
          dict.removeValue(forKey: key(parameter))
          dropped.insert(parameter)
          continue
        }
        throw ValidationError("\(name): \(HyperparameterOptions.message(for: error))")
      }
    }
  }

  /// `base` with `settings` merged in; a setting `OptimizerSpec` does not have is an error
  /// (JSON decoding would silently ignore it).
  static func merge(_ settings: [String: Any], into base: OptimizerSpec, flag: String) throws -> OptimizerSpec {
    var dict = try dictionary(base)
    for (k, v) in settings { dict[k] = v }
    let merged = try spec(dict)
    let kept = try dictionary(merged)
    for k in settings.keys.sorted() where kept[k] == nil {
      throw ValidationError("\(flag): unknown hyperparameter '\(k)'" + (k == "learningRate" ? "" : " (names are PyTorch's in kebab case, e.g. momentum, weight-decay, beta1)"))
    }
    return merged
  }

  /// Parses `momentum=0.9,nesterov=true` into JSON values keyed by camelCase names.
  static func parseSettings(_ text: String, flag: String) throws -> [String: Any] {
    var out: [String: Any] = [:]
    for (i, item) in text.split(separator: ",").enumerated() {
      let kv = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard kv.count == 2, !kv[0].isEmpty else {
        throw ValidationError("\(flag): item \(i + 1) '\(item)' is not of the form name=value (in '\(text)')")
      }
      if let v = Double(kv[1]) {
        guard v.isFinite else { throw ValidationError("\(flag): \(kv[0]) must be finite (got \(kv[1]))") }
        out[key(kv[0])] = v
      } else if ["true", "false"].contains(kv[1].lowercased()) {
        out[key(kv[0])] = kv[1].lowercased() == "true"
      } else {
        throw ValidationError("\(flag): the value of \(kv[0]) must be a number or true/false (got '\(kv[1])')")
      }
    }
    return out
  }
}

import DescentCore
import DescentOptimizers
import Foundation

/// A training run saved to JSON: the network, the options, the optimizer (its settings and
/// its full state), and the ``TrainingState`` (weights, random stream, epoch, step,
/// early-stopping memory, history). Resuming from it continues the run bit for bit.
///
/// Numbers are written by `JSONEncoder`, whose shortest round-trip formatting reads back to
/// the identical `Float`/`Double`. Files are replaced atomically (written to a temporary
/// file, then renamed), so a run killed while saving leaves the previous checkpoint intact.
public struct Checkpoint<Scalar: DescentScalar>: Codable, Sendable {
  /// Format version (1).
  public var format: Int
  /// `float` or `double`.
  public var precision: String
  public var network: Network
  public var options: TrainingOptions
  /// How the optimizer was built, when it came from a spec.
  public var optimizer: OptimizerSpec?
  /// The optimizer value (settings and state) as its own JSON text.
  public var optimizerState: String
  /// The schedule's state as JSON text, when the schedule is `Codable`.
  public var scheduleState: String?
  /// Free-form settings the caller wants checked on resume (data set, seed, …).
  public var configuration: [String: String]
  public var state: TrainingState<Scalar>

  /// Writes the checkpoint to `url` atomically.
  public func write(to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    try encoder.encode(self).write(to: url, options: .atomic)
  }

  /// Reads a checkpoint.
  /// - Throws: ``CheckpointError`` for a missing, unreadable or mismatched file.
  public static func read(from url: URL) throws(CheckpointError) -> Checkpoint {
    guard let data = try? Data(contentsOf: url) else { throw .missing(url.path) }
    do {
      let decoder = JSONDecoder()
      decoder.nonConformingFloatDecodingStrategy = .convertFromString(
        positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
      let c = try decoder.decode(Checkpoint.self, from: data)
      guard c.format == 1 else { throw CheckpointError.unsupported(url.path, "format \(c.format)") }
      guard c.precision == precisionName else {
        throw CheckpointError.unsupported(url.path, "it holds \(c.precision) weights, this run uses \(precisionName)")
      }
      return c
    } catch let e as CheckpointError {
      throw e
    } catch {
      throw .corrupt(url.path, "\(error)")
    }
  }

  static var precisionName: String { Scalar.self == Float.self ? "float" : "double" }

  /// Rebuilds the optimizer with its saved state, given a freshly made one of the same
  /// kind (e.g. from ``optimizer``'s `make()`).
  public func restoredOptimizer(like fresh: any Optimizer<Scalar>) throws(CheckpointError) -> any Optimizer<Scalar> {
    guard let decodable = fresh as? any Decodable else { throw .notResumable(fresh.name) }
    func decode<T: Decodable>(_ value: T) throws -> T {
      try JSONDecoder().decode(T.self, from: Data(optimizerState.utf8))
    }
    do {
      guard let restored = try decode(decodable) as? any Optimizer<Scalar> else { throw CheckpointError.notResumable(fresh.name) }
      return restored
    } catch let e as CheckpointError {
      throw e
    } catch {
      throw .corrupt("optimizer state", "\(error)")
    }
  }

  /// Rebuilds a `Codable` schedule with its saved state; other schedules come back as given.
  public func restoredSchedule(like fresh: any Schedule) throws(CheckpointError) -> any Schedule {
    guard let text = scheduleState, let decodable = fresh as? any Decodable else { return fresh }
    func decode<T: Decodable>(_ value: T) throws -> T { try JSONDecoder().decode(T.self, from: Data(text.utf8)) }
    do {
      return (try decode(decodable) as? any Schedule) ?? fresh
    } catch {
      throw .corrupt("schedule state", "\(error)")
    }
  }
}

/// What can go wrong reading or resuming a checkpoint.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
  case missing(String)
  case corrupt(String, String)
  case unsupported(String, String)
  /// The optimizer's state cannot be saved (it is not `Codable`).
  case notResumable(String)
  /// The resumed run's settings differ from the saved ones.
  case mismatch(setting: String, saved: String, now: String)

  public var description: String {
    switch self {
    case .missing(let path): "no checkpoint at '\(path)' (run without --resume first, or check --checkpoint)"
    case .corrupt(let path, let reason): "the checkpoint '\(path)' cannot be read: \(reason)"
    case .unsupported(let path, let reason): "the checkpoint '\(path)' cannot be resumed here: \(reason)"
    case .notResumable(let name): "optimizer '\(name)' cannot be checkpointed (its state is not Codable)"
    case .mismatch(let setting, let saved, let now):
      "the checkpoint was made with \(setting) \(saved), this run has \(now); use the same settings to resume (only --epochs may grow)"
    }
  }
}

extension Trainer {
  /// The run as it stands, ready to write.
  /// - Throws: ``CheckpointError/notResumable(_:)`` when the optimizer is not `Codable`.
  public func checkpoint(optimizerSpec: OptimizerSpec? = nil, configuration: [String: String] = [:]) throws
    -> Checkpoint<Scalar>
  {
    guard let encodable = optimizer as? any Encodable else { throw CheckpointError.notResumable(optimizer.name) }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let optimizerState = String(decoding: try encoder.encode(encodable), as: UTF8.self)
    let scheduleState = try (schedule as? any Encodable).map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    return Checkpoint(
      format: 1, precision: Checkpoint<Scalar>.precisionName, network: network, options: options,
      optimizer: optimizerSpec, optimizerState: optimizerState, scheduleState: scheduleState,
      configuration: configuration, state: state)
  }
}

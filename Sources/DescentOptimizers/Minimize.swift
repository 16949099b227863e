import DescentCore

/// Minimizes `objective` from `start` with `optimizer`: the one loop every optimizer runs in.
///
/// The loop owns everything around the update rule: evaluation of `f` and `∇f` (counted),
/// the schedule, the gradient transforms (noise, clipping, maximize), the stopping rules
/// of `options`, divergence detection, observers, timing and trajectory recording. It never
/// traps on numeric trouble: NaN, ∞ and blow-ups end the run with a ``StopReason``.
///
/// - Parameters:
///   - objective: the function to minimize.
///   - start: the start point (`objective.dimension` coordinates).
///   - optimizer: the method; its state is reset by `prepare(dimension:)` and left as the
///     run ends, so a caller can save it.
///   - options: stopping rules, schedule, gradient transforms and recording. When the run
///     stops on a convergence reason and the Hessian is available (exact for `n ≤ 300`, or
///     by finite differences for `n ≤ 100`), the final point is classified
///     (``MinimizationResult/finalPoint``; switch off with
///     ``MinimizeOptions/classifyFinalPoint``).
///   - observer: called after every step (not for step 0); returning `.stop` ends the run
///     with ``StopReason/observer``.
/// - Returns: the final point, loss, gradient norm, step count, evaluation counts,
///   seconds, stop reason and the recorded trajectory.
/// - Complexity: no allocation per step unless the trajectory is recorded (one array of
///   `n` per recorded step).
public func minimize<O: Objective, Opt: Optimizer>(
  _ objective: O, from start: [O.Scalar], using optimizer: inout Opt,
  options: MinimizeOptions = MinimizeOptions(),
  observer: ((borrowing StepEvent<O.Scalar>) -> ObserverDecision)? = nil
) -> MinimizationResult<O.Scalar> where Opt.Scalar == O.Scalar {
  precondition(
    start.count == objective.dimension,
    "start point has \(start.count) coordinates, objective has \(objective.dimension)")
  var x = start
  var step = 0
  var schedule = options.schedule.map(AnySchedule.init)
  var random: GaussianGenerator?
  var initialLoss: O.Scalar?
  var evaluations = EvaluationCounts()
  return runLoop(
    objective, x: &x, step: &step, optimizer: &optimizer, schedule: &schedule, random: &random,
    initialLoss: &initialLoss, evaluations: &evaluations, options: options, observer: observer)
}

/// Minimizes with an optimizer passed by value (its final state is discarded).
public func minimize<O: Objective, Opt: Optimizer>(
  _ objective: O, from start: [O.Scalar], using optimizer: Opt,
  options: MinimizeOptions = MinimizeOptions(),
  observer: ((borrowing StepEvent<O.Scalar>) -> ObserverDecision)? = nil
) -> MinimizationResult<O.Scalar> where Opt.Scalar == O.Scalar {
  var optimizer = optimizer
  return minimize(objective, from: start, using: &optimizer, options: options, observer: observer)
}

/// Runs from a checkpoint and advances it in place: starts the run if `state` is fresh,
/// otherwise continues it exactly where it stopped (see ``RunState``).
///
/// `options.maxSteps` counts the updates of this call; the result's `steps` and the
/// trajectory's step numbers count from the start of the run. The schedule is the
/// state's: `options.schedule` must be `nil` (put the schedule in the ``RunState`` so it
/// is saved with it).
public func minimize<O: Objective, Opt: Optimizer>(
  _ objective: O, state: inout RunState<Opt>, options: MinimizeOptions = MinimizeOptions(),
  observer: ((borrowing StepEvent<O.Scalar>) -> ObserverDecision)? = nil
) -> MinimizationResult<O.Scalar> where Opt.Scalar == O.Scalar {
  precondition(options.schedule == nil, "a run from a RunState uses the state's schedule; set RunState.schedule")
  precondition(
    state.x.count == objective.dimension,
    "the state's point has \(state.x.count) coordinates, objective has \(objective.dimension)")
  return runLoop(
    objective, x: &state.x, step: &state.step, optimizer: &state.optimizer, schedule: &state.schedule,
    random: &state.random, initialLoss: &state.initialLoss, evaluations: &state.evaluations, options: options,
    observer: observer)
}

/// An existential schedule boxed so the generic loop can hold it.
struct AnySchedule: Schedule {
  var base: any Schedule
  func value(at step: Int, base rate: Double) -> Double { base.value(at: step, base: rate) }
  mutating func observe(loss: Double, step: Int, base rate: Double) { base.observe(loss: loss, step: step, base: rate) }
}

/// The loop itself, over the pieces of a run's state. A fresh run (`initialLoss == nil`)
/// prepares the optimizer and seeds the noise; a resumed one does neither.
func runLoop<O: Objective, Opt: Optimizer, Sch: Schedule>(
  _ objective: O, x: inout [O.Scalar], step: inout Int, optimizer: inout Opt, schedule: inout Sch?,
  random: inout GaussianGenerator?, initialLoss: inout O.Scalar?, evaluations: inout EvaluationCounts,
  options: MinimizeOptions, observer: ((borrowing StepEvent<O.Scalar>) -> ObserverDecision)?
) -> MinimizationResult<O.Scalar> where Opt.Scalar == O.Scalar {
  typealias S = O.Scalar
  let n = objective.dimension
  precondition(options.maxSteps >= 0, "maxSteps must be non-negative")
  precondition(options.recordEvery >= 1, "recordEvery must be at least 1")

  let counted = CountedObjective(objective)
  let clock = ContinuousClock()
  let started = clock.now
  let baseRate = Double(optimizer.learningRate)
  func rate(_ step: Int) -> S {
    S(schedule?.value(at: step, base: baseRate) ?? baseRate)
  }
  let transform = options.gradientTransform
  let fresh = initialLoss == nil
  if fresh {
    optimizer.prepare(dimension: n)
    random = transform.noise != nil ? GaussianGenerator(seed: transform.seed) : nil
  } else if transform.noise != nil && random == nil {
    random = GaussianGenerator(seed: transform.seed)
  }

  var previous = x
  var gradient = [S](repeating: 0, count: n)
  // The gradient handed to the optimizer, when a transform changes it.
  var transformed = [S](repeating: 0, count: transform.isIdentity ? 0 : n)
  var trajectory: [TrajectoryPoint<S>] = []

  let firstStep = step
  var loss = counted.value(at: x, gradient: &gradient)
  var gradientNorm = VectorMath.norm(gradient)
  if fresh { initialLoss = loss }
  if options.recordTrajectory {
    trajectory.append(
      TrajectoryPoint(step: step, x: x, loss: loss, gradientNorm: gradientNorm, learningRate: rate(step)))
  }

  // Divergence is judged against the run's first loss, in the direction of optimization.
  let sign: Double = transform.maximize ? -1 : 1
  let f0 = sign * Double(initialLoss!)
  let blowUp = options.divergenceFactor.map { $0 * Swift.max(1, abs(f0)) }
  let gradientTolerance = options.gradientTolerance.map { S($0) }

  var stop: StopReason?
  if !loss.isFinite || !gradientNorm.isFinite || !x.allSatisfy({ $0.isFinite }) {
    stop = .nonFinite
  } else if let gradientTolerance, gradientNorm <= gradientTolerance {
    stop = .gradientTolerance
  }

  while stop == nil && step - firstStep < options.maxSteps {
    let eta = rate(step)
    let lossBefore = loss
    x.withUnsafeBufferPointer { src in
      previous.withUnsafeMutableBufferPointer { dst in
        _ = dst.initialize(fromContentsOf: src)
      }
    }
    let outcome: StepOutcome
    if transform.isIdentity {
      outcome = x.withUnsafeMutableBufferPointer { xp in
        gradient.withUnsafeMutableBufferPointer { gp in
          optimizer.step(x: xp, value: &loss, gradient: gp, learningRate: eta, objective: counted)
        }
      }
    } else {
      outcome = x.withUnsafeMutableBufferPointer { xp in
        transformed.withUnsafeMutableBufferPointer { tp in
          gradient.withUnsafeBufferPointer { gp in _ = tp.update(fromContentsOf: gp) }
          transform.apply(to: tp, random: &random)
          return optimizer.step(x: xp, value: &loss, gradient: tp, learningRate: eta, objective: counted)
        }
      }
    }
    step += 1
    switch outcome {
    case .moved:
      loss = counted.value(at: x, gradient: &gradient)
    case .evaluated:
      // The optimizer wrote ∇f at the new point into the buffer it was given.
      if !transform.isIdentity {
        transformed.withUnsafeBufferPointer { tp in
          gradient.withUnsafeMutableBufferPointer { gp in _ = gp.update(fromContentsOf: tp) }
        }
      }
    case .failed(let reason):
      stop = reason
    }
    gradientNorm = VectorMath.norm(gradient)
    var stepNormSquared: S = 0
    for i in 0..<n {
      let d = x[i] - previous[i]
      stepNormSquared += d * d
    }
    let stepNorm = stepNormSquared.squareRoot()

    if options.recordTrajectory && (step % options.recordEvery == 0) {
      trajectory.append(
        TrajectoryPoint(step: step, x: x, loss: loss, gradientNorm: gradientNorm, learningRate: eta))
    }
    if stop != nil { break }

    if let observer {
      let decision = x.withUnsafeBufferPointer { xp in
        gradient.withUnsafeBufferPointer { gp in
          observer(
            StepEvent(
              step: step, x: xp, gradient: gp, loss: loss, gradientNorm: gradientNorm,
              learningRate: eta, stepNorm: stepNorm,
              elapsedSeconds: seconds(since: started, clock: clock)))
        }
      }
      if case .stop = decision { stop = .observer; break }
    }
    schedule?.observe(loss: Double(loss), step: step, base: baseRate)

    let f = Double(loss)
    if !loss.isFinite || !gradientNorm.isFinite || !x.allSatisfy({ $0.isFinite }) {
      stop = .nonFinite
    } else if let blowUp, sign * f > f0 + blowUp {
      stop = .diverged
    } else if let blowUp, sign * f < f0 - blowUp {
      stop = .unboundedBelow
    } else if let gradientTolerance, gradientNorm <= gradientTolerance {
      stop = .gradientTolerance
    } else if let tol = options.stepTolerance, Double(stepNorm) <= tol {
      stop = .stepTolerance
    } else if let tol = options.lossChangeTolerance, abs(f - Double(lossBefore)) <= tol {
      stop = .lossChange
    } else if let tol = options.relativeLossChangeTolerance,
      abs(f - Double(lossBefore)) <= tol * Swift.max(abs(f), abs(Double(lossBefore)))
    {
      stop = .relativeLossChange
    } else if let limit = options.maxEvaluations, counted.counts.objective >= limit {
      stop = .maxEvaluations
    } else if let limit = options.timeLimit, clock.now - started >= limit {
      stop = .timeLimit
    }
  }

  if options.recordTrajectory, let last = trajectory.last, last.step != step {
    trajectory.append(
      TrajectoryPoint(
        step: step, x: x, loss: loss, gradientNorm: gradientNorm,
        learningRate: rate(Swift.max(step - 1, firstStep))))
  }
  // Say what a converged run stopped at: minimum, saddle, maximum or degenerate.
  var finalPoint: PointClassification?
  if options.classifyFinalPoint, let stop, stop.isConvergence,
    n <= (objective.hasExactHessian
      ? PointClassification.exactHessianDimensionLimit : PointClassification.finiteDifferenceDimensionLimit)
  {
    finalPoint = counted.classifyPoint(at: x)
  }
  let counts = counted.counts
  evaluations.objective += counts.objective
  evaluations.gradient += counts.gradient
  evaluations.hessian += counts.hessian
  evaluations.hessianVectorProducts += counts.hessianVectorProducts
  return MinimizationResult(
    x: x, loss: loss, gradientNorm: gradientNorm, steps: step, stopReason: stop ?? .maxSteps,
    evaluations: counts, seconds: seconds(since: started, clock: clock),
    trajectory: trajectory, finalPoint: finalPoint)
}

private func seconds(since start: ContinuousClock.Instant, clock: ContinuousClock) -> Double {
  let d = clock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

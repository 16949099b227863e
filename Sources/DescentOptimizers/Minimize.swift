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
///     stops on a convergence reason (or its line search fails at a near-stationary
///     point, ``Stationarity``) and the Hessian is available (exact for `n ≤ 300`, or
///     by finite differences for `n ≤ 100`), the final point is classified
///     (``MinimizationResult/finalPoint``; switch off with
///     ``MinimizeOptions/classifyFinalPoint``).
///   - observer: called after every step (not for step 0); returning `.stop` ends the run
///     with ``StopReason/observer``.
/// - Returns: the final point, loss, gradient norm, step count, evaluation counts,
///   seconds, stop reason and the recorded trajectory.
/// - Complexity: no allocation per step unless the trajectory is recorded (one array of
///   `n` per recorded step).
@inlinable
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
  var schedule = options.schedule.map { AnySchedule(base: $0) }
  var random: GaussianGenerator?
  var initialLoss: O.Scalar?
  var evaluations = EvaluationCounts()
  return runLoop(
    objective, x: &x, step: &step, optimizer: &optimizer, schedule: &schedule, random: &random,
    initialLoss: &initialLoss, evaluations: &evaluations, options: options, observer: observer)
}

/// Minimizes with an optimizer passed by value (its final state is discarded).
@inlinable
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
@inlinable
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
@usableFromInline
struct AnySchedule: Schedule {
  @usableFromInline var base: any Schedule
  @inlinable init(base: any Schedule) { self.base = base }
  @inlinable func value(at step: Int, base rate: Double) -> Double { base.value(at: step, base: rate) }
  @inlinable mutating func observe(loss: Double, step: Int, base rate: Double) {
    base.observe(loss: loss, step: step, base: rate)
  }
}

/// The loop itself, over the pieces of a run's state. A fresh run (`initialLoss == nil`)
/// prepares the optimizer and seeds the noise; a resumed one does neither.
///
/// Inlinable, so that a caller with concrete objective and optimizer types gets the whole
/// loop specialized: the update, the objective and the bookkeeping compile into one
/// function with no generic dispatch. Per step it does only what the options ask for: the
/// previous point is kept only when the step length is needed (an observer or a step
/// tolerance), the clock is read only for a time limit or an observer, and the loop's own
/// evaluations are counted in a plain integer (the objective handed to the optimizer, for
/// methods that evaluate it themselves, counts atomically).
@inlinable
func runLoop<O: Objective, Opt: Optimizer, Sch: Schedule>(
  _ objective: O, x: inout [O.Scalar], step: inout Int, optimizer: inout Opt, schedule: inout Sch?,
  random: inout GaussianGenerator?, initialLoss: inout O.Scalar?, evaluations: inout EvaluationCounts,
  options: MinimizeOptions, observer: ((borrowing StepEvent<O.Scalar>) -> ObserverDecision)?
) -> MinimizationResult<O.Scalar> where Opt.Scalar == O.Scalar {
  typealias S = O.Scalar
  let n = objective.dimension
  precondition(options.maxSteps >= 0, "maxSteps must be non-negative")
  precondition(options.recordEvery >= 1, "recordEvery must be at least 1")

  // Evaluations the optimizer makes itself (line searches) go through `counted`; the
  // loop's own, one per step, are counted here.
  let counted = CountedObjective(objective)
  var loopEvaluations = 0
  let clock = ContinuousClock()
  let started = clock.now
  let baseRate = Double(optimizer.learningRate)
  let constantRate = S(baseRate)
  // Tested once: reading the optional schedule every step would copy the existential.
  let hasSchedule = schedule != nil
  func rate(_ step: Int) -> S {
    guard hasSchedule else { return constantRate }
    return S(schedule!.value(at: step, base: baseRate))
  }
  let transform = options.gradientTransform
  let identity = transform.isIdentity
  let fresh = initialLoss == nil
  if fresh {
    optimizer.prepare(dimension: n)
    random = transform.noise != nil ? GaussianGenerator(seed: transform.seed) : nil
  } else if transform.noise != nil && random == nil {
    random = GaussianGenerator(seed: transform.seed)
  }

  let recordTrajectory = options.recordTrajectory, recordEvery = options.recordEvery
  let stepTolerance = options.stepTolerance
  let lossChangeTolerance = options.lossChangeTolerance
  let relativeLossChangeTolerance = options.relativeLossChangeTolerance
  let maxEvaluations = options.maxEvaluations
  let timeLimit = options.timeLimit
  let maxSteps = options.maxSteps
  let needsStepNorm = observer != nil || stepTolerance != nil
  // The gradient norm is computed every step only when something reads it then (the
  // trajectory, an observer, the gradient tolerance); otherwise the loop checks that the
  // gradient is finite with one comparison per component and computes the norm for the
  // result once at the end. Below `safeMagnitude` no entry can make the (scaled) norm
  // overflow, so a gradient whose entries all are is known to have a finite norm.
  let needsGradientNorm = recordTrajectory || observer != nil || options.gradientTolerance != nil
  let safeMagnitude = S.greatestFiniteMagnitude / (2 * S(Swift.max(n, 1)).squareRoot())

  // The loop works on buffers of its own (the point, the gradient, the transformed
  // gradient when a transform changes it, the point before the step when the step length
  // is needed), allocated once; the point is copied back into `x` at the end.
  let workspace = UnsafeMutableBufferPointer<S>.allocate(capacity: Swift.max(1, 4 * n))
  defer { workspace.deallocate() }
  _ = workspace.initialize(repeating: 0)
  let xp = UnsafeMutableBufferPointer(rebasing: workspace[0..<n])
  let gp = UnsafeMutableBufferPointer(rebasing: workspace[n..<(2 * n)])
  let tp = UnsafeMutableBufferPointer(rebasing: workspace[(2 * n)..<(identity ? 2 * n : 3 * n)])
  let pp = UnsafeMutableBufferPointer(rebasing: workspace[(3 * n)..<(needsStepNorm ? 4 * n : 3 * n)])
  x.withUnsafeBufferPointer { _ = xp.update(fromContentsOf: $0) }
  let xr = UnsafeBufferPointer(xp), gr = UnsafeBufferPointer(gp)
  var trajectory: [TrajectoryPoint<S>] = []

  let firstStep = step
  var loss: S = 0
  var gradientNorm: S = 0
  var stop: StopReason?
  loss = objective.value(at: xr, gradient: gp)
  loopEvaluations += 1
  gradientNorm = VectorMath.norm(gr)
  if fresh { initialLoss = loss }
  if recordTrajectory {
    trajectory.append(
      TrajectoryPoint(step: step, x: Array(xr), loss: loss, gradientNorm: gradientNorm, learningRate: rate(step)))
  }

  // Divergence is judged against the run's first loss, in the direction of optimization.
  let sign: Double = transform.maximize ? -1 : 1
  let f0 = sign * Double(initialLoss!)
  let blowUp = options.divergenceFactor.map { $0 * Swift.max(1, abs(f0)) }
  let gradientTolerance = options.gradientTolerance.map { S($0) }
  let maximumNormTest = options.gradientToleranceNorm == .maximum
  let relativeLossChangeFloor = options.relativeLossChangeFloor
  // The divergence bounds (±∞ without a divergence factor, where no finite loss crosses
  // them), and whether any of the other stopping rules is on: most runs test only these.
  let divergedAbove = blowUp.map { f0 + $0 } ?? .infinity
  let unboundedBelow = blowUp.map { f0 - $0 } ?? -.infinity
  let checksTolerances =
    gradientTolerance != nil || stepTolerance != nil || lossChangeTolerance != nil
    || relativeLossChangeTolerance != nil || maxEvaluations != nil || timeLimit != nil

  if !loss.isFinite || !gradientNorm.isFinite || !VectorMath.allFinite(xr) {
    stop = .nonFinite
  } else if let gradientTolerance, _testedNorm(gr, euclidean: gradientNorm, maximum: maximumNormTest) <= gradientTolerance {
    stop = .gradientTolerance
  }

  // The common run — constant rate, no gradient transform, observer, recording or stopping
  // rule other than divergence — takes the same steps, with the same checks, in a loop
  // without the tests of what is off. It leaves the general loop nothing to do, or stops.
  let plainRun =
    identity && !hasSchedule && observer == nil && !recordTrajectory && !needsStepNorm && !checksTolerances
  if plainRun && stop == nil {
    var current = step
    while current - firstStep < maxSteps {
      let outcome = optimizer.step(x: xp, value: &loss, gradient: gp, learningRate: constantRate, objective: counted)
      current += 1
      switch outcome {
      case .moved:
        loss = objective.value(at: xr, gradient: gp)
        loopEvaluations += 1
      case .evaluated:
        break
      case .failed(let reason):
        stop = reason
      }
      if stop != nil { break }
      let f = sign * Double(loss)
      if !loss.isFinite || !_pointAndGradientAreFinite(xr, gr, safeMagnitude: safeMagnitude) {
        stop = .nonFinite
        break
      } else if f > divergedAbove {
        stop = .diverged
        break
      } else if f < unboundedBelow {
        stop = .unboundedBelow
        break
      }
    }
    step = current
  }

  while stop == nil && step - firstStep < maxSteps {
    let eta = hasSchedule ? rate(step) : constantRate
    let lossBefore = loss
    if needsStepNorm { _ = pp.update(fromContentsOf: xr) }
    let outcome: StepOutcome
    if identity {
      outcome = optimizer.step(x: xp, value: &loss, gradient: gp, learningRate: eta, objective: counted)
    } else {
      _ = tp.update(fromContentsOf: gr)
      transform.apply(to: tp, random: &random)
      outcome = optimizer.step(x: xp, value: &loss, gradient: tp, learningRate: eta, objective: counted)
    }
    step += 1
    switch outcome {
    case .moved:
      loss = objective.value(at: xr, gradient: gp)
      loopEvaluations += 1
    case .evaluated:
      // The optimizer wrote ∇f at the new point into the buffer it was given.
      if !identity { _ = gp.update(fromContentsOf: UnsafeBufferPointer(tp)) }
    case .failed(let reason):
      stop = reason
    }
    // Whether the gradient (its norm) and the point are finite, in one pass when the norm
    // is not needed now.
    var finite: Bool
    if needsGradientNorm {
      gradientNorm = VectorMath.norm(gr)
      finite = gradientNorm.isFinite && VectorMath.allFinite(xr)
    } else {
      finite = _pointAndGradientAreFinite(xr, gr, safeMagnitude: safeMagnitude)
    }
    var stepNorm: S = 0
    if needsStepNorm {
      var stepNormSquared: S = 0
      for i in 0..<n {
        let d = xp[i] - pp[i]
        stepNormSquared += d * d
      }
      stepNorm = stepNormSquared.squareRoot()
    }

    if recordTrajectory && (step % recordEvery == 0) {
      trajectory.append(
        TrajectoryPoint(step: step, x: Array(xr), loss: loss, gradientNorm: gradientNorm, learningRate: eta))
    }
    if stop != nil { break }

    if let observer {
      let decision = observer(
        StepEvent(
          step: step, x: xr, gradient: gr, loss: loss, gradientNorm: gradientNorm, learningRate: eta,
          stepNorm: stepNorm, elapsedSeconds: _seconds(since: started, clock: clock)))
      if case .stop = decision {
        stop = .observer
        break
      }
    }
    if hasSchedule { schedule!.observe(loss: Double(loss), step: step, base: baseRate) }

    let f = Double(loss)
    if !loss.isFinite || !finite {
      stop = .nonFinite
    } else if sign * f > divergedAbove {
      stop = .diverged
    } else if sign * f < unboundedBelow {
      stop = .unboundedBelow
    } else if !checksTolerances {
      // None of the rules below is on.
    } else if let gradientTolerance, _testedNorm(gr, euclidean: gradientNorm, maximum: maximumNormTest) <= gradientTolerance {
      stop = .gradientTolerance
    } else if let tol = stepTolerance, Double(stepNorm) <= tol {
      stop = .stepTolerance
    } else if let tol = lossChangeTolerance, abs(f - Double(lossBefore)) <= tol {
      stop = .lossChange
    } else if let tol = relativeLossChangeTolerance,
      abs(f - Double(lossBefore)) <= tol * Swift.max(abs(f), abs(Double(lossBefore)), relativeLossChangeFloor)
    {
      stop = .relativeLossChange
    } else if let limit = maxEvaluations, counted.counts.objective + loopEvaluations >= limit {
      stop = .maxEvaluations
    } else if let limit = timeLimit, clock.now - started >= limit {
      stop = .timeLimit
    }
  }
  if !needsGradientNorm { gradientNorm = VectorMath.norm(gr) }
  x.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: xr) }

  if recordTrajectory, let last = trajectory.last, last.step != step {
    trajectory.append(
      TrajectoryPoint(
        step: step, x: x, loss: loss, gradientNorm: gradientNorm,
        learningRate: rate(Swift.max(step - 1, firstStep))))
  }
  return _finishRun(
    counted, x: x, loss: loss, gradientNorm: gradientNorm, step: step, stop: stop,
    loopEvaluations: loopEvaluations, evaluations: &evaluations, started: started, clock: clock,
    trajectory: trajectory, classify: options.classifyFinalPoint)
}

/// Whether every coordinate of `x` is finite and `‖g‖₂` is finite: one pass without
/// branches (`g·0 + x·0` is 0 when both are finite, NaN otherwise; no entry of at most
/// `safeMagnitude` can make the norm overflow), and the exact test only when that fails.
@inlinable @inline(__always)
func _pointAndGradientAreFinite<S: DescentScalar>(
  _ x: UnsafeBufferPointer<S>, _ g: UnsafeBufferPointer<S>, safeMagnitude: S
) -> Bool {
  var nonFinite: S = 0
  var largest: S = 0
  for i in 0..<x.count {
    nonFinite += g[i] * 0 + x[i] * 0
    let magnitude = g[i].magnitude
    largest = magnitude > largest ? magnitude : largest
  }
  if nonFinite == 0 && largest <= safeMagnitude { return true }
  return VectorMath.norm(g).isFinite && VectorMath.allFinite(x)
}

/// The end of a run, out of line (once per run): classify the final point of a converged
/// run (or of a stalled one at a near-stationary point, see ``Stationarity``), add up the
/// evaluation counts, build the result.
@usableFromInline
func _finishRun<O: Objective>(
  _ counted: CountedObjective<O>, x: [O.Scalar], loss: O.Scalar, gradientNorm: O.Scalar, step: Int,
  stop: StopReason?, loopEvaluations: Int, evaluations: inout EvaluationCounts,
  started: ContinuousClock.Instant, clock: ContinuousClock, trajectory: [TrajectoryPoint<O.Scalar>],
  classify: Bool
) -> MinimizationResult<O.Scalar> {
  let n = counted.dimension
  // Say what a converged run stopped at: minimum, saddle, maximum or degenerate; and what
  // a stalled run stopped at, when that is near-stationary.
  var finalPoint: PointClassification?
  if classify, let stop,
    stop.isConvergence
      || (stop.isStall && Stationarity.isNearStationary(x: x, loss: loss, gradientNorm: gradientNorm)),
    n <= (counted.hasExactHessian
      ? PointClassification.exactHessianDimensionLimit : PointClassification.finiteDifferenceDimensionLimit)
  {
    finalPoint = counted.classifyPoint(at: x)
  }
  var counts = counted.counts
  counts.objective += loopEvaluations
  counts.gradient += loopEvaluations
  evaluations.objective += counts.objective
  evaluations.gradient += counts.gradient
  evaluations.hessian += counts.hessian
  evaluations.hessianVectorProducts += counts.hessianVectorProducts
  return MinimizationResult(
    x: x, loss: loss, gradientNorm: gradientNorm, steps: step, stopReason: stop ?? .maxSteps,
    evaluations: counts, seconds: _seconds(since: started, clock: clock),
    trajectory: trajectory, finalPoint: finalPoint)
}

@usableFromInline
func _seconds(since start: ContinuousClock.Instant, clock: ContinuousClock) -> Double {
  let d = clock.now - start
  return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// The norm the gradient tolerance is tested in: the 2-norm (already computed, `euclidean`)
/// or, with `maximum`, the largest magnitude (SciPy's test). A free function, not a
/// closure over the loop's variables, so those stay in registers.
@inlinable
func _testedNorm<S: DescentScalar>(_ g: UnsafeBufferPointer<S>, euclidean: S, maximum: Bool) -> S {
  guard maximum else { return euclidean }
  var m: S = 0
  for v in g { m = Swift.max(m, v.magnitude) }
  return m
}

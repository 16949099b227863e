import DescentCore
import Foundation
import Testing

@testable import DescentOptimizers

/// Runs `n` steps in one go, and `k` steps, a JSON round trip of the state, then `n − k`
/// steps; returns both final states and trajectories.
func runSplit<Opt: GradientOptimizer>(
  _ optimizer: Opt, schedule: ScheduleSpec?, transform: GradientTransform, n: Int, k: Int,
  objective: ClosureObjective<Double> = ravine
) throws -> (whole: RunState<Opt>, split: RunState<Opt>, wholeTrajectory: [TrajectoryPoint<Double>],
  splitTrajectory: [TrajectoryPoint<Double>]) where Opt.Scalar == Double {
  func options(_ steps: Int) -> MinimizeOptions {
    MinimizeOptions(maxSteps: steps, gradientTolerance: nil, divergenceFactor: nil, gradientTransform: transform)
  }
  var whole = RunState(start: [1.8, 0.5], optimizer: optimizer, schedule: schedule)
  let all = minimize(objective, state: &whole, options: options(n))

  var first = RunState(start: [1.8, 0.5], optimizer: optimizer, schedule: schedule)
  let head = minimize(objective, state: &first, options: options(k))
  let encoder = JSONEncoder()
  encoder.outputFormatting = .sortedKeys
  let saved = try encoder.encode(first)
  var resumed = try JSONDecoder().decode(RunState<Opt>.self, from: saved)
  #expect(try encoder.encode(resumed) == saved, "the state survives its JSON round trip")
  let tail = minimize(objective, state: &resumed, options: options(n - k))
  return (whole, resumed, all.trajectory, head.trajectory + tail.trajectory.dropFirst())
}

func expectBitIdentical(_ a: [TrajectoryPoint<Double>], _ b: [TrajectoryPoint<Double>], _ label: String) {
  #expect(a.count == b.count, "\(label): trajectory lengths")
  for (p, q) in zip(a, b) where p.x.map(\.bitPattern) != q.x.map(\.bitPattern)
    || p.learningRate.bitPattern != q.learningRate.bitPattern || p.step != q.step
  {
    Issue.record("\(label): step \(p.step) differs: \(p.x) lr \(p.learningRate) vs \(q.x) lr \(q.learningRate)")
    return
  }
}

@Suite("Save and resume is bit-identical")
struct ResumeTests {
  @Test("GD + every fixture schedule + gradient noise: 120 steps = 45 + JSON + 75",
        arguments: ScheduleFixture.shared.cases.map(\.schedule))
  func everySchedule(_ text: String) throws {
    let schedule = try ScheduleSpec(parsing: text)
    let r = try runSplit(
      GradientDescent<Double>(learningRate: 0.04), schedule: schedule,
      transform: GradientTransform(noise: 0.3, seed: 5, clipNorm: 4), n: 120, k: 45)
    #expect(r.whole.x.map(\.bitPattern) == r.split.x.map(\.bitPattern))
    #expect(r.whole.step == 120 && r.split.step == 120)
    #expect(r.whole.random == r.split.random)
    #expect(r.whole.schedule == r.split.schedule)
    #expect(r.whole.evaluations.gradient == 121 && r.split.evaluations.gradient == 122)
    expectBitIdentical(r.wholeTrajectory, r.splitTrajectory, text)
  }

  @Test("reduce-on-plateau state crosses the checkpoint (the split lands mid-patience)")
  func plateauState() throws {
    // Constant loss after the start: every step is a bad step.
    let flat = ClosureObjective<Double>(dimension: 2) { x, g in
      g[0] = 1e-3; g[1] = 0
      return 1
    }
    let schedule = try ScheduleSpec(parsing: "plateau:patience=4,factor=0.5")
    let r = try runSplit(
      GradientDescent<Double>(learningRate: 0.1), schedule: schedule, transform: GradientTransform(), n: 30, k: 7,
      objective: flat)
    #expect(r.wholeTrajectory.map(\.learningRate) == r.splitTrajectory.map(\.learningRate))
    #expect(r.whole.schedule!.value(at: 0, base: 0.1) < 0.1 / 16)
    expectBitIdentical(r.wholeTrajectory, r.splitTrajectory, "plateau")
  }

  @Test("wrapped optimizers resume too: momentum cycling and parameter groups with state")
  func wrappers() throws {
    let cycle = try ScheduleSpec(parsing: "one-cycle:max-lr=0.05,total=100")
    let cycled = try HyperparameterScheduled(
      HeavyBall(learningRate: 0.05, momentum: 0.9), schedules: ["momentum": .momentum(of: cycle)])
    let a = try runSplit(cycled, schedule: cycle, transform: GradientTransform(noise: 0.1, seed: 1), n: 100, k: 33)
    expectBitIdentical(a.wholeTrajectory, a.splitTrajectory, "one-cycle momentum")
    #expect(a.whole.optimizer.step == 100 && a.split.optimizer.step == 100)

    let ball = HeavyBall(learningRate: 0.02, momentum: 0.8)
    let groups = ParameterGroups(base: ball, groups: [
      .init(name: "y", range: 1..<2, optimizer: HeavyBall(learningRate: 0.02, momentum: 0.5), learningRateScale: 0.5)
    ])
    let b = try runSplit(groups, schedule: nil, transform: GradientTransform(clipValue: 1, maximize: false), n: 80, k: 1)
    expectBitIdentical(b.wholeTrajectory, b.splitTrajectory, "parameter groups")
  }

  @Test("a checkpoint taken before any step resumes like a fresh run")
  func checkpointAtZero() throws {
    let r = try runSplit(
      GradientDescent<Double>(learningRate: 0.04), schedule: try ScheduleSpec(parsing: "warmup:steps=5+cosine:t-max=50"),
      transform: GradientTransform(noise: 1, seed: 9), n: 40, k: 0)
    expectBitIdentical(r.wholeTrajectory, r.splitTrajectory, "k = 0")
  }
}

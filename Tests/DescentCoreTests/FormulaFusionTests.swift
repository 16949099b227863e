import Testing

@testable import DescentCore

/// The compiler's fusion step (``FormulaCompiler``): fused opcodes must compute exactly the
/// bits of the plain instructions they replace, and must actually shorten programs.
@Suite("Formula instruction fusion")
struct FormulaFusionTests {
  /// Runs `program` in `Scalar` at `x` and returns every output.
  static func outputs<Scalar: DescentScalar>(_ program: FormulaProgram, at x: [Scalar]) -> [Scalar] {
    let kernel = FormulaKernelStorage<Scalar>(program)
    return withExtendedLifetime(kernel) {
      let k = kernel.kernel
      return x.withUnsafeBufferPointer { xp in
        k.withRegisters { r in
          k.run(at: xp.baseAddress!, registers: r)
          return (0..<program.outputCount).map { r[Int(k.outputs[$0])] }
        }
      }
    }
  }

  /// The value, gradient and Hessian programs of `formula`, with and without fusion.
  static func programPairs(_ formula: Formula) -> [(fused: FormulaProgram, plain: FormulaProgram)] {
    let n = formula.dimension
    let outputSets = [
      [formula.valueNode], [formula.valueNode] + formula.gradientNodes,
      [formula.valueNode] + formula.gradientNodes + formula.hessianNodes,
    ]
    return outputSets.map { outputs in
      (
        FormulaCompiler.compile(nodes: formula.nodes, outputs: outputs, variableCount: n),
        FormulaCompiler.compile(nodes: formula.nodes, outputs: outputs, variableCount: n, fuse: false)
      )
    }
  }

  static func sameBits<S: BinaryFloatingPoint>(_ a: S, _ b: S) -> Bool {
    a.isNaN ? b.isNaN : a == b && a.sign == b.sign
  }

  @Test("Fused and plain programs give identical bits in Float and Double (400 random formulas)")
  func fusionChangesNoBits() throws {
    var g = SeededGenerator(seed: 31)
    var formulas = [
      "100*(y-x^2)^2+(1-x)^2", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "x*y*z + 3*x*y - 2*y*z",
      "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    ]
    for _ in 0..<400 { formulas.append(FormulaFuzzTests.randomFormula(4, &g)) }
    var fusedOpcodes = Set<FormulaOpcode>()
    var compared = 0
    for text in formulas {
      guard let formula = try? Formula(text) else { continue }
      for (fused, plain) in Self.programPairs(formula) {
        #expect(fused.instructionCount <= plain.instructionCount, "\(text)")
        fusedOpcodes.formUnion(fused.instructions.map(\.opcode).filter { $0.rawValue >= FormulaOpcode.multiplyAdd.rawValue })
        for _ in 0..<3 {
          let x = randomPoint(formula.dimension, -3, 3, using: &g)
          let doubles = (Self.outputs(fused, at: x), Self.outputs(plain, at: x))
          let floats = (Self.outputs(fused, at: x.map { Float($0) }), Self.outputs(plain, at: x.map { Float($0) }))
          for k in 0..<fused.outputCount {
            #expect(Self.sameBits(doubles.0[k], doubles.1[k]), "\(text) output \(k) at \(x): \(doubles)")
            #expect(Self.sameBits(floats.0[k], floats.1[k]), "\(text) output \(k) at \(x) (Float): \(floats)")
          }
          compared += 1
        }
      }
    }
    #expect(compared > 600)
    // Every fused form was exercised.
    let allFused = Set(FormulaOpcode.allCases.filter { $0.rawValue >= FormulaOpcode.multiplyAdd.rawValue })
    #expect(fusedOpcodes == allFused, "not exercised: \(allFused.subtracting(fusedOpcodes))")
  }

  @Test("Rosenbrock's value and gradient run in 5 instructions")
  func rosenbrock() throws {
    let f = try Formula("100*(y-x^2)^2+(1-x)^2")
    let plain = Self.programPairs(f)[1].plain
    #expect(plain.instructionCount == 12)
    #expect(f.gradientProgram.instructionCount == 5)
    let opcodes = f.gradientProgram.instructions.map(\.opcode)
    #expect(opcodes.contains(.subtractMultiply))  // y − x·x
    #expect(opcodes.contains(.sumOfProducts))  // 100·(u·u) + 1·(p·p)
    #expect(opcodes.contains(.differenceOfProducts))  // −2·(p·1) − 400·(u·x)
    #expect(f.gradientProgram.listing.contains("differenceOfProducts"))
    let x = [-1.2, 1.0]
    let outputs = Self.outputs(f.gradientProgram, at: x)
    // f, ∂f/∂x, ∂f/∂y written out by hand.
    let a = x[1] - x[0] * x[0]
    #expect(outputs == [100 * (a * a) + (1 - x[0]) * (1 - x[0]), -2 * (1 - x[0]) - 400 * (a * x[0]), 200 * a])
  }

  @Test("A result read by two instructions or returned as an output is not fused away")
  func sharedResultsStay() throws {
    // x*y is both an output-free shared subexpression and read twice.
    let f = try Formula("(x*y + 1)*(x*y - 2)")
    #expect(f.valueProgram.instructions.filter { $0.opcode == .multiply }.count >= 1)
    // The gradient's outputs are never folded into a later instruction.
    let g = try Formula("x^2*y")
    for output in g.gradientProgram.outputs {
      #expect(g.gradientProgram.instructions.contains { $0.destination == output })
    }
  }
}

import Foundation
import Testing

@testable import Downhill

@Suite struct ExpressionTests {
  @Test func evaluatesWithExactDerivatives() throws {
    let quartic = try Expression("x^4 - 3*x^3 + 2")
    let (value, gradient) = quartic.evaluate(at: [1.5])
    let x = 1.5
    let expectedValue: Double = x * x * x * x - 3 * x * x * x + 2
    let expectedSlope: Double = 4 * x * x * x - 9 * x * x
    #expect(value == expectedValue)
    #expect(gradient == [expectedSlope])
    #expect(quartic.usedVariables == ["x"])

    let rosenbrock = try Expression("(1-x)^2 + 100*(y-x^2)^2")
    for point in [[-1.2, 1.0], [0.3, -0.7], [1, 1]] {
      let ours = rosenbrock.evaluate(at: point)
      let exact = TestFunction.rosenbrock.evaluate(point)
      #expect(abs(ours.value - exact.value) <= 1e-13 * max(1, abs(exact.value)))
      for i in 0..<2 {
        #expect(abs(ours.gradient[i] - exact.gradient[i]) <= 1e-12 * max(1, abs(exact.gradient[i])))
      }
    }
  }

  @Test(arguments: [
    ("1 + 2 * 3", 7.0), ("2^3^2", 512), ("-2^2", -4), ("2^-1", 0.5), ("(1+2)*3", 9),
    ("1e-3 * 1000", 1),
    (".5 + 3.", 3.5), ("8 / 4 / 2", 1), ("pi", Double.pi), ("e", M_E), ("2 ** 3", 8), ("--3", 3),
    ("sqrt(16) + abs(-2)", 6), ("log(e)", 1), ("sigmoid(0)", 0.5), ("tanh(0) + cos(0)", 1),
    ("+x", 0.25),
    ("exp(0) * sin(0) + tan(0)", 0),
  ])
  func precedenceAndFunctions(text: String, expected: Double) throws {
    let value = try Expression(text).value(at: [0.25, 0])
    #expect(abs(value - expected) <= 1e-15 * max(1, abs(expected)), "\(text) = \(value)")
  }

  @Test(arguments: ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid"])
  func functionDerivativesMatchCentralDifferences(name: String) throws {
    let expression = try Expression("\(name)(x^2 + 0.5*y) * y")
    let point = [0.7, 1.3]
    let (_, gradient) = expression.evaluate(at: point)
    for i in 0..<2 {
      var plus = point, minus = point
      plus[i] += 1e-6
      minus[i] -= 1e-6
      let numeric = (expression.value(at: plus) - expression.value(at: minus)) / 2e-6
      #expect(abs(gradient[i] - numeric) < 1e-6 * max(1, abs(numeric)), "∂\(name)/∂\(i)")
    }
  }

  @Test func powerRuleHandlesNegativeBasesAndVariableExponents() throws {
    #expect(try Expression("x^3").evaluate(at: [-2]).gradient == [12])
    #expect(try Expression("x^0").evaluate(at: [0]).gradient == [0])
    let (value, gradient) = try Expression("2^x").evaluate(at: [3])
    #expect(value == 8 && abs(gradient[0] - 8 * log(2)) < 1e-14)
    let xy = try Expression("x^y").evaluate(at: [2, 3])
    #expect(xy.gradient == [3 * 4, 8 * log(2)])
    #expect(try Expression("x / y").evaluate(at: [3, 2]).gradient == [0.5, -0.75])
  }

  @Test func customVariables() throws {
    let expression = try Expression("theta1 * theta2^2", variables: ["theta1", "theta2"])
    #expect(expression.evaluate(at: [2, 3]).gradient == [9, 12])
  }

  @Test(arguments: [
    ("(x+1))", "unexpected ')' at column 6"),
    ("x^4 - )", "unexpected ')' at column 7"),
    (
      "sni(x)",
      "unknown function 'sni' at column 1 (known: sin cos tan exp log sqrt abs tanh sigmoid)"
    ),
    ("x + z", "unknown variable 'z' at column 5 (variables: 'x', 'y'; constants: pi, e)"),
    ("", "empty expression"),
    ("   ", "empty expression"),
    ("x^2 3", "unexpected '3' at column 5"),
    ("2x", "unexpected 'x' at column 2"),
    ("x^", "unexpected end of expression at column 3"),
    ("(x + 1", "'(' at column 1 is never closed"),
    ("sin(x", "'(' at column 4 is never closed"),
    ("x $ 2", "unexpected character '$' at column 3"),
    (".", "malformed number '.' at column 1"),
    ("sin x", "function 'sin' at column 1 needs an argument in parentheses: sin(…)"),
    ("x * * 2", "unexpected '*' at column 5"),
  ])
  func reportsMalformedInputWithColumn(text: String, message: String) {
    do {
      _ = try Expression(text)
      Issue.record("\(text.debugDescription) should not parse")
    } catch {
      #expect(error.description == message)
    }
  }
}

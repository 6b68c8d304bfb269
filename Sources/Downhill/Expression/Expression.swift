import Foundation

/// A function of a few named variables parsed from text such as `x^4 - 3*x^3 + 2` or
/// `(1-x)^2 + 100*(y-x^2)^2`, evaluated with exact derivatives by forward-mode automatic
/// differentiation.
///
/// Grammar (usual precedence; `^` binds tighter than unary minus and is right-associative, so
/// `-x^2` is −(x²) and `2^3^2` is 2⁹):
///
///     expression = term { ("+" | "-") term }
///     term       = unary { ("*" | "/") unary }
///     unary      = ("-" | "+") unary | power
///     power      = primary [ ("^" | "**") unary ]
///     primary    = number | name | function "(" expression ")" | "(" expression ")"
///
/// Numbers: `2`, `1e-3`, `.5`, `3.`; names: the given variables, then the constants `pi` and `e`;
/// functions: sin cos tan exp log (natural) sqrt abs tanh sigmoid.
public struct Expression: Sendable, CustomStringConvertible {
  /// The text as typed.
  public let source: String
  /// The variables, in the order `evaluate(at:)` expects their values.
  public let variables: [String]
  let root: ExpressionNode

  /// Parses `source` over `variables`.
  /// - Throws: `ExpressionError` with the column of the first problem.
  public init(_ source: String, variables: [String] = ["x", "y"]) throws(ExpressionError) {
    self.source = source
    self.variables = variables
    var parser = ExpressionParser(source, variables: variables)
    self.root = try parser.parse()
  }

  /// The variables that actually occur, in `variables` order.
  public var usedVariables: [String] {
    let used = root.variableIndices
    return variables.indices.filter { used.contains($0) }.map { variables[$0] }
  }

  /// f at `point` (one value per variable; missing trailing ones count as 0).
  public func value(at point: [Double]) -> Double {
    root.value(point)
  }

  /// f and its exact gradient at `point`.
  public func evaluate(at point: [Double]) -> (value: Double, gradient: [Double]) {
    let result = root.dual(point, count: point.count)
    return (result.value, result.partials)
  }

  /// The expression as an optimizer objective.
  public var objective: Objective { { evaluate(at: $0) } }

  public var description: String { source }
}

/// The one-argument functions an expression may call.
enum MathFunction: String, CaseIterable, Sendable {
  case sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid

  static var allNames: String { allCases.map(\.rawValue).joined(separator: " ") }

  func callAsFunction(_ x: Double) -> Double {
    switch self {
    case .sin: Foundation.sin(x)
    case .cos: Foundation.cos(x)
    case .tan: Foundation.tan(x)
    case .exp: Foundation.exp(x)
    case .log: Foundation.log(x)
    case .sqrt: x.squareRoot()
    case .abs: Swift.abs(x)
    case .tanh: Foundation.tanh(x)
    case .sigmoid: 1 / (1 + Foundation.exp(-x))
    }
  }

  /// f′(x), given f(x) as `fx` where that saves work.
  func derivative(_ x: Double, _ fx: Double) -> Double {
    switch self {
    case .sin: Foundation.cos(x)
    case .cos: -Foundation.sin(x)
    case .tan: 1 + fx * fx
    case .exp: fx
    case .log: 1 / x
    case .sqrt: 0.5 / fx
    case .abs: x > 0 ? 1 : x < 0 ? -1 : 0  // the subgradient 0 at the kink
    case .tanh: 1 - fx * fx
    case .sigmoid: fx * (1 - fx)
    }
  }
}

/// A parsed expression tree.
indirect enum ExpressionNode: Sendable {
  case number(Double)
  case variable(Int)
  case negate(ExpressionNode)
  case add(ExpressionNode, ExpressionNode)
  case subtract(ExpressionNode, ExpressionNode)
  case multiply(ExpressionNode, ExpressionNode)
  case divide(ExpressionNode, ExpressionNode)
  case power(ExpressionNode, ExpressionNode)
  case call(MathFunction, ExpressionNode)

  var variableIndices: Set<Int> {
    switch self {
    case .number: []
    case .variable(let index): [index]
    case .negate(let a), .call(_, let a): a.variableIndices
    case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b),
      .divide(let a, let b),
      .power(let a, let b):
      a.variableIndices.union(b.variableIndices)
    }
  }

  func value(_ point: [Double]) -> Double {
    switch self {
    case .number(let value): value
    case .variable(let index): index < point.count ? point[index] : 0
    case .negate(let a): -a.value(point)
    case .add(let a, let b): a.value(point) + b.value(point)
    case .subtract(let a, let b): a.value(point) - b.value(point)
    case .multiply(let a, let b): a.value(point) * b.value(point)
    case .divide(let a, let b): a.value(point) / b.value(point)
    case .power(let a, let b): pow(a.value(point), b.value(point))
    case .call(let function, let a): function(a.value(point))
    }
  }

  func dual(_ point: [Double], count: Int) -> Dual {
    switch self {
    case .number(let value): return .constant(value, count: count)
    case .variable(let index):
      guard index < count else { return .constant(0, count: count) }
      return .variable(point[index], index: index, count: count)
    case .negate(let a): return -a.dual(point, count: count)
    case .add(let a, let b): return a.dual(point, count: count) + b.dual(point, count: count)
    case .subtract(let a, let b): return a.dual(point, count: count) - b.dual(point, count: count)
    case .multiply(let a, let b): return a.dual(point, count: count) * b.dual(point, count: count)
    case .divide(let a, let b): return a.dual(point, count: count) / b.dual(point, count: count)
    case .power(let a, let b): return .pow(a.dual(point, count: count), b.dual(point, count: count))
    case .call(let function, let a):
      let inner = a.dual(point, count: count)
      let value = function(inner.value)
      return inner.chain(value, function.derivative(inner.value, value))
    }
  }
}

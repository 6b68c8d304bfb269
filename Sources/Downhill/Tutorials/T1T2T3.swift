import Foundation

extension Tutorials {
  /// T1's two gradients: the tutorial's (which leaves out x) and the true derivative.
  public enum T1Gradient: Sendable {
    case tutorial
    case correct
  }

  /// T1: h(x) = σ(x·w), w from 5, C = Σ (1/m)(h − y)², 2000 steps of size 0.5.
  public static func t1(gradient: T1Gradient) -> String {
    let x = Matrix([[0.1], [0.25], [0.5], [0.75], [1.0]])
    let y = Matrix(rows: 5, columns: 1)
    let m = 5.0
    func h(_ w: Double) -> Matrix { Activation.sigmoid.forward(x * w) }
    func cost(_ w: Double) -> Double {
      (h(w) - y).map { (1 / m) * ($0 * $0) }.sum
    }
    var w = 5.0
    var out = "Cost before training: \(PythonFormat.float(cost(w)))\n"
    for _ in 0..<2000 {
      let h = h(w)
      let dC: Double
      switch gradient {
      case .tutorial:
        dC = (h - y).hadamard(h).hadamard(1 - h).sum
      case .correct:
        dC = ((2 / m) * (h - y)).hadamard(h).hadamard(1 - h).hadamard(x).sum
      }
      w = w - 0.5 * dC
    }
    out += "Final weight: \(PythonFormat.float(w))\n"
    out += "Final cost: \(PythonFormat.float(cost(w)))\n"
    out += "Rounded: w = \(PythonFormat.float(roundHalfEven(w, 4)))"
    out += ", cost = \(PythonFormat.float(roundHalfEven(cost(w), 4)))\n"
    return out
  }

  /// Python's `round(x, n)` (correctly rounded through the decimal string).
  static func roundHalfEven(_ x: Double, _ digits: Int) -> Double {
    Double(String(format: "%.*f", digits, x)) ?? x
  }

  /// T2: x ← x − 0.01·f′(x) from 4 until a step moves less than 0.00001.
  public static func t2() -> String {
    func df(_ x: Double) -> Double { 4 * Foundation.pow(x, 3) - 9 * Foundation.pow(x, 2) }
    var xOld = 0.0
    var xNew = 4.0
    var steps = 0
    while abs(xNew - xOld) > 0.00001 {
      xOld = xNew
      xNew = xOld - 0.01 * df(xOld)
      steps += 1
    }
    return "Local minimum occurs at \(PythonFormat.float(xNew))\nNumber of steps: \(steps)\n"
  }

  /// T3: the NOT gate, X = [[0, 1], [1, 1]] (bit, bias), y = [[1], [0]], w ~ N(0, 5).
  public static func t3(seed: UInt32 = 1, epochs: Int = 12000) -> String {
    var generator = SeededGenerator(seed: seed)
    let data = Dataset.notGate
    let (x, y) = (data.inputs, data.targets)
    let m = 2.0
    let alpha = 0.05
    var w = generator.normal(mean: 0, standardDeviation: 5, rows: 2, columns: 1)
    var out = "Initial weights: \(PythonFormat.list(w))\n"
    let column0 = Matrix(rows: 2, columns: 1, values: [x[0, 0], x[1, 0]])
    let column1 = Matrix(rows: 2, columns: 1, values: [x[0, 1], x[1, 1]])
    for _ in 0..<max(epochs, 0) {
      let h = Activation.sigmoid.forward(x.dot(w))
      let common = ((2 / m) * (h - y)).hadamard(h).hadamard(1 - h)
      let d1 = common.hadamard(column0).sum
      let d2 = common.hadamard(column1).sum
      w = w - Matrix(rows: 2, columns: 1, values: [alpha * d1, alpha * d2])
    }
    let h = Activation.sigmoid.forward(x.dot(w))
    let mse = (h - y).map { (1 / m) * ($0 * $0) }.sum
    let logH = h.map { Foundation.log($0) }
    let log1mH = (1 - h).map { Foundation.log($0) }
    let ce = (-y).hadamard(logH) - (1 - y).hadamard(log1mH)
    out += "Final weights: \(PythonFormat.list(w))\n"
    out += "Output: \(PythonFormat.list(h))\n"
    out += "MSE cost: \(PythonFormat.float(mse))\n"
    out += "Cross-entropy cost: \(PythonFormat.float(ce.sum))\n"
    return out
  }
}

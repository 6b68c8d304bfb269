import Downhill
import DownhillPlot
import Foundation

/// σ(x) against the stretched σ(0.01·x) of T5's vanishing-gradient "fix": the values, and the
/// slopes that backpropagation multiplies the gradient by.
public enum StretchedSigmoid {
  /// T5's factor c in σ(c·x).
  public static let stretch = 0.01
  /// Wide enough for σ(0.01·x) to nearly saturate too, and to hold T5's pre-activations.
  public static let range = -600.0...600.0

  /// The pre-activations of T5's scaled-up DNN([2, 1000, 1000, 2]) for its one example, seeded
  /// as `Tutorials.t5` seeds it: where the network's sigmoids actually work.
  public static func preActivations(
    activation: Activation = .sigmoid, seed: UInt32 = 1
  ) throws -> [Double] {
    var generator = SeededGenerator(seed: seed)
    let network = try Tutorials.t5Network(
      sizes: [2, 1000, 1000, 2], activation: activation, generator: &generator)
    let inputs = try network.prepare(inputs: Dataset.t5Example.inputs)
    // Past the first layer: its inputs are T5's two small numbers, so its z stays small.
    return network.forward(inputs).dropFirst().flatMap(\.z.values)
  }

  static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  /// d/dx σ(c·x) = c·σ(cx)(1 − σ(cx)), written as c·e^(−|cx|)/(1 + e^(−|cx|))² because
  /// 1 − σ(cx) rounds to 0 beyond cx ≈ 37, while the slope itself stays representable to ≈ 700.
  static func slope(_ x: Double, stretch c: Double) -> Double {
    let e = exp(-abs(c * x))
    return c * e / ((1 + e) * (1 + e))
  }

  /// n in Unicode superscript digits, as in 10⁻¹³⁹.
  static func superscripts(_ n: Int) -> String {
    let digits = Array("⁰¹²³⁴⁵⁶⁷⁸⁹")
    let body = String(String(abs(n)).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    return (n < 0 ? "⁻" : "") + body
  }

  /// Left: σ(x) and σ(0.01·x); right: their slopes on a log axis. The range of `z` is shaded in
  /// both.
  public static func figure(preActivations z: [Double]) -> Figure {
    let figure = Figure(
      width: 960, height: 450,
      title: "Why T5 stretches the sigmoid: σ(x) saturates where a 1000-wide layer works")
    let grid = figure.subplots(rows: 1, columns: 2)
    let (values, slopes) = (grid[0][0], grid[0][1])
    let xs = (0...1200).map { range.lowerBound + Double($0) }
    let plain = Color(hex: 0xd62728)
    let stretched = Color(hex: 0x1f77b4)
    let band = (z.min() ?? 0)...(z.max() ?? 0)

    // The band first, so the curves are drawn over it.
    let gray = Color(hex: 0x7f7f7f)
    let edges = [band.lowerBound, band.upperBound]
    values.fillBetween(edges, [-0.05, -0.05], [1.05, 1.05], color: gray, alpha: 0.18)
    slopes.fillBetween(
      edges, [1e-12, 1e-12], [1, 1], label: "z in T5's [2, 1000, 1000, 2], layers 2–3",
      color: gray, alpha: 0.18)

    values.title = "activation"
    values.xLabel = "pre-activation x"
    values.yLabel = "output"
    values.showsGrid = true
    values.legend = .upperLeft
    values.plot(xs, xs.map { sigmoid($0) }, label: "σ(x)", color: plain)
    values.plot(xs, xs.map { sigmoid(stretch * $0) }, label: "σ(0.01·x)", color: stretched)
    values.yLimits = -0.05...1.05

    slopes.title = "slope: what backpropagation multiplies by"
    slopes.xLabel = "pre-activation x"
    slopes.yLabel = "d output / dx"
    slopes.yScale = .log
    slopes.yLimits = 1e-12...1
    slopes.showsGrid = true
    slopes.legend = .lowerLeft
    slopes.plot(xs, xs.map { slope($0, stretch: 1) }, label: "σ′(x)", color: plain)
    slopes.plot(
      xs, xs.map { slope($0, stretch: stretch) }, label: "d/dx σ(0.01·x)", color: stretched)

    // The plain slope in the band is far below any sensible axis: say how far.
    let exponent = Int(log10(slope(band.lowerBound, stretch: 1)).rounded(.up))
    let left = TextAnchor(.right, .center)
    for (i, line) in [
      "in the grey band", "σ′(x) < 10\(superscripts(exponent)),", "far below this axis",
    ]
    .enumerated() {
      slopes.text(
        line, at: band.upperBound, 1e-6 / pow(8, Double(i)), anchor: left, color: plain)
    }
    return figure
  }
}

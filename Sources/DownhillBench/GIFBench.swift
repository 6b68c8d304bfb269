import DownhillPlot
import Foundation

/// Animated GIF: 60 frames of a 640×480 figure, timing figure rendering and GIF encoding
/// separately. Two animations: a rotating heatmap (every frame changes almost everywhere, many
/// colours) and a marker sliding along a loss curve (frames differ in a small rectangle).
enum GIFBench {
  static func run() {
    measure("heatmap", "/tmp/downhill-bench.gif", heatmap)
    measure("moving point", "/tmp/downhill-bench-point.gif", movingPoint)
  }

  static func measure(_ name: String, _ path: String, _ frame: (Int) -> Figure) {
    let clock = ContinuousClock()
    var gif = try! AnimatedGIF(width: 640, height: 480, delay: 0.05)
    let render = clock.measure {
      for step in 0..<60 { try! gif.append(frame(step)) }
    }
    var bytes: [UInt8] = []
    let encode = clock.measure { bytes = try! gif.encoded() }
    try! gif.write(to: path)
    print(
      "gif \(name): 60 frames 640×480: render \(ms(render)) ms, encode \(ms(encode)) ms, "
        + "\(bytes.count / 1024) KiB → \(path)")
  }

  /// A rotating sinusoidal heatmap with a colorbar and a circling marker.
  static func heatmap(_ step: Int) -> Figure {
    let f = Figure(width: 640, height: 480, title: "step \(step)")
    let n = 48
    let angle = Double(step) / 60 * 2 * Double.pi
    let values = (0..<n * n).map { i -> Double in
      let x = Double(i % n) / Double(n) - 0.5
      let y = Double(i / n) / Double(n) - 0.5
      return sin(8 * (x * cos(angle) + y * sin(angle))) + 0.5 * cos(6 * hypot(x, y))
    }
    let a = f.axes
    a.heatmap(rows: n, columns: n, values: values)
    a.colorbarLabel = "value"
    a.scatter([24 + 16 * cos(angle)], [24 + 16 * sin(angle)], color: Color(hex: 0xd62728))
    return f
  }

  /// A loss curve with a marker sliding along it.
  static func movingPoint(_ step: Int) -> Figure {
    let f = Figure(width: 640, height: 480, title: "descent")
    let x = (0..<200).map(Double.init)
    let y = x.map { exp(-$0 / 40) + 0.05 * sin($0 / 5) }
    let a = f.axes
    a.plot(x, y, label: "loss")
    a.scatter([x[step * 3]], [y[step * 3]], color: Color(hex: 0xd62728))
    a.xLabel = "iteration"
    return f
  }

  static func ms(_ d: Duration) -> String {
    String(
      format: "%.0f", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
  }
}

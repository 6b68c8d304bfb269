import DownhillPlot
import Foundation

/// Animated GIF: 60 frames of a 640×480 figure (a rotating sinusoidal heatmap with a colorbar
/// and a moving marker), timing figure rendering and GIF encoding separately.
enum GIFBench {
  static func run() {
    let clock = ContinuousClock()
    var gif = try! AnimatedGIF(width: 640, height: 480, delay: 0.05)
    let render = clock.measure {
      for step in 0..<60 { try! gif.append(figure(step)) }
    }
    var bytes: [UInt8] = []
    let encode = clock.measure { bytes = try! gif.encoded() }
    let path = "/tmp/downhill-bench.gif"
    try! gif.write(to: path)
    print(
      "gif: 60 frames 640×480: render \(ms(render)) ms, encode \(ms(encode)) ms, "
        + "\(bytes.count / 1024) KiB → \(path)"
    )
  }

  static func figure(_ step: Int) -> Figure {
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

  static func ms(_ d: Duration) -> String {
    String(
      format: "%.0f", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
  }
}

/// Pixel counts and colour sums over a 6-bit-per-channel grid (262,144 cells). Six bits keep
/// neighbouring colormap steps apart while the grid stays small; the sums keep each cell's mean
/// exact, so a cell holding one colour reproduces it.
struct ColorHistogram {
  static let cellCount = 1 << 18
  private(set) var count: [UInt32]
  private var sums: [UInt64]  // r, g, b per cell

  init(frames: [[UInt32]]) {
    var count = [UInt32](repeating: 0, count: Self.cellCount)
    var sums = [UInt64](repeating: 0, count: Self.cellCount * 3)
    for frame in frames {
      frame.withUnsafeBufferPointer { pixels in
        // Add runs of one colour at once: figures are mostly flat areas.
        var i = 0
        while i < pixels.count {
          let c = pixels[i]
          var j = i + 1
          while j < pixels.count, pixels[j] == c { j += 1 }
          let n = UInt64(j - i)
          let cell = Self.cell(of: c)
          count[cell] &+= UInt32(truncatingIfNeeded: n)
          sums[cell * 3] += UInt64(c >> 16 & 0xff) * n
          sums[cell * 3 + 1] += UInt64(c >> 8 & 0xff) * n
          sums[cell * 3 + 2] += UInt64(c & 0xff) * n
          i = j
        }
      }
    }
    self.count = count
    self.sums = sums
  }

  static func cell(of c: UInt32) -> Int {
    let r = (c >> 18) & 0x3f
    let g = (c >> 10) & 0x3f
    let b = (c >> 2) & 0x3f
    return Int(r << 12 | g << 6 | b)
  }

  static func centre(ofCell cell: Int) -> (Double, Double, Double) {
    (
      Double(cell >> 12 & 0x3f) * 4 + 1.5, Double(cell >> 6 & 0x3f) * 4 + 1.5,
      Double(cell & 0x3f) * 4 + 1.5
    )
  }

  func mean(ofCell cell: Int) -> (Double, Double, Double)? {
    guard count[cell] > 0 else { return nil }
    let n = Double(count[cell])
    return (
      Double(sums[cell * 3]) / n, Double(sums[cell * 3 + 1]) / n, Double(sums[cell * 3 + 2]) / n
    )
  }
}

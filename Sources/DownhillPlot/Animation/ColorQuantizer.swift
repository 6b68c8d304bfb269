/// One palette of at most 256 colours for every frame of an animation, and the map from any
/// colour to its palette index.
///
/// Frames of one figure share almost all their colours, so one global palette keeps a colormap
/// from flickering between frames. When the frames hold at most 256 distinct colours the palette
/// is exactly those colours. Otherwise it is a variance-minimising median cut over a histogram of
/// every frame, with each colour weighted by the square root of its pixel count: a background
/// still gets its exact colour, but it cannot starve the thin lines and text, whose few pixels
/// would vanish under plain pixel-count weighting.
///
/// Colours are packed as `0xRRGGBB`. Everything is deterministic: the same frames give the same
/// palette and the same indices.
struct ColorQuantizer {
  /// The palette, at most 256 packed colours.
  let palette: [UInt32]
  private let exact: [UInt32: UInt8]?
  private let histogram: ColorHistogram?
  /// Palette index per 6-bit-per-channel cell, filled on first use; `unset` until then.
  private var table: [UInt16]
  private static let unset = UInt16.max

  init(frames: [[UInt32]]) {
    if let distinct = Self.distinctColors(in: frames, limit: 256) {
      palette = distinct
      exact = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, UInt8($0)) })
      histogram = nil
    } else {
      let h = ColorHistogram(frames: frames)
      palette = MedianCut.palette(from: h, size: 256)
      exact = nil
      histogram = h
    }
    table = exact == nil ? [UInt16](repeating: Self.unset, count: ColorHistogram.cellCount) : []
  }

  /// The palette index of every pixel of `frame` (`width` pixels a row). With `dithering`, an
  /// 8×8 Bayer threshold nudges each pixel before the lookup, trading banding for a fine
  /// regular pattern; exact palettes are never dithered.
  mutating func indices(of frame: [UInt32], width: Int, dithering: Bool) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: frame.count)
    if let exact {
      // Long runs of one colour are the rule in figures, so the previous pixel is a cheap cache.
      var last: UInt32 = frame.first.map { $0 ^ 1 } ?? 0
      var index: UInt8 = 0
      for (i, c) in frame.enumerated() {
        if c != last {
          last = c
          index = exact[c] ?? 0
        }
        out[i] = index
      }
      return out
    }
    frame.withUnsafeBufferPointer { pixels in
      out.withUnsafeMutableBufferPointer { out in
        if dithering {
          for i in 0..<pixels.count {
            let x = i % width
            let y = i / width
            let offset = (Int(Self.bayer[(y & 7) << 3 | (x & 7)]) - 32) / 4  // -8 … 7 levels
            out[i] = lookup(Self.nudge(pixels[i], by: offset))
          }
        } else {
          var last = pixels.first.map { $0 ^ 1 } ?? 0
          var index: UInt8 = 0
          for i in 0..<pixels.count {
            let c = pixels[i]
            if c != last {
              last = c
              index = lookup(c)
            }
            out[i] = index
          }
        }
      }
    }
    return out
  }

  private mutating func lookup(_ color: UInt32) -> UInt8 {
    let cell = ColorHistogram.cell(of: color)
    let cached = table[cell]
    if cached != Self.unset { return UInt8(cached) }
    // A cell's representative is the mean of the colours seen in it, so a cell holding one
    // colour (a flat background) maps exactly; cells no frame touched (dithering) use the centre.
    let target = histogram?.mean(ofCell: cell) ?? ColorHistogram.centre(ofCell: cell)
    let index = Self.nearest(to: target, in: palette)
    table[cell] = UInt16(index)
    return index
  }

  static func nearest(to c: (Double, Double, Double), in palette: [UInt32]) -> UInt8 {
    var best = 0
    var bestDistance = Double.infinity
    for (i, p) in palette.enumerated() {
      let dr = Double(p >> 16 & 0xff) - c.0
      let dg = Double(p >> 8 & 0xff) - c.1
      let db = Double(p & 0xff) - c.2
      let d = dr * dr + dg * dg + db * db
      if d < bestDistance {
        bestDistance = d
        best = i
      }
    }
    return UInt8(best)
  }

  /// The sorted distinct colours of all frames, or nil once there are more than `limit`.
  private static func distinctColors(in frames: [[UInt32]], limit: Int) -> [UInt32]? {
    var seen = Set<UInt32>()
    for frame in frames {
      var last: UInt32? = nil
      for c in frame where c != last {
        last = c
        if seen.insert(c).inserted, seen.count > limit { return nil }
      }
    }
    return seen.sorted()
  }

  private static func nudge(_ c: UInt32, by offset: Int) -> UInt32 {
    func channel(_ shift: UInt32) -> UInt32 {
      UInt32(max(0, min(255, Int(c >> shift & 0xff) + offset))) << shift
    }
    return channel(16) | channel(8) | channel(0)
  }

  /// The 8×8 Bayer matrix, thresholds 0…63.
  private static let bayer: [UInt8] = [
    0, 32, 8, 40, 2, 34, 10, 42, 48, 16, 56, 24, 50, 18, 58, 26,
    12, 44, 4, 36, 14, 46, 6, 38, 60, 28, 52, 20, 62, 30, 54, 22,
    3, 35, 11, 43, 1, 33, 9, 41, 51, 19, 59, 27, 49, 17, 57, 25,
    15, 47, 7, 39, 13, 45, 5, 37, 63, 31, 55, 23, 61, 29, 53, 21,
  ]
}

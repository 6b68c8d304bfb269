/// The part of a frame that changed since the previous one, so a GIF stores only that.
enum FrameDifference {
  struct Rect: Equatable {
    var x, y, width, height: Int
  }

  /// The smallest rectangle holding every pixel that differs; the whole frame when there is no
  /// previous frame, and a single pixel when nothing changed (a GIF image cannot be empty, and
  /// keeping it keeps one GIF image per appended frame).
  static func changedRect(from previous: [UInt8], to current: [UInt8], width: Int, height: Int)
    -> Rect
  {
    guard previous.count == current.count else {
      return Rect(x: 0, y: 0, width: width, height: height)
    }
    var minX = width
    var maxX = -1
    var minY = height
    var maxY = -1
    previous.withUnsafeBufferPointer { a in
      current.withUnsafeBufferPointer { b in
        for y in 0..<height {
          let row = y * width
          var first = -1
          for x in 0..<width where a[row + x] != b[row + x] {
            first = x
            break
          }
          guard first >= 0 else { continue }
          var last = width - 1
          while a[row + last] == b[row + last] { last -= 1 }
          minX = min(minX, first)
          maxX = max(maxX, last)
          minY = min(minY, y)
          maxY = y
        }
      }
    }
    guard maxY >= 0 else { return Rect(x: 0, y: 0, width: 1, height: 1) }
    return Rect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
  }

  /// The pixels of `r`, row by row.
  static func crop(_ pixels: [UInt8], width: Int, to r: Rect) -> [UInt8] {
    if r.x == 0, r.width == width, r.y == 0, r.height * width == pixels.count { return pixels }
    var out: [UInt8] = []
    out.reserveCapacity(r.width * r.height)
    for y in r.y..<(r.y + r.height) {
      out.append(contentsOf: pixels[(y * width + r.x)..<(y * width + r.x + r.width)])
    }
    return out
  }
}

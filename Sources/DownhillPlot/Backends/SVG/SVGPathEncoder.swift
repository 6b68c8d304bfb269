/// Writes SVG path data (`d`) as short as svgo would: coordinates on a binary grid in shortest
/// form, each segment absolute or relative (and `H`/`V` for axis-parallel lines) whichever is
/// shorter, command letters left out where the previous one repeats implicitly, and separators
/// only where the next number would otherwise run into the last.
///
/// Coordinates are integers of grid steps, so relative moves are exact and never drift.
struct SVGPathEncoder {
  let grid: SVGNumber.Grid
  /// Multiplies coordinates before they are put on the grid (8 with the unit grid: integer
  /// eighths, for a path drawn under `scale(.125)`).
  let scale: Double
  private(set) var bytes: [UInt8] = []

  /// The command a bare number pair would continue (`L` after `M`), 0 when a letter is needed.
  private var implicitCommand: UInt8 = 0
  /// Whether the last thing written was a letter (so no separator is needed before a number).
  private var afterLetter = true
  private var lastHadDot = false
  private var current = (x: 0, y: 0)
  private var subpathStart = (x: 0, y: 0)
  private var hasCurrentPoint = false
  /// Whether the current subpath has drawn a segment. After one, a line that stays on its grid
  /// point is dropped: it changes nothing drawn, and a converging trajectory has hundreds (a
  /// lone one is kept, since with round caps it draws a dot).
  private var subpathHasSegment = false
  /// A move is written only when something is drawn from it: Cairo ends every closed glyph
  /// contour with a move back to its start, which would otherwise cost "m0 0" each.
  private var pendingMove: (x: Int, y: Int)?
  /// The last segment's second control point, for the smooth shorthands `S` and `T`, which
  /// reflect it about the current point instead of writing the next segment's first one.
  private var lastCubicControl: (x: Int, y: Int)?
  private var lastQuadraticControl: (x: Int, y: Int)?

  init(grid: SVGNumber.Grid, scale: Double = 1) {
    self.grid = grid
    self.scale = scale
  }

  /// Appends every element of `path`, as Cairo would interpret it.
  mutating func append(_ path: Path) {
    for element in path.elements {
      switch element {
      case .move(let p): move(q(p.x), q(p.y))
      case .line(let p): line(q(p.x), q(p.y))
      case .curve(let c1, let c2, let p):
        curve(q(c1.x), q(c1.y), q(c2.x), q(c2.y), q(p.x), q(p.y))
      case .close: close()
      }
    }
  }

  /// Appends a closed polygon.
  mutating func appendPolygon(_ points: ArraySlice<Point>) {
    guard let first = points.first else { return }
    move(q(first.x), q(first.y))
    for p in points.dropFirst() { line(q(p.x), q(p.y)) }
    close()
  }

  func q(_ v: Double) -> Int { SVGNumber.quantize(v * scale, grid) }

  mutating func move(_ x: Int, _ y: Int) {
    pendingMove = (x, y)
    hasCurrentPoint = true
  }

  private mutating func writePendingMove() {
    guard let (x, y) = pendingMove else { return }
    pendingMove = nil
    let (dx, dy) = (x - current.x, y - current.y)
    // `M` never repeats implicitly (extra pairs after it mean `L`), so it always has its letter.
    if cost(nil, x, y) <= cost(nil, dx, dy) {
      emit(UInt8(ascii: "M"), x, y)
      implicitCommand = UInt8(ascii: "L")
    } else {
      emit(UInt8(ascii: "m"), dx, dy)
      implicitCommand = UInt8(ascii: "l")
    }
    current = (x, y)
    subpathStart = current
    hasCurrentPoint = true
    subpathHasSegment = false
    lastCubicControl = nil
    lastQuadraticControl = nil
  }

  mutating func line(_ x: Int, _ y: Int) {
    // Cairo treats a line with no current point as a move.
    guard hasCurrentPoint else { return move(x, y) }
    if pendingMove == nil && subpathHasSegment && x == current.x && y == current.y { return }
    writePendingMove()
    let (dx, dy) = (x - current.x, y - current.y)
    // Tuples, not arrays: this runs for every vertex of every mesh face.
    var best: (letter: UInt8, a: Int, b: Int?) = (UInt8(ascii: "L"), x, y)
    var bestCost = cost(best.letter, x, y)
    func consider(_ letter: UInt8, _ a: Int, _ b: Int?) {
      let c = cost(letter, a, b)
      if c < bestCost {
        best = (letter, a, b)
        bestCost = c
      }
    }
    consider(UInt8(ascii: "l"), dx, dy)
    if dy == 0 {
      consider(UInt8(ascii: "H"), x, nil)
      consider(UInt8(ascii: "h"), dx, nil)
    }
    if dx == 0 {
      consider(UInt8(ascii: "V"), y, nil)
      consider(UInt8(ascii: "v"), dy, nil)
    }
    emit(best.letter, best.a, best.b)
    implicitCommand = best.letter
    current = (x, y)
    subpathHasSegment = true
    lastCubicControl = nil
    lastQuadraticControl = nil
  }

  mutating func curve(_ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int, _ x: Int, _ y: Int) {
    if !hasCurrentPoint { move(x1, y1) }
    writePendingMove()
    let (cx, cy) = current
    let smooth = lastCubicControl.map { x1 == 2 * cx - $0.x && y1 == 2 * cy - $0.y } ?? false
    let letters: (UInt8, UInt8) =
      smooth ? (UInt8(ascii: "S"), UInt8(ascii: "s")) : (UInt8(ascii: "C"), UInt8(ascii: "c"))
    let absolute = smooth ? [x2, y2, x, y] : [x1, y1, x2, y2, x, y]
    let relative =
      smooth
      ? [x2 - cx, y2 - cy, x - cx, y - cy] : [x1 - cx, y1 - cy, x2 - cx, y2 - cy, x - cx, y - cy]
    let useAbsolute = cost(letters.0, absolute) <= cost(letters.1, relative)
    let letter = useAbsolute ? letters.0 : letters.1
    emit(letter, useAbsolute ? absolute : relative)
    implicitCommand = letter
    current = (x, y)
    subpathHasSegment = true
    lastCubicControl = (x2, y2)
    lastQuadraticControl = nil
  }

  /// A quadratic Bézier (TrueType glyphs are made of them; Cairo hands them over as cubics).
  mutating func quadratic(_ x1: Int, _ y1: Int, _ x: Int, _ y: Int) {
    if !hasCurrentPoint { move(x1, y1) }
    writePendingMove()
    let (cx, cy) = current
    let smooth = lastQuadraticControl.map { x1 == 2 * cx - $0.x && y1 == 2 * cy - $0.y } ?? false
    let letters: (UInt8, UInt8) =
      smooth ? (UInt8(ascii: "T"), UInt8(ascii: "t")) : (UInt8(ascii: "Q"), UInt8(ascii: "q"))
    let absolute = smooth ? [x, y] : [x1, y1, x, y]
    let relative = smooth ? [x - cx, y - cy] : [x1 - cx, y1 - cy, x - cx, y - cy]
    let useAbsolute = cost(letters.0, absolute) <= cost(letters.1, relative)
    let letter = useAbsolute ? letters.0 : letters.1
    emit(letter, useAbsolute ? absolute : relative)
    implicitCommand = letter
    current = (x, y)
    subpathHasSegment = true
    lastQuadraticControl = (x1, y1)
    lastCubicControl = nil
  }

  mutating func close() {
    guard hasCurrentPoint else { return }
    writePendingMove()
    bytes.append(UInt8(ascii: "z"))
    afterLetter = true
    implicitCommand = 0
    current = subpathStart
    subpathHasSegment = false
    lastCubicControl = nil
    lastQuadraticControl = nil
  }

  // MARK: Writing

  /// Bytes needed to write `letter` (nil: a letter always written, not counted) and numbers.
  private func cost(_ letter: UInt8?, _ a: Int, _ b: Int?) -> Int {
    var total = 0
    var letterWritten = true
    if let letter {
      if letter != implicitCommand { total += 1 } else { letterWritten = false }
    }
    let first = SVGNumber.spelling(a, grid)
    if !(letterWritten || afterLetter)
      && Self.needsSeparator(previousHadDot: lastHadDot, next: first)
    {
      total += 1
    }
    total += first.length
    if let b {
      let second = SVGNumber.spelling(b, grid)
      if Self.needsSeparator(previousHadDot: first.hasDot, next: second) { total += 1 }
      total += second.length
    }
    return total
  }

  private func cost(_ letter: UInt8?, _ numbers: [Int]) -> Int {
    var total = 0
    var letterWritten = true
    if let letter, letter != implicitCommand {
      total += 1
    } else if letter != nil {
      letterWritten = false
    }
    var previousDot = lastHadDot
    var first = true
    for n in numbers {
      let s = SVGNumber.spelling(n, grid)
      let needsNoSeparator = first && (letterWritten || afterLetter)
      if !needsNoSeparator && Self.needsSeparator(previousHadDot: previousDot, next: s) {
        total += 1
      }
      total += s.length
      previousDot = s.hasDot
      first = false
    }
    return total
  }

  private mutating func emit(_ letter: UInt8, _ a: Int, _ b: Int?) {
    writeLetter(letter)
    writeNumber(a)
    if let b { writeNumber(b) }
  }

  private mutating func emit(_ letter: UInt8, _ numbers: [Int]) {
    writeLetter(letter)
    for n in numbers { writeNumber(n) }
  }

  private mutating func writeLetter(_ letter: UInt8) {
    let isMove = letter == UInt8(ascii: "M") || letter == UInt8(ascii: "m")
    if isMove || letter != implicitCommand {
      bytes.append(letter)
      afterLetter = true
    }
  }

  private mutating func writeNumber(_ n: Int) {
    let s = SVGNumber.spelling(n, grid)
    if !afterLetter && Self.needsSeparator(previousHadDot: lastHadDot, next: s) {
      bytes.append(UInt8(ascii: " "))
    }
    SVGNumber.append(n, grid, to: &bytes)
    lastHadDot = s.hasDot
    afterLetter = false
  }

  /// "1.5.5" reads as 1.5 and .5, and "1-2" as 1 and -2, so those need no space.
  private static func needsSeparator(previousHadDot: Bool, next: SVGNumber.Spelling) -> Bool {
    if next.startsWithDigit { return true }
    if next.startsWithDot { return !previousHadDot }
    return false
  }
}

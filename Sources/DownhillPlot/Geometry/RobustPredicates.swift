/// Exact-sign 2D orientation and in-circle tests, after J. R. Shewchuk, "Adaptive Precision
/// Floating-Point Arithmetic and Fast Robust Geometric Predicates" (1997; his `predicates.c`
/// and its JavaScript port `robust-predicates` are in the public domain).
///
/// Each predicate first evaluates its determinant in plain floating point and compares it
/// with Shewchuk's forward error bound ("stage A"). Only when the rounded value is too small
/// to trust its sign is the determinant recomputed exactly, as a floating-point expansion
/// (a sum of non-overlapping doubles). Shewchuk's intermediate adaptive stages are left out on
/// purpose: they only speed up near-degenerate input, and one exact fallback is far easier to
/// verify (the tests check it against `Int128` arithmetic). The exact stage costs a few
/// microseconds and runs for a small fraction of calls even on lattice-like data.
///
/// The signs are exact as long as no product underflows or overflows: inputs must be finite,
/// with magnitudes (and nonzero differences) between about 2^-200 and 2^200.
/// `DelaunayTriangulation` scales its input by a power of two to guarantee that.
enum RobustPredicates {
  /// Half an ulp of 1: the relative rounding error of one operation.
  private static let epsilon = 0x1p-53
  private static let ccwErrorBound = (3 + 16 * epsilon) * epsilon
  private static let incircleErrorBound = (10 + 96 * epsilon) * epsilon

  /// Positive when `a`, `b`, `c` turn counter-clockwise in a y-up frame, negative when
  /// clockwise, exactly zero when collinear. The magnitude approximates twice the signed area.
  @inline(__always)
  static func orient2d(
    _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double
  ) -> Double {
    let detLeft = (ax - cx) * (by - cy)
    let detRight = (ay - cy) * (bx - cx)
    let det = detLeft - detRight
    // When the two products have opposite signs (or one is zero) there is no cancellation:
    // the rounded difference has the right sign.
    let detSum: Double
    if detLeft > 0 {
      if detRight <= 0 { return det }
      detSum = detLeft + detRight
    } else if detLeft < 0 {
      if detRight >= 0 { return det }
      detSum = -detLeft - detRight
    } else {
      return det
    }
    if det >= ccwErrorBound * detSum || -det >= ccwErrorBound * detSum { return det }
    return orient2dExact(ax, ay, bx, by, cx, cy)
  }

  /// Positive when `d` lies strictly inside the circle through `a`, `b`, `c` (which must be
  /// counter-clockwise, y up), negative when outside, exactly zero when the four are cocircular.
  @inline(__always)
  static func incircle(
    _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double,
    _ dx: Double, _ dy: Double
  ) -> Double {
    let adx = ax - dx
    let bdx = bx - dx
    let cdx = cx - dx
    let ady = ay - dy
    let bdy = by - dy
    let cdy = cy - dy

    let bdxcdy = bdx * cdy
    let cdxbdy = cdx * bdy
    let alift = adx * adx + ady * ady
    let cdxady = cdx * ady
    let adxcdy = adx * cdy
    let blift = bdx * bdx + bdy * bdy
    let adxbdy = adx * bdy
    let bdxady = bdx * ady
    let clift = cdx * cdx + cdy * cdy

    let det =
      alift * (bdxcdy - cdxbdy) + blift * (cdxady - adxcdy) + clift * (adxbdy - bdxady)
    let permanent =
      (abs(bdxcdy) + abs(cdxbdy)) * alift + (abs(cdxady) + abs(adxcdy)) * blift
      + (abs(adxbdy) + abs(bdxady)) * clift
    let bound = incircleErrorBound * permanent
    if det > bound || -det > bound { return det }
    return incircleExact(ax, ay, bx, by, cx, cy, dx, dy)
  }

  // MARK: Exact evaluation

  /// `(ax - cx)(by - cy) - (ay - cy)(bx - cx)` evaluated exactly; returns its largest component.
  static func orient2dExact(
    _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double
  ) -> Double {
    // The differences themselves round, so each is kept as a two-term expansion.
    let acx = difference(ax, cx)
    let acy = difference(ay, cy)
    let bcx = difference(bx, cx)
    let bcy = difference(by, cy)
    let det = sum(product(acx, bcy), negated(product(acy, bcx)))
    return det[det.count - 1]
  }

  /// The in-circle determinant, translated so `d` is the origin, evaluated exactly; returns its
  /// largest component.
  static func incircleExact(
    _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double,
    _ dx: Double, _ dy: Double
  ) -> Double {
    let adx = difference(ax, dx)
    let ady = difference(ay, dy)
    let bdx = difference(bx, dx)
    let bdy = difference(by, dy)
    let cdx = difference(cx, dx)
    let cdy = difference(cy, dy)

    let alift = sum(product(adx, adx), product(ady, ady))
    let blift = sum(product(bdx, bdx), product(bdy, bdy))
    let clift = sum(product(cdx, cdx), product(cdy, cdy))
    let bc = sum(product(bdx, cdy), negated(product(cdx, bdy)))
    let ca = sum(product(cdx, ady), negated(product(adx, cdy)))
    let ab = sum(product(adx, bdy), negated(product(bdx, ady)))

    let det = sum(sum(product(alift, bc), product(blift, ca)), product(clift, ab))
    return det[det.count - 1]
  }

  // MARK: Expansion arithmetic
  //
  // An expansion is an array of doubles, ordered by increasing magnitude, no two of which
  // overlap in their significant bits; its value is their exact sum and its sign is the sign of
  // its last (largest) component. Every routine below returns at least one component (a lone
  // zero for the value zero) and drops the other zeros, so expansions stay short.

  /// `a + b` as the rounded sum and its exact rounding error.
  @inline(__always)
  static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
    let x = a + b
    let bVirtual = x - a
    let aVirtual = x - bVirtual
    return (x, (a - aVirtual) + (b - bVirtual))
  }

  /// `a * b` as the rounded product and its exact rounding error (a fused multiply-add
  /// computes `a * b - x` with one rounding, which is exact here).
  @inline(__always)
  static func twoProduct(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
    let x = a * b
    return (x, (-x).addingProduct(a, b))
  }

  /// `a - b` exactly, as an expansion of one or two components.
  static func difference(_ a: Double, _ b: Double) -> [Double] {
    let (x, error) = twoSum(a, -b)
    return error == 0 ? [x] : [error, x]
  }

  static func negated(_ e: [Double]) -> [Double] { e.map { -$0 } }

  /// `e + f` exactly (Shewchuk's `fast_expansion_sum_zeroelim`: merge by magnitude, then
  /// accumulate with error-free additions; relies on round-to-nearest-even, which IEEE 754
  /// hardware uses by default).
  static func sum(_ e: [Double], _ f: [Double]) -> [Double] {
    var merged: [Double] = []
    merged.reserveCapacity(e.count + f.count)
    var i = 0
    var j = 0
    while i < e.count && j < f.count {
      if abs(e[i]) < abs(f[j]) {
        merged.append(e[i])
        i += 1
      } else {
        merged.append(f[j])
        j += 1
      }
    }
    merged.append(contentsOf: e[i...])
    merged.append(contentsOf: f[j...])

    var h: [Double] = []
    h.reserveCapacity(merged.count)
    var q = merged[0]
    for g in merged.dropFirst() {
      let (s, error) = twoSum(q, g)
      if error != 0 { h.append(error) }
      q = s
    }
    if q != 0 || h.isEmpty { h.append(q) }
    return h
  }

  /// `e * b` exactly (Shewchuk's `scale_expansion_zeroelim`).
  static func scaled(_ e: [Double], by b: Double) -> [Double] {
    var h: [Double] = []
    h.reserveCapacity(2 * e.count)
    var (q, error) = twoProduct(e[0], b)
    if error != 0 { h.append(error) }
    for component in e.dropFirst() {
      let (high, low) = twoProduct(component, b)
      let (s, error1) = twoSum(q, low)
      if error1 != 0 { h.append(error1) }
      // |high| ≥ |s| here, so Shewchuk uses Fast_Two_Sum; twoSum is exact regardless.
      let (next, error2) = twoSum(high, s)
      if error2 != 0 { h.append(error2) }
      q = next
    }
    if q != 0 || h.isEmpty { h.append(q) }
    return h
  }

  /// `e * f` exactly: the sum of `e` scaled by each component of `f`.
  static func product(_ e: [Double], _ f: [Double]) -> [Double] {
    var result = scaled(e, by: f[0])
    for component in f.dropFirst() {
      result = sum(result, scaled(e, by: component))
    }
    return result
  }
}

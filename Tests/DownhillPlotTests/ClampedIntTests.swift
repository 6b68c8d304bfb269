import Testing

@testable import DownhillPlot

/// Counts computed from doubles that may be huge or non-finite: clamped, never a trap.
@Suite struct ClampedIntTests {
  @Test func clampsLikeMinMaxOfIntAndNeverTraps() {
    #expect(clampedInt(7.9, 0...200) == 7)
    #expect(clampedInt(-3, 0...200) == 0)
    #expect(clampedInt(1e300, 0...200) == 200)
    #expect(clampedInt(.infinity, 2...6) == 6)
    #expect(clampedInt(-.infinity, 2...6) == 2)
    #expect(clampedInt(.nan, 2...6) == 2)
  }
}

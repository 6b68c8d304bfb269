import Testing

@testable import DownhillPlot

/// Expected colours from matplotlib 3.11 (`to_hex(matplotlib.colormaps[name](t))`).
private let matplotlibColors: [(String, Double, UInt32)] = [
  ("viridis", 0, 0x440154), ("viridis", 0.25, 0x3b528b), ("viridis", 0.5, 0x21918c),
  ("viridis", 0.7, 0x44bf70), ("viridis", 0.999, 0xfde725), ("viridis", 1, 0xfde725),
  ("viridis", 0.3, 0x355f8d), ("viridis", 0.001, 0x440154), ("viridis", 0.00390625, 0x440256),
  ("plasma", 0, 0x0d0887), ("plasma", 0.25, 0x7e03a8), ("plasma", 0.5, 0xcc4778),
  ("plasma", 0.7, 0xf2844b), ("plasma", 1, 0xf0f921),
  ("jet", 0, 0x000080), ("jet", 0.25, 0x0080ff), ("jet", 0.5, 0x7dff7a), ("jet", 0.7, 0xffc400),
  ("jet", 1, 0x800000), ("jet", 0.3, 0x00b0ff), ("jet", 0.00390625, 0x000084),
  ("coolwarm", 0, 0x3b4cc0), ("coolwarm", 0.25, 0x8db0fe), ("coolwarm", 0.5, 0xdddcdc),
  ("coolwarm", 0.7, 0xf7ac8e), ("coolwarm", 1, 0xb40426),
  ("coolwarm_r", 0.3, 0xf7ac8e), ("coolwarm_r", 0.5039, 0xdcdddd), ("coolwarm_r", 1, 0x3b4cc0),
]

@Test func colormapsMatchMatplotlib() throws {
  for (name, t, hex) in matplotlibColors {
    let map = try #require(Colormap.named(name))
    #expect(map.color(at: t) == Color(hex: hex), "\(name)(\(t))")
  }
}

@Test func colormapClampsAndMarksBadValues() {
  let map = Colormap.viridis
  #expect(map.color(at: -3) == map.color(at: 0))
  #expect(map.color(at: 7) == map.color(at: 1))
  #expect(map.color(at: -.infinity) == map.color(at: 0))
  #expect(map.color(at: .infinity) == map.color(at: 1))
  #expect(map.color(at: .greatestFiniteMagnitude) == map.color(at: 1))
  #expect(map.color(at: .nan) == Colormap.bad)
  #expect(Colormap.bad.alpha == 0)
  #expect(map.color(at: -0.0) == map.color(at: 0))
}

@Test func colormapNames() {
  #expect(Colormap.allNames == ["viridis", "plasma", "jet", "coolwarm"])
  for name in Colormap.allNames { #expect(Colormap.named(name)?.name == name) }
  #expect(Colormap.named("viridis_r")?.color(at: 0) == Colormap.viridis.color(at: 1))
  #expect(Colormap.named("viridis_r_r") == nil)
  #expect(Colormap.named("nope") == nil)
  #expect(Colormap.named("") == nil)
}

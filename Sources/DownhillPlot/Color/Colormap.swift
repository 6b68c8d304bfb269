/// A map from a scalar in 0…1 to a colour, reproducing matplotlib's colormaps exactly.
///
/// Lookup follows matplotlib's `Colormap.__call__`: the 256-entry table is indexed by
/// `Int(t × 256)`, with `t == 1` in the last bin, so colours match matplotlib's bit for bit
/// (as 8-bit sRGB). Values below 0 or above 1 clamp to the end colours (matplotlib's default
/// under/over colours); NaN gives ``bad``, fully transparent black, as in matplotlib.
public struct Colormap: Sendable {
  /// matplotlib's name for the map, e.g. `"viridis"`.
  public let name: String
  private let table: [UInt32]

  /// A colormap from a lookup table of `0xRRGGBB` values (at least one entry).
  public init(name: String, table: [UInt32]) {
    self.name = name
    self.table = table.isEmpty ? [0] : table
  }

  /// The colour for `t` in 0…1 (clamped); ``bad`` for NaN.
  public func color(at t: Double) -> Color {
    guard !t.isNaN else { return Colormap.bad }
    let n = table.count
    // Compare before converting: Int(t × n) would trap for huge or infinite t.
    let scaled = t * Double(n)
    let index = scaled < 0 ? 0 : (scaled >= Double(n) ? n - 1 : Int(scaled))
    return Color(hex: table[index])
  }

  /// The colour for NaN ("bad") values: transparent, so missing data shows the background.
  public static let bad = Color(red: 0, green: 0, blue: 0, alpha: 0)

  /// Perceptually uniform, matplotlib's default.
  public static let viridis = Colormap(name: "viridis", table: ColormapTables.viridis)
  /// Perceptually uniform, blue–purple–yellow.
  public static let plasma = Colormap(name: "plasma", table: ColormapTables.plasma)
  /// The classic rainbow map (not perceptually uniform; offered for familiarity).
  public static let jet = Colormap(name: "jet", table: ColormapTables.jet)
  /// Diverging blue–grey–red, for data centred on a meaningful zero.
  public static let coolwarm = Colormap(name: "coolwarm", table: ColormapTables.coolwarm)

  /// Names accepted by ``named(_:)``, in a stable order.
  public static let allNames: [String] = ["viridis", "plasma", "jet", "coolwarm"]

  /// The built-in colormap with this matplotlib name; a `_r` suffix gives it reversed, as in
  /// matplotlib. `nil` for unknown names.
  public static func named(_ name: String) -> Colormap? {
    if name.hasSuffix("_r"), let base = named(String(name.dropLast(2))), !base.name.hasSuffix("_r")
    {
      return Colormap(name: name, table: base.table.reversed())
    }
    switch name {
    case "viridis": return viridis
    case "plasma": return plasma
    case "jet": return jet
    case "coolwarm": return coolwarm
    default: return nil
    }
  }
}

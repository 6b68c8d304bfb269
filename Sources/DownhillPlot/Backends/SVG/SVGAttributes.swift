/// Attribute spellings for `SVGRenderer`: colours, path styles, escaped text and base64.
///
/// Every function appends bytes with a leading space, ready to follow an element name. SVG
/// defaults (black fill, no stroke, width 1, butt caps) are left out, which is most of what
/// makes the output smaller than Cairo's `style="…"` on every path.
enum SVGAttributes {
  /// ` name="value"`.
  static func append(_ name: String, _ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: " "))
    out.append(contentsOf: name.utf8)
    out.append(contentsOf: "=\"".utf8)
    out.append(contentsOf: value.utf8)
    out.append(UInt8(ascii: "\""))
  }

  /// ` name="1.25"`.
  static func append(_ name: String, number: Double, to out: inout [UInt8]) {
    out.append(UInt8(ascii: " "))
    out.append(contentsOf: name.utf8)
    out.append(contentsOf: "=\"".utf8)
    SVGNumber.append(number, to: &out)
    out.append(UInt8(ascii: "\""))
  }

  /// `#rrggbb`, or `#rgb` when each channel's two hex digits agree.
  static func hex(_ c: Color) -> [UInt8] {
    let channels = c.rgba8.prefix(3)
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = [UInt8(ascii: "#")]
    if channels.allSatisfy({ $0 >> 4 == $0 & 0xf }) {
      for v in channels { out.append(digits[Int(v & 0xf)]) }
    } else {
      for v in channels {
        out.append(digits[Int(v >> 4)])
        out.append(digits[Int(v & 0xf)])
      }
    }
    return out
  }

  /// ` fill="#…"` (or ` stroke=…`) plus an opacity only when the colour is translucent.
  /// `skipBlack` leaves out a black fill, SVG's default.
  static func appendPaint(
    _ kind: String, _ c: Color, skipBlack: Bool = false, to out: inout [UInt8]
  ) {
    let h = hex(c)
    if !(skipBlack && h == Array("#000".utf8)) {
      append(kind, String(decoding: h, as: UTF8.self), to: &out)
    }
    if c.alpha < 1 { append("\(kind)-opacity", number: max(0, c.alpha), to: &out) }
  }

  /// The presentation attributes of a path style; equal styles give equal bytes, which is how
  /// `SVGRenderer` groups consecutive paths. `scale` multiplies stroke widths and dashes, for a
  /// path drawn under `scale(1 / scale)`.
  static func style(_ style: PathStyle, scale: Double = 1) -> [UInt8] {
    var out: [UInt8] = []
    if let fill = style.fill {
      appendPaint("fill", fill, skipBlack: true, to: &out)
    } else {
      append("fill", "none", to: &out)
    }
    if let stroke = style.stroke {
      appendStroke(stroke, scale: scale, to: &out)
    }
    if !style.antialias { append("shape-rendering", "crispEdges", to: &out) }
    return out
  }

  static func appendStroke(_ stroke: StrokeStyle, scale: Double = 1, to out: inout [UInt8]) {
    appendPaint("stroke", stroke.color, to: &out)
    if stroke.width * scale != 1 { append("stroke-width", number: stroke.width * scale, to: &out) }
    switch stroke.cap {
    case .butt: break
    case .round: append("stroke-linecap", "round", to: &out)
    case .square: append("stroke-linecap", "square", to: &out)
    }
    switch stroke.join {
    // SVG's miter limit is 4, Cairo's 10: spell Cairo's so sharp corners look the same.
    case .miter: append("stroke-miterlimit", "10", to: &out)
    case .round: append("stroke-linejoin", "round", to: &out)
    case .bevel: append("stroke-linejoin", "bevel", to: &out)
    }
    if !stroke.dash.isEmpty {
      var list: [UInt8] = []
      for (i, d) in stroke.dash.enumerated() {
        if i > 0 { list.append(UInt8(ascii: " ")) }
        SVGNumber.append(d * scale, to: &list)
      }
      append("stroke-dasharray", String(decoding: list, as: UTF8.self), to: &out)
    }
  }

  /// `text` safe inside a double-quoted XML attribute. Characters XML 1.0 forbids are dropped.
  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\t", "\n", "\r": out += "&#\(scalar.value);"
      default:
        let v = scalar.value
        if v >= 0x20 && v != 0xFFFE && v != 0xFFFF { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }

  /// Standard base64 with padding, for `data:` URLs.
  static func appendBase64(_ bytes: [UInt8], to out: inout [UInt8]) {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    out.reserveCapacity(out.count + (bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 3 <= bytes.count {
      let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
      out.append(alphabet[Int(v >> 18)])
      out.append(alphabet[Int(v >> 12 & 63)])
      out.append(alphabet[Int(v >> 6 & 63)])
      out.append(alphabet[Int(v & 63)])
      i += 3
    }
    let rest = bytes.count - i
    guard rest > 0 else { return }
    let v = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
    out.append(alphabet[Int(v >> 18)])
    out.append(alphabet[Int(v >> 12 & 63)])
    out.append(rest == 2 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
    out.append(UInt8(ascii: "="))
  }
}

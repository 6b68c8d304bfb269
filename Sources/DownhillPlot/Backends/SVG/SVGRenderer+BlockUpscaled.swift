extension SVGRenderer {
  /// `image` with each pixel repeated into a block about as large as it is displayed.
  /// `image-rendering` is not honoured everywhere (librsvg 2.54 smooths regardless), and a
  /// smoothing renderer then blurs only the block borders, not whole cells. Flat blocks cost
  /// little once deflated.
  static func blockUpscaled(_ image: RasterImage, toCover rect: Rect) -> RasterImage {
    func factor(_ shown: Double, _ pixels: Int) -> Int {
      let f = (shown / Double(pixels)).rounded(.up)
      return f.isFinite ? Int(max(1, min(64, f))) : 1
    }
    let fx = factor(rect.width, image.width)
    let fy = factor(rect.height, image.height)
    let width = image.width * fx
    let height = image.height * fy
    guard fx * fy > 1, width * height <= 1 << 22 else { return image }
    var pixels = [UInt8](repeating: 0, count: width * height * 4)
    for y in 0..<height {
      let source = (y / fy) * image.width
      for x in 0..<width {
        let from = (source + x / fx) * 4
        let to = (y * width + x) * 4
        pixels[to] = image.pixels[from]
        pixels[to + 1] = image.pixels[from + 1]
        pixels[to + 2] = image.pixels[from + 2]
        pixels[to + 3] = image.pixels[from + 3]
      }
    }
    return RasterImage(width: width, height: height, pixels: pixels)
  }
}
